package editor

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// TabWidth is the number of cells a tab occupies on screen. Tabs are kept in
// the text (code blocks need them) and drawn as this many spaces.
const TabWidth = 4

const (
	replacementChar = "\uFFFD" // drawn for control characters
	dottedCircle    = "\u25CC" // base drawn under a cluster that has no width
)

// cluster is one grapheme cluster of a line: what the cursor steps over.
type cluster struct {
	rune0 int32 // rune offset of its first rune in the line
	byte0 int32 // byte offset of its first byte in the line's string
	width uint8 // cells on screen
	flags uint8
}

const (
	flagBreakAfter uint8 = 1 << iota // a soft wrap may follow this cluster
	flagSpace                        // a plain ' ', which may hang past the wrap width
	flagWord                         // letter, digit, mark or '_': part of a word
	flagTab
	flagControl
	flagZeroWidth
)

// segmentation is a line split into grapheme clusters. It depends only on the
// line's text, so a resize does not recompute it.
type segmentation struct {
	text     string    // the line as a string, for drawing
	clusters []cluster // in order
	runes    int       // rune count of the line
}

// segment splits runes into grapheme clusters with their display widths,
// measured as lipgloss and the Bubble Tea renderer measure them
// (ansi.GraphemeWidth). Runs of ASCII take a fast path.
func segment(s string, runes int) *segmentation {
	seg := &segmentation{text: s, runes: runes, clusters: make([]cluster, 0, runes)}
	rn := 0
	for b := 0; b < len(s); {
		var text string
		var width int
		if s[b] < utf8.RuneSelf && (b+1 == len(s) || s[b+1] < utf8.RuneSelf) {
			text, width = s[b:b+1], 1
		} else {
			text, width = ansi.FirstGraphemeCluster(s[b:], ansi.GraphemeWidth)
		}
		c := cluster{rune0: int32(rn), byte0: int32(b)}
		classify(&c, text, width)
		seg.clusters = append(seg.clusters, c)
		b += len(text)
		rn += utf8.RuneCountInString(text)
	}
	markWideBreaks(seg.clusters)
	return seg
}

// classify sets the width and flags of c from its text.
func classify(c *cluster, text string, width int) {
	r, _ := utf8.DecodeRuneInString(text)
	switch {
	case r == '\t':
		c.width, c.flags = TabWidth, flagTab|flagBreakAfter
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		c.width, c.flags = 1, flagControl
	case width == 0:
		c.width, c.flags = 1, flagZeroWidth
	default:
		c.width = uint8(min(width, 2))
	}
	switch {
	case r == ' ':
		c.flags |= flagSpace | flagBreakAfter
	case unicode.IsSpace(r):
		c.flags |= flagBreakAfter
	case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		c.flags |= flagWord
	}
}

// markWideBreaks allows a wrap before and after wide (CJK, emoji) clusters,
// since such text often has no spaces to break at.
func markWideBreaks(cs []cluster) {
	for i := range cs {
		if cs[i].width == 2 {
			cs[i].flags |= flagBreakAfter
			if i > 0 {
				cs[i-1].flags |= flagBreakAfter
			}
		}
	}
}

// draw returns what cluster i looks like on screen.
func (s *segmentation) draw(i int) string {
	c := s.clusters[i]
	switch {
	case c.flags&flagTab != 0:
		return strings.Repeat(" ", TabWidth)
	case c.flags&flagControl != 0:
		return replacementChar
	}
	end := len(s.text)
	if i+1 < len(s.clusters) {
		end = int(s.clusters[i+1].byte0)
	}
	if c.flags&flagZeroWidth != 0 {
		return dottedCircle + s.text[c.byte0:end]
	}
	return s.text[c.byte0:end]
}

// clusterAt returns the index of the cluster that starts at rune offset col,
// or of the next one when col falls inside a cluster; len(clusters) at the
// end of the line.
func (s *segmentation) clusterAt(col int) int {
	return sort.Search(len(s.clusters), func(i int) bool { return int(s.clusters[i].rune0) >= col })
}

