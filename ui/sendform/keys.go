package sendform

import (
	"cmp"

	"charm.land/bubbles/v2/key"

	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/widget"
)

type keyMap struct {
	widget.FormKeys
	Pick     key.Binding // accept the highlighted recipient
	Label    key.Binding // label the highlighted recipient, or rename the highlighted list
	Forget   key.Binding // remove the highlighted recipient or list
	Up, Down key.Binding // move in the recipient list
	Toggle   key.Binding // markdown on/off
}

func newKeyMap() keyMap {
	return keyMap{
		FormKeys: widget.NewFormKeys("send", "cancel send", "back to the draft"),
		Pick:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "use suggestion")),
		Label:    key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("ctrl+l", "label/rename suggestion")),
		Forget:   key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "forget suggestion")),
		Up:       key.NewBinding(key.WithKeys("up"), key.WithHelp("↑/↓", "suggestions")),
		Down:     key.NewBinding(key.WithKeys("down")),
		Toggle:   key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "markdown on/off")),
	}
}

// setSending enables the keys that make sense while a send is in flight.
func (k *keyMap) setSending(sending bool) {
	widget.SetBusy(sending, &k.Cancel, &k.Next, &k.Prev, &k.Pick, &k.Label, &k.Forget, &k.Up, &k.Down, &k.Toggle, &k.Send, &k.Back)
}

// Why a send-form key does not act: shown dimmed beside it in the help overlay.
const (
	whySending  = "not while the send runs (esc cancels it)"
	whySuggests = "only while suggestions show under To"
)

// HelpKeys implements common.Screen: every key of the form, the ones off
// now with why; a question or prompt lists only its own keys, since no
// other key reaches the form while it asks.
func (m *Model) HelpKeys() [][]common.KeyHelp {
	if m.guard != nil {
		return [][]common.KeyHelp{m.guard.HelpKeys()}
	}
	if m.naming != nil {
		return [][]common.KeyHelp{common.Keys(m.naming.bindings()...)}
	}
	k, why := m.keys, common.Why
	// Suggestions and the toggle act only where the focus is: the form
	// matches them under that condition rather than disabling them.
	when := func(b key.Binding, on bool, reason string) common.KeyHelp {
		if on || !b.Enabled() {
			return why(b, whySending)
		}
		return common.Off(b, reason)
	}
	suggests := m.focus == fieldTo && len(m.matches) > 0
	return [][]common.KeyHelp{
		{why(k.Send, cmp.Or(m.common.Deps.SendingOff(), whySending)), why(k.Cancel, "only while a send runs"), why(k.Back, whySending)},
		{
			why(k.Next, whySending), why(k.Prev, whySending),
			when(k.Up, suggests, whySuggests), when(k.Down, suggests, whySuggests), // Up's help speaks for both
			when(k.Pick, suggests, whySuggests),
			when(k.Toggle, m.focus == fieldMarkdown, "only on the Markdown field"),
		},
		{when(k.Label, suggests, whySuggests), when(k.Forget, suggests, whySuggests)},
	}
}
