package zoom

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// assertNoSecretForm fails when text holds any form of any of the secrets.
// The failure names the form, never the secret.
func assertNoSecretForm(t *testing.T, text string, secrets ...string) {
	t.Helper()
	for i, secret := range secrets {
		if len(secret) < minSecretForm {
			continue
		}
		for name, form := range zoomtest.SecretForms(secret) {
			if form != "" && strings.Contains(text, form) {
				t.Errorf("text holds secret #%d (%d bytes) %s: %q", i+1, len(secret), name, text)
			}
		}
	}
}

func TestSecretFormsFindTheBasicCredentials(t *testing.T) {
	for _, id := range []string{"", "a", "ab", "abc", "sandbox-client-id"} {
		secret := `p+a/s=s%w:o rd&é?#~"<>`
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
			basic := enc.EncodeToString([]byte(id + ":" + secret))
			found := false
			for _, form := range zoomtest.SecretForms(secret) {
				found = found || strings.Contains(basic, form)
			}
			if !found {
				t.Errorf("no form of the secret is found in base64(%q + \":\" + secret)", id)
			}
		}
	}
}

// Every form a secret travels in is redacted, and the text around it kept.
func TestRedactorCoversEveryForm(t *testing.T) {
	const token = "zsbx.Ab3_-tokenValue+With/Odd=Chars"
	for _, creds := range []struct{ id, secret string }{
		{"sandbox-client-id", "sandbox-client-secret"},
		{"hostile+id/=%~", `p+a/s=s%2Fw:o rd&é?#~"<>\ end`},
		{"id", "a"}, // too short to redact raw, still redacted in base64
	} {
		pair := creds.id + ":" + creds.secret
		basic := base64.StdEncoding.EncodeToString([]byte(pair))
		forms := map[string]string{
			"raw secret":                   creds.secret,
			"query-escaped secret":         url.QueryEscape(creds.secret),
			"path-escaped secret":          url.PathEscape(creds.secret),
			"lower-case hex escapes":       lowerEscapes(url.QueryEscape(creds.secret)),
			"JSON-escaped secret":          strings.Trim(mustJSON(creds.secret), `"`),
			"base64 std padded":            basic,
			"base64 std unpadded":          base64.RawStdEncoding.EncodeToString([]byte(pair)),
			"base64 url padded":            base64.URLEncoding.EncodeToString([]byte(pair)),
			"base64 url unpadded":          base64.RawURLEncoding.EncodeToString([]byte(pair)),
			"Basic header":                 "Basic " + basic,
			"query-escaped Basic header":   url.QueryEscape("Basic " + basic),
			"path-escaped Basic header":    url.PathEscape("Basic " + basic),
			"base64 of the secret alone":   base64.StdEncoding.EncodeToString([]byte(creds.secret)),
			"base64 of the escaped pair":   base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(creds.id) + ":" + url.QueryEscape(creds.secret))),
			"raw token":                    token,
			"Bearer header":                "Bearer " + token,
			"query-escaped Bearer header":  url.QueryEscape("Bearer " + token),
			"path-escaped token":           url.PathEscape(token),
			"unknown bearer token":         "Bearer eyJhbGciOiJIUzUxMiJ9.eyJ0b2tlbiI6MX0.c2lnbmF0dXJl",
			"unknown basic credentials":    "basic dW5rbm93bjpjcmVkZW50aWFsczEyMw==",
			"whole header line, lowercase": "authorization: basic " + basic,
		}
		for name, form := range forms {
			t.Run(creds.id+"/"+name, func(t *testing.T) {
				r := newRedactor(creds.id, creds.secret)
				r.addToken(token)
				got := r.redact("before " + form + " after")
				if !strings.HasPrefix(got, "before ") || !strings.HasSuffix(got, " after") {
					t.Errorf("the text around the secret was not kept: %q", got)
				}
				if len(form) < minSecretForm {
					return // too short: left alone, as ordinary text
				}
				if !strings.Contains(got, redactedText) || strings.Contains(got, form) {
					t.Errorf("redact(%q) = %q, want the %s replaced", form, got, name)
				}
				assertNoSecretForm(t, got, creds.secret, token, pair)
			})
		}
	}
}

