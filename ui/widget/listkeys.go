package widget

import (
	"charm.land/bubbles/v2/key"

	"github.com/zoompose/zoompose/ui/common"
)

// ListKeys are the keys that move a List's selection. A screen keeps them
// in its key map (so its help lists them) and hands them to List.HandleKey.
type ListKeys struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
}

// NewListKeys are the list keys of every list: ↑/k, ↓/j, pgup, pgdn,
// g/home to the first row and G/end to the last.
func NewListKeys() ListKeys {
	return ListKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
	}
}

// NewestFirst names the first and last rows of a list sorted newest first.
func (k *ListKeys) NewestFirst() {
	k.Top.SetHelp("g/home", "newest")
	k.Bottom.SetHelp("G/end", "oldest")
}

// Bindings are the keys in the order help lists them.
func (k ListKeys) Bindings() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// HelpKeys are the keys for the help overlay, with why they do not act when
// they are off.
func (k ListKeys) HelpKeys(why string) []common.KeyHelp {
	keys := make([]common.KeyHelp, 0, 6)
	for _, b := range k.Bindings() {
		keys = append(keys, common.Why(b, why))
	}
	return keys
}

// SetEnabled turns every list key on or off (off while the screen asks a
// question, say).
func (k *ListKeys) SetEnabled(on bool) {
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom} {
		b.SetEnabled(on)
	}
}

// SetTyping gives the letters (j, k, g, G) and home/end to a text box that
// has the focus: then only the arrows and the page keys move the selection.
func (k *ListKeys) SetTyping(typing bool) {
	k.Top.SetEnabled(!typing)
	k.Bottom.SetEnabled(!typing)
	if typing {
		k.Up.SetKeys("up")
		k.Up.SetHelp("↑", k.Up.Help().Desc)
		k.Down.SetKeys("down")
		k.Down.SetHelp("↓", k.Down.Help().Desc)
		return
	}
	k.Up.SetKeys("up", "k")
	k.Up.SetHelp("↑/k", k.Up.Help().Desc)
	k.Down.SetKeys("down", "j")
	k.Down.SetHelp("↓/j", k.Down.Help().Desc)
}
