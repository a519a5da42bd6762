// Package outbox is the screen of records that need the admin: an operation
// Zoom certainly did not apply (failed: retry or discard it), or one whose
// answer never came (outcome unknown: say whether it arrived, or send it
// again after being told it may post a duplicate). It lists the records
// themselves, not copies: settling a record anywhere removes its entry.
package outbox

import (
	"context"
	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/widget"
)

// question is what the screen is asking before it acts.
type question int

const (
	askNothing   question = iota
	askDiscard            // discard a failed operation?
	askDuplicate          // send an unknown outcome again, which may duplicate it?
	askMessageID          // it arrived: which message id did Zoom give it?
	askProdRetry          // a kind = "prod" profile: try it again on Zoom?
)

// Model is the outbox screen.
type Model struct {
	common  common.Common
	keys    keyMap
	list    widget.List[history.OutboxEntry]
	asking  question
	idInput textinput.Model
	flight  widget.Flight
}

type loadedMsg struct {
	entries []history.OutboxEntry
	err     error
}

type retriedMsg struct {
	entry history.OutboxEntry
	msg   history.Message
	err   error
}

// settledMsg is the result of a local settlement: a discard or a resolution.
// released tells the screens holding a card tied to the record.
type settledMsg struct {
	text     string
	err      error
	released common.RecordReleasedMsg
}

// New builds the outbox screen.
func New(c common.Common) *Model {
	in := textinput.New()
	in.Prompt = "message id: "
	in.Placeholder = "optional: the id Zoom shows for it"
	list := widget.NewList[history.OutboxEntry](1)
	list.Empty = "Nothing needs action. Operations that fail, or whose answer never comes, land here."
	m := &Model{keys: newKeyMap(), list: list, flight: widget.NewFlight(common.ScreenOutbox), idInput: in}
	m.SetCommon(c)
	return m
}

// SetCommon implements common.Screen.
func (m *Model) SetCommon(c common.Common) {
	m.common = c
	m.fitList()
}

// Title implements common.Screen.
func (m *Model) Title() string { return "Outbox" }

// Typing implements common.Screen: the message id prompt takes text, and
// the other questions take their answers.
func (m *Model) Typing() bool { return m.asking != askNothing }

// Init implements common.Screen: (re)load the entries.
func (m *Model) Init() tea.Cmd { return m.load() }

// Update implements common.Screen. The list's height follows what is drawn
// under the selected entry and in the footer, which any message may change.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	s, cmd := m.update(msg)
	m.fitList()
	return s, cmd
}

func (m *Model) update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.err != nil {
			return m, common.Status(common.StatusError, "the outbox could not be read: "+msg.err.Error())
		}
		m.list.SetItems(msg.entries)
		m.syncKeys()
		return m, nil
	case common.HistoryChangedMsg:
		return m, m.load()
	case common.HistoryDamagedMsg:
		m.syncKeys()
		return m, nil
	case settledMsg:
		if msg.err != nil {
			return m, tea.Batch(common.Status(common.StatusError, msg.err.Error()), changed(""))
		}
		released := msg.released
		return m, tea.Batch(common.Status(common.StatusOK, msg.text), changed(""), func() tea.Msg { return released })
	case widget.Landed:
		if res, ok := msg.Msg.(retriedMsg); ok && m.flight.Landed(msg) {
			m.syncKeys()
			return m, m.retried(res)
		}
		return m, nil
	case tea.KeyPressMsg:
		cmd := m.handleKey(msg)
		m.syncKeys()
		return m, cmd
	case tea.PasteMsg:
		if m.asking == askMessageID {
			var cmd tea.Cmd
			m.idInput, cmd = m.idInput.Update(msg)
			return m, cmd
		}
	}
	return m, m.flight.Update(msg)
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.asking != askNothing {
		return m.answer(msg)
	}
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.flight.Cancel()
	case m.flight.Active():
		return nil
	case key.Matches(msg, m.keys.Back):
		return func() tea.Msg { return common.BackMsg{} }
	case m.list.HandleKey(msg, m.keys.List):
	case key.Matches(msg, m.keys.Retry):
		switch {
		case m.selected().State == history.OpUnknown:
			m.asking = askDuplicate
			return nil
		case m.prod():
			m.asking = askProdRetry
			return nil
		}
		return m.retry(false)
	case key.Matches(msg, m.keys.Open):
		return m.open()
	case key.Matches(msg, m.keys.Discard):
		m.asking = askDiscard
	case key.Matches(msg, m.keys.Arrived):
		if m.selected().Kind == history.OpSend {
			m.asking = askMessageID
			m.idInput.Reset()
			return m.idInput.Focus()
		}
		return m.resolve(history.Resolution{Arrived: true})
	case key.Matches(msg, m.keys.NotArrived):
		return m.resolve(history.Resolution{Arrived: false})
	}
	return nil
}

