package history

import (
	"bytes"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestDefaultPathFrom(t *testing.T) {
	tests := []struct {
		name, db, xdg, want string
	}{
		{"ZOOMPOSE_DB wins", "/tmp/custom.db", "/xdg", "/tmp/custom.db"},
		{"XDG_DATA_HOME next", "", "/xdg", "/xdg/zoompose/history.db"},
		{"neither: no path, which Open refuses", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"ZOOMPOSE_DB": tt.db, "XDG_DATA_HOME": tt.xdg, "HOME": "/home/ada"}
			if got := DefaultPathFrom(func(k string) string { return env[k] }); got != tt.want {
				t.Errorf("DefaultPathFrom(env) = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOpenCreatesFolderAndFilePrivately(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "zoompose")
	path := filepath.Join(dir, "history.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s has mode %v, want %v", p, got, want)
		}
	}
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	if err := checkConsistent(s); err != nil {
		t.Errorf("Check on a new file: %v", err)
	}
}

func TestOpenKeepsRecordsAcrossReopen(t *testing.T) {
	s, path := openTemp(t)
	mustPut(t, s, message("m1", "a@xmpp.zoom.us", minute(1), "Hello", "world"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if _, err := s2.Get("m1"); err != nil {
		t.Errorf("after reopening, Get(m1): %v", err)
	}
}

// bbolt's flock is per open file description, so a second Open in the same
// process is refused exactly like one from another process.
func TestOpenLockedInSameProcess(t *testing.T) {
	t.Parallel() // each lock test waits out LockTimeout
	_, path := openTemp(t)
	assertLocked(t, path)
}

func TestOpenLockedByAnotherProcess(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "history.db")
	child, out := startChild(t, "hold", childPathEnv+"="+path)
	if !out.Scan() || out.Text() != "HOLDING" {
		t.Fatalf("child did not report holding the file: %q", out.Text())
	}
	assertLocked(t, path)
	// A killed holder's lock goes with it: the next Open succeeds.
	_ = child.Process.Kill()
	_ = child.Wait()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open after the other process ended: %v", err)
	}
	_ = s.Close()
}

func assertLocked(t *testing.T, path string) {
	t.Helper()
	start := time.Now()
	s, err := Open(path)
	elapsed := time.Since(start)
	if err == nil {
		_ = s.Close()
		t.Fatal("second Open succeeded while the file was held")
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("error %v is not ErrLocked", err)
	}
	want := "the history file " + path + " is in use by another zoompose process; close it and try again"
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if elapsed > 1500*time.Millisecond {
		t.Errorf("Open took %v to give up, want about %v", elapsed, LockTimeout)
	}
}

func TestOpenRefusesForeignFiles(t *testing.T) {
	random := make([]byte, 64<<10)
	_, _ = rand.Read(random)
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		want    error
		reason  string
	}{
		{"random bytes", writeBytes(random), ErrNotHistory, "not a bbolt database"},
		{"a text file", writeBytes([]byte("hello, I am a shopping list\n")), ErrNotHistory, "not a bbolt database"},
		{"bbolt without meta", boltWith(map[string]map[string]string{"users": {"ada": "1"}}), ErrNotHistory, "without the zoompose marker"},
		{"bbolt with another meta", boltWith(map[string]map[string]string{"meta": {"magic": "etcd"}}), ErrNotHistory, "lacks the zoompose marker"},
		{"unreadable version", boltWith(map[string]map[string]string{"meta": {"magic": Marker, "schema": "two"}}), ErrNotHistory, "unreadable"},
		{"newer zoompose", boltWith(map[string]map[string]string{"meta": {"magic": Marker, "schema": "99"}}), ErrNewerSchema, "upgrade zoompose"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "history.db")
			tt.prepare(t, path)
			before, _ := os.ReadFile(path)
			s, err := Open(path)
			if err == nil {
				_ = s.Close()
				t.Fatal("Open accepted a foreign file")
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.reason) || !strings.Contains(err.Error(), path) {
				t.Errorf("error = %q, want %v mentioning %q and the path", err, tt.want, tt.reason)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("Open changed the foreign file")
			}
		})
	}
}

func TestOpenAcceptsAnEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	writeBytes(nil)(t, path)
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open on an empty file: %v", err)
	}
	defer s.Close()
	mustPut(t, s, message("m1", "a@xmpp.zoom.us", minute(1), "Hi", "there"))
}

func TestOpenWithoutPath(t *testing.T) {
	if _, err := Open(""); err == nil || !strings.Contains(err.Error(), "ZOOMPOSE_DB") {
		t.Errorf("Open(\"\") = %v, want a sentence naming ZOOMPOSE_DB", err)
	}
}

func writeBytes(data []byte) func(*testing.T, string) {
	return func(t *testing.T, path string) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// boltWith writes a bbolt file holding the given buckets and keys.
func boltWith(buckets map[string]map[string]string) func(*testing.T, string) {
	return func(t *testing.T, path string) {
		rawUpdate(t, path, func(tx *bolt.Tx) error {
			for name, kv := range buckets {
				b, err := tx.CreateBucket([]byte(name))
				if err != nil {
					return err
				}
				for k, v := range kv {
					if err := b.Put([]byte(k), []byte(v)); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
}
