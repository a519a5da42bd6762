package composer

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/ui/common"
)

// The problems list under the editor is compact (one cut row a problem, at
// most maxDiagRows) or expanded (every message wrapped whole, as many rows
// as the screen spares). ctrl+d gives it the keyboard: ↑/↓ pick a problem,
// enter puts the editor's cursor on its line and column and gives the
// keyboard back. Nothing here runs on a typed key: the rows are drawn when
// the parse result, the size or the list's own state changes.

// diagList is the list's own state.
type diagList struct {
	expanded bool
	selected int // the picked problem, kept inside the list
}

// diagMinEditor is the editor frame's smallest height beside an expanded
// list: its borders and three rows of text.
const diagMinEditor = 5

// diagMaxRows is how many rows the list may take at screen height h.
func (m *Model) diagMaxRows(h int) int {
	switch {
	case h < 8: // too short for a list: one summary row
		return 1
	case m.diag.expanded:
		return max(h-diagMinEditor, maxDiagRows)
	}
	return maxDiagRows
}

// syncDiags keeps the selection inside the problems of the last parse, and
// hands the keyboard back to the editor when there are none left.
func (m *Model) syncDiags() {
	n := len(m.pipeline.result.diags)
	m.diag.selected = max(min(m.diag.selected, n-1), 0)
	if n == 0 && m.focus == focusDiags {
		m.focus = focusEditor
	}
}

// toggleDiagFocus gives the keyboard to the problems list, or back to the
// editor.
func (m *Model) toggleDiagFocus() {
	if m.focus == focusDiags {
		m.focus = focusEditor
	} else {
		m.focus = focusDiags
	}
}

// toggleDiagExpanded switches the list between compact and expanded.
func (m *Model) toggleDiagExpanded() {
	m.diag.expanded = !m.diag.expanded
	m.relayout()
}

// diagKey handles a key while the list has the keyboard; ok is false for
// the keys it leaves to the composer (send, expand, switch pane…).
func (m *Model) diagKey(msg tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.diag.selected = max(m.diag.selected-1, 0)
		m.relayout()
	case key.Matches(msg, k.Down):
		m.diag.selected = min(m.diag.selected+1, len(m.pipeline.result.diags)-1)
		m.relayout()
	case key.Matches(msg, k.DiagGo):
		cmd = m.goToDiagnostic()
		m.focus = focusEditor // Update redraws the list without the highlight
	case key.Matches(msg, k.DiagLeave):
		m.focus = focusEditor
	default:
		return nil, false
	}
	return cmd, true
}

// goToDiagnostic puts the editor's cursor on the selected problem: its line
// and column (1-based in the diagnostic, 0-based in the editor; a column of
// 0 means none is known, so the line's start).
func (m *Model) goToDiagnostic() tea.Cmd {
	ds := m.pipeline.result.diags
	if len(ds) == 0 {
		return nil
	}
	d := ds[m.diag.selected]
	if d.Line <= 0 {
		return common.Status(common.StatusInfo, "This problem has no line in the source: it is in "+d.Path+".")
	}
	m.editor.SetCursor(d.Line-1, max(d.Col-1, 0))
	return nil
}
