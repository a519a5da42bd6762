package historyview

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/widget"
)

// scheduledTab names the Scheduled list in the header, with how many wait.
func scheduledTab(waiting int) string {
	if waiting == 0 {
		return "Scheduled"
	}
	return fmt.Sprintf("Scheduled (%d)", waiting)
}

// scheduledCount says what the Scheduled list holds.
func (m *Model) scheduledCount() string {
	l := &m.scheduled
	count := fmt.Sprintf("%d waiting, earliest first", m.waiting())
	if l.all {
		count += fmt.Sprintf(" · %d cancelled shown", l.list.Len()-m.waiting())
	}
	return count
}

// scheduledLine is the line under the header: the time input while
// rescheduling, else what the keys do.
func (m *Model) scheduledLine() string {
	l := &m.scheduled
	if l.rescheduling != "" {
		return l.at.View()
	}
	return m.common.Styles.Muted.Render("enter/e edit the card · r reschedule · d cancel · s send now · a " + map[bool]string{false: "show", true: "hide"}[l.all] + " cancelled")
}

// scheduledLines draws the visible rows, or says why there are none.
func (m *Model) scheduledLines() []string {
	return m.scheduled.list.Lines(m.common.Styles, m.scheduledRow)
}

// scheduledRow draws one scheduled send: local due time, recipient, state
// and the card's first line.
func (m *Model) scheduledRow(sc history.Scheduled, selected bool) string {
	s := m.common.Styles
	recipientWidth, statusWidth := recipientNarrow, statusNarrow+1
	if m.common.Width >= wideWidth {
		recipientWidth, statusWidth = recipientWide, statusWide
	}
	now := m.common.Now()
	when := sc.Due.In(now.Location()).Format(timeLayout)
	who := pad(widget.RecipientFit(sc.Message.ToJID, m.labels[sc.Message.ToJID], recipientWidth), recipientWidth)
	state, style := string(sc.State), s.Title
	switch {
	case sc.State == history.ScheduleCancelled:
		style = s.Error
	case overdue(sc, now):
		state, style = "overdue", s.Warn
	}
	status := pad(state, statusWidth)
	used := 2 + len(timeLayout) + 2 + recipientWidth + 2 + statusWidth + 2
	line := ansi.Truncate(widget.FirstLine(sc.Message.Live().Content), max(m.common.Width-used, 1), "…")
	if selected {
		return s.Selected.Render(pad("› "+when+"  "+who+"  "+status+"  "+line, m.common.Width))
	}
	return "  " + s.Muted.Render(when) + "  " + s.Text.Render(who) + "  " + style.Render(status) + "  " + s.Text.Render(line)
}

func (m *Model) scheduledFooter() string {
	s := m.common.Styles
	l := &m.scheduled
	switch {
	case l.atProblem != "" && l.rescheduling != "":
		return s.Error.Render(l.atProblem)
	case l.rescheduling != "":
		return s.Muted.Render("enter moves " + l.rescheduling + " to this time · esc keeps its time")
	case l.list.Len() == 0:
		return ""
	}
	return s.Muted.Render(l.list.Position() + " · the app sends each one when it falls due, while it runs")
}

// scheduledHelp is the Scheduled list's keys.
func (m *Model) scheduledHelp() []key.Binding {
	l := &m.scheduled
	switch {
	case l.confirm != nil:
		return l.confirm.Bindings()
	case l.rescheduling != "":
		return []key.Binding{l.keys.Apply, l.keys.Abort}
	}
	l.keys.ShowAll.SetHelp("a", map[bool]string{false: "show cancelled", true: "hide cancelled"}[l.all])
	sw := m.keys.Switch
	sw.SetHelp("tab", "messages")
	if l.list.Len() == 0 {
		return []key.Binding{l.keys.ShowAll, sw, m.keys.Back}
	}
	return []key.Binding{l.keys.Edit, l.keys.Reschedule, l.keys.Cancel, l.keys.SendNow, l.keys.ShowAll, sw, m.keys.Back}
}
