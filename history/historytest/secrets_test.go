package historytest

import (
	"encoding/base64"
	"fmt"
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
	const secret = "s3cr3t-value-123"
	tests := []struct {
		name     string
		contents string
		failures int
	}{
		{"clean file", "history without credentials", 0},
		{"plain secret", "token=" + secret + ";", 1},
		{"base64 secret", "Basic " + base64.StdEncoding.EncodeToString([]byte(secret)), 1},
		{"both forms", secret + " " + base64.StdEncoding.EncodeToString([]byte(secret)), 2},
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

func TestContains(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, []byte("abc message-id-1 xyz"), 0o600); err != nil {
		t.Fatal(err)
	}
	if !Contains(t, path, "message-id-1") || Contains(t, path, "absent") {
		t.Error("Contains does not see the file's bytes")
	}
}
