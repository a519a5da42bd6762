// Package events is the Events screen: the live feed of the bot's Zoom events (over
// Zoom's WebSocket while the app runs, and those kept in the history), with the
// connection's state, and one key to act on the selected event: unfurl a shared link,
// reply to a message to the bot, open the message a card answer was about.
package events

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/ui/widget"
	"github.com/zoompose/zoompose/zoom"
)

// maxShown bounds the feed kept on screen; the history keeps more.
const maxShown = 500

// item is one event of the feed with its summary, read once.
type item struct {
	event zoom.Event
	sum   zoom.EventSummary
}

func newItem(e zoom.Event) item { return item{event: e, sum: e.Summary()} }

// Model is the Events screen.
type Model struct {
	common common.Common
	keys   keyMap
	list   widget.List[item] // newest first
	conn   zoom.ConnState
	loaded bool // the kept events were read
}

// loadedMsg carries the events kept in the history.
type loadedMsg struct {
	events []history.Event
	err    error
}

// New builds the Events screen; it loads the kept events when first shown.
func New(c common.Common) *Model {
	m := &Model{keys: newKeyMap(), list: widget.NewList[item](1)}
	m.SetCommon(c)
	m.refreshKeys()
	return m
}

// SetCommon implements common.Screen.
func (m *Model) SetCommon(c common.Common) {
	m.common = c
	m.fitList()
}

// Title implements common.Screen.
func (m *Model) Title() string { return "Events" }

// Typing implements common.Screen: the feed takes no text.
func (m *Model) Typing() bool { return false }

// Init implements common.Screen: the kept events are read once, off the Update path.
func (m *Model) Init() tea.Cmd {
	if m.loaded {
		return nil
	}
	store := m.common.Deps.Store
	if store == nil {
		return nil
	}
	return func() tea.Msg {
		evs, err := store.RecentEvents(maxShown)
		return loadedMsg{events: evs, err: err}
	}
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Unfurl, m.keys.Reply, m.keys.Open, m.keys.List.Up, m.keys.List.Down, m.keys.Back}
}

// FullHelp implements help.KeyMap: the keys of HelpKeys.
func (m *Model) FullHelp() [][]key.Binding { return common.Bindings(m.HelpKeys()) }

// Update implements common.Screen. The feed's height follows the selected
// event's detail, which a key or a new event may change.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	s, cmd := m.update(msg)
	m.fitList()
	return s, cmd
}

func (m *Model) update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		m.receive(msg)
	case common.EventMsg:
		if msg.Kept {
			it := newItem(msg.Event)
			m.add(it)
			m.refreshKeys()
			return m, common.Status(common.StatusInfo, "Event: "+it.event.Name+" from "+it.sum.Who+" (f5 shows the events)")
		}
	case common.EventConnMsg:
		m.conn = msg.State
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	}
	m.refreshKeys()
	return m, nil
}

// receive adds the kept events behind the live ones (which are newer, or the same).
func (m *Model) receive(msg loadedMsg) {
	m.loaded = true
	if msg.err != nil {
		m.list.SetProblem(termtext.Visible("The kept events could not be read: " + msg.err.Error()))
		return
	}
	seen := map[string]bool{}
	for _, it := range m.list.Items() {
		seen[string(it.event.Raw)] = true
	}
	var kept []item
	for _, h := range msg.events {
		e := ops.ZoomEvent(h)
		if !seen[string(e.Raw)] && m.list.Len()+len(kept) < maxShown {
			kept = append(kept, newItem(e))
		}
	}
	m.list.Append(kept...)
}

// add puts a live event on top; the selection stays on the event it was on.
func (m *Model) add(it item) {
	items := append([]item{it}, m.list.Items()...)
	selected := m.list.Selected()
	m.list.SetItems(items[:min(len(items), maxShown)])
	if selected > 0 {
		m.list.Select(selected + 1)
	}
}

func (m *Model) current() (item, bool) { return m.list.Current() }

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	defer m.refreshKeys()
	switch {
	case m.list.HandleKey(msg, m.keys.List):
	case key.Matches(msg, m.keys.Back):
		return func() tea.Msg { return common.BackMsg{} }
	case key.Matches(msg, m.keys.Unfurl):
		return m.unfurl()
	case key.Matches(msg, m.keys.Reply):
		return m.reply()
	case key.Matches(msg, m.keys.Open):
		return m.open()
	}
	return nil
}

// unfurl opens the composer on an unfurl card for the shared link, with the unfurl form
// prefilled with the ids to post it with.
func (m *Model) unfurl() tea.Cmd {
	it, ok := m.current()
	client := m.common.Deps.Client
	if !ok || it.event.Name != zoom.EventLinkShared {
		return nil
	}
	if client == nil {
		return common.Status(common.StatusError, m.common.Deps.NotConfigured())
	}
	user, trigger := client.UnfurlIDs(it.sum)
	prefill := common.UnfurlEventMsg{UserID: user, TriggerID: trigger, Link: it.sum.Link}
	return tea.Sequence(
		func() tea.Msg { return prefill },
		func() tea.Msg {
			return common.ComposeMsg{Mode: common.ComposeUnfurl, Source: unfurlSource(it.sum.Link), Trigger: &prefill}
		},
	)
}

// unfurlSource is the card an unfurl starts from: the link as its head.
func unfurlSource(link string) string {
	return "---\nhead: " + yamlSafe(link) + "\n---\n\nPreview of " + link + "\n"
}

// yamlSafe keeps a link on one line of the front matter.
func yamlSafe(s string) string {
	out := []rune{}
	for _, r := range s {
		if r >= ' ' && r != 0x7f {
			out = append(out, r)
		}
	}
	return string(out)
}

// reply starts a new message to where the bot_notification came from.
func (m *Model) reply() tea.Cmd {
	it, ok := m.current()
	if !ok || it.event.Name != zoom.EventBotNotification || it.sum.ToJID == "" {
		return nil
	}
	to := it.sum.ToJID
	return tea.Sequence(
		func() tea.Msg { return common.ReplyToMsg{To: to} },
		func() tea.Msg { return common.ComposeMsg{Mode: common.ComposeNew} },
		common.Status(common.StatusInfo, "Replying to "+to+": compose, then ctrl+s — the send form has the recipient"),
	)
}

// open shows the message a card answer was about, with its answers.
func (m *Model) open() tea.Cmd {
	it, ok := m.current()
	if !ok || !it.event.IsInteraction() || it.sum.MessageID == "" {
		return nil
	}
	id := it.sum.MessageID
	return func() tea.Msg { return common.ShowDetailMsg{ID: id} }
}

var _ common.Screen = (*Model)(nil)
