package outbox

import (
	"charm.land/bubbles/v2/key"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/widget"
)

type keyMap struct {
	List                                            widget.ListKeys // the moves, the same on every list
	Retry, Open, Discard, Arrived, NotArrived, Back key.Binding
	Confirm                                         key.Binding // y to a question
	Cancel                                          key.Binding // a retry in flight
}

func newKeyMap() keyMap {
	return keyMap{
		List:       widget.NewListKeys(),
		Retry:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open in composer")),
		Discard:    key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "discard")),
		Arrived:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "it arrived")),
		NotArrived: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "it did not arrive")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Confirm:    key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes"), key.WithDisabled()),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel retry"), key.WithDisabled()),
	}
}

// syncKeys enables exactly the keys that act on the selected entry in the
// screen's state, so that key.Matches and help agree.
func (m *Model) syncKeys() {
	k := &m.keys
	busy, idle := m.flight.Active(), m.asking == askNothing && !m.flight.Active()
	e := m.selected()
	has, unknown := m.list.Len() > 0, e.State == history.OpUnknown
	k.Cancel.SetEnabled(busy)
	k.Confirm.SetEnabled(m.asking == askDiscard || m.asking == askDuplicate || m.asking == askProdRetry)
	k.Back.SetEnabled(idle)
	k.List.SetEnabled(idle)
	k.Retry.SetEnabled(idle && has)
	k.Open.SetEnabled(idle && has && e.Kind != history.OpDelete)
	k.Discard.SetEnabled(idle && has && !unknown)
	k.Arrived.SetEnabled(idle && unknown)
	k.NotArrived.SetEnabled(idle && unknown)
	if unknown {
		k.Retry.SetHelp("r", "send again…")
	} else {
		k.Retry.SetHelp("r", "retry")
	}
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	if m.asking != askNothing {
		return []key.Binding{k.Confirm}
	}
	return []key.Binding{k.Retry, k.Arrived, k.NotArrived, k.Open, k.Discard, k.Cancel, k.Back}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{k.List.Bindings(), {k.Retry, k.Arrived, k.NotArrived, k.Open, k.Discard, k.Confirm, k.Cancel, k.Back}}
}
