package outbox

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/ui/widget"
)

// View implements common.Screen.
func (m *Model) View() string {
	s := m.common.Styles
	title := s.Title.Render(fmt.Sprintf("Outbox — %d need action", m.list.Len()))
	targetW := m.targetWidth()
	rows := strings.Join(m.list.Lines(s, func(e history.OutboxEntry, selected bool) string {
		return m.drawRow(e, selected, targetW)
	}), "\n")
	if m.list.Len() == 0 {
		return title + "\n\n" + rows
	}
	gap := "" // the line above the footer says where the selection is when the list scrolls
	if m.list.Len() > m.list.Height() {
		gap = s.Muted.Render(m.list.Position())
	}
	return title + "\n\n" + rows + "\n" + gap + "\n" + m.footer()
}

// drawRow draws one entry; the selected one has its error and what to do
// under it.
func (m *Model) drawRow(e history.OutboxEntry, selected bool, targetW int) string {
	row := fmt.Sprintf("%s  %-6s %-15s %-*s %s", e.At.Local().Format("Jan 02 15:04"), e.Kind,
		stateName(e.State), targetW, ansi.Truncate(termtext.Line(e.Target), targetW, "…"), widget.Tries(e.Tries))
	if !selected {
		return "  " + row
	}
	return m.common.Styles.Selected.Render("› "+row) + "\n" + m.details(e)
}

// details are the lines under the selected entry: Zoom's words (shown,
// never interpreted) and, for an unknown outcome, what to do.
func (m *Model) details(e history.OutboxEntry) string {
	s := m.common.Styles
	width := max(m.common.Width-len(detailIndent), 10)
	text := indented(s.Error.Render, termtext.Line(e.Err), width)
	if e.State == history.OpUnknown {
		text += indented(s.Warn.Render, unknownAdvice(e), width)
	}
	return strings.TrimSuffix(text, "\n")
}

// fitList gives the list the lines the title, the selected entry's details,
// the line under the list and the footer leave.
func (m *Model) fitList() {
	used := 2 + 1 + strings.Count(m.footer(), "\n") + 1
	if e, ok := m.list.Current(); ok {
		used += strings.Count(m.details(e), "\n") + 1
	}
	m.list.SetHeight(m.common.Height - used)
}

// targetWidth is the width of the target column: 28 cells, or as wide as
// the widest target on screen (a JID, a message id) when the screen has
// room, so an unlabelled JID is read whole.
func (m *Model) targetWidth() int {
	const narrow, columns = 28, 2 + 12 + 2 + 6 + 1 + 15 + 1
	widest, rest := narrow, columns+len(" tries 99")
	for _, e := range m.list.Visible() {
		widest = max(widest, ansi.StringWidth(termtext.Line(e.Target)))
		rest = max(rest, columns+len(" "+widget.Tries(e.Tries)))
	}
	return max(narrow, min(widest, m.common.Width-rest))
}

func (m *Model) footer() string {
	s := m.common.Styles
	guard := ""
	if m.prod() && (m.asking == askDuplicate || m.asking == askProdRetry) {
		guard = s.BadgeProd.Render("PROD") + " " + s.Error.Render("Profile "+termtext.Line(m.common.Deps.Profile.Name)+" is production: only y goes ahead.") + "\n"
	}
	switch {
	case m.asking == askProdRetry:
		return guard + s.Warn.Render(fmt.Sprintf("Try this %s again on Zoom? y goes ahead, any other key keeps it in the outbox.", m.selected().Kind))
	case m.asking == askDiscard:
		return s.Warn.Render("Discard this entry? Zoom never applied it; its card is lost unless it is also a draft. y discards, any other key keeps it.")
	case m.asking == askDuplicate:
		return guard + s.Warn.Render("Its first request may have reached Zoom: sending it again may post a duplicate. Look in Zoom first. y sends it again, any other key keeps it.")
	case m.asking == askMessageID:
		return s.Text.Render("It arrived. "+m.idInput.View()) + "\n" + s.Muted.Render("enter records it (the id lets you edit or delete it later) · esc goes back")
	case m.flight.Active():
		return m.flight.Spinner() + s.Text.Render(" Sending… esc cancels")
	}
	return ""
}

func stateName(st history.OpState) string {
	if st == history.OpUnknown {
		return "outcome unknown"
	}
	return string(st)
}

// unknownAdvice says what was known about an unknown outcome and what to do.
func unknownAdvice(e history.OutboxEntry) string {
	return fmt.Sprintf("The request was written at %s and no answer came. Look in Zoom: a says it arrived, n that it did not; r sends it again (asks first: it may post a duplicate).",
		e.At.Local().Format("15:04:05"))
}

// detailIndent sets the selected entry's details under its row.
const detailIndent = "    "

// indented wraps text to width and indents every line, so that a long error
// is read whole rather than cut.
func indented(render func(...string) string, text string, width int) string {
	var b strings.Builder
	for _, line := range strings.Split(ansi.Wrap(text, width, ""), "\n") {
		b.WriteString(detailIndent + render(line) + "\n")
	}
	return b.String()
}