// answer takes the key that answers the open question.
func (m *Model) answer(msg tea.KeyPressMsg) tea.Cmd {
	asked := m.asking
	if asked == askMessageID {
		switch {
		case key.Matches(msg, m.keys.SaveID):
			m.asking = askNothing
			return m.resolve(history.Resolution{Arrived: true, MessageID: m.idInput.Value()})
		case key.Matches(msg, m.keys.SkipID):
			m.asking = askNothing
			return nil
		}
		var cmd tea.Cmd
		m.idInput, cmd = m.idInput.Update(msg)
		return cmd
	}
	m.asking = askNothing
	if !key.Matches(msg, m.keys.Confirm) {
		return nil
	}
	switch asked {
	case askDuplicate:
		return m.retry(true)
	case askProdRetry:
		return m.retry(false)
	}
	return m.discard()
}

func (m *Model) selected() history.OutboxEntry {
	e, _ := m.list.Current()
	return e
}

func (m *Model) load() tea.Cmd {
	store := m.common.Deps.Store
	return func() tea.Msg {
		entries, err := store.Outbox()
		return loadedMsg{entries: entries, err: err}
	}
}

// open puts the entry's card in the composer, tied to its record: sending it
// from there settles this entry. A change goes to the message's edit draft.
func (m *Model) open() tea.Cmd {
	e := m.selected()
	msg := common.ComposeMsg{Mode: common.ComposeNew, Source: e.Card.Source, Record: e.ID}
	switch e.Kind {
	case history.OpEdit:
		rec, err := m.common.Deps.Store.Get(e.ID)
		if err != nil {
			return common.Status(common.StatusError, err.Error())
		}
		msg = common.ComposeMsg{Mode: common.ComposeEdit, Source: e.Card.Source, Message: &rec}
	case history.OpUnfurl:
		msg = common.ComposeMsg{Mode: common.ComposeUnfurl, Source: e.Card.Source}
	case history.OpDelete:
		return common.Status(common.StatusInfo, "A delete has no card to open: press r to try it again, or x to discard it.")
	}
	if msg.Source == "" {
		source, err := compose.EditSource("", e.Card.Content)
		if err != nil {
			return common.Status(common.StatusError, "The kept card cannot be turned back into source ("+err.Error()+").")
		}
		msg.Source = source
	}
	return func() tea.Msg { return msg }
}

// prod reports whether the profile is a production one: trying an entry
// again sends, edits or deletes on it, so the prod guard asks first.
func (m *Model) prod() bool {
	d := m.common.Deps
	return d != nil && d.Profile.Kind == "prod"
}

func (m *Model) retry(acceptDuplicate bool) tea.Cmd {
	o := m.common.Deps.Ops()
	if o == nil {
		return common.Status(common.StatusError, m.common.Deps.NotConfigured())
	}
	entry := m.selected()
	return m.flight.Start(func(ctx context.Context) tea.Msg {
		msg, err := o.Retry(ctx, entry.ID, nil, acceptDuplicate)
		return retriedMsg{entry: entry, msg: msg, err: err}
	})
}

func (m *Model) retried(res retriedMsg) tea.Cmd {
	var rec *ops.RecordError
	switch {
	case res.err == nil:
		text := fmt.Sprintf("Done: the %s of %s went through (%s).", res.entry.Kind, res.entry.ID, res.msg.Status)
		if res.entry.Kind == history.OpSend {
			text = fmt.Sprintf("Sent %s to %s.", res.msg.ID, res.msg.ToJID)
		}
		sent := common.DraftSentMsg{Record: res.entry.ID}
		return tea.Batch(common.Status(common.StatusOK, text), changed(res.msg.ID), func() tea.Msg { return sent })
	case errors.As(res.err, &rec):
		return tea.Batch(common.Status(common.StatusWarn, rec.Error()), changed(""))
	case errors.Is(res.err, context.Canceled):
		return tea.Batch(common.Status(common.StatusWarn, "Cancelled: "+res.err.Error()), changed(""))
	}
	return tea.Batch(common.Status(common.StatusError, res.err.Error()), changed(""))
}

func (m *Model) discard() tea.Cmd {
	store, id := m.common.Deps.Store, m.selected().ID
	return func() tea.Msg {
		if _, err := store.Discard(id); err != nil {
			return settledMsg{err: fmt.Errorf("could not discard %s: %w", id, err)}
		}
		return settledMsg{text: "Discarded " + id + ".", released: common.RecordReleasedMsg{Record: id, How: "was discarded"}}
	}
}

func (m *Model) resolve(r history.Resolution) tea.Cmd {
	store, id := m.common.Deps.Store, m.selected().ID
	return func() tea.Msg {
		res, err := store.Resolve(id, r)
		if err != nil {
			return settledMsg{err: fmt.Errorf("could not resolve %s: %w", id, err)}
		}
		if r.Arrived {
			return settledMsg{text: fmt.Sprintf("Recorded that the %s arrived: %s is %s.", res.Kind, res.ID, res.Status),
				released: common.RecordReleasedMsg{Record: id, How: "was recorded as arrived"}}
		}
		return settledMsg{text: fmt.Sprintf("Recorded that the %s did not arrive: %s is failed now; r sends it again, x discards it.", res.Kind, res.ID),
			released: common.RecordReleasedMsg{Record: id, How: "was recorded as not arrived", Waiting: true}}
	}
}

func changed(id string) tea.Cmd {
	return func() tea.Msg { return common.HistoryChangedMsg{ID: id} }
}

var _ common.Screen = (*Model)(nil)