// col returns the rune offset of cluster boundary i (0..len(clusters)).
func (s *segmentation) col(i int) int {
	if i >= len(s.clusters) {
		return s.runes
	}
	return int(s.clusters[i].rune0)
}

// row is one soft-wrapped screen row of a logical line: clusters
// [first, end), drawn as text, width cells wide.
type row struct {
	first, end int
	width      int
	text       string
}

// wrapping is a line's rows for one wrap width.
type wrapping struct {
	width int
	rows  []row
}

// wrap breaks the clusters of seg into rows of at most width cells. Breaks go
// after spaces and around wide characters; a word longer than a row is cut.
// A single space that does not fit may hang in the column reserved for the
// cursor (see contentWidth), so a line never starts a row with the space
// that ended the previous one. Every line has at least one row.
func wrap(seg *segmentation, width int) *wrapping {
	w := &wrapping{width: width}
	cs := seg.clusters
	start, used, lastBreak := 0, 0, -1
	for i := 0; i < len(cs); {
		c := cs[i]
		switch {
		case used+int(c.width) <= width:
			used += int(c.width)
			if c.flags&flagBreakAfter != 0 {
				lastBreak = i + 1
			}
			i++
			continue
		case c.flags&flagSpace != 0 && used == width && i+1 < len(cs):
			w.rows = append(w.rows, seg.makeRow(start, i+1))
			i++
		case lastBreak > start:
			w.rows = append(w.rows, seg.makeRow(start, lastBreak))
			i = lastBreak
		case i > start:
			w.rows = append(w.rows, seg.makeRow(start, i))
		default: // one cluster wider than the row: it gets a row of its own
			w.rows = append(w.rows, seg.makeRow(i, i+1))
			i++
		}
		start, used, lastBreak = i, 0, -1
	}
	if start < len(cs) || len(w.rows) == 0 {
		w.rows = append(w.rows, seg.makeRow(start, len(cs)))
	}
	return w
}

func (s *segmentation) makeRow(first, end int) row {
	r := row{first: first, end: end}
	var sb strings.Builder
	for i := first; i < end; i++ {
		r.width += int(s.clusters[i].width)
		sb.WriteString(s.draw(i))
	}
	r.text = sb.String()
	return r
}

// rowOf returns the index of the row that shows cluster boundary ci: the
// boundary between two rows belongs to the lower one, the end of the line to
// the last row.
func (w *wrapping) rowOf(ci int) int {
	i := sort.Search(len(w.rows), func(i int) bool { return w.rows[i].first > ci })
	return max(i-1, 0)
}

// xOf returns the screen column of cluster boundary ci within row r.
func (s *segmentation) xOf(r row, ci int) int {
	x := 0
	for i := r.first; i < ci && i < r.end; i++ {
		x += int(s.clusters[i].width)
	}
	return x
}

// boundaryAtX returns the cluster boundary in row r closest to column x
// without passing it. The end of a row that is not the line's last belongs to
// the next row, so it is never returned for such a row.
func (s *segmentation) boundaryAtX(r row, x int, lastRow bool) int {
	limit := r.end
	if !lastRow && r.end > r.first {
		limit = r.end - 1
	}
	used := 0
	for i := r.first; i < limit; i++ {
		w := int(s.clusters[i].width)
		if used+w > x {
			return i
		}
		used += w
	}
	return limit
}

// layout returns the line's segmentation, computing it when stale.
func (l *line) layout() *segmentation {
	if l.seg == nil {
		l.seg = segment(l.text(), len(l.runes))
	}
	return l.seg
}

// rows returns the line's rows for width, computing them when stale.
func (l *line) rows(width int) *wrapping {
	if l.wrap == nil || l.wrap.width != width {
		l.wrap = wrap(l.layout(), width)
	}
	return l.wrap
}
