package editor

import (
	"slices"
	"strings"
)

// textPos is a position in the text: a zero-based logical line and a
// zero-based rune offset within that line. The cursor always sits on a
// grapheme-cluster boundary.
type textPos struct {
	Line, Col int
}

// before reports whether p comes strictly before q in the text.
func (p textPos) before(q textPos) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Col < q.Col)
}

// line is one logical line (no newline inside) plus its layout caches. The
// caches are pointers so that value-receiver methods (View, CursorPosition)
// can fill them in; any edit of runes must call invalidate.
type line struct {
	runes  []rune
	str    string        // runes as a string, valid when hasStr
	hasStr bool          // so Value after an edit converts one line, not all
	seg    *segmentation // grapheme clusters; nil when stale
	wrap   *wrapping     // soft-wrapped rows; nil when stale or for another width
}

func (l *line) invalidate() {
	l.hasStr = false
	l.seg = nil
	l.wrap = nil
}

// text returns the line as a string, converting it once per edit.
func (l *line) text() string {
	if !l.hasStr {
		l.str, l.hasStr = string(l.runes), true
	}
	return l.str
}

// buffer stores the text as logical lines so that an edit touches only the
// lines it changes: typing in a 40 KB draft copies one line, never the text.
type buffer struct {
	lines []*line
	runes int // runes in the text, newlines included
}

func newBuffer(text string) buffer {
	// Invalid UTF-8 becomes U+FFFD up front, so the cached line strings and
	// the runes agree.
	parts := strings.Split(strings.ToValidUTF8(normalizeNewlines(text), "\uFFFD"), "\n")
	b := buffer{lines: make([]*line, len(parts)), runes: len(parts) - 1}
	for i, p := range parts {
		b.lines[i] = &line{runes: []rune(p), str: p, hasStr: true}
		b.runes += len(b.lines[i].runes)
	}
	return b
}

// normalizeNewlines turns \r\n and lone \r into \n, so pasted Windows or old
// Mac text becomes ordinary lines. Tabs and everything else are kept as is.
func normalizeNewlines(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

func (b *buffer) lineLen(i int) int { return len(b.lines[i].runes) }

// end is the position after the last rune of the text.
func (b *buffer) end() textPos {
	last := len(b.lines) - 1
	return textPos{Line: last, Col: b.lineLen(last)}
}

// clamp returns p moved into the text: a line that exists and a column
// within it (not yet snapped to a cluster boundary).
func (b *buffer) clamp(p textPos) textPos {
	p.Line = min(max(p.Line, 0), len(b.lines)-1)
	p.Col = min(max(p.Col, 0), b.lineLen(p.Line))
	return p
}

// slice returns a copy of the text between from and to (from <= to), with
// '\n' between lines.
func (b *buffer) slice(from, to textPos) []rune {
	if from.Line == to.Line {
		return slices.Clone(b.lines[from.Line].runes[from.Col:to.Col])
	}
	out := slices.Clone(b.lines[from.Line].runes[from.Col:])
	for i := from.Line + 1; i < to.Line; i++ {
		out = append(out, '\n')
		out = append(out, b.lines[i].runes...)
	}
	out = append(out, '\n')
	return append(out, b.lines[to.Line].runes[:to.Col]...)
}

// replace replaces the text between from and to (from <= to, both inside the
// text) with text, which may hold '\n', and returns the removed text. It is
// the only primitive that changes the buffer, which keeps undo exact. Cost:
// the length of the lines touched plus, when the line count changes, a move
// of the line pointers after them.
func (b *buffer) replace(from, to textPos, text []rune) (removed []rune) {
	removed = b.slice(from, to)
	b.runes += len(text) - len(removed)
	first := b.lines[from.Line]
	parts := splitRunes(text)
	if len(parts) == 1 && from.Line == to.Line {
		first.runes = slices.Replace(first.runes, from.Col, to.Col, parts[0]...)
		first.invalidate()
		return removed
	}
	tail := slices.Clone(b.lines[to.Line].runes[to.Col:])
	added := make([]*line, len(parts))
	first.runes = append(first.runes[:from.Col], parts[0]...)
	first.invalidate()
	added[0] = first
	for i := 1; i < len(parts); i++ {
		added[i] = &line{runes: slices.Clone(parts[i])}
	}
	last := added[len(added)-1]
	last.runes = append(last.runes, tail...)
	b.lines = slices.Replace(b.lines, from.Line, to.Line+1, added...)
	return removed
}

// splitRunes splits text at '\n' into at least one part; parts alias text.
func splitRunes(text []rune) [][]rune {
	parts := make([][]rune, 0, 1)
	start := 0
	for i, r := range text {
		if r == '\n' {
			parts = append(parts, text[start:i])
			start = i + 1
		}
	}
	return append(parts, text[start:])
}

// endOf returns the position just after text once it is inserted at at.
func endOf(at textPos, text []rune) textPos {
	nl, lastNL := 0, -1
	for i, r := range text {
		if r == '\n' {
			nl++
			lastNL = i
		}
	}
	if nl == 0 {
		return textPos{Line: at.Line, Col: at.Col + len(text)}
	}
	return textPos{Line: at.Line + nl, Col: len(text) - lastNL - 1}
}

// String joins the lines with '\n'. Lines unchanged since the last call
// are copied from their cached strings, so after an edit it costs a copy of
// the text plus the conversion of the edited lines.
func (b *buffer) String() string {
	size := len(b.lines) - 1
	for _, l := range b.lines {
		size += len(l.text())
	}
	var sb strings.Builder
	sb.Grow(size)
	for i, l := range b.lines {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(l.str)
	}
	return sb.String()
}
