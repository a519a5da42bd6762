package historyview

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/widget"
)

// unfurlLimit bounds one read of the unfurls. The store keeps no cursor for
// unfurls (Store.Unfurls takes only a limit), so the list reads the newest
// unfurlLimit at once and filters them here, in memory. Unfurls answer
// link-shared events by hand, so that many covers a long history.
const unfurlLimit = 500

// unfurlList is the state of the Unfurls list, beside the messages list.
type unfurlList struct {
	input textinput.Model
	all   []unfurlRow            // newest first, as read
	list  widget.List[unfurlRow] // those the filter keeps
	seq   int                    // generation of the current read; older results are dropped
}

// unfurlRow is a recorded unfurl with what the list shows and filters on,
// worked out once when it is read rather than on every keystroke.
type unfurlRow struct {
	history.Unfurl
	summary  string // FirstLine of the card
	haystack string // user id, trigger id and summary, lower case
}

// unfurlsMsg is the newest unfurls read for generation seq.
type unfurlsMsg struct {
	seq  int
	rows []unfurlRow
	err  error
}

func newUnfurlList() unfurlList {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "user id, trigger id or words of the card's first line"
	list := widget.NewList[unfurlRow](1)
	list.Loading = "Reading the unfurls…"
	list.Empty = "No unfurls sent yet: open a sent message (tab, enter) and press u to unfurl with its card."
	return unfurlList{input: in, list: list}
}

// loadUnfurls reads the newest unfurls in a command.
func (m *Model) loadUnfurls() tea.Cmd {
	store := m.common.Deps.Store
	if store == nil {
		return nil
	}
	m.unfurls.seq++
	seq := m.unfurls.seq
	return func() tea.Msg {
		recorded, err := store.Unfurls(unfurlLimit)
		rows := make([]unfurlRow, len(recorded))
		for i, u := range recorded {
			summary := widget.FirstLine(u.Content)
			rows[i] = unfurlRow{Unfurl: u, summary: summary, haystack: strings.ToLower(u.UserID + " " + u.TriggerID + " " + summary)}
		}
		return unfurlsMsg{seq: seq, rows: rows, err: err}
	}
}

// receiveUnfurls takes a read in, unless a newer read superseded it.
func (m *Model) receiveUnfurls(msg unfurlsMsg) tea.Cmd {
	l := &m.unfurls
	if msg.seq != l.seq {
		return nil
	}
	if msg.err != nil {
		l.list.SetProblem("The unfurls could not be read: " + msg.err.Error())
		return common.Status(common.StatusError, l.list.Problem())
	}
	l.all = msg.rows
	l.list.SetProblem("")
	m.refilterUnfurls()
	return nil
}

// refilterUnfurls keeps the unfurls that hold every word of the filter, in
// any case and any order.
func (m *Model) refilterUnfurls() {
	l := &m.unfurls
	words := strings.Fields(strings.ToLower(l.input.Value()))
	var rows []unfurlRow
	for _, r := range l.all {
		if containsAll(r.haystack, words) {
			rows = append(rows, r)
		}
	}
	l.list.SetItems(rows)
	m.syncKeys()
}

func containsAll(haystack string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(haystack, w) {
			return false
		}
	}
	return true
}

// editUnfurlFilter types into the unfurls' filter box; the list is in
// memory, so it narrows at once, starting again from its newest match.
func (m *Model) editUnfurlFilter(msg tea.Msg) tea.Cmd {
	l := &m.unfurls
	before := l.input.Value()
	var cmd tea.Cmd
	l.input, cmd = l.input.Update(msg)
	if l.input.Value() != before {
		l.list.Select(0)
		m.refilterUnfurls()
	}
	return cmd
}

// unfurlAgain opens the selected unfurl's card in the composer, in unfurl
// mode, so that it can be sent for another trigger.
func (m *Model) unfurlAgain() tea.Cmd {
	row, _ := m.unfurls.list.Current()
	u := row.Unfurl
	source, err := unfurlSource(u)
	if err != nil {
		return common.Status(common.StatusError, err.Error())
	}
	return func() tea.Msg { return common.ComposeMsg{Mode: common.ComposeUnfurl, Source: source} }
}

// unfurlSource is the card source an unfurl was written in, or, for one
// recorded without it, its card JSON turned back into source.
func unfurlSource(u history.Unfurl) (string, error) {
	source, err := compose.EditSource(u.Source, u.Content)
	if err != nil {
		return "", fmt.Errorf("the stored card of the unfurl for trigger %s could not be read (%v); write the card again in the composer", u.TriggerID, err)
	}
	return source, nil
}

// showUnfurls brings the Unfurls list forward with its newest row selected:
// the app shows it after an unfurl was posted, so the new one is in sight.
func (m *Model) showUnfurls() {
	m.typing = false
	m.filterInput().Blur()
	m.shown = listUnfurls
	m.unfurls.list.Select(0)
	m.syncKeys()
}
