package sendform

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// Several recipients: the names in the To field are resolved with the
// history's resolver in a command before anything goes on the network; one
// JID sends exactly as a single send, several send a broadcast
// (ops.Broadcast), whose copies' outcomes come back one by one through a
// common.CopyStream and are listed on the form as they settle.

// resolvedMsg is what the names of the To field stood for.
type resolvedMsg struct {
	seq     int
	targets []history.ResolvedRecipient
	err     error
}

// broadcastMsg is a broadcast's result; it lands through the flight.
type broadcastMsg struct {
	res ops.GroupResult
	err error
}

// resolve reads what the typed names stand for. JIDs need no history; a
// name without one is unknown.
func (m *Model) resolve() tea.Cmd {
	m.resolveSeq++
	m.resolving = true
	seq, names, store := m.resolveSeq, splitRecipients(m.fields.Value(fieldTo)), m.common.Deps.Store
	return func() tea.Msg {
		if store == nil {
			var unknown []string
			var out []history.ResolvedRecipient
			for _, n := range names {
				if history.IsJIDLike(n) {
					out = append(out, history.ResolvedRecipient{JID: n})
				} else {
					unknown = append(unknown, n)
				}
			}
			if len(unknown) > 0 {
				return resolvedMsg{seq: seq, err: &history.UnknownNamesError{Names: unknown}}
			}
			return resolvedMsg{seq: seq, targets: out}
		}
		targets, err := store.ResolveRecipients(names)
		return resolvedMsg{seq: seq, targets: targets, err: err}
	}
}

// onResolved checks what the names stood for and sends, or says what is
// wrong with the focus on the To field.
func (m *Model) onResolved(msg resolvedMsg) tea.Cmd {
	if msg.seq != m.resolveSeq || m.flight.Active() {
		return nil
	}
	m.resolving = false
	if problem, mark := m.checkTargets(msg); problem != "" {
		m.problem = problem
		m.bad = badField{field: fieldTo, value: m.fields.Value(fieldTo), mark: mark}
		return tea.Batch(common.Status(common.StatusError, problem), m.setFocus(fieldTo))
	}
	m.targets = msg.targets
	return m.dispatch()
}

