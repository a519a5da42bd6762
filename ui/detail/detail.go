// Package detail is the Message detail screen: one sent message's rendered
// card, its metadata and its revisions with a diff between any two, and the
// actions on it — edit, restore a revision, delete, resend as new, unfurl
// with this card, copy the id. Every action that changes something on Zoom
// asks first in a confirm dialog (for an edit, with the diff of what is live
// against the new version) and runs in a tea.Cmd with a spinner that esc
// cancels; the record is read from the history in a tea.Cmd too.
package detail

import (
	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/preview"
	"github.com/zoompose/zoompose/ui/widget"
)

// Model is the Message detail screen.
type Model struct {
	common   common.Common
	keys     keyMap
	renderer *preview.Renderer
	id       string          // the message shown (or being loaded)
	msg      history.Message // the record, once loaded
	label    string          // the recipient's label, if the user gave it one
	loaded   bool
	loadSeq  int
	problem  string // why the message cannot be shown
	selected int    // the revision shown, 0-based
	base     int    // the diff's older side; -1 follows the selection (the one before it)
	diff     bool   // the pane shows the diff instead of the card
	allAns   bool   // the pane shows every answer to the card instead (answers.go)
	pane     viewport.Model
	paneFor  string // what the pane holds, so a refresh keeps the scroll when nothing changed
	confirm  *confirmation
	answers  []history.Event // card answers kept for this message, oldest first (answers.go)
	group    *groupView      // the broadcast group shown instead of one message (group.go)
	parent   string          // the group the shown copy was opened from: esc goes back to it
}

// New builds the detail screen; it shows nothing until a ShowDetailMsg.
func New(c common.Common) *Model {
	m := &Model{keys: newKeyMap(), base: -1, pane: viewport.New()}
	m.SetCommon(c)
	return m
}

// SetCommon implements common.Screen. A new theme gets a new card renderer
// (a Renderer belongs to one theme); a new size redraws the pane.
func (m *Model) SetCommon(c common.Common) {
	themeChanged := m.renderer == nil || c.Theme.Name != m.common.Theme.Name || c.Theme.Plain != m.common.Theme.Plain
	m.common = c
	if themeChanged {
		m.renderer = preview.New(c.Theme)
		m.paneFor = ""
	}
	if m.confirm != nil {
		m.confirm.dialog.SetStyles(c.Styles)
		m.confirm.dialog.SetSize(c.Width, c.Height)
	}
	m.refresh()
}

// Title implements common.Screen.
func (m *Model) Title() string { return "Message" }

// Typing implements common.Screen: this screen takes no text, but while it
// asks a question its keys are the answers.
func (m *Model) Typing() bool { return m.confirm != nil }

// Init implements common.Screen: the shown message is read again each time
// the screen is shown, so it is never stale.
func (m *Model) Init() tea.Cmd {
	if m.group != nil {
		return m.loadGroup()
	}
	if m.id == "" {
		return nil
	}
	return m.load()
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.confirm != nil {
		return m.confirm.dialog.Bindings()
	}
	k := m.keys
	if m.group != nil {
		return []key.Binding{k.Open, k.Edit, k.Delete, k.Copy, k.Back}
	}
	return []key.Binding{k.Edit, k.Delete, k.Resend, k.Unfurl, k.Copy, k.Diff, k.Back}
}

// FullHelp implements help.KeyMap: the keys of HelpKeys.
func (m *Model) FullHelp() [][]key.Binding { return common.Bindings(m.HelpKeys()) }

// HelpKeys implements common.Screen: every key of the view shown, the ones
// off now with why; a confirmation lists only its own keys, since no other
// key reaches the screen while it asks.
func (m *Model) HelpKeys() [][]common.KeyHelp {
	if m.confirm != nil {
		keys := [][]common.KeyHelp{m.confirm.dialog.HelpKeys()}
		if m.confirm.action == actionEdit {
			keys = append(keys, []common.KeyHelp{common.Why(m.markdownKey(), "not while the edit is sent")})
		}
		return keys
	}
	if m.group != nil {
		return m.keys.groupHelpKeys(m.group.whyNoneOnZoom())
	}
	return m.keys.helpKeys(m.state())
}

