package composer

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/ui/common"
)

// onDraftSent forgets the draft that went out. It may not be the one shown:
// the author can switch drafts while a send is on its way.
func (m *Model) onDraftSent(msg common.DraftSentMsg) tea.Cmd {
	t := m.sentTarget(msg)
	if m.submitted != nil && *m.submitted == t {
		m.submitted = nil
	}
	return m.closeDraft(t)
}

// sentTarget is the target whose draft msg says went out.
func (m *Model) sentTarget(msg common.DraftSentMsg) target {
	switch {
	case msg.Record != "":
		// An outbox record was settled, from here or from the outbox
		// screen: only a draft tied to it is done.
		return target{mode: common.ComposeNew, record: msg.Record}
	case msg.Mode == common.ComposeEdit && msg.MessageID != "":
		return target{mode: common.ComposeEdit, id: msg.MessageID}
	case msg.Mode == common.ComposeUnfurl && m.submitted != nil && m.submitted.mode == common.ComposeUnfurl:
		return *m.submitted // the unfurl draft last handed over, whichever trigger it is for
	case msg.Mode == common.ComposeUnfurl:
		return target{mode: common.ComposeUnfurl}
	case msg.Mode == common.ComposeScheduled && msg.MessageID != "":
		return target{mode: common.ComposeScheduled, id: msg.MessageID}
	case m.submitted != nil:
		// ComposeNew is also the zero value, which senders that name no
		// target send: the draft last handed over with ctrl+s went out.
		return *m.submitted
	}
	return m.cur.target
}

// onDraftKept ties the new message just submitted to the outbox record its
// failed send was kept as: sending it again settles that record instead of
// posting another message, and the next new message starts empty. The
// card is in the outbox, so the tied draft is saved only once changed.
func (m *Model) onDraftKept(msg common.DraftKeptMsg) tea.Cmd {
	to := target{mode: common.ComposeNew, record: msg.Record}
	if msg.Record == "" || m.submitted == nil || m.submitted.mode != common.ComposeNew || *m.submitted == to {
		return nil
	}
	from := *m.submitted
	text, shown := "", m.cur.target == from
	if e := m.open[from.name()]; e != nil {
		text = e.source
	}
	if shown {
		text = m.editor.Value()
	}
	closeCmd := m.closeDraft(from)
	e := m.entry(to)
	e.source, e.pristine = text, true
	if shown {
		m.show(e)
	}
	m.submitted = &to
	return closeCmd
}

// closeDraft forgets t's draft in memory and in the history file; the
// new-message draft is emptied rather than closed. When t's draft is shown,
// the composer goes back to the new message.
func (m *Model) closeDraft(t target) tea.Cmd {
	if e := m.open[t.name()]; e != nil {
		e.source, e.savedAt, e.pristine = "", time.Time{}, true
	}
	shown := m.cur.target == t
	if shown {
		m.startFrom("") // the text is gone on purpose: nothing to save
	}
	if t != newMessage {
		delete(m.open, t.name())
		if shown {
			m.show(m.entry(newMessage))
		}
	}
	return m.deleteDraft(t.name())
}

// onRecordReleased unties the draft of an outbox record settled without its
// card being sent (discarded, or recorded as arrived): sending it would
// settle nothing, so it becomes the new message again, text kept. When the
// new message already holds text, the card is kept as a draft of its own
// and the status line says where. A record still waiting (failed) keeps
// its draft: sending it settles that record.
func (m *Model) onRecordReleased(msg common.RecordReleasedMsg) tea.Cmd {
	from := target{mode: common.ComposeNew, record: msg.Record}
	e := m.open[from.name()]
	if msg.Waiting || msg.Record == "" || e == nil {
		return nil
	}
	shown := m.cur == e
	text := e.source
	if shown {
		text = m.editor.Value()
	}
	closeCmd := m.closeDraft(from) // shows the new message if it was shown
	if text == "" {
		return closeCmd
	}
	to, where := newMessage, "it is your new message now"
	if m.textOf(newMessage) != "" {
		to = target{mode: common.ComposeNew, id: msg.Record}
		where = "your new message already holds text, so it is kept as the draft \"" + to.label() + "\" (ctrl+l lists drafts)"
	}
	dest := m.entry(to)
	dest.source, dest.pristine, dest.savedAt = text, false, m.common.Now()
	save := m.writeDraft(to.name(), text, dest.savedAt) // the outbox no longer keeps the card
	if shown || m.cur == dest {
		m.show(dest)
	}
	if m.submitted != nil && *m.submitted == from {
		m.submitted = &to
	}
	return tea.Batch(closeCmd, save, common.Status(common.StatusInfo,
		"Outbox send "+msg.Record+" "+msg.How+"; its card was tied to it: "+where+", and ctrl+s sends it as a new message."))
}

// textOf is t's draft text: the editor's when it is shown.
func (m *Model) textOf(t target) string {
	if m.cur.target == t {
		return m.editor.Value()
	}
	if e := m.open[t.name()]; e != nil {
		return e.source
	}
	return ""
}
