package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

func TestExportGolden(t *testing.T) {
	s, _ := openTemp(t)
	writeOneOfEach(t, s)
	mustPut(t, s, message("m0", "b@x", minute(0), "Earlier", "sent <first> & \"quoted\""))
	applyEdit(t, s, "m1", Revision{Content: card("h", "b2"), Source: "edited", At: minute(6)})
	var out bytes.Buffer
	if err := s.Export(&out); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "export.golden.jsonl")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestExportGolden -update to create it)", err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("Export output differs from %s (rerun with -update if intended):\n%s", golden, out.String())
	}
	assertEveryLineIsARecord(t, out.Bytes())
}

func assertEveryLineIsARecord(t *testing.T, data []byte) {
	t.Helper()
	lines := bufio.NewScanner(bytes.NewReader(data))
	for lines.Scan() {
		var line struct {
			Kind   string          `json:"kind"`
			Record json.RawMessage `json:"record"`
		}
		if err := json.Unmarshal(lines.Bytes(), &line); err != nil || line.Kind == "" || len(line.Record) < 2 {
			t.Errorf("line %q is not {kind, record}: %v", lines.Text(), err)
		}
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestExportReportsWriteFailure(t *testing.T) {
	s, _ := openTemp(t)
	writeOneOfEach(t, s)
	if err := s.Export(failingWriter{}); err == nil {
		t.Error("Export into a failing writer returned nil")
	}
}