// Zoom's own prose is left alone: only credentials are blanked.
func TestRedactorKeepsOrdinaryText(t *testing.T) {
	r := newRedactor("sandbox-client-id", "sandbox-client-secret")
	for _, text := range []string{
		"Invalid access token.",
		"Basic authentication failed",
		"Bearer token is missing or expired, fetch a new one",
		"Invalid client_id or client_secret",
		"No Chatbot can be found with the given robot_jid value.",
	} {
		if got := r.redact(text); got != text {
			t.Errorf("redact(%q) = %q, want it unchanged", text, got)
		}
	}
}

// Redacting can join the marker and the text around it into the secret
// again; the redactor scans until none is left.
func TestRedactorScansAgainAfterReplacing(t *testing.T) {
	r := newRedactor("id", "d>abc")
	for _, text := range []string{"d>d>abcabc", "xd>d>d>abcabcabc", "d><re"} {
		if got := r.redact(text); strings.Contains(got, "d>abc") {
			t.Errorf("redact(%q) = %q still holds the secret", text, got)
		}
	}
}

// Only the last recentTokens tokens are remembered, with their forms.
func TestRedactorKeepsRecentTokens(t *testing.T) {
	r := newRedactor("id", "secret-value")
	var tokens []string
	for i := range recentTokens + 2 {
		token := fmt.Sprintf("token-number-%02d", i)
		tokens = append(tokens, token)
		r.addToken(token)
	}
	if got := r.redact(tokens[0]); got != tokens[0] {
		t.Errorf("the oldest token is still redacted: %q", got)
	}
	for _, token := range tokens[2:] {
		if got := r.redact("x " + url.QueryEscape(token) + " y"); got != "x <redacted> y" {
			t.Errorf("a recent token is not redacted: %q", got)
		}
	}
}

// scrub redacts before cutting, so a long text never ends in a cut-off piece
// of a secret, and redacts after folding, so a secret split by a line break
// is found once the break is folded.
func TestScrubRedactsBeforeCuttingAndAfterFolding(t *testing.T) {
	r := newRedactor("sandbox-client-id", "a b-secret-value")
	basic := base64.StdEncoding.EncodeToString([]byte("sandbox-client-id:a b-secret-value"))
	long := strings.Repeat("x", 190) + " Basic " + basic
	if got := r.scrub(long, 200); strings.Contains(got, basic[:4]) {
		t.Errorf("scrub left a piece of the Basic credentials: %q", got)
	}
	if got := r.scrub("secret a\nb-secret-value here", 200); strings.Contains(got, "b-secret-value") {
		t.Errorf("scrub left a secret that a line break split: %q", got)
	}
}

// The redactor never returns a text holding a form it knows of a secret of at
// least minSecretForm bytes (except a form that is part of "<redacted>").
func FuzzRedact(f *testing.F) {
	f.Add("sandbox-client-id", "sandbox-client-secret", "zsbx.token", "error: ")
	f.Add("hostile+id/=%~", `p+a/s=s%2Fw:o rd&é?#~"<>\ end`, "tok+/=", "<redacted>")
	f.Add("id", "d>abc", "d><re", "d>")
	f.Add("", "Basic ", "Bearer 0123456789abcdefgh", "Bearer ")
	f.Fuzz(func(t *testing.T, id, secret, token, text string) {
		r := newRedactor(id, secret)
		r.addToken(token)
		var known []string
		for _, s := range []string{secret, token} {
			known = append(known, s, url.QueryEscape(s), url.PathEscape(s))
		}
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
			if secret != "" { // without a secret, "id:" is no credential
				known = append(known, enc.EncodeToString([]byte(id+":"+secret)), enc.EncodeToString([]byte(secret)))
			}
		}
		for _, inserted := range known {
			got := r.redact(text + inserted + text)
			for _, form := range known {
				if len(form) >= minSecretForm && !strings.Contains(redactedText, form) && strings.Contains(got, form) {
					t.Fatalf("redact(%q) = %q still holds %q", text+inserted+text, got, form)
				}
			}
		}
	})
}

// lowerEscapes writes the %XX escapes of s with lower-case hex digits.
func lowerEscapes(s string) string {
	return regexp.MustCompile(`%[0-9A-F]{2}`).ReplaceAllStringFunc(s, strings.ToLower)
}

func mustJSON(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}
