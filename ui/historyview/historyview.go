// Package historyview is the History screen. It has two lists, and tab
// switches between them:
//
//   - Messages: the messages zoompose sent, newest first, loaded a page at a
//     time as the selection nears the end, and a filter box (/) that narrows
//     the list as you type — free text searches the cards, to:<label or JID>
//     and status:<status> narrow by recipient and status. Enter opens a
//     message's detail.
//
//   - Unfurls: the unfurls zoompose sent, newest first, filtered as plain
//     text over user id, trigger id and the card's first line. Enter opens
//     the card in the composer to unfurl it again.
//
//   - Scheduled: the sends waiting for their time, to edit, reschedule,
//     cancel or send now (scheduled.go).
//
// Every read of the history runs in a tea.Cmd; results of a read that was
// superseded are dropped.
package historyview

import (
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/widget"
)

const (
	// pageSize is how many messages one read loads.
	pageSize = history.DefaultLimit
	// prefetchRows: the next page loads when the selection comes this close
	// to the last loaded row, so scrolling rarely waits.
	prefetchRows = 10
	// cheapQuery: a filter query that took less than this runs again at
	// once on the next key, as does one that took less than the gap between
	// the last two keys (the typist is slower than the search, so nothing
	// piles up). Otherwise keys come faster than queries end, and the next
	// query waits for a pause in typing as long as the last one took, up to
	// maxPause. 50 ms is under the gap between a fast typist's keys
	// (80–150 ms).
	cheapQuery = 50 * time.Millisecond
	maxPause   = 150 * time.Millisecond
)

// listID names one of the screen's two lists.
type listID int

const (
	listMessages listID = iota
	listUnfurls
	listScheduled
)

// other is the list after l: messages, unfurls, scheduled, and round (see
// nextList).
func (l listID) other() listID {
	return (l + 1) % (listScheduled + 1)
}

// messageRow is a sent message with the first line its row shows, worked
// out once when the page is read rather than on every frame.
type messageRow struct {
	history.Message
	summary string
	copies  []history.Message // a broadcast's row: all its copies (groups.go)
	copyOf  string            // a copy shown under its group's row: the group
}

// Model is the History screen.
type Model struct {
	common    common.Common
	keys      keyMap
	shown     listID // the list on screen
	unfurls   unfurlList
	scheduled scheduledList
	input     textinput.Model // the messages' filter box
	typing    bool            // the shown list's filter box has the focus
	list      widget.List[messageRow]
	query     history.Query // the resolved query the rows came from; Cursor is the next page
	labels    map[string]string
	seq       int // generation of the current query; older results are dropped
	inflight  int // generation of the first-page query running, 0 when none
	// cost is how long the last first-page query took; cheap is the cost
	// under which the next runs at once (cheapQuery; tests lower it); gap
	// is the time between the last two edits of the filter.
	cost, cheap, gap time.Duration
	lastEdit         time.Time
	loading          bool   // the first page of the current query is on its way
	more             bool   // the next page is on its way
	toEnd            bool   // G asked for the last row: keep loading pages and select the last
	note             string // what the filter selects
	// groupsSeen are the broadcast groups the loaded rows already show;
	// expanded those whose copies are shown under their row (groups.go).
	groupsSeen, expanded map[string]bool
}

// New builds the History screen; Init loads the first page.
func New(c common.Common) *Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "words in the card, to:<label or JID>, status:<sent|edited|deleted|outcome-unknown>"
	m := &Model{input: in, keys: newKeyMap(), labels: map[string]string{}, groupsSeen: map[string]bool{}, expanded: map[string]bool{},
		list: widget.NewList[messageRow](1), unfurls: newUnfurlList(), scheduled: newScheduledList(), cheap: cheapQuery}
	m.list.Loading = "Reading the history…"
	m.list.Empty = "No messages sent yet: compose one (f2) and send it with ctrl+s."
	m.SetCommon(c)
	m.syncKeys()
	return m
}

// SetCommon implements common.Screen.
func (m *Model) SetCommon(c common.Common) {
	m.common = c
	m.input.SetWidth(max(c.Width-3, 1))
	m.input.SetStyles(widget.InputStyles(c.Styles))
	m.unfurls.input.SetWidth(max(c.Width-3, 1))
	m.unfurls.input.SetStyles(widget.InputStyles(c.Styles))
	rows := max(c.Height-chromeLines, 1) // under the header and filter lines, above the footer
	m.list.SetHeight(rows)
	m.unfurls.list.SetHeight(rows)
	m.scheduled.list.SetHeight(rows)
}

// Title implements common.Screen.
func (m *Model) Title() string { return "History" }

// Typing implements common.Screen: while the filter box has the focus,
// letters (q and ? included) are filter text.
func (m *Model) Typing() bool { return m.typing || m.scheduled.takesKeys() }

// Init implements common.Screen: both lists are read afresh each time the
// screen is shown, with their current filters.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(common.LoadRecipients(m.common.Deps.Store), m.reload(), m.loadUnfurls(), m.loadScheduled())
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.shown == listScheduled {
		return m.scheduledHelp()
	}
	return []key.Binding{m.keys.Open, m.keys.Switch, m.keys.Filter, m.keys.AcceptFilter, m.keys.ClearFilter, m.keys.Back}
}

