package sendform

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/ui/widget"
)

// The "send at" field: empty sends now; a time (the forms `send --at`
// reads, ops.DueForms) stores a scheduled send instead, which the app sends
// when it falls due while it runs, or `zoompose schedule run` does.

const atPlaceholder = `later: HH:MM, tomorrow HH:MM or RFC 3339 (empty: now)`

// scheduledMsg is the outcome of recording a scheduled send, or the copies
// of a scheduled broadcast and their group.
type scheduledMsg struct {
	scs   []history.Scheduled
	group string
	err   error
}

// checkAt is why the send-at field cannot be used, or "".
func (m *Model) checkAt() string {
	if m.fields.Value(fieldAt) == "" {
		return ""
	}
	if m.record != "" {
		return "Send at: this card is a send kept in the outbox, which goes now or not at all; empty Send at to send it now."
	}
	if _, err := ops.ParseDue(m.fields.Value(fieldAt), m.common.Now()); err != nil {
		return "Send at: " + err.Error() + "."
	}
	return ""
}

// due is the time the send-at field asks for; zero sends now.
func (m *Model) due() time.Time {
	due, err := ops.ParseDue(m.fields.Value(fieldAt), m.common.Now())
	if err != nil {
		return time.Time{}
	}
	return due
}

// schedule records the card to go to env at due. Nothing goes on the network.
func (m *Model) schedule(env ops.Envelope, card compose.Card, due time.Time) tea.Cmd {
	o := m.common.Deps.Ops()
	m.problem = ""
	m.keys.setSending(true)
	return m.flight.Start(func(context.Context) tea.Msg {
		sc, err := o.Schedule(env, card, due)
		return scheduledMsg{scs: []history.Scheduled{sc}, err: err}
	})
}

// scheduleBroadcast records the card to go to every envelope at due, as one
// broadcast whose copies go out one by one when due. Nothing goes on the
// network.
func (m *Model) scheduleBroadcast(envs []ops.Envelope, card compose.Card, due time.Time) tea.Cmd {
	o := m.common.Deps.Ops()
	m.problem = ""
	m.keys.setSending(true)
	return m.flight.Start(func(context.Context) tea.Msg {
		group, scs, err := o.ScheduleBroadcast(envs, card, due)
		return scheduledMsg{scs: scs, group: group, err: err}
	})
}

// scheduled reports a scheduled send recorded (and empties the form, as a
// send does) or why it was not.
func (m *Model) scheduled(res scheduledMsg) tea.Cmd {
	m.keys.setSending(false)
	if res.err != nil {
		m.problem = "Not scheduled: " + res.err.Error()
		return common.Status(common.StatusError, m.problem)
	}
	m.reset()
	first := res.scs[0]
	id := first.ID
	when := fmt.Sprintf("%s (in %s)", first.Due.In(m.common.Now().Location()).Format(widget.DueLayout), untilDue(first.Due, m.common.Now()))
	text := fmt.Sprintf("Scheduled %s for %s to %s: the app sends it then while it runs, or zoompose schedule run does; the history's Scheduled list (f3, tab) edits, reschedules or cancels it",
		termtext.Line(id), when, termtext.Line(m.recipientName(first.Message.ToJID)))
	if res.group != "" {
		text = fmt.Sprintf("Scheduled broadcast %s for %s: %d copies, each sent then by the app while it runs, or by zoompose schedule run; each joins the group as it goes out. The Scheduled list (f3, tab) reschedules or cancels each copy",
			termtext.Line(res.group), when, len(res.scs))
	}
	return tea.Batch(
		common.Status(common.StatusOK, text),
		func() tea.Msg { return common.DraftSentMsg{} },
		func() tea.Msg { return common.HistoryChangedMsg{ID: id} },
		func() tea.Msg { return common.BackMsg{} },
	)
}

// untilDue is how long until due, to the minute (to the second under one).
func untilDue(due, now time.Time) time.Duration {
	d := due.Sub(now)
	if d < time.Minute {
		return d.Round(time.Second)
	}
	return d.Round(time.Minute)
}

// scheduleQuestion is the prod guard's question for a scheduled send to
// to, naming its time; false when the form sends now.
func (m *Model) scheduleQuestion(to string) (string, bool) {
	due := m.due()
	if due.IsZero() {
		return "", false
	}
	return fmt.Sprintf("Schedule this card for %s at %s? It goes out then, by itself, and everyone there sees it.",
		to, due.In(m.common.Now().Location()).Format(widget.DueLayout)), true
}
