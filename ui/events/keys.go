package events

import (
	"charm.land/bubbles/v2/key"

	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/widget"
	"github.com/zoompose/zoompose/zoom"
)

type keyMap struct {
	List                widget.ListKeys // the moves, the same on every list
	Unfurl, Reply, Open key.Binding
	Back                key.Binding
}

func newKeyMap() keyMap {
	list := widget.NewListKeys()
	list.NewestFirst()
	list.Up.SetHelp("↑/k", "newer")
	list.Down.SetHelp("↓/j", "older")
	return keyMap{
		List:   list,
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
	m.keys.List.SetEnabled(ok)
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
		append(k.List.HelpKeys(noEvents), common.Why(k.Back, "")),
	}
}