// FullHelp implements help.KeyMap: the keys of HelpKeys.
func (m *Model) FullHelp() [][]key.Binding { return common.Bindings(m.HelpKeys()) }

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if cmd, ok := m.updateScheduled(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case common.RecipientsMsg:
		m.labels = msg.Labels()
		return m, nil
	case pageMsg:
		return m, m.receive(msg)
	case unfurlsMsg:
		return m, m.receiveUnfurls(msg)
	case debounceMsg:
		if msg.seq != m.seq || m.inflight != 0 {
			return m, nil // newer typing paused again, or the running query's end starts it
		}
		return m, m.runQuery(msg.seq)
	case common.HistoryChangedMsg:
		return m, tea.Batch(m.reload(), m.loadUnfurls(), m.loadScheduled()) // the root reloads the recipients
	case common.NavigateMsg:
		if msg.To == common.ScreenHistory && msg.Unfurls {
			m.showUnfurls()
		}
		return m, nil
	case tea.KeyPressMsg:
		cmd := m.handleKey(msg)
		m.syncKeys()
		return m, cmd
	case tea.PasteMsg:
		if m.typing {
			return m, m.editFilter(msg)
		}
	}
	return m, nil
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.shown == listScheduled {
		if cmd, ok := m.scheduledKey(msg); ok {
			return cmd
		}
	}
	m.toEnd = false // any key but G ends a walk to the last row
	switch {
	case key.Matches(msg, m.keys.Switch):
		m.shown = m.nextList()
		return nil
	case m.shownList().HandleKey(msg, m.keys.List):
		if m.shown != listMessages {
			return nil
		}
		m.toEnd = key.Matches(msg, m.keys.List.Bottom)
		return m.loadMoreIfNear()
	case key.Matches(msg, m.keys.AcceptFilter):
		m.typing = false
		m.filterInput().Blur()
		return nil
	case key.Matches(msg, m.keys.ClearFilter):
		return m.clearFilter()
	case key.Matches(msg, m.keys.Back):
		return func() tea.Msg { return common.BackMsg{} }
	case key.Matches(msg, m.keys.Filter) && m.shown != listScheduled:
		m.typing = true
		return m.filterInput().Focus()
	case key.Matches(msg, m.keys.Open):
		return m.open()
	case key.Matches(msg, m.keys.Expand):
		return m.expand()
	case key.Matches(msg, m.keys.Collapse):
		return m.collapse()
	case m.typing:
		return m.editFilter(msg)
	}
	return nil
}

// shownList is the list on screen, for what all three lists do alike.
func (m *Model) shownList() interface {
	HandleKey(tea.KeyPressMsg, widget.ListKeys) bool
	Len() int
} {
	switch m.shown {
	case listUnfurls:
		return &m.unfurls.list
	case listScheduled:
		return &m.scheduled.list
	}
	return &m.list
}

// filterInput is the filter box of the list shown.
func (m *Model) filterInput() *textinput.Model {
	if m.shown == listUnfurls {
		return &m.unfurls.input
	}
	return &m.input
}

// clearFilter empties the shown list's filter box and shows the whole list.
func (m *Model) clearFilter() tea.Cmd {
	m.typing = false
	m.filterInput().Blur()
	m.filterInput().SetValue("")
	if m.shown == listUnfurls {
		m.unfurls.list.Select(0)
		m.refilterUnfurls()
		return nil
	}
	m.list.Select(0)
	return m.reload()
}

// open acts on the selected row: a message opens its detail, an unfurl its
// card in the composer.
func (m *Model) open() tea.Cmd {
	if m.shown == listUnfurls {
		return m.unfurlAgain()
	}
	row, _ := m.list.Current()
	id := row.openID()
	return func() tea.Msg { return common.ShowDetailMsg{ID: id} }
}

// editFilter types into the shown list's filter box.
func (m *Model) editFilter(msg tea.Msg) tea.Cmd {
	if m.shown == listUnfurls {
		return m.editUnfurlFilter(msg)
	}
	return m.edit(msg)
}

// edit types into the filter box; a changed filter queries as nextQuery
// says, and every older query's result will be dropped.
func (m *Model) edit(msg tea.Msg) tea.Cmd {
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() == before {
		return cmd
	}
	m.seq++
	m.list.Select(0) // a new filter starts at its newest match
	now := time.Now()
	m.gap, m.lastEdit = now.Sub(m.lastEdit), now
	return tea.Batch(cmd, m.nextQuery())
}

// nextQuery runs the filter's query: at once when the last one was cheap
// or the typist slower than it, after a pause in typing as long as the
// last one took when not, and, while another runs, when that one ends (one
// at a time, so fast typing over a large history never queues searches).
func (m *Model) nextQuery() tea.Cmd {
	switch pause := m.pause(); {
	case m.inflight != 0:
		return nil
	case pause > 0:
		seq := m.seq
		return tea.Tick(pause, func(time.Time) tea.Msg { return debounceMsg{seq: seq} })
	}
	return m.runQuery(m.seq)
}

// pause is how long typing must pause before the next query.
func (m *Model) pause() time.Duration {
	if m.cost < m.cheap || m.gap >= m.cost {
		return 0
	}
	return min(m.cost, maxPause)
}

func (m *Model) syncKeys() {
	m.keys.update(keyState{
		unfurls: m.shown == listUnfurls, typing: m.typing,
		filtered: m.shown != listScheduled && m.filterInput().Value() != "", hasRows: m.shownList().Len() > 0,
		groups: m.shown == listMessages && len(m.expanded)+len(m.groupsSeen) > 0,
	})
	if m.shown == listUnfurls && m.nextList() == listScheduled {
		m.keys.Switch.SetHelp("tab", "scheduled")
	}
}

var _ common.Screen = (*Model)(nil)
