package events

import (
	"charm.land/bubbles/v2/key"

	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/zoom"
)

type keyMap struct {
	Up, Down, Top       key.Binding
	Unfurl, Reply, Open key.Binding
	Back                key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "newer")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "older")),
		Top:    key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "newest")),
		Unfurl: key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "unfurl this link")),
		Reply:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reply")),
		Open:   key.NewBinding(key.WithKeys("enter", "o"), key.WithHelp("enter", "open the message")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// refreshKeys enables the action keys that apply to the selected event, so that the help
// shows only what one key press would do.
func (m *Model) refreshKeys() {
	it, ok := m.current()
	m.keys.Unfurl.SetEnabled(ok && it.event.Name == zoom.EventLinkShared)
	m.keys.Reply.SetEnabled(ok && it.event.Name == zoom.EventBotNotification && it.sum.ToJID != "")
	m.keys.Open.SetEnabled(ok && it.event.IsInteraction() && it.sum.MessageID != "")
	m.keys.Up.SetEnabled(ok)
	m.keys.Down.SetEnabled(ok)
	m.keys.Top.SetEnabled(ok)
}

// HelpKeys implements common.Screen: every key, the ones off now with why.
func (m *Model) HelpKeys() [][]common.KeyHelp {
	const noEvents = "no events yet"
	k, why := m.keys, common.Why
	return [][]common.KeyHelp{
		{
			why(k.Unfurl, "only on a link-shared event"),
			why(k.Reply, "only on a bot notification from a chat"),
			why(k.Open, "only on a button click or pick of a sent message"),
		},
		{why(k.Up, noEvents), why(k.Down, noEvents), why(k.Top, noEvents), common.Why(k.Back, "")},
	}
}
