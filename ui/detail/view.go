package detail

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/ui/widget"
)

// metaLines is how many lines the metadata above the pane takes at least:
// id, to, sent, status, reply/visible, revisions, and the pane's title rule.
// An operation still open adds its note, wrapped whole (opLines).
const metaLines = 7

// cardMaxWidth caps the card's width on wide terminals, about as wide as
// Zoom's desktop chat column draws it.
const cardMaxWidth = 90

// labelWidth is the width of the metadata labels column.
const labelWidth = 11

// View implements common.Screen.
func (m *Model) View() string {
	if m.confirm != nil {
		return m.confirm.dialog.View()
	}
	s := m.common.Styles
	var lines []string
	switch {
	case m.group != nil:
		lines = m.viewGroup()
	case m.id == "":
		lines = []string{s.Muted.Render("No message open: pick one in the history (f3) and press enter.")}
	case m.problem != "":
		lines = strings.Split(s.Error.Render(ansi.Wrap(m.problem, max(m.common.Width, 1), " ")), "\n")
	case !m.loaded:
		lines = []string{s.Muted.Render("Reading message " + termtext.Line(m.id) + " from the history…")}
	default:
		lines = append(m.metadata(), m.paneTitle())
		lines = append(lines, strings.Split(m.pane.View(), "\n")...)
	}
	return m.fit(lines)
}

// fit cuts or pads lines to exactly the screen's size.
func (m *Model) fit(lines []string) string {
	height := max(m.common.Height, 1)
	for len(lines) < height {
		lines = append(lines, "")
	}
	lines = lines[:height]
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.common.Width, "…")
	}
	return strings.Join(lines, "\n")
}

func (m *Model) metadata() []string {
	s := m.common.Styles
	msg := m.msg
	loc := m.common.Now().Location()
	row := func(label, value string) string {
		return s.Muted.Render(fmt.Sprintf("%-*s", labelWidth, label)) + value
	}
	to := s.Text.Render(widget.RecipientFit(msg.ToJID, m.label, max(m.common.Width-labelWidth, 1)))
	if m.label != "" {
		to += "  " + s.Muted.Render(termtext.Line(msg.ToJID))
	}
	sent := s.Text.Render(msg.SentAt.In(loc).Format("Mon Jan 2 2006 15:04:05")) + s.Muted.Render(" local")
	if msg.ZoomSentTime != "" {
		sent += s.Muted.Render(" · Zoom: ") + s.Text.Render(termtext.Line(msg.ZoomSentTime))
	}
	status := widget.StatusStyle(s, msg.Status).Render(string(msg.Status))
	if !msg.DeletedAt.IsZero() {
		status += s.Muted.Render(" on " + msg.DeletedAt.In(loc).Format("Jan 2 15:04"))
	}
	status += s.Muted.Render(fmt.Sprintf(" · %d revision%s · markdown %s", len(msg.Revisions), plural(len(msg.Revisions)), onOff(msg.LiveMarkdown())))
	if msg.Op == nil && msg.LastTries.Requests > 1 {
		// Zoom applied it, after repeats worth knowing of (429s, a token refresh).
		status += s.Muted.Render(" · " + widget.Tries(msg.LastTries))
	}
	return append([]string{
		row("id", s.Text.Render(termtext.Line(msg.ID))),
		row("to", to),
		row("sent", sent),
		row("status", status),
		row("reply to", orDash(msg.ReplyTo)) + s.Muted.Render("   visible to ") + orDash(msg.VisibleToUser),
		row("revisions", m.revisionStrip(max(m.common.Width-labelWidth, 1))),
	}, append(m.opLines(), m.answerLines()...)...)
}

// opLines are the note of an operation not applied (on its way, failed, or
// with no answer), wrapped whole under the status: Zoom's words and what to
// do are never cut.
func (m *Model) opLines() []string {
	op := m.msg.Op
	if op == nil {
		return nil
	}
	s := m.common.Styles
	note := ansi.Wrap(operationNote(op, m.common.Now().Location()), max(m.common.Width-labelWidth, 1), " ")
	lines := strings.Split(note, "\n")
	for i, l := range lines {
		label := ""
		if i == 0 {
			label = "operation"
		}
		lines[i] = s.Muted.Render(fmt.Sprintf("%-*s", labelWidth, label)) + s.Warn.Render(l)
	}
	return lines
}

