package historyview

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/widget"
)

// chromeLines are the lines around the list: header, filter and footer.
const chromeLines = 3

// timeLayout is the row's local send time.
const timeLayout = "Jan 02 15:04"

// column widths of a row, narrow and wide (from wideWidth columns up).
const (
	wideWidth       = 100
	recipientNarrow = 16
	recipientWide   = 26
	statusNarrow    = 8
	statusWide      = 15
)

// View implements common.Screen.
func (m *Model) View() string {
	lines := []string{m.header(), m.filterLine()}
	footer := m.footer
	switch m.shown {
	case listScheduled:
		if c := m.scheduled.confirm; c != nil {
			c.SetSize(m.common.Width, m.common.Height)
			return c.View()
		}
		lines[1] = m.scheduledLine()
		lines = append(lines, m.scheduledLines()...)
		footer = m.scheduledFooter
	case listUnfurls:
		lines = append(lines, m.unfurlLines()...)
		footer = m.unfurlFooter
	default:
		lines = append(lines, m.messageLines()...)
	}
	for len(lines) < m.common.Height-1 {
		lines = append(lines, "")
	}
	lines = append(lines, footer())
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.common.Width, "…")
	}
	return strings.Join(lines[:min(len(lines), max(m.common.Height, 1))], "\n")
}

// header names the two lists, the one shown in brackets (and highlighted),
// and says what the shown list holds.
func (m *Model) header() string {
	s := m.common.Styles
	tab := func(name string, id listID) string {
		if id == m.shown {
			return s.Title.Render("[" + name + "]")
		}
		return s.Muted.Render(name)
	}
	tabs := tab("Messages", listMessages) + s.Muted.Render(" · ") + tab("Unfurls", listUnfurls)
	if m.scheduledShown() {
		tabs += s.Muted.Render(" · ") + tab(scheduledTab(m.waiting()), listScheduled)
	}
	count := m.messageCount()
	switch m.shown {
	case listUnfurls:
		count = m.unfurlCount()
	case listScheduled:
		return tabs + s.Muted.Render("  "+m.scheduledCount())
	}
	return tabs + s.Muted.Render("  newest first · "+count)
}

// messageCount says how many messages are loaded and what the filter selects.
func (m *Model) messageCount() string {
	count := fmt.Sprintf("%d messages", m.list.Len())
	if m.list.Len() == 1 {
		count = "1 message"
	}
	if m.query.Cursor != "" {
		count = fmt.Sprintf("%d loaded, older ones load as you scroll", m.list.Len())
	}
	if m.note != "" {
		count += " · " + m.note
	}
	return count
}

func (m *Model) filterLine() string {
	s := m.common.Styles
	if in := m.filterInput(); m.typing || in.Value() != "" {
		return in.View()
	}
	if m.shown == listUnfurls {
		return s.Muted.Render("/ to filter by user id, trigger id or words of the card's first line")
	}
	return s.Muted.Render("/ to filter by words in the card, to:<label or JID> or status:<status>")
}

// messageLines draws the visible rows, or says why there are none.
func (m *Model) messageLines() []string {
	m.list.Filtered = m.input.Value() != ""
	recipientWidth, statusWidth := m.columns()
	return m.list.Lines(m.common.Styles, func(r messageRow, selected bool) string {
		return m.row(r, selected, recipientWidth, statusWidth)
	})
}

// row draws one message: local time, recipient, status and first line.
func (m *Model) row(msg messageRow, selected bool, recipientWidth, statusWidth int) string {
	s := m.common.Styles
	when := msg.SentAt.In(m.common.Now().Location()).Format(timeLayout)
	who, st, summary := m.rowParts(msg, recipientWidth)
	who = pad(who, recipientWidth)
	status := pad(statusWord(st, statusWidth), statusWidth)
	used := 2 + len(timeLayout) + 2 + recipientWidth + 2 + statusWidth + 2
	line := ansi.Truncate(summary, max(m.common.Width-used, 1), "…")
	if selected {
		text := "› " + when + "  " + who + "  " + status + "  " + line
		return s.Selected.Render(pad(text, m.common.Width))
	}
	return "  " + s.Muted.Render(when) + "  " + s.Text.Render(who) + "  " +
		widget.StatusStyle(s, st).Render(status) + "  " + s.Text.Render(line)
}

// minSummaryWidth is what a row keeps for the card's first line before the
// recipient column grows to show whole JIDs.
const minSummaryWidth = 40

// columns are the widths of the recipient and status columns. The recipient
// column grows to the widest recipient shown that fits while the first line
// keeps minSummaryWidth cells, so unlabelled JIDs are read whole on a wide
// terminal; one that does not fit is shortened.
func (m *Model) columns() (recipient, status int) {
	if m.common.Width < wideWidth {
		return recipientNarrow, statusNarrow
	}
	room := m.common.Width - (2 + len(timeLayout) + 2 + 2 + statusWide + 2) - minSummaryWidth
	widest := 0
	for _, r := range m.list.Visible() {
		jid := r.ToJID
		if w := ansi.StringWidth(widget.RecipientFit(jid, m.labels[jid], widget.WholeJIDWidth)); w <= room {
			widest = max(widest, w) // one that does not fit is shortened: no room is kept for it
		}
	}
	return max(recipientWide, widest), statusWide
}

func (m *Model) footer() string {
	s := m.common.Styles
	switch {
	case m.more:
		return s.Muted.Render("Loading older messages…")
	case m.loading && m.list.Loaded():
		return s.Muted.Render("Filtering…")
	case m.list.Len() == 0:
		return ""
	case m.query.Cursor == "":
		return s.Muted.Render(m.list.Position() + " · end of the history")
	}
	return s.Muted.Render(m.list.Position() + " loaded · more below")
}

// statusWord fits a status in a column: outcome-unknown becomes "unknown"
// when the column is narrow.
func statusWord(st history.Status, width int) string {
	if st == history.StatusOutcomeUnknown && width < len(st) {
		return "unknown"
	}
	return string(st)
}

// pad cuts or pads text to exactly width cells.
func pad(text string, width int) string {
	text = ansi.Truncate(text, width, "…")
	return text + strings.Repeat(" ", max(width-ansi.StringWidth(text), 0))
}