// checkTargets refuses unknown names, a JID that is not one (a list's
// member is history, so outside text) and a reply to several recipients.
func (m *Model) checkTargets(msg resolvedMsg) (problem, mark string) {
	var unknown *history.UnknownNamesError
	switch {
	case errors.As(msg.err, &unknown):
		return fmt.Sprintf("To: %s. Add a label with `zoompose recipients add JID --label NAME` or a list with `zoompose recipients add-list NAME JID…`, or label a JID here: type it, highlight it and press ctrl+l.",
			termtext.Line(unknown.Error())), "unknown name"
	case msg.err != nil:
		return "To: the recipients could not be read from the history: " + termtext.Line(msg.err.Error()), ""
	case len(msg.targets) == 0:
		return needRecipient, needRecipientMark
	}
	for _, t := range msg.targets {
		if err := zoom.CheckJID(t.JID); err != nil {
			return fmt.Sprintf("To: %s: %v.", termtext.Line(cmpOr(t.Via, t.JID)), err), "not a Zoom JID"
		}
	}
	switch {
	case len(msg.targets) > 1 && m.fields.Value(fieldReplyTo) != "":
		return "Reply to: a reply goes to one recipient's thread; send to one recipient, or empty Reply to to broadcast.", "several recipients"
	case len(msg.targets) > history.MaxGroupCopies:
		return fmt.Sprintf("To: a broadcast takes at most %d recipients, not %d.", history.MaxGroupCopies, len(msg.targets)), "too many"
	case m.record != "" && (len(msg.targets) != 1 || msg.targets[0].JID != m.recordTo):
		return fmt.Sprintf("This card is the send %s to %s, kept in the outbox: its recipient cannot change. For another recipient, start a new message (ctrl+n) and paste it there.", m.record, m.recordTo), ""
	}
	return "", ""
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// dispatch sends to the resolved recipients, after the prod guard.
func (m *Model) dispatch() tea.Cmd {
	if profile, prod := m.prodProfile(); prod && !m.prodYes {
		return m.askProd(profile)
	}
	if len(m.targets) > 1 {
		return m.startBroadcast()
	}
	return m.startSend(m.targets[0].JID)
}

// startBroadcast sends one copy per recipient as a group, listing each
// copy's outcome as it settles.
func (m *Model) startBroadcast() tea.Cmd {
	envs := make([]ops.Envelope, len(m.targets))
	for i, t := range m.targets {
		envs[i] = ops.Envelope{ToJID: t.JID, VisibleToUser: m.fields.Value(fieldVisibleTo)}
	}
	card := m.card
	if due := m.due(); !due.IsZero() {
		return m.scheduleBroadcast(envs, card, due)
	}
	o := m.common.Deps.Ops()
	stream := common.NewCopyStream(common.ScreenSend, len(envs))
	m.stream, m.copies, m.copiesOf = stream, nil, len(envs)
	m.problem, m.rateUntil = "", time.Time{}
	m.keys.setSending(true)
	run := m.flight.Start(func(ctx context.Context) tea.Msg {
		res, err := o.Broadcast(ctx, envs, card, stream.Report)
		stream.Close()
		return broadcastMsg{res: res, err: err}
	})
	return tea.Batch(run, stream.Next())
}

// onCopy lists one copy's outcome and waits for the next.
func (m *Model) onCopy(msg common.CopyMsg) tea.Cmd {
	if msg.Stream != m.stream {
		return nil
	}
	m.copies = append(m.copies, msg.Outcome)
	if msg.Outcome.Index+1 >= msg.Outcome.Of {
		return nil
	}
	return msg.Stream.Next()
}

// finishBroadcast reports a broadcast. All sent: the group's detail. Some
// failed: the form lists every copy's outcome, the failed ones are in the
// outbox (where sending them again is safe or asks), and the card is no
// longer on the form, so ctrl+s cannot post a second copy to the others.
func (m *Model) finishBroadcast(res broadcastMsg) tea.Cmd {
	m.keys.setSending(false)
	m.stream = nil
	if res.err != nil {
		m.problem = res.err.Error()
		return tea.Batch(common.Status(common.StatusError, m.problem), func() tea.Msg { return common.HistoryChangedMsg{} })
	}
	m.copies, m.copiesOf = res.res.Copies, len(res.res.Copies)
	group, failed, n := res.res.Group, res.res.Failed(), len(res.res.Copies)
	copies := m.copies
	m.reset()
	m.copies, m.copiesOf = copies, n
	changed := func() tea.Msg { return common.HistoryChangedMsg{} }
	sent := func() tea.Msg { return common.DraftSentMsg{} }
	if failed == 0 {
		m.copies = nil
		return tea.Batch(
			common.Status(common.StatusOK, fmt.Sprintf("Sent %d copies as broadcast %s", n, group)),
			sent, changed, func() tea.Msg { return common.ShowDetailMsg{ID: group} })
	}
	m.problem = fmt.Sprintf("%d of %d copies of broadcast %s failed: they wait in the outbox (f4), where each says what to do; the group's row in the history (f3) shows every copy.",
		failed, n, group)
	return tea.Batch(common.Status(common.StatusError, m.problem), sent, changed)
}

// copyLines lists the copies' outcomes: n of m, each copy's recipient and result.
// reasonIndent sets a failed copy's reason under its row.
const reasonIndent = "    "

func (m *Model) copyLines() string {
	if m.copiesOf == 0 || (len(m.copies) == 0 && !m.flight.Active()) {
		return ""
	}
	s := m.common.Styles
	var b strings.Builder
	b.WriteString(s.Text.Render(fmt.Sprintf("Broadcast: %d of %d copies settled", len(m.copies), m.copiesOf)) + "\n")
	for _, c := range m.copies {
		to := termtext.Line(m.recipientName(c.ToJID))
		head := fmt.Sprintf("%d/%d %s", c.Index+1, c.Of, to)
		switch {
		case c.OK():
			b.WriteString(s.OK.Render("✓ "+head) + s.Muted.Render(" sent "+termtext.Line(c.Message.ID)) + "\n")
		case c.Skipped != "":
			b.WriteString(s.Warn.Render("… "+head) + s.Muted.Render(" "+termtext.Line(c.Skipped)) + "\n")
		default:
			// The reason is wrapped whole under its copy: it says what to do.
			reason := wrap(termtext.Line(c.Err.Error()), m.common.Width-len(reasonIndent))
			b.WriteString(s.Error.Render("✗ "+head) + "\n" + reasonIndent + strings.ReplaceAll(reason, "\n", "\n"+reasonIndent) + "\n")
		}
	}
	return b.String()
}
