package history

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenExistingCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{
		filepath.Join(dir, "history.db"),
		filepath.Join(dir, "no", "such", "dir", "history.db"),
	} {
		s, err := OpenExisting(path)
		if err == nil {
			_ = s.Close()
			t.Fatalf("OpenExisting(%s) opened a history", path)
		}
		if !errors.Is(err, ErrNoHistory) || err.Error() != "no history at "+path {
			t.Errorf("OpenExisting(%s) = %q, want ErrNoHistory naming the path", path, err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 0 {
		t.Fatalf("OpenExisting left %v in %s (%v)", entries, dir, err)
	}
}

func TestOpenExistingRefusesWhatIsNotAHistory(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		reason  string
	}{
		{"an empty file", writeBytes(nil), "empty: 0 bytes"},
		{"a folder", func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
		}, "a folder"},
		{"a text file", writeBytes([]byte("hello, I am a shopping list\n")), "not a bbolt database"},
		{"an empty bbolt database", boltWith(nil), "empty bbolt database"},
		{"bbolt without meta", boltWith(map[string]map[string]string{"users": {"ada": "1"}}), "without the zoompose marker"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "history.db")
			tt.prepare(t, path)
			before, _ := os.ReadFile(path)
			s, err := OpenExisting(path)
			if err == nil {
				_ = s.Close()
				t.Fatal("OpenExisting accepted it")
			}
			if !errors.Is(err, ErrNotHistory) || !strings.Contains(err.Error(), tt.reason) || !strings.Contains(err.Error(), path) {
				t.Errorf("error = %q, want ErrNotHistory saying %q and naming the path", err, tt.reason)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("OpenExisting changed the file")
			}
		})
	}
}

func TestOpenExistingOpensAHistory(t *testing.T) {
	s, path := openTemp(t)
	mustPut(t, s, message("m1", "a@xmpp.zoom.us", minute(1), "Hi", "there"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := OpenExisting(path)
	if err != nil {
		t.Fatalf("OpenExisting: %v", err)
	}
	defer again.Close()
	if m, err := again.Get("m1"); err != nil || m.ToJID != "a@xmpp.zoom.us" {
		t.Fatalf("Get = %+v, %v", m, err)
	}
}

func TestOpenExistingEmptyFileDirectly(t *testing.T) {
	// The opener itself refuses an empty file too, so a file emptied after
	// the first look is still not made into a history.
	path := filepath.Join(t.TempDir(), "history.db")
	writeBytes(nil)(t, path)
	if _, err := openBolt(path, openExistingFile, LockTimeout); !errors.Is(err, ErrNotHistory) {
		t.Fatalf("openBolt = %v, want ErrNotHistory", err)
	}
	if info, err := os.Stat(path); err != nil || info.Size() != 0 {
		t.Fatalf("the file became %v, %v", info.Size(), err)
	}
	gone := filepath.Join(t.TempDir(), "gone.db")
	if _, err := openBolt(gone, openExistingFile, LockTimeout); !errors.Is(err, ErrNoHistory) {
		t.Fatalf("openBolt = %v, want ErrNoHistory", err)
	}
	if _, err := os.Stat(gone); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the opener created %s", gone)
	}
}

func TestOpenExistingWithoutPath(t *testing.T) {
	if _, err := OpenExisting(""); err == nil || !strings.Contains(err.Error(), "ZOOMPOSE_DB") {
		t.Errorf("OpenExisting(\"\") = %v, want a sentence naming ZOOMPOSE_DB", err)
	}
}
