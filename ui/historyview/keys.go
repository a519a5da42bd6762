package historyview

import (
	"charm.land/bubbles/v2/key"

	"github.com/zoompose/zoompose/ui/common"
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

// HelpKeys implements common.Screen: every key of the three lists, the ones
// off now with why. A question or the new-time input of the Scheduled list
// lists only its own keys, since no other key reaches the list while it asks.
func (m *Model) HelpKeys() [][]common.KeyHelp {
	k, l := m.keys, &m.scheduled
	if m.shown == listScheduled {
		switch {
		case l.confirm != nil:
			return [][]common.KeyHelp{l.confirm.HelpKeys()}
		case l.rescheduling != "":
			return [][]common.KeyHelp{common.Keys(l.keys.Apply, l.keys.Abort)}
		}
	}
	typing := !k.Filter.Enabled() // the filter box has the focus
	const whyTyping = "not while typing the filter (enter leaves it)"
	busy := func(reason string) string {
		if typing {
			return whyTyping
		}
		return reason
	}
	nav := append(common.Keys(k.List.Up, k.List.Down, k.List.PageUp, k.List.PageDown), common.Why(k.List.Top, whyTyping), common.Why(k.List.Bottom, whyTyping))
	lists := []common.KeyHelp{
		common.Why(k.Open, busy("the list is empty")), common.Why(k.Switch, whyTyping),
		common.Why(k.Filter, whyTyping), common.Why(k.AcceptFilter, "only while typing the filter (/)"),
		common.Why(k.ClearFilter, "no filter is set"), common.Why(k.Back, "esc clears the filter first"),
	}
	groups := []common.KeyHelp{
		common.Why(k.Expand, busy("only on a broadcast in the messages list")),
		common.Why(k.Collapse, busy("only on a broadcast in the messages list")),
	}
	if m.shown == listScheduled {
		const notHere = "not on the Scheduled list"
		lists = []common.KeyHelp{
			common.Off(k.Open, notHere), common.Why(k.Switch, ""), common.Off(k.Filter, notHere),
			common.Off(k.AcceptFilter, notHere), common.Off(k.ClearFilter, notHere), common.Why(k.Back, ""),
		}
		groups = []common.KeyHelp{common.Off(k.Expand, notHere), common.Off(k.Collapse, notHere)}
	}
	return [][]common.KeyHelp{nav, lists, groups, m.scheduledHelpKeys()}
}

// scheduledHelpKeys are the Scheduled list's own keys: off with why on the
// other lists, or while the list is empty.
func (m *Model) scheduledHelpKeys() []common.KeyHelp {
	l := &m.scheduled
	k, why := l.keys, common.Why
	if m.shown != listScheduled {
		why = common.Off
	}
	reason := func(r string) string {
		if m.shown != listScheduled {
			return "only on the Scheduled list (tab)"
		}
		return r
	}
	empty := func(b key.Binding) common.KeyHelp {
		if m.shown == listScheduled && l.list.Len() == 0 {
			return common.Off(b, "no scheduled sends")
		}
		return why(b, reason(""))
	}
	input := reason("only while typing a new time (r)")
	return []common.KeyHelp{
		empty(k.Edit), empty(k.Reschedule), empty(k.Cancel), empty(k.SendNow), why(k.ShowAll, reason("")),
		common.Off(k.Apply, input), common.Off(k.Abort, input),
	}
}
