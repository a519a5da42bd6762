package preview

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"

	"github.com/zoompose/zoompose/compose"
)

// inline draws short Zoom-dialect text (head, sub head, field values,
// footers) that Zoom formats when the card has markdown on: *bold*,
// _italic_, ~strike~, `code` and <url|label> spans on top of base. Glamour
// would turn such text into a paragraph in its own colours; this keeps the
// element's style and costs microseconds. Plain themes show the CommonMark
// markers instead, as their glamour style does.
func (r *Renderer) inline(text string, base lipgloss.Style, w int, markdown bool) string {
	if !markdown || !compose.HasZoomMarkup(text) {
		return paint(base, text, w)
	}
	if r.theme.Plain {
		return paint(base, compose.ZoomToMarkdown(text), w)
	}
	var b strings.Builder
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		r.inlineLine(&b, line, base)
	}
	return wrap(b.String(), w)
}

// inlineLine writes one line's spans. Words are styled one by one so that
// wrapping, which breaks at spaces, never splits an escape sequence's reach.
func (r *Renderer) inlineLine(b *strings.Builder, line string, style lipgloss.Style) {
	for len(line) > 0 {
		start, end, inner := findSpan(line)
		if start < 0 {
			writeWords(b, line, style)
			return
		}
		writeWords(b, line[:start], style)
		switch line[start] {
		case '<':
			writeWords(b, inner, r.styles.Link)
		case '`':
			writeWords(b, inner, r.styles.Code)
		default:
			r.inlineLine(b, inner, r.spanStyle(style, line[start]))
		}
		line = line[end:]
	}
}

func (r *Renderer) spanStyle(s lipgloss.Style, delim byte) lipgloss.Style {
	switch delim {
	case '*':
		return s.Bold(true)
	case '_':
		return s.Italic(true)
	default: // '~'
		return s.Strikethrough(true)
	}
}

// findSpan finds the first formatted span in line: its start and end byte
// offsets and the text to show (a link's label, else its URL). start is -1
// when there is none. Emphasis needs a non-space just inside each delimiter,
// and "_" does not open or close inside a word, as in compose's converter.
func findSpan(line string) (start, end int, inner string) {
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch c {
		case '<':
			if j := strings.IndexByte(line[i:], '>'); j > 1 {
				body := line[i+1 : i+j]
				if url, label, ok := strings.Cut(body, "|"); ok && label != "" {
					return i, i + j + 1, label
				} else if strings.Contains(url, "://") || strings.HasPrefix(url, "mailto:") {
					return i, i + j + 1, url
				}
			}
		case '*', '_', '~', '`':
			if j := closing(line, i, c); j > 0 {
				return i, j + 1, line[i+1 : j]
			}
		}
	}
	return -1, -1, ""
}

// closing returns the index of the delimiter that closes the one at open, or
// -1 when the span is not well formed.
func closing(line string, open int, d byte) int {
	if open+1 >= len(line) || line[open+1] == ' ' {
		return -1
	}
	if d == '_' && open > 0 && isWordByte(line, open-1) {
		return -1
	}
	for j := open + 2; j < len(line); j++ {
		if line[j] != d || line[j-1] == ' ' {
			continue
		}
		if d == '_' && j+1 < len(line) && isWordByte(line, j+1) {
			continue
		}
		return j
	}
	return -1
}

func isWordByte(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError {
		r, _ = utf8.DecodeLastRuneInString(s[:i+1])
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// writeWords writes text with every space-separated word styled on its own.
func writeWords(b *strings.Builder, text string, style lipgloss.Style) {
	for i, word := range strings.Split(text, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		if word != "" {
			b.WriteString(style.Render(word))
		}
	}
}
