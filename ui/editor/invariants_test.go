package editor

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// checkInvariants fails t when m breaks a promise of its API: the cursor in
// the text and on a cluster boundary, the cursor cell inside the view, and
// the view exactly Width×Height cells.
func checkInvariants(t testing.TB, m Model) {
	t.Helper()
	line, col := m.Cursor()
	if line < 0 || line >= m.LineCount() {
		t.Fatalf("cursor line %d outside 0..%d", line, m.LineCount()-1)
	}
	l := m.buf.lines[line]
	if col < 0 || col > len(l.runes) {
		t.Fatalf("cursor col %d outside 0..%d on line %q", col, len(l.runes), string(l.runes))
	}
	if seg := l.layout(); seg.col(seg.clusterAt(col)) != col {
		t.Fatalf("cursor col %d is inside a grapheme cluster of %q", col, string(l.runes))
	}
	if got := strings.Count(m.Value(), "\n") + 1; got != m.LineCount() {
		t.Fatalf("Value has %d lines, LineCount says %d", got, m.LineCount())
	}
	if got := utf8.RuneCountInString(m.Value()); got != m.Len() {
		t.Fatalf("Value has %d runes, Len says %d", got, m.Len())
	}
	x, y := m.CursorPosition()
	if x < 0 || x >= m.Width() || y < 0 || y >= m.Height() {
		t.Fatalf("cursor cell (%d,%d) outside the %d×%d view", x, y, m.Width(), m.Height())
	}
	rows := strings.Split(m.View(), "\n")
	if len(rows) != m.Height() {
		t.Fatalf("view has %d rows, want %d", len(rows), m.Height())
	}
	for i, r := range rows {
		if w := ansi.StringWidth(r); w != m.Width() {
			t.Fatalf("view row %d is %d cells, want %d: %q", i, w, m.Width(), r)
		}
	}
}
