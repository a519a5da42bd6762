package sendform

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/ui/termtext"
)

// The markdown toggle decides how the card goes out, not only its flag:
// turned off, the draft is built again with compose.MarkdownOff (every text
// exactly as written, which Zoom then shows character for character), and
// the form says at once which Markdown will show as written.

// setMarkdown sets the toggle and what it makes of the draft: the card
// sent (m.card) and the hint under the toggle.
func (m *Model) setMarkdown(on bool) {
	m.markdown, m.card, m.hint = on, m.draft, ""
	if !m.hasDraft || (on && m.draft.Markdown) {
		return // as the composer built it
	}
	rebuilt, diags := m.draft.WithMarkdown(on)
	if !on && !m.draft.Markdown && !bytes.Equal(rebuilt.Content, m.draft.Content) {
		// The card asked for no markdown and was built so: what it converted
		// (an escape, an entity) shows as the author meant. Sent as built.
		return
	}
	m.card = rebuilt
	if !on && !compose.HasErrors(diags) {
		m.hint = literalHint(diags)
	}
}

// maxHintNames is how many constructs the hint names before counting the rest.
const maxHintNames = 3

// literalHint names the Markdown a card built with markdown off will show
// as written: `"*out*" and "[link](url)" will show as written`.
func literalHint(diags []compose.Diagnostic) string {
	var names []string
	for _, d := range diags {
		if d.Literal != "" {
			names = append(names, `"`+ansi.Truncate(termtext.Line(d.Literal), 40, "…")+`"`)
		}
	}
	switch n := len(names); {
	case n == 0:
		return ""
	case n == 1:
		return names[0] + " will show as written: Zoom applies no Markdown with markdown off."
	case n > maxHintNames:
		return fmt.Sprintf("%s and %d more will show as written: Zoom applies no Markdown with markdown off.",
			strings.Join(names[:maxHintNames], ", "), n-maxHintNames)
	default:
		return strings.Join(names[:n-1], ", ") + " and " + names[n-1] + " will show as written: Zoom applies no Markdown with markdown off."
	}
}
