package preview

import (
	"strings"

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

// inlineLine writes one line's spans, found by compose's own scanner so the
// preview formats exactly what compose counts as markup. Words are styled one
// by one so that wrapping, which breaks at spaces, never splits an escape
// sequence's reach.
func (r *Renderer) inlineLine(b *strings.Builder, line string, style lipgloss.Style) {
	for len(line) > 0 {
		sp, ok := compose.NextZoomSpan(line)
		if !ok {
			writeWords(b, line, style)
			return
		}
		writeWords(b, line[:sp.Start], style)
		switch sp.Mark {
		case '<':
			writeWords(b, sp.Text, r.styles.Link)
		case '`':
			writeWords(b, sp.Text, r.styles.Code)
		default:
			r.inlineLine(b, sp.Text, r.spanStyle(style, sp.Mark))
		}
		line = line[sp.End:]
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
