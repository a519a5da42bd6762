// Package outbox is the screen of requests zoompose has not seen succeed: a
// send that failed on the network, on a 5xx, on a rate limit that outlasted
// the retries, or whose outcome is unknown. Each keeps its card and envelope
// with the error; the user retries it, opens it in the composer, or discards
// it. Entries live in the history file, so they survive a restart.
package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/ops"
)

type keyMap struct {
	Up, Down, Retry, Open, Discard, Confirm, Back key.Binding
	Cancel                                        key.Binding // a retry in flight
}

func newKeyMap() keyMap {
	return keyMap{
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Retry:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry")),
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open in composer")),
		Discard: key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "discard")),
		Confirm: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes, discard"), key.WithDisabled()),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel retry"), key.WithDisabled()),
	}
}

// setRetrying enables the keys that make sense while a retry is in flight.
func (k *keyMap) setRetrying(retrying bool) {
	common.SetBusy(retrying, &k.Cancel, &k.Up, &k.Down, &k.Retry, &k.Open, &k.Discard, &k.Back)
}

// Model is the outbox screen.
type Model struct {
	common     common.Common
	keys       keyMap
	entries    []history.OutboxEntry
	cursor     int
	confirming bool // asked "discard this entry?"
	flight     common.Flight
}

type loadedMsg struct {
	entries []history.OutboxEntry
	err     error
}

type retriedMsg struct {
	msg history.Message
	err error
}

type discardedMsg struct {
	id  string
	err error
}

// New builds the outbox screen.
func New(c common.Common) *Model {
	return &Model{common: c, keys: newKeyMap(), flight: common.NewFlight()}
}

// SetCommon implements common.Screen.
func (m *Model) SetCommon(c common.Common) { m.common = c }

// Title implements common.Screen.
func (m *Model) Title() string { return "Outbox" }

// Typing implements common.Screen: the outbox takes no text.
func (m *Model) Typing() bool { return false }

// Init implements common.Screen: (re)load the entries.
func (m *Model) Init() tea.Cmd { return m.load() }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.confirming {
		return []key.Binding{m.keys.Confirm, m.keys.Back}
	}
	return []key.Binding{m.keys.Retry, m.keys.Open, m.keys.Discard, m.keys.Cancel, m.keys.Back}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Up, m.keys.Down}, {m.keys.Retry, m.keys.Open, m.keys.Discard, m.keys.Cancel, m.keys.Back}}
}

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.err != nil {
			return m, common.Status(common.StatusError, "the outbox could not be read: "+msg.err.Error())
		}
		m.entries = msg.entries
		m.cursor = min(m.cursor, max(len(m.entries)-1, 0))
		return m, nil
	case common.HistoryChangedMsg:
		return m, m.load()
	case discardedMsg:
		if msg.err != nil {
			return m, common.Status(common.StatusError, "could not discard: "+msg.err.Error())
		}
		return m, tea.Batch(common.Status(common.StatusInfo, "Discarded "+msg.id), changed(""))
	case common.Landed:
		if res, ok := msg.Msg.(retriedMsg); ok && m.flight.Landed(msg) {
			return m, m.retried(res)
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	}
	return m, m.flight.Update(msg)
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.confirming {
		yes := key.Matches(msg, m.keys.Confirm)
		m.confirming = false
		m.keys.Confirm.SetEnabled(false)
		if yes {
			return m.discard()
		}
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.flight.Cancel()
	case m.flight.Active():
		return nil
	case key.Matches(msg, m.keys.Back):
		return func() tea.Msg { return common.BackMsg{} }
	case key.Matches(msg, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(msg, m.keys.Down):
		m.cursor = min(m.cursor+1, max(len(m.entries)-1, 0))
	case len(m.entries) == 0:
		return nil
	case key.Matches(msg, m.keys.Retry):
		return m.retry()
	case key.Matches(msg, m.keys.Open):
		source := m.entries[m.cursor].Source
		return func() tea.Msg { return common.ComposeMsg{Mode: common.ComposeNew, Source: source} }
	case key.Matches(msg, m.keys.Discard):
		m.confirming = true
		m.keys.Confirm.SetEnabled(true)
	}
	return nil
}

func (m *Model) load() tea.Cmd {
	store := m.common.Deps.Store
	return func() tea.Msg {
		entries, err := store.Outbox()
		return loadedMsg{entries: entries, err: err}
	}
}

func (m *Model) retry() tea.Cmd {
	o := m.common.Deps.Ops()
	if o == nil {
		return common.Status(common.StatusError, m.common.Deps.NotConfigured())
	}
	entry := m.entries[m.cursor]
	m.keys.setRetrying(true)
	return m.flight.Start(func(ctx context.Context) tea.Msg {
		sent, err := o.RetryOutbox(ctx, entry)
		return retriedMsg{msg: sent.Message, err: err}
	})
}

func (m *Model) retried(res retriedMsg) tea.Cmd {
	m.keys.setRetrying(false)
	var rec *ops.RecordError
	switch {
	case res.err == nil:
		return tea.Batch(common.Status(common.StatusOK, fmt.Sprintf("Sent %s to %s", res.msg.ID, res.msg.ToJID)), changed(res.msg.ID))
	case errors.As(res.err, &rec):
		return tea.Batch(common.Status(common.StatusWarn, rec.Error()), changed(""))
	}
	return tea.Batch(common.Status(common.StatusError, res.err.Error()), changed(""))
}

func (m *Model) discard() tea.Cmd {
	store, id := m.common.Deps.Store, m.entries[m.cursor].ID
	return func() tea.Msg { return discardedMsg{id: id, err: store.DeleteOutbox(id)} }
}

func changed(id string) tea.Cmd {
	return func() tea.Msg { return common.HistoryChangedMsg{ID: id} }
}

// View implements common.Screen.
func (m *Model) View() string {
	s := m.common.Styles
	var b strings.Builder
	b.WriteString(s.Title.Render(fmt.Sprintf("Outbox — %d waiting", len(m.entries))) + "\n\n")
	if len(m.entries) == 0 {
		b.WriteString(s.Muted.Render("Nothing waiting. Sends that fail on the network, on Zoom's side or on the rate limit land here."))
		return b.String()
	}
	for i, e := range m.entries {
		row := fmt.Sprintf("%s  %-6s %-28s tries %d", e.At.Local().Format("Jan 02 15:04"), e.Op, ansi.Truncate(recipient(e), 28, "…"), e.Attempts)
		if i == m.cursor {
			b.WriteString(s.Selected.Render("› "+row) + "\n")
			b.WriteString("    " + s.Error.Render(ansi.Truncate(e.Err, max(m.common.Width-4, 10), "…")) + "\n")
		} else {
			b.WriteString("  " + row + "\n")
		}
	}
	b.WriteString("\n")
	switch {
	case m.confirming:
		b.WriteString(s.Warn.Render("Discard this entry? Its card is lost unless it is also a draft. y discards, any other key keeps it."))
	case m.flight.Active():
		b.WriteString(m.flight.Spinner() + s.Text.Render(" Retrying… esc cancels"))
	}
	return b.String()
}

// recipient reads the to_jid of a kept send's envelope.
func recipient(e history.OutboxEntry) string {
	var env struct {
		ToJID string `json:"to_jid"`
	}
	if json.Unmarshal(e.Envelope, &env) != nil || env.ToJID == "" {
		return "?"
	}
	return env.ToJID
}

var _ common.Screen = (*Model)(nil)
