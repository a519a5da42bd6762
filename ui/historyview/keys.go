package historyview

import (
	"charm.land/bubbles/v2/key"

	"github.com/zoompose/zoompose/ui/widget"
)

type keyMap struct {
	List         widget.ListKeys // the moves, the same on every list
	Open         key.Binding
	Switch       key.Binding // between the messages and the unfurls list
	Filter       key.Binding // focus the filter box
	AcceptFilter key.Binding // leave the filter box, keeping the filter
	ClearFilter  key.Binding
	Back         key.Binding
	Expand       key.Binding // show a broadcast's copies under its row
	Collapse     key.Binding // fold them again
}

func newKeyMap() keyMap {
	list := widget.NewListKeys()
	list.NewestFirst()
	return keyMap{
		List:         list,
		Open:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Switch:       key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "unfurls")),
		Filter:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter (to: status: text)")),
		AcceptFilter: key.NewBinding(key.WithKeys("enter", "tab"), key.WithHelp("enter", "keep filter"), key.WithDisabled()),
		ClearFilter:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter"), key.WithDisabled()),
		Back:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Expand:       key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "show a broadcast's copies")),
		Collapse:     key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "fold the copies")),
	}
}

// keyState is what decides which keys act: the list shown, whether the
// filter box has the focus, whether a filter is set, whether rows are shown.
type keyState struct {
	unfurls, typing, filtered, hasRows bool
	groups                             bool // the list shows a broadcast group
}

// update enables the keys that make sense for the state: letters go to the
// filter box while it has the focus, tab leaves the box before it switches
// lists, and esc clears a filter before it goes back.
func (k *keyMap) update(st keyState) {
	k.AcceptFilter.SetEnabled(st.typing)
	k.ClearFilter.SetEnabled(st.typing || st.filtered)
	k.Back.SetEnabled(!st.typing && !st.filtered)
	k.Filter.SetEnabled(!st.typing)
	k.Switch.SetEnabled(!st.typing)
	k.Open.SetEnabled(!st.typing && st.hasRows)
	k.Expand.SetEnabled(!st.typing && !st.unfurls && st.groups)
	k.Collapse.SetEnabled(!st.typing && !st.unfurls && st.groups)
	k.describeList(st.unfurls)
	k.List.SetTyping(st.typing) // j, k, g and G are letters of the filter then
}

// describeList names what tab, enter and / do on the list shown.
func (k *keyMap) describeList(unfurls bool) {
	if unfurls {
		k.Switch.SetHelp("tab", "messages")
		k.Open.SetHelp("enter", "unfurl again")
		k.Filter.SetHelp("/", "filter (user, trigger, text)")
		return
	}
	k.Switch.SetHelp("tab", "unfurls")
	k.Open.SetHelp("enter", "open")
	k.Filter.SetHelp("/", "filter (to: status: text)")
}
