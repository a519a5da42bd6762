// Package historytest holds helpers for tests, in any package, that need to
// prove something about a history file on disk.
package historytest

import (
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/zoompose/zoompose/zoom/zoomtest"
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
	forms := zoomtest.SecretForms(secret)
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
