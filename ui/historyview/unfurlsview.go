package historyview

import (
	"fmt"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/ui/termtext"
)

// column widths of an unfurl row, narrow and wide (from wideWidth columns up).
const (
	userNarrow    = 14
	userWide      = 24
	triggerNarrow = 14
	triggerWide   = 24
)

// unfurlCount says how many unfurls there are and how many the filter keeps.
func (m *Model) unfurlCount() string {
	l := &m.unfurls
	count := fmt.Sprintf("%d unfurls", len(l.all))
	switch {
	case len(l.all) == 1:
		count = "1 unfurl"
	case len(l.all) >= unfurlLimit:
		count = fmt.Sprintf("the newest %d unfurls", len(l.all))
	}
	if filter := l.input.Value(); filter != "" {
		count += fmt.Sprintf(" · %d match %q", l.list.Len(), filter)
	}
	return count
}

// unfurlLines draws the visible unfurl rows, or says why there are none.
func (m *Model) unfurlLines() []string {
	l := &m.unfurls
	l.list.Filtered = l.input.Value() != ""
	return l.list.Lines(m.common.Styles, m.unfurlRow)
}

// unfurlRow draws one unfurl: local time, user id, trigger id and the
// card's first line.
func (m *Model) unfurlRow(r unfurlRow, selected bool) string {
	s := m.common.Styles
	userWidth, triggerWidth := userNarrow, triggerNarrow
	if m.common.Width >= wideWidth {
		userWidth, triggerWidth = userWide, triggerWide
	}
	when := r.At.In(m.common.Now().Location()).Format(timeLayout)
	user, trigger := pad(termtext.Line(r.UserID), userWidth), pad(termtext.Line(r.TriggerID), triggerWidth)
	used := 2 + len(timeLayout) + 2 + userWidth + 2 + triggerWidth + 2
	line := ansi.Truncate(r.summary, max(m.common.Width-used, 1), "…")
	if selected {
		text := "› " + when + "  " + user + "  " + trigger + "  " + line
		return s.Selected.Render(pad(text, m.common.Width))
	}
	return "  " + s.Muted.Render(when) + "  " + s.Text.Render(user) + "  " +
		s.Muted.Render(trigger) + "  " + s.Text.Render(line)
}

func (m *Model) unfurlFooter() string {
	s := m.common.Styles
	l := &m.unfurls
	switch {
	case l.list.Len() == 0:
		return ""
	case len(l.all) >= unfurlLimit:
		return s.Muted.Render(l.list.Position() + " · older unfurls are not listed")
	}
	return s.Muted.Render(l.list.Position() + " · end of the unfurls")
}
