package historytest

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps failures instead of failing the test.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Helper() {}

func TestAssertNoSecrets(t *testing.T) {
	const secret = "s3cr3t+value/123 ?&="
	basic := func(enc *base64.Encoding, id string) string { return enc.EncodeToString([]byte(id + ":" + secret)) }
	tests := []struct {
		name     string
		contents string
		failures int
	}{
		{"clean file", "history without credentials", 0},
		{"plain secret", "token=" + secret + ";", 1},
		{"base64 secret", "Basic " + base64.StdEncoding.EncodeToString([]byte(secret)), 1},
		{"query-escaped secret", "https://x.example/?s=" + url.QueryEscape(secret), 1},
		{"path-escaped secret", "https://x.example/" + url.PathEscape(secret), 1},
		{"Basic credentials, standard alphabet", "Authorization: Basic " + basic(base64.StdEncoding, "client-id"), 1},
		{"Basic credentials, unpadded", basic(base64.RawStdEncoding, "id"), 1},
		{"Basic credentials, URL alphabet", basic(base64.URLEncoding, "a"), 1},
		{"Basic credentials, URL alphabet unpadded", basic(base64.RawURLEncoding, ""), 1},
		{"several forms count once", secret + " " + base64.StdEncoding.EncodeToString([]byte(secret)), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "history.db")
			if err := os.WriteFile(path, []byte(tt.contents), 0o600); err != nil {
				t.Fatal(err)
			}
			r := &recorder{TB: t}
			AssertNoSecrets(r, path, "", secret)
			if len(r.errors) != tt.failures {
				t.Fatalf("got %d failures %q, want %d", len(r.errors), r.errors, tt.failures)
			}
			for _, msg := range r.errors {
				if strings.Contains(msg, secret) || !strings.Contains(msg, "secret #2") {
					t.Errorf("failure %q must name the secret by position, never by value", msg)
				}
			}
		})
	}
}

// Every base64 form is found whatever the bytes before the secret, and none
// is so short that it matches ordinary text.
func TestFormsFindTheSecretInAnyBase64(t *testing.T) {
	const secret = "sandbox-client-secret"
	for prefix := range 6 {
		text := strings.Repeat("x", prefix) + ":" + secret
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
			if _, at := FindSecret([]byte(enc.EncodeToString([]byte(text))), secret); at < 0 {
				t.Errorf("the secret after %d bytes is not found in its base64", prefix+1)
			}
		}
	}
	if _, at := FindSecret([]byte("an ordinary history record with a card and a channel"), secret); at >= 0 {
		t.Error("a form matched ordinary text")
	}
}

func TestContains(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, []byte("abc message-id-1 xyz"), 0o600); err != nil {
		t.Fatal(err)
	}
	if !Contains(t, path, "message-id-1") || Contains(t, path, "absent") {
		t.Error("Contains does not see the file's bytes")
	}
}
