package commontest

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// The -update flag rewrites golden files instead of comparing: go test
// ./ui/... -update. It is defined here once so that every screen's tests
// share it. A test binary that also imports teatest gets the flag from
// teatest's golden package, which defines the same name and initialises
// first (import paths initialise in sorted order); defining it twice would
// panic, so this package then shares that one.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files under testdata/")
	}
}

// updating reports whether -update was given.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// Golden compares got with testdata/<name>.golden, or writes it with -update.
func Golden(t testing.TB, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no golden file %s (run go test -update to create it): %v", path, err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (run go test -update after checking):\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}
