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
		count += fmt.Sprintf(" · %d match %q", len(l.rows), filter)
	}
	return count
}

// unfurlLines draws the visible unfurl rows, or says why there are none.
func (m *Model) unfurlLines() []string {
	s := m.common.Styles
	l := &m.unfurls
	switch {
	case l.problem != "":
		return []string{s.Error.Render(l.problem)}
	case !l.loaded:
		return []string{s.Muted.Render("Reading the unfurls…")}
	case len(l.rows) == 0 && l.input.Value() != "":
		return []string{s.Muted.Render("Nothing matches this filter. esc clears it.")}
	case len(l.rows) == 0:
		return []string{s.Muted.Render("No unfurls sent yet: open a sent message (tab, enter) and press u to unfurl with its card.")}
	}
	end := min(l.offset+m.visibleRows(), len(l.rows))
	lines := make([]string, 0, end-l.offset)
	for i := l.offset; i < end; i++ {
		lines = append(lines, m.unfurlRow(l.rows[i], i == l.selected))
	}
	return lines
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
	case len(l.rows) == 0:
		return ""
	case len(l.all) >= unfurlLimit:
		return s.Muted.Render(fmt.Sprintf("%d of %d · older unfurls are not listed", l.selected+1, len(l.rows)))
	}
	return s.Muted.Render(fmt.Sprintf("%d of %d · end of the unfurls", l.selected+1, len(l.rows)))
}
