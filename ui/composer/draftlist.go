package composer

import (
	"cmp"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/termtext"
)

const draftListNote = "enter opens · x discards · esc closes"

// openDraftList lists the open drafts, the shown one first: letters are
// commands here, so the list does not filter as the author types.
func (m *Model) openDraftList() {
	m.menu = newMenu("Open drafts", draftListNote, m.draftItems(), func(m *Model, it menuItem) tea.Cmd {
		return m.openListed(it.value)
	})
	m.menu.fixed = true
	m.discarding = ""
	m.openOverlay(overlayDrafts)
}

// draftItems is one row per open draft: its target, first line and when
// it was saved. The new message is listed even when empty, others only
// when they hold text.
func (m *Model) draftItems() []menuItem {
	entries := make([]*draftEntry, 0, len(m.open))
	for _, e := range m.open {
		if e == m.cur || e.target == newMessage || e.source != "" {
			entries = append(entries, e)
		}
	}
	slices.SortFunc(entries, func(a, b *draftEntry) int {
		if a == m.cur || b == m.cur {
			return boolIndex(b == m.cur) - boolIndex(a == m.cur)
		}
		return cmp.Or(b.savedAt.Compare(a.savedAt), cmp.Compare(a.name(), b.name()))
	})
	items := make([]menuItem, len(entries))
	for i, e := range entries {
		name := printable(e.label())
		if e == m.cur {
			name += " (shown)"
		}
		items[i] = menuItem{name: name, detail: m.draftDetail(e), value: e.name()}
	}
	return items
}

// draftDetail is the first line of e's text and what of it is saved.
func (m *Model) draftDetail(e *draftEntry) string {
	text, pristine := e.source, e.pristine
	if e == m.cur {
		text, pristine = m.editor.Value(), m.untouched()
	}
	first := printable(firstLine(text))
	if first == "" {
		first = "(empty)"
	}
	switch {
	case pristine && e.mode == common.ComposeEdit:
		return first + " · unchanged"
	case e == m.cur && m.editor.Version() != m.drafts.savedVersion:
		return first + " · changed since the last save"
	case !e.savedAt.IsZero():
		return first + " · saved " + e.savedAt.Local().Format("Jan 2 15:04")
	}
	return first
}

// printable shows control characters (escape sequences included) as
// visible text on one line instead of letting the terminal act on them.
func printable(s string) string { return termtext.Line(s) }

// updateDraftList handles a key while the drafts list is open: discarding
// asks first, since it loses text.
func (m *Model) updateDraftList(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case m.discarding != "":
		return m.answerDiscard(msg)
	case key.Matches(msg, k.Discard):
		it, ok := m.menu.selected()
		if !ok || m.open[it.value] == nil {
			return nil
		}
		m.discarding = it.value
		m.menu.note = "Discard " + printable(m.open[it.value].what()) + "?\nIts text is lost for good: y discards · n keeps it"
		m.syncKeys()
		return nil
	}
	return m.updateMenu(msg)
}

// answerDiscard discards the draft asked about on y, keeps it on n or esc,
// and goes back to the list either way.
func (m *Model) answerDiscard(msg tea.KeyPressMsg) tea.Cmd {
	e := m.open[m.discarding]
	switch {
	case key.Matches(msg, m.keys.Yes) && e != nil:
		t := e.target
		closeCmd := m.closeDraft(t)
		m.openDraftList()
		return tea.Batch(closeCmd, common.Status(common.StatusInfo, "Discarded "+t.what()+"."))
	case key.Matches(msg, m.keys.No), e == nil:
		m.discarding = ""
		m.menu.note = draftListNote
		m.syncKeys()
	}
	return nil
}

// openListed shows the named draft.
func (m *Model) openListed(name string) tea.Cmd {
	e := m.open[name]
	if e == nil || e == m.cur {
		return nil
	}
	save := m.switchTo(e.target)
	return tea.Batch(save, common.Status(common.StatusInfo, "Opened "+e.what()+savedNote(e.savedAt)+"."))
}