// loadedMsg is a record read from the history for load generation seq.
type loadedMsg struct {
	seq     int
	msg     history.Message
	label   string
	answers []history.Event
	err     error
}

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.HistoryDamagedMsg:
		m.refresh()
		return m, nil
	case common.ShowDetailMsg:
		if m.confirm != nil && !m.confirm.dialog.Busy() {
			m.confirm = nil // a question about another message no longer applies
		}
		if history.IsGroupID(msg.ID) {
			cmd := m.showGroup(msg.ID)
			m.refresh()
			return m, cmd
		}
		m.group, m.parent = nil, ""
		m.show(msg.ID)
		return m, m.load()
	case groupLoadedMsg:
		m.receiveGroup(msg)
		m.refresh()
		return m, nil
	case common.CopyMsg:
		return m, m.onGroupCopy(msg)
	case common.HistoryChangedMsg:
		if m.group != nil {
			return m, m.loadGroup()
		}
		if m.id != "" && (msg.ID == "" || msg.ID == m.id) {
			return m, m.load()
		}
		return m, nil
	case loadedMsg:
		m.receive(msg)
		return m, nil
	case common.EventMsg:
		return m, m.answerArrived(msg)
	case common.SubmitDraftMsg:
		if msg.Mode != common.ComposeEdit {
			return m, nil
		}
		return m, m.confirmEdit(msg)
	case widget.Landed:
		return m, m.landed(msg)
	case common.RateLimitMsg:
		if m.confirm != nil && m.confirm.dialog.Busy() {
			m.confirm.dialog.SetBusyText(fmt.Sprintf("Zoom rate limit: trying again at %s (attempt %d)…",
				msg.Until.In(m.common.Now().Location()).Format("15:04:05"), msg.Attempt+1))
		}
		return m, nil
	case tea.KeyPressMsg:
		if m.confirm != nil {
			return m, m.answer(msg)
		}
		return m, m.handleKey(msg)
	}
	if m.confirm != nil {
		_, cmd := m.confirm.dialog.Update(msg) // the spinner's ticks
		return m, cmd
	}
	return m, nil
}

// show switches to message id, starting on its live revision.
func (m *Model) show(id string) {
	if id != m.id {
		m.msg, m.loaded, m.label, m.problem, m.answers = history.Message{}, false, "", "", nil
		m.selected, m.base, m.diff, m.allAns = 0, -1, false, false
	}
	m.id = id
	m.refresh()
}

// load reads the shown message and its recipient's label.
func (m *Model) load() tea.Cmd {
	store := m.common.Deps.Store
	if store == nil {
		return nil
	}
	m.loadSeq++
	seq, id := m.loadSeq, m.id
	return func() tea.Msg {
		msg, err := store.Get(id)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		res := loadedMsg{seq: seq, msg: msg}
		res.answers, _ = store.Interactions(id) // without them the message still shows
		if rs, err := store.Recipients(); err == nil {
			for _, r := range rs {
				if r.JID == msg.ToJID {
					res.label = r.Label
				}
			}
		}
		return res
	}
}

// receive takes a loaded record in, unless a newer load superseded it. A
// selection on the live revision follows it when a new revision arrived.
func (m *Model) receive(res loadedMsg) {
	if res.seq != m.loadSeq {
		return
	}
	if res.err != nil {
		m.loaded = false
		if errors.Is(res.err, history.ErrNotFound) {
			m.problem = fmt.Sprintf("Message %s is not in this history: it was sent with another history file or before zoompose kept one.", m.id)
		} else {
			m.problem = "The message could not be read from the history: " + res.err.Error()
		}
		m.refresh()
		return
	}
	wasLive := !m.loaded || m.selected == len(m.msg.Revisions)-1
	m.msg, m.label, m.loaded, m.problem = res.msg, res.label, true, ""
	m.answers = res.answers
	last := max(len(m.msg.Revisions)-1, 0)
	if wasLive || m.selected > last {
		m.selected = last
	}
	if m.base > last {
		m.base = -1
	}
	m.refresh()
}

// handleKey runs the screen's keys while no dialog is open.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.group != nil {
		cmd := m.groupKey(msg)
		m.refresh()
		return cmd
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Back) && m.parent != "":
		cmd := m.showGroup(m.parent) // the copy was opened from its group
		m.refresh()
		return cmd
	case key.Matches(msg, k.Back):
		return func() tea.Msg { return common.BackMsg{} }
	case key.Matches(msg, k.Up):
		m.pane.ScrollUp(1)
	case key.Matches(msg, k.Down):
		m.pane.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		m.pane.PageUp()
	case key.Matches(msg, k.PageDown):
		m.pane.PageDown()
	case key.Matches(msg, k.Older):
		m.selected, m.allAns = max(m.selected-1, 0), false
	case key.Matches(msg, k.Newer):
		m.selected, m.allAns = min(m.selected+1, len(m.msg.Revisions)-1), false
	case key.Matches(msg, k.Base):
		m.base, m.diff, m.allAns = m.selected, true, false
	case key.Matches(msg, k.Diff):
		m.diff, m.allAns = !m.diff, false
	case key.Matches(msg, k.Answers):
		m.allAns = !m.allAns
	default:
		return m.act(msg)
	}
	m.refresh()
	return nil
}

// refresh brings the keys and the pane in line with the state.
func (m *Model) refresh() {
	if m.group != nil {
		g := m.group
		m.keys.groupMode(g.loaded, len(g.copies) > 0, len(g.live()) > 0)
		return
	}
	m.keys.Open.SetEnabled(false)
	m.keys.update(m.state())
	m.refreshPane()
}

// state is what decides which of the message's keys act.
func (m *Model) state() state {
	return state{
		loaded: m.loaded, deleted: m.msg.Status == history.StatusDeleted,
		revisions: len(m.msg.Revisions), live: m.selected == len(m.msg.Revisions)-1, answers: len(m.answers),
		busy: history.IsLocalID(m.msg.ID) || // Zoom never gave it an id, or it was never answered
			m.msg.Op != nil && (m.msg.Op.State != history.OpFailed || m.msg.Op.Kind == history.OpSend),
		off: m.common.Deps.SendingOff(),
	}
}

var _ common.Screen = (*Model)(nil)
