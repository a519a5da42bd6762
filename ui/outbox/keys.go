package outbox

import (
	"cmp"

	"charm.land/bubbles/v2/key"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/widget"
)

type keyMap struct {
	List                                            widget.ListKeys // the moves, the same on every list
	Retry, Open, Discard, Arrived, NotArrived, Back key.Binding
	Confirm                                         key.Binding // y to a question
	Cancel                                          key.Binding // a retry in flight
	SaveID, SkipID                                  key.Binding // the message id prompt after "it arrived"
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
		SaveID:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "record the message id"), key.WithDisabled()),
		SkipID:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back, nothing recorded"), key.WithDisabled()),
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
	k.SaveID.SetEnabled(m.asking == askMessageID)
	k.SkipID.SetEnabled(m.asking == askMessageID)
	k.Back.SetEnabled(idle)
	k.List.SetEnabled(idle)
	k.Retry.SetEnabled(idle && has && m.common.Deps.SendingOff() == "")
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
	switch m.asking {
	case askNothing:
	case askMessageID:
		return []key.Binding{k.SaveID, k.SkipID}
	default:
		return []key.Binding{k.Confirm}
	}
	return []key.Binding{k.Retry, k.Arrived, k.NotArrived, k.Open, k.Discard, k.Cancel, k.Back}
}

// FullHelp implements help.KeyMap: the keys of HelpKeys.
func (m *Model) FullHelp() [][]key.Binding { return common.Bindings(m.HelpKeys()) }

// HelpKeys implements common.Screen: every key, the ones off now with why.
func (m *Model) HelpKeys() [][]common.KeyHelp {
	k, why := m.keys, common.Why
	if m.asking == askMessageID { // the prompt takes every key
		return [][]common.KeyHelp{common.Keys(k.SaveID, k.SkipID)}
	}
	idle := m.whyNotIdle()
	entry := func(reason string) string { // for keys that act on the selected entry
		switch {
		case idle != "":
			return idle
		case m.list.Len() == 0:
			return "the outbox is empty"
		}
		return reason
	}
	unknownOnly := entry("only for a request whose outcome is unknown")
	return [][]common.KeyHelp{
		k.List.HelpKeys(idle),
		{
			why(k.Retry, cmp.Or(m.common.Deps.SendingOff(), entry(""))), why(k.Arrived, unknownOnly), why(k.NotArrived, unknownOnly),
			why(k.Open, entry("a delete has no card to open")),
			why(k.Discard, entry("its outcome is unknown: say first whether it arrived (a/n)")),
			why(k.Confirm, "only when a question is asked"), why(k.Cancel, "only while a retry runs"), why(k.Back, idle),
		},
		{why(k.SaveID, whyNoPrompt), why(k.SkipID, whyNoPrompt)},
	}
}

const whyNoPrompt = "only when giving the id of a request that arrived (a)"

// whyNotIdle says why the list's keys are off, "" when they act: a retry
// runs, or a question waits for its answer.
func (m *Model) whyNotIdle() string {
	switch {
	case m.flight.Active():
		return "not while a retry runs (esc cancels it)"
	case m.asking != askNothing:
		return "the question asked wants its answer first"
	}
	return ""
}