// revisionStrip lists the revisions on one line: the shown one in
// [brackets], the diff's base in (parentheses) while the diff is shown.
// When they do not fit, the ones farthest from the shown one are left out.
func (m *Model) revisionStrip(width int) string {
	s := m.common.Styles
	loc := m.common.Now().Location()
	base := m.diffBase()
	chips := make([]string, len(m.msg.Revisions))
	for i, rev := range m.msg.Revisions {
		text := fmt.Sprintf("%d %s", i+1, rev.At.In(loc).Format("15:04"))
		if i == len(m.msg.Revisions)-1 {
			text += " live"
		}
		switch {
		case i == m.selected:
			chips[i] = s.Selected.Render("[" + text + "]")
		case m.diff && i == base:
			chips[i] = s.Warn.Render("(" + text + ")")
		default:
			chips[i] = s.Text.Render(" " + text + " ")
		}
	}
	from, to := m.selected, m.selected+1
	for from > 0 || to < len(chips) {
		grown := false
		if to < len(chips) && ansi.StringWidth(strings.Join(chips[from:to+1], " "))+4 <= width {
			to, grown = to+1, true
		}
		if from > 0 && ansi.StringWidth(strings.Join(chips[from-1:to], " "))+4 <= width {
			from, grown = from-1, true
		}
		if !grown {
			break
		}
	}
	strip := strings.Join(chips[from:to], " ")
	if from > 0 {
		strip = s.Muted.Render("… ") + strip
	}
	if to < len(chips) {
		strip += s.Muted.Render(" …")
	}
	return strip
}

// diffBase is the revision the diff starts from: the marked one, or the one
// before the shown one (-1 when the shown one is the first).
func (m *Model) diffBase() int {
	if m.base >= 0 {
		return m.base
	}
	return m.selected - 1
}

func (m *Model) paneTitle() string {
	s := m.common.Styles
	title := fmt.Sprintf("Card · %s of %d", revisionName(m.msg, m.selected), len(m.msg.Revisions))
	switch {
	case m.allAns:
		title = fmt.Sprintf("Answers · %d, newest first (a: back to the card)", len(m.answers))
	case m.diff:
		title = "Diff · " + m.diffNames()
	}
	text := "── " + title + " "
	return s.Title.Render(text) + s.Muted.Render(strings.Repeat("─", max(m.common.Width-ansi.StringWidth(text), 0)))
}

func (m *Model) diffNames() string {
	base := m.diffBase()
	from := "nothing"
	if base >= 0 {
		from = revisionName(m.msg, base)
	}
	return from + " → " + revisionName(m.msg, m.selected)
}

// refreshPane redraws the card or the diff when what the pane should hold
// changed, keeping the scroll position otherwise.
func (m *Model) refreshPane() {
	m.pane.SetWidth(max(m.common.Width, 1))
	m.pane.SetHeight(max(m.common.Height-metaLines-len(m.opLines())-len(m.answerLines()), 0))
	if len(m.answers) == 0 {
		m.allAns = false
	}
	if m.allAns {
		key := fmt.Sprintf("answers/%s/%d/%d", m.msg.ID, len(m.answers), m.common.Width)
		if key != m.paneFor {
			m.paneFor = key
			m.pane.SetContent(m.answersPane())
			m.pane.GotoTop()
		}
		return
	}
	if !m.loaded || len(m.msg.Revisions) == 0 {
		m.pane.SetContent("")
		m.paneFor = ""
		return
	}
	key := fmt.Sprintf("%s/%d/%d/%d/%v/%d", m.msg.ID, len(m.msg.Revisions), m.selected, m.diffBase(), m.diff, m.common.Width)
	if key == m.paneFor {
		return
	}
	m.paneFor = key
	if m.diff {
		m.pane.SetContent(m.diffPane())
	} else {
		m.pane.SetContent(m.card(m.selected, min(max(m.common.Width, 1), cardMaxWidth)))
	}
	m.pane.GotoTop()
}

// diffPane is the coloured diff between the base and the shown revision.
func (m *Model) diffPane() string {
	s := m.common.Styles
	var from side
	if base := m.diffBase(); base >= 0 {
		from = revisionSide(m.msg, base)
	} else {
		from = side{name: "nothing"}
	}
	to := revisionSide(m.msg, m.selected)
	diff, what := diffText(from, to)
	if diff == "" {
		return s.Muted.Render(fmt.Sprintf("No differences: %s and %s have the same %s.", from.name, to.name, what))
	}
	return s.Muted.Render("Differences in the "+what+" (← → pick a revision, b compares against it):") + "\n" + colourDiff(s, diff)
}

// orDash is s (outside text: an id or a JID, shown with termtext), or "—" when empty.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return termtext.Line(s)
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// operationNote says what is known of an unsettled operation and what to do.
func operationNote(op *history.Operation, loc *time.Location) string {
	at := op.At.In(loc).Format("Jan 2 15:04:05")
	switch op.State {
	case history.OpUnknown:
		return fmt.Sprintf("%s request written %s, no answer (%s, %s): look in Zoom, then resolve it in the outbox (f4)", op.Kind, at, termtext.Line(op.Err), widget.Tries(op.Counted()))
	case history.OpFailed:
		return fmt.Sprintf("%s failed %s (%s, %s): retry or discard it in the outbox (f4)", op.Kind, at, termtext.Line(op.Err), widget.Tries(op.Counted()))
	}
	return fmt.Sprintf("%s on its way to Zoom since %s", op.Kind, at)
}
