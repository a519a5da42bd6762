package editor

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// action is what a key binding does.
type action struct {
	binding *key.Binding
	run     func()
	edits   bool // keeps the undo group open (typing-like edits)
}

// actions lists every binding with its effect, in match order.
func (m *Model) actions() []action {
	k := &m.KeyMap
	return []action{
		{&k.CharacterBackward, func() { m.moveTo(m.prevPos(m.cur)) }, false},
		{&k.CharacterForward, func() { m.moveTo(m.nextPos(m.cur)) }, false},
		{&k.WordBackward, func() { m.moveTo(m.wordStartBefore(m.cur, false)) }, false},
		{&k.WordForward, func() { m.moveTo(m.wordEndAfter(m.cur, false)) }, false},
		{&k.LineUp, func() { m.moveRows(-1) }, false},
		{&k.LineDown, func() { m.moveRows(1) }, false},
		{&k.LineStart, func() { m.moveTo(textPos{Line: m.cur.Line}) }, false},
		{&k.LineEnd, func() { m.moveTo(textPos{Line: m.cur.Line, Col: m.buf.lineLen(m.cur.Line)}) }, false},
		{&k.TextStart, func() { m.moveTo(textPos{}) }, false},
		{&k.TextEnd, func() { m.moveTo(m.buf.end()) }, false},
		{&k.PageUp, func() { m.page(-1) }, false},
		{&k.PageDown, func() { m.page(1) }, false},
		{&k.InsertNewline, m.newline, false},
		{&k.InsertTab, func() { m.typeText("\t") }, true},
		{&k.DeleteBackward, m.deleteBackward, true},
		{&k.DeleteForward, m.deleteForward, true},
		{&k.DeleteWordBackward, m.deleteWordBackward, false},
		{&k.DeleteWordForward, m.deleteWordForward, false},
		{&k.DeleteToLineEnd, m.killToLineEnd, false},
		{&k.DeleteToLineStart, m.killToLineStart, false},
		{&k.Undo, func() { m.Undo() }, false},
		{&k.Redo, func() { m.Redo() }, false},
	}
}

// commandMods are modifiers that make a key a command rather than text.
const commandMods = tea.ModCtrl | tea.ModAlt | tea.ModMeta | tea.ModSuper | tea.ModHyper

// handleKey runs the bound action of msg, or types its text.
func (m *Model) handleKey(msg tea.KeyPressMsg) {
	for _, a := range m.actions() {
		if key.Matches(msg, *a.binding) {
			if !a.edits {
				m.hist.seal()
			}
			a.run()
			if !a.edits {
				m.hist.seal()
			}
			return
		}
	}
	if msg.Text != "" && msg.Mod&commandMods == 0 {
		m.typeText(msg.Text)
	}
}
