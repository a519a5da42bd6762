// Package historytest holds helpers for tests, in any package, that need to
// prove something about a history file on disk.
package historytest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/url"
	"os"
	"slices"
	"testing"
)

// AssertNoSecrets fails t when any of secrets appears in the raw bytes of the
// file at path in any of its Forms: plainly, URL-escaped, or inside base64 text
// (as in a Basic auth header's base64 of "client_id:client_secret"). It reads
// the whole file, free pages included, so a secret written once and later
// overwritten is still caught. Failure messages name the secret by its
// position and length, never by its value. Empty secrets are ignored.
func AssertNoSecrets(t testing.TB, path string, secrets ...string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("could not read the history file to scan it: %v", err)
	}
	for i, secret := range secrets {
		if form, at := FindSecret(data, secret); at >= 0 {
			t.Errorf("secret #%d (%d bytes) is written %s in %s at byte %d", i+1, len(secret), form, path, at)
		}
	}
}

// FindSecret returns the name of the first of secret's Forms found in data, in
// the order of their names, and where it starts; at is -1 when none is found
// or secret is empty.
func FindSecret(data []byte, secret string) (form string, at int) {
	if secret == "" {
		return "", -1
	}
	forms := Forms(secret)
	names := make([]string, 0, len(forms))
	for name := range forms {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if at := bytes.Index(data, []byte(forms[name])); at >= 0 {
			return name, at
		}
	}
	return "", -1
}

// Forms are the ways a secret can be written, by name, each different from the
// others: plainly, URL-escaped as a query value and as a path segment, and
// base64-encoded in the standard and URL alphabets at each of the three byte
// alignments. A base64 form is the part of the encoding that depends on the
// secret alone, so it is found inside the base64 of any longer text holding
// the secret, padded or not, such as base64 of "client_id:client_secret";
// base64 forms shorter than 8 characters are left out, as they would match by
// chance.
func Forms(secret string) map[string]string {
	forms := map[string]string{}
	add := func(name, form string) {
		for _, seen := range forms {
			if seen == form {
				return
			}
		}
		forms[name] = form
	}
	add("plainly", secret)
	add("query-escaped", url.QueryEscape(secret))
	add("path-escaped", url.PathEscape(secret))
	for _, alphabet := range []struct {
		name string
		enc  *base64.Encoding
	}{{"standard", base64.RawStdEncoding}, {"URL", base64.RawURLEncoding}} {
		for offset := range 3 {
			if form := base64Inside(alphabet.enc, secret, offset); len(form) >= 8 {
				add(fmt.Sprintf("base64-encoded (%s alphabet, byte offset %d)", alphabet.name, offset), form)
			}
		}
	}
	return forms
}

// base64Inside is the part of the base64 of secret, preceded by offset other
// bytes, whose characters depend on secret's bytes alone.
func base64Inside(enc *base64.Encoding, secret string, offset int) string {
	full := enc.EncodeToString(append(make([]byte, offset), secret...))
	from, to := (8*offset+5)/6, 8*(offset+len(secret))/6
	if to <= from {
		return ""
	}
	return full[from:to]
}

// Contains reports whether needle occurs in the raw bytes of the file at
// path. Tests use it to check that AssertNoSecrets' scan can see records at
// all, so a passing scan means something.
func Contains(t testing.TB, path, needle string) bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("could not read the history file to scan it: %v", err)
	}
	return bytes.Contains(data, []byte(needle))
}
