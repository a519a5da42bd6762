// Package historytest holds helpers for tests, in any package, that need to
// prove something about a history file on disk.
package historytest

import (
	"bytes"
	"encoding/base64"
	"os"
	"testing"
)

// AssertNoSecrets fails t when any of secrets appears in the raw bytes of the
// file at path, plainly or base64-encoded (as in a Basic auth header). It
// reads the whole file, free pages included, so a secret written once and
// later overwritten is still caught. Failure messages name the secret by its
// position and length, never by its value. Empty secrets are ignored.
func AssertNoSecrets(t testing.TB, path string, secrets ...string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("could not read the history file to scan it: %v", err)
	}
	for i, secret := range secrets {
		if secret == "" {
			continue
		}
		forms := map[string][]byte{
			"plainly":        []byte(secret),
			"base64-encoded": []byte(base64.StdEncoding.EncodeToString([]byte(secret))),
		}
		for form, needle := range forms {
			if at := bytes.Index(data, needle); at >= 0 {
				t.Errorf("secret #%d (%d bytes) is written %s in %s at byte %d", i+1, len(secret), form, path, at)
			}
		}
	}
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
