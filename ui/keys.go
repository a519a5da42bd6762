package ui

import "charm.land/bubbles/v2/key"

// globalKeys are the keys the root model handles on every screen. Letter
// keys are only taken when the active screen is not taking text.
type globalKeys struct {
	Quit       key.Binding // ctrl+c: always; the draft is flushed first
	QuitLetter key.Binding // q: from screens that are not typing
	Help       key.Binding // f1 always, ? when not typing
	Compose    key.Binding
	History    key.Binding
	Outbox     key.Binding
	Events     key.Binding
	Log        key.Binding // ctrl+g: every status and error of the session, whole
	Profile    key.Binding // f6: switch to another profile of the config file (profile.go)
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Quit:       key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit (draft kept)")),
		QuitLetter: key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Help:       key.NewBinding(key.WithKeys("f1", "?"), key.WithHelp("?/f1", "help")),
		Compose:    key.NewBinding(key.WithKeys("f2", "ctrl+n"), key.WithHelp("f2/ctrl+n", "new message")),
		History:    key.NewBinding(key.WithKeys("f3", "ctrl+r"), key.WithHelp("f3/ctrl+r", "history")),
		Outbox:     key.NewBinding(key.WithKeys("f4"), key.WithHelp("f4", "outbox")),
		Events:     key.NewBinding(key.WithKeys("f5"), key.WithHelp("f5", "events")),
		// ctrl+g is free in every screen and is no text; legacy terminals
		// send it as BEL, which no key of theirs stands for.
		Log:     key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("ctrl+g", "messages (log)")),
		Profile: key.NewBinding(key.WithKeys("f6"), key.WithHelp("f6", "switch profile")),
	}
}

// bindings lists the global keys for the help overlay; while the screen
// takes text, q and ? are text, so only their non-letter keys are listed.
func (k globalKeys) bindings(typing bool) []key.Binding {
	nav, rest := k.groups(typing)
	return append(nav, rest...)
}

// groups are the global keys as two help columns: the screens, then the profile
// switch, help and quit.
func (k globalKeys) groups(typing bool) (screens, others []key.Binding) {
	screens = []key.Binding{k.Compose, k.History, k.Outbox, k.Events}
	if typing {
		help := key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "help"))
		return screens, []key.Binding{k.Profile, help, k.Log, k.Quit}
	}
	return screens, []key.Binding{k.Profile, k.Help, k.Log, k.QuitLetter, k.Quit}
}
