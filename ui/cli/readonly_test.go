package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The commands that read the history (and resolve, which settles what is already in it)
// never create one: a missing path is exit 1 "no history at PATH" saying how to point at
// one, and nothing is created, neither the file nor its folders.
func TestReadOnlyCommandsCreateNothing(t *testing.T) {
	commands := [][]string{
		{"history"},
		{"history", "--json"},
		{"history", "--unfurls"},
		{"history", "export"},
		{"history", "resolve", "local-x", "--not-arrived"},
	}
	for _, args := range commands {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			for _, how := range []string{"ZOOMPOSE_DB", "--db", "default"} {
				h := newHarness(t)
				root := filepath.Join(h.dir, "nonexistent")
				path := filepath.Join(root, "dir", "h.db")
				cmd, origin := args, "the environment"
				switch how {
				case "ZOOMPOSE_DB":
					h.env["ZOOMPOSE_DB"] = path
				case "--db":
					delete(h.env, "ZOOMPOSE_DB")
					cmd, origin = append([]string{"--db", path}, args...), "the --db flag"
				case "default":
					delete(h.env, "ZOOMPOSE_DB")
					h.env["XDG_DATA_HOME"] = root
					path, origin = filepath.Join(root, "zoompose", "history.db"), "the default"
				}
				res := h.exec("", cmd...)
				assertOneErrorLine(t, res, ExitAPI, "no history at "+path, origin, "ZOOMPOSE_DB or --db")
				if _, err := os.Stat(root); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s (%s): %s was created", strings.Join(args, " "), how, root)
				}
				if res.stdout != "" {
					t.Errorf("stdout = %q", res.stdout)
				}
			}
		})
	}
}

// An empty file, a folder or a file of something else is an error, never a new history,
// and is left as it was.
func TestReadOnlyCommandsRefuseWhatIsNotAHistory(t *testing.T) {
	tests := []struct {
		name    string
		content []byte // nil: a folder
		reason  string
	}{
		{"an empty file", []byte{}, "empty"},
		{"a text file", []byte("milk\neggs\n"), "not a bbolt database"},
		{"a folder", nil, "a folder"},
	}
	for _, tt := range tests {
		for _, args := range [][]string{{"history"}, {"history", "export"}, {"history", "resolve", "local-x", "--arrived"}} {
			t.Run(tt.name+"/"+strings.Join(args, " "), func(t *testing.T) {
				h := newHarness(t)
				path := h.env["ZOOMPOSE_DB"]
				if tt.content == nil {
					if err := os.Mkdir(path, 0o700); err != nil {
						t.Fatal(err)
					}
				} else if err := os.WriteFile(path, tt.content, 0o600); err != nil {
					t.Fatal(err)
				}
				res := h.exec("", args...)
				assertOneErrorLine(t, res, ExitAPI, path, "is not a zoompose history file", tt.reason)
				if tt.content != nil {
					if after, _ := os.ReadFile(path); !bytes.Equal(after, tt.content) {
						t.Errorf("the file changed to %d bytes", len(after))
					}
				}
			})
		}
	}
}

// The sending commands still start a history on first use.
func TestSendStillCreatesTheHistory(t *testing.T) {
	h := newHarness(t)
	h.env["ZOOMPOSE_DB"] = filepath.Join(h.dir, "new", "dir", "history.db")
	h.send(h.writeFile("card.md", sampleCard))
	res := h.exec("", "history")
	if res.code != 0 || !strings.Contains(res.stdout, "Release 1.4") {
		t.Fatalf("history after the first send = %d:\n%s%s", res.code, res.stdout, res.stderr)
	}
}
