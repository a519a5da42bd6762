package editor

import "charm.land/bubbles/v2/key"

// KeyMap is the editor's keys. It implements help.KeyMap so a parent can show
// them. Ctrl+h, ctrl+i, ctrl+m and ctrl+[ are never bound: legacy terminals
// send them for backspace, tab, enter and esc. The send key belongs to the
// parent, which should match it before passing keys to Update.
type KeyMap struct {
	CharacterBackward key.Binding
	CharacterForward  key.Binding
	WordBackward      key.Binding
	WordForward       key.Binding
	LineUp            key.Binding // previous wrapped row, keeping the goal column
	LineDown          key.Binding // next wrapped row, keeping the goal column
	LineStart         key.Binding // start of the logical line
	LineEnd           key.Binding // end of the logical line
	TextStart         key.Binding
	TextEnd           key.Binding
	PageUp            key.Binding
	PageDown          key.Binding

	InsertNewline      key.Binding
	InsertTab          key.Binding // disabled by default: tab usually moves focus
	DeleteBackward     key.Binding
	DeleteForward      key.Binding
	DeleteWordBackward key.Binding
	DeleteWordForward  key.Binding
	DeleteToLineEnd    key.Binding
	DeleteToLineStart  key.Binding
	Undo               key.Binding
	Redo               key.Binding
}

// DefaultKeyMap returns the keys people expect from a terminal editor:
// arrows, readline-style ctrl+a/e/k/u/w and alt+d, ctrl+z/ctrl+y undo and
// redo, and enter, shift+enter, alt+enter or ctrl+j for a newline (ctrl+j is a
// line feed and works in every terminal, tmux included).
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	km := KeyMap{
		CharacterBackward: b("←", "left", "left"),
		CharacterForward:  b("→", "right", "right"),
		WordBackward:      b("alt+←", "word left", "alt+left", "ctrl+left"),
		WordForward:       b("alt+→", "word right", "alt+right", "ctrl+right"),
		LineUp:            b("↑", "up", "up"),
		LineDown:          b("↓", "down", "down"),
		LineStart:         b("home/ctrl+a", "line start", "home", "ctrl+a"),
		LineEnd:           b("end/ctrl+e", "line end", "end", "ctrl+e"),
		TextStart:         b("ctrl+home", "top", "ctrl+home"),
		TextEnd:           b("ctrl+end", "bottom", "ctrl+end"),
		PageUp:            b("pgup", "page up", "pgup"),
		PageDown:          b("pgdn", "page down", "pgdown"),

		InsertNewline:      b("enter/ctrl+j", "newline (shift+enter, alt+enter too)", "enter", "shift+enter", "alt+enter", "ctrl+j"),
		InsertTab:          b("tab", "insert tab", "tab"),
		DeleteBackward:     b("backspace", "delete left", "backspace", "shift+backspace"),
		DeleteForward:      b("del", "delete right", "delete"),
		DeleteWordBackward: b("ctrl+w", "delete word left", "ctrl+w", "alt+backspace", "ctrl+backspace"),
		DeleteWordForward:  b("alt+d", "delete word right", "alt+d", "alt+delete", "ctrl+delete"),
		DeleteToLineEnd:    b("ctrl+k", "delete to line end", "ctrl+k"),
		DeleteToLineStart:  b("ctrl+u", "delete to line start", "ctrl+u"),
		Undo:               b("ctrl+z", "undo", "ctrl+z"),
		Redo:               b("ctrl+y", "redo", "ctrl+y", "ctrl+shift+z"),
	}
	km.InsertTab.SetEnabled(false)
	return km
}

// ShortHelp returns the few keys worth a footer.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.InsertNewline, k.Undo, k.Redo}
}

// FullHelp returns every key, grouped as motion, editing and history.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.CharacterBackward, k.CharacterForward, k.WordBackward, k.WordForward, k.LineUp, k.LineDown},
		{k.LineStart, k.LineEnd, k.TextStart, k.TextEnd, k.PageUp, k.PageDown},
		{k.InsertNewline, k.InsertTab, k.DeleteBackward, k.DeleteForward, k.DeleteWordBackward, k.DeleteWordForward},
		{k.DeleteToLineEnd, k.DeleteToLineStart, k.Undo, k.Redo},
	}
}
