package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestExportGolden pins the export format: testdata/TestExportGolden.golden
// (go test ./history -update rewrites it).
func TestExportGolden(t *testing.T) {
	s, _ := openTemp(t)
	writeOneOfEach(t, s)
	mustPut(t, s, message("m0", "b@x", minute(0), "Earlier", "sent <first> & \"quoted\""))
	applyEdit(t, s, "m1", Revision{Content: card("h", "b2"), Source: "edited", At: minute(6)})
	var out bytes.Buffer
	if err := s.Export(&out); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, out.Bytes())
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
