package cli

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/zoompose/zoompose/ui/termtext"
)

// jsonLines writes records as JSON lines while they are read, so a command
// that lists a whole history (history --json, and any other listing that
// walks the store with a callback) holds one record at a time. The lines are
// exactly what encoding/json writes for each record with HTML characters as
// they are, with control characters escaped by termtext.JSONWriter: the
// exact values, safe on a terminal. Use Write (or WriteRaw, for a walk that
// hands out records already encoded) as the store walk's callback, then
// Close.
type jsonLines struct {
	buf *bufio.Writer
	esc *termtext.JSONWriter
	enc *json.Encoder
}

// newJSONLines writes to w through a buffer, so a record costs no system
// call of its own.
func newJSONLines(w io.Writer) *jsonLines {
	buf := bufio.NewWriterSize(w, 64<<10)
	esc := termtext.NewJSONWriter(buf)
	enc := json.NewEncoder(esc)
	enc.SetEscapeHTML(false)
	return &jsonLines{buf: buf, esc: esc, enc: enc}
}

// Write writes one record as one line.
func (l *jsonLines) Write(record any) error { return l.enc.Encode(record) }

// WriteRaw writes one record given as its JSON encoding, as Write would
// have encoded it, as one line.
func (l *jsonLines) WriteRaw(encoded []byte) error {
	if _, err := l.esc.Write(encoded); err != nil {
		return err
	}
	_, err := l.esc.Write(newline)
	return err
}

var newline = []byte("\n")

// Close writes out whatever is buffered. It does not close w.
func (l *jsonLines) Close() error {
	if err := l.esc.Flush(); err != nil {
		return err
	}
	return l.buf.Flush()
}

// writeJSONLines writes records already in memory as JSON lines.
func writeJSONLines[T any](w io.Writer, records []T) error {
	lines := newJSONLines(w)
	for _, r := range records {
		if err := lines.Write(r); err != nil {
			return err
		}
	}
	return lines.Close()
}
