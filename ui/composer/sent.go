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
