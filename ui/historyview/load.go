package historyview

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/widget"
)

// debounceMsg fires a filter query once typing paused; seq says which
// version of the filter it was scheduled for.
type debounceMsg struct{ seq int }

// pageMsg is one page read from the history for query generation seq.
type pageMsg struct {
	seq   int
	more  bool          // a next page, to append; otherwise a first page
	query history.Query // the resolved query; Cursor holds the next page's cursor
	rows  []messageRow  // the page's messages
	note  string
	none  string // the filter matches nothing, and why
	err   error
	cost  time.Duration // how long the read took
}

// reload starts a new query generation with the current filter, at once.
func (m *Model) reload() tea.Cmd {
	m.seq++
	return m.runQuery(m.seq)
}

// runQuery reads the first page for the filter as it is now. The filter is
// resolved inside the command, because to: needs the recipients from the
// store.
func (m *Model) runQuery(seq int) tea.Cmd {
	store := m.common.Deps.Store
	if store == nil {
		return nil
	}
	m.loading, m.inflight = true, seq
	f := parseFilter(m.input.Value())
	return func() tea.Msg {
		start := time.Now()
		msg := firstPage(store, f, seq)
		msg.cost = time.Since(start)
		return msg
	}
}

// firstPage resolves filter f and reads its first page.
func firstPage(store *history.Store, f filter, seq int) pageMsg {
	var recipients []history.Recipient
	if f.to != "" {
		rs, err := store.Recipients()
		if err != nil {
			return pageMsg{seq: seq, err: err}
		}
		recipients = rs
	}
	r := resolve(f, recipients, pageSize)
	if r.none != "" {
		return pageMsg{seq: seq, query: r.query, none: r.none}
	}
	page, err := store.List(r.query)
	r.query.Cursor = page.Next
	rows := messageRows(page)
	withGroups(store, rows)
	return pageMsg{seq: seq, query: r.query, rows: rows, note: r.note, err: err}
}

// loadMoreIfNear asks for the next page when the selection is within
// prefetchRows of the last loaded row and another page exists.
func (m *Model) loadMoreIfNear() tea.Cmd {
	store := m.common.Deps.Store
	if store == nil || m.more || m.loading || m.query.Cursor == "" || !m.list.NearEnd(prefetchRows) {
		return nil
	}
	m.more = true
	seq, q := m.seq, m.query
	return func() tea.Msg {
		page, err := store.List(q)
		q.Cursor = page.Next
		rows := messageRows(page)
		withGroups(store, rows)
		return pageMsg{seq: seq, more: true, query: q, rows: rows, err: err}
	}
}

// messageRows gives each message of page the first line its row shows.
func messageRows(page history.Page) []messageRow {
	rows := make([]messageRow, len(page.Messages))
	for i, msg := range page.Messages {
		rows[i] = messageRow{Message: msg, summary: widget.FirstLine(msg.Live().Content)}
	}
	return rows
}

// receive takes a page in, unless a newer query superseded it; then the
// newest filter's query runs, as nextQuery says.
func (m *Model) receive(msg pageMsg) tea.Cmd {
	if !msg.more && msg.seq == m.inflight {
		m.inflight, m.cost = 0, msg.cost
	}
	if msg.seq != m.seq {
		if msg.more || !m.loading {
			return nil // nothing waits for this query to end
		}
		return m.nextQuery()
	}
	if msg.more {
		m.more = false
	} else {
		m.loading = false
	}
	if msg.err != nil {
		m.list.SetProblem("The history could not be read: " + msg.err.Error())
		return common.Status(common.StatusError, m.list.Problem())
	}
	m.query = msg.query
	if msg.more {
		m.list.Append(m.foldGroups(msg.rows)...)
		if m.toEnd { // G: the selection follows the end until the last page
			m.list.Select(m.list.Len() - 1)
		}
	} else {
		m.toEnd = false
		clear(m.groupsSeen)
		m.list.SetItems(m.foldGroups(msg.rows))
		m.list.SetProblem(msg.none)
		m.note = msg.note
	}
	m.syncKeys()
	return m.loadMoreIfNear()
}
