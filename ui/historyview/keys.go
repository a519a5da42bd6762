package historyview

import "charm.land/bubbles/v2/key"

type keyMap struct {
	Up, Down     key.Binding
	PageUp       key.Binding
	PageDown     key.Binding
	Top, Bottom  key.Binding
	Open         key.Binding
	Filter       key.Binding // focus the filter box
	AcceptFilter key.Binding // leave the filter box, keeping the filter
	ClearFilter  key.Binding
	Back         key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Up:           key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:         key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:       key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Top:          key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "newest")),
		Bottom:       key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "oldest loaded")),
		Open:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Filter:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter (to: status: text)")),
		AcceptFilter: key.NewBinding(key.WithKeys("enter", "tab"), key.WithHelp("enter", "keep filter"), key.WithDisabled()),
		ClearFilter:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter"), key.WithDisabled()),
		Back:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// update enables the keys that make sense for the filter's state: letters
// go to the filter box while it has the focus, and esc clears a filter
// before it goes back.
func (k *keyMap) update(typing, filtered, hasRows bool) {
	k.AcceptFilter.SetEnabled(typing)
	k.ClearFilter.SetEnabled(typing || filtered)
	k.Back.SetEnabled(!typing && !filtered)
	k.Filter.SetEnabled(!typing)
	k.Open.SetEnabled(!typing && hasRows)
	for _, b := range []*key.Binding{&k.Top, &k.Bottom} {
		b.SetEnabled(!typing)
	}
	// j and k are letters: while typing only the arrows move the selection.
	if typing {
		k.Up.SetKeys("up")
		k.Up.SetHelp("↑", "up")
		k.Down.SetKeys("down")
		k.Down.SetHelp("↓", "down")
		return
	}
	k.Up.SetKeys("up", "k")
	k.Up.SetHelp("↑/k", "up")
	k.Down.SetKeys("down", "j")
	k.Down.SetHelp("↓/j", "down")
}
