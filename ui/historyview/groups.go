package historyview

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/widget"
)

// Broadcast groups in the list: the copies of one broadcast are one row (the
// first copy the list meets stands for them: its first line, "6 copies", a
// summary of their states); → shows its copies under it, each selectable and
// openable on its own, and ← folds them again. enter on the group's row opens
// the group's detail. A group's copies are read with the page that meets it
// (history.Store.Group, one indexed read per group), in the command that
// reads the page, never in Update.

// withGroups gives every row of a group all the group's copies. A group that
// cannot be read stays a plain row.
func withGroups(store *history.Store, rows []messageRow) {
	read := map[string][]history.Message{}
	for i := range rows {
		g := rows[i].Group
		if g == "" {
			continue
		}
		copies, ok := read[g]
		if !ok {
			copies, _ = store.Group(g)
			read[g] = copies
		}
		if len(copies) > 1 {
			rows[i].copies = copies
		}
	}
}

// foldGroups keeps the first row of each group the list meets and drops its
// other copies (they are in its copies); a group marked expanded gets its
// copies under it again.
func (m *Model) foldGroups(rows []messageRow) []messageRow {
	out := rows[:0:0]
	for _, r := range rows {
		if r.copies == nil {
			out = append(out, r)
			continue
		}
		if m.groupsSeen[r.Group] {
			continue
		}
		m.groupsSeen[r.Group] = true
		r.summary = widget.FirstLine(r.copies[0].Live().Content)
		out = append(out, r)
		if m.expanded[r.Group] {
			out = append(out, copyRows(r)...)
		}
	}
	return out
}

// copyRows are the rows of a group's copies, shown under its row.
func copyRows(r messageRow) []messageRow {
	rows := make([]messageRow, len(r.copies))
	for i, c := range r.copies {
		rows[i] = messageRow{Message: c, summary: widget.FirstLine(c.Live().Content), copyOf: r.Group}
	}
	return rows
}

// isGroupRow reports whether r stands for a group's copies.
func (r messageRow) isGroupRow() bool { return r.copies != nil && r.copyOf == "" }

// expand shows the selected group's copies under its row.
func (m *Model) expand() tea.Cmd {
	r, ok := m.list.Current()
	if !ok || !r.isGroupRow() || m.expanded[r.Group] {
		return nil
	}
	m.expanded[r.Group] = true
	rows, at := m.list.Items(), m.list.Selected()
	rest := append(copyRows(r), rows[at+1:]...)
	m.list.SetItems(append(rows[:at+1], rest...))
	return nil
}

// collapse folds the selected group's copies (from its row or one of them)
// and selects its row.
func (m *Model) collapse() tea.Cmd {
	r, ok := m.list.Current()
	if !ok {
		return nil
	}
	group := r.copyOf
	if group == "" && r.isGroupRow() {
		group = r.Group
	}
	if group == "" || !m.expanded[group] {
		return nil
	}
	delete(m.expanded, group)
	kept, at := m.list.Items()[:0], 0
	for _, r := range m.list.Items() {
		if r.copyOf == group {
			continue
		}
		if r.isGroupRow() && r.Group == group {
			at = len(kept)
		}
		kept = append(kept, r)
	}
	m.list.SetItems(kept)
	m.list.Select(at)
	return nil
}

// openID is the id enter opens: the group for a group's row, else the message.
func (r messageRow) openID() string {
	if r.isGroupRow() {
		return r.Group
	}
	return r.ID
}

// groupSummary says how many copies a group has and what became of them,
// e.g. "6 copies · 5 sent, 1 failed".
func groupSummary(copies []history.Message) string {
	counts := map[history.Status]int{}
	for _, c := range copies {
		counts[c.Status]++
	}
	var parts []string
	for _, st := range history.Statuses { // a fixed order: sent first, failed last
		if counts[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[st], st))
		}
	}
	return fmt.Sprintf("%d copies · %s", len(copies), strings.Join(parts, ", "))
}

// groupStatus is the one status a group's row shows, chosen so that it never
// misleads: the copies' own when they all share it; else the state that needs
// the admin first (failed, then outcome-unknown); else, while any copy is on
// Zoom, what those live copies are (sending when one is in flight, edited when
// all of them are, else sent). "deleted" only when every copy is: a group of
// four with one deleted is not a deleted group.
func groupStatus(copies []history.Message) history.Status {
	counts := map[history.Status]int{}
	for _, c := range copies {
		counts[c.Status]++
	}
	switch {
	case len(counts) == 1:
		return copies[0].Status
	case counts[history.StatusFailed] > 0:
		return history.StatusFailed
	case counts[history.StatusOutcomeUnknown] > 0:
		return history.StatusOutcomeUnknown
	case counts[history.StatusSending] > 0:
		return history.StatusSending
	case counts[history.StatusEdited] == len(copies)-counts[history.StatusDeleted]:
		return history.StatusEdited
	}
	return history.StatusSent
}

// rowParts are what a row shows in its recipient, status and text columns:
// a group's row says how many copies and what became of them, and a copy
// under it is indented with an arrow.
func (m *Model) rowParts(r messageRow, recipientWidth int) (who string, status history.Status, summary string) {
	switch {
	case r.isGroupRow():
		mark := "▸ "
		if m.expanded[r.Group] {
			mark = "▾ "
		}
		return mark + fmt.Sprintf("%d copies", len(r.copies)), groupStatus(r.copies), r.summary + "  (" + groupSummary(r.copies) + ")"
	case r.copyOf != "":
		return "  ↳ " + widget.RecipientFit(r.ToJID, m.labels[r.ToJID], max(recipientWidth-4, 1)), r.Status, r.summary
	}
	return widget.RecipientFit(r.ToJID, m.labels[r.ToJID], recipientWidth), r.Status, r.summary
}
