package sendform

import (
	"charm.land/bubbles/v2/key"
	"github.com/zoompose/zoompose/ui/widget"
)

type keyMap struct {
	Next     key.Binding
	Prev     key.Binding
	Pick     key.Binding // accept the highlighted recipient
	Label    key.Binding // label the highlighted recipient, or rename the highlighted list
	Forget   key.Binding // remove the highlighted recipient or list
	Up, Down key.Binding // move in the recipient list
	Toggle   key.Binding // markdown on/off
	Send     key.Binding
	Cancel   key.Binding // cancel a send in flight
	Back     key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Next:   key.NewBinding(key.WithKeys("tab", "enter"), key.WithHelp("tab", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Pick:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "use suggestion")),
		Label:  key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("ctrl+l", "label/rename suggestion")),
		Forget: key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "forget suggestion")),
		Up:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑/↓", "suggestions")),
		Down:   key.NewBinding(key.WithKeys("down")),
		Toggle: key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "markdown on/off")),
		Send:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "send")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel send"), key.WithDisabled()),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the draft")),
	}
}

// setSending enables the keys that make sense while a send is in flight.
func (k *keyMap) setSending(sending bool) {
	widget.SetBusy(sending, &k.Cancel, &k.Next, &k.Prev, &k.Pick, &k.Label, &k.Forget, &k.Up, &k.Down, &k.Toggle, &k.Send, &k.Back)
}
