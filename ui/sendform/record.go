package sendform

import (
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
)

// recordMsg is the outbox record a draft settles, read from the history.
type recordMsg struct {
	id  string
	msg history.Message
	err error
}

// loadRecord reads the record the draft settles, so the form shows its
// envelope and knows whether its first request may have reached Zoom.
func (m *Model) loadRecord() tea.Cmd {
	store, id := m.common.Deps.Store, m.record
	if id == "" || store == nil {
		return nil
	}
	return func() tea.Msg {
		msg, err := store.Get(id)
		return recordMsg{id: id, msg: msg, err: err}
	}
}

// onRecord fills the form from the record the draft settles. A record that
// is settled by now (sent from the outbox meanwhile) no longer ties the
// draft: sending it again would post a second copy, so the form says so.
func (m *Model) onRecord(res recordMsg) tea.Cmd {
	if res.id != m.record {
		return nil
	}
	if res.err != nil || !res.msg.Op.NeedsAction() || res.msg.Op.Kind != history.OpSend {
		m.record = ""
		m.note = "This card's earlier send is settled now (it was sent or resolved elsewhere): ctrl+s sends it as a new message."
		return common.Status(common.StatusWarn, m.note)
	}
	m.recordTo = res.msg.ToJID
	m.fields.SetValue(fieldTo, res.msg.ToJID)
	m.fields.SetValue(fieldReplyTo, res.msg.ReplyTo)
	m.fields.SetValue(fieldVisibleTo, res.msg.VisibleToUser)
	m.unknown = res.msg.Op.State == history.OpUnknown
	m.refreshMatches()
	m.note = "This card is the " + string(res.msg.Op.State) + " send " + res.msg.ID + ": ctrl+s sends that same record again, so its outbox entry closes."
	return nil
}
