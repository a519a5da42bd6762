// Package historyview is the History screen: the messages zoompose sent,
// newest first, loaded a page at a time as the selection nears the end, and
// a filter box (/) that narrows the list as you type — free text searches
// the cards, to:<label or JID> and status:<status> narrow by recipient and
// status. Enter opens a message's detail. Every read of the history runs in
// a tea.Cmd; results of a query that was superseded are dropped.
package historyview

import (
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
)

const (
	// pageSize is how many messages one read loads.
	pageSize = history.DefaultLimit
	// prefetchRows: the next page loads when the selection comes this close
	// to the last loaded row, so scrolling rarely waits.
	prefetchRows = 10
	// debounce is how long the filter waits after a keystroke before it
	// queries, so that typing a word runs one query, not one per letter.
	debounce = 150 * time.Millisecond
)

// Model is the History screen.
type Model struct {
	common   common.Common
	keys     keyMap
	input    textinput.Model
	typing   bool // the filter box has the focus
	rows     []history.Message
	query    history.Query // the resolved query the rows came from; Cursor is the next page
	labels   map[string]string
	selected int
	offset   int  // first visible row
	seq      int  // generation of the current query; older results are dropped
	loading  bool // the first page of the current query is on its way
	more     bool // the next page is on its way
	loaded   bool
	note     string // what the filter selects
	problem  string // why the filter matches nothing, or a failed read
}

// New builds the History screen; Init loads the first page.
func New(c common.Common) *Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "words in the card, to:<label or JID>, status:<sent|edited|deleted|outcome-unknown>"
	m := &Model{input: in, keys: newKeyMap(), labels: map[string]string{}}
	m.SetCommon(c)
	m.syncKeys()
	return m
}

// SetCommon implements common.Screen.
func (m *Model) SetCommon(c common.Common) {
	m.common = c
	m.input.SetWidth(max(c.Width-3, 1))
	m.input.SetStyles(common.InputStyles(c.Styles))
	m.scrollToSelection()
}

// Title implements common.Screen.
func (m *Model) Title() string { return "History" }

// Typing implements common.Screen: while the filter box has the focus,
// letters (q and ? included) are filter text.
func (m *Model) Typing() bool { return m.typing }

// Init implements common.Screen: the list is read afresh each time the
// screen is shown, with the current filter.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(common.LoadRecipients(m.common.Deps.Store), m.reload())
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Open, m.keys.Filter, m.keys.AcceptFilter, m.keys.ClearFilter, m.keys.Back}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown, m.keys.Top, m.keys.Bottom},
		{m.keys.Open, m.keys.Filter, m.keys.AcceptFilter, m.keys.ClearFilter, m.keys.Back},
	}
}

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.RecipientsMsg:
		m.labels = msg.Labels()
		return m, nil
	case pageMsg:
		return m, m.receive(msg)
	case debounceMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		return m, m.runQuery(msg.seq)
	case common.HistoryChangedMsg:
		return m, tea.Batch(common.LoadRecipients(m.common.Deps.Store), m.reload())
	case tea.KeyPressMsg:
		cmd := m.handleKey(msg)
		m.syncKeys()
		return m, cmd
	case tea.PasteMsg:
		if m.typing {
			return m, m.edit(msg)
		}
	}
	return m, nil
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Up):
		return m.move(-1)
	case key.Matches(msg, m.keys.Down):
		return m.move(1)
	case key.Matches(msg, m.keys.PageUp):
		return m.move(-m.visibleRows())
	case key.Matches(msg, m.keys.PageDown):
		return m.move(m.visibleRows())
	case key.Matches(msg, m.keys.Top):
		return m.move(-len(m.rows))
	case key.Matches(msg, m.keys.Bottom):
		return m.move(len(m.rows))
	case key.Matches(msg, m.keys.AcceptFilter):
		m.typing = false
		m.input.Blur()
		return nil
	case key.Matches(msg, m.keys.ClearFilter):
		m.typing = false
		m.input.Blur()
		m.input.SetValue("")
		m.selected, m.offset = 0, 0
		return m.reload()
	case key.Matches(msg, m.keys.Back):
		return func() tea.Msg { return common.BackMsg{} }
	case key.Matches(msg, m.keys.Filter):
		m.typing = true
		return m.input.Focus()
	case key.Matches(msg, m.keys.Open):
		id := m.rows[m.selected].ID
		return func() tea.Msg { return common.ShowDetailMsg{ID: id} }
	case m.typing:
		return m.edit(msg)
	}
	return nil
}

// edit types into the filter box; a changed filter queries after the
// debounce, and every older query's result will be dropped.
func (m *Model) edit(msg tea.Msg) tea.Cmd {
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() == before {
		return cmd
	}
	m.seq++
	m.selected, m.offset = 0, 0 // a new filter starts at its newest match
	seq := m.seq
	return tea.Batch(cmd, tea.Tick(debounce, func(time.Time) tea.Msg { return debounceMsg{seq: seq} }))
}

// move shifts the selection by delta rows and loads the next page when the
// selection comes near the end of what is loaded.
func (m *Model) move(delta int) tea.Cmd {
	if len(m.rows) == 0 {
		return nil
	}
	m.selected = min(max(m.selected+delta, 0), len(m.rows)-1)
	m.scrollToSelection()
	return m.loadMoreIfNear()
}

func (m *Model) syncKeys() {
	m.keys.update(m.typing, m.input.Value() != "", len(m.rows) > 0)
}

// visibleRows is how many list rows fit under the header and filter lines
// and above the footer line.
func (m *Model) visibleRows() int {
	return max(m.common.Height-chromeLines, 1)
}

// scrollToSelection keeps the selected row on screen.
func (m *Model) scrollToSelection() {
	rows := m.visibleRows()
	if m.selected < m.offset {
		m.offset = m.selected
	}
	if m.selected >= m.offset+rows {
		m.offset = m.selected - rows + 1
	}
	m.offset = max(min(m.offset, len(m.rows)-rows), 0)
}

var _ common.Screen = (*Model)(nil)
