package detail

import (
	"charm.land/bubbles/v2/key"

	"github.com/zoompose/zoompose/ui/common"
)

type keyMap struct {
	Edit, Delete, Restore key.Binding
	Resend, Unfurl, Copy  key.Binding
	Older, Newer          key.Binding // pick the revision shown
	Base                  key.Binding // mark the shown revision as the diff's older side
	Diff                  key.Binding // card or diff
	Answers               key.Binding // card or every answer to it
	Up, Down              key.Binding
	PageUp, PageDown      key.Binding
	Back                  key.Binding
	Open                  key.Binding // a group's copy
	Markdown              key.Binding // the edit confirmation: markdown on/off for the edit
}

func newKeyMap() keyMap {
	return keyMap{
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Delete:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		Restore:  key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "restore this revision")),
		Resend:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "resend as new")),
		Unfurl:   key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "unfurl with this card")),
		Copy:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy id")),
		Older:    key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "older revision")),
		Newer:    key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "newer revision")),
		Base:     key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "compare against this one")),
		Diff:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "card/diff")),
		Answers:  key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "card/all answers")),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn", "page down")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open this copy"), key.WithDisabled()),
		Markdown: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "markdown on/off for the edit"), key.WithDisabled()),
	}
}

// groupMode enables the keys of a broadcast group's view: move between its
// copies, open one (with copies), edit all and delete all (with a copy on
// Zoom to act on), copy the group id (once loaded).
func (k *keyMap) groupMode(loaded, copies, onZoom bool) {
	k.Edit.SetHelp("e", "edit all")
	k.Delete.SetHelp("d", "delete all")
	k.Copy.SetHelp("c", "copy group id")
	k.Up.SetHelp("↑/k", "previous copy")
	k.Down.SetHelp("↓/j", "next copy")
	k.Copy.SetEnabled(loaded)
	k.Open.SetEnabled(loaded && copies)
	k.Edit.SetEnabled(loaded && onZoom)
	k.Delete.SetEnabled(loaded && onZoom)
	for _, b := range []*key.Binding{&k.Restore, &k.Resend, &k.Unfurl, &k.Older, &k.Newer, &k.Base, &k.Diff, &k.Answers, &k.PageUp, &k.PageDown} {
		b.SetEnabled(false)
	}
}

// state is what decides which keys work.
type state struct {
	loaded    bool
	deleted   bool
	revisions int
	live      bool   // the shown revision is the live one
	busy      bool   // Zoom cannot be asked to change it now: an operation on it is unsettled, or Zoom's id is unknown
	answers   int    // card answers kept for it (interactive_message_* events)
	off       string // why nothing may be sent at all (common.Deps.SendingOff)
}

// Why a key does not act: shown dimmed beside it in the help overlay.
const (
	whyNotLoaded = "no message is loaded"
	whyNotGroup  = "not on a broadcast group: open one copy (enter)"
	whyNoCopies  = "the group has no copies yet"
	whyOnlyGroup = "only on a broadcast group"
	whyOnlyEdit  = "only while confirming an edit"
)

// whyNoChange says why Zoom cannot be asked to change the message now, ""
// when it can: it must be loaded, not deleted, and settled.
func (st state) whyNoChange() string {
	switch {
	case !st.loaded:
		return whyNotLoaded
	case st.deleted:
		return "the message is deleted"
	case st.busy:
		return "its last request is unsettled: see the outbox (f4)"
	case st.off != "":
		return st.off
	}
	return ""
}

// whyNoCard says why there is no card to reuse, "" when there is.
func (st state) whyNoCard() string {
	switch {
	case !st.loaded:
		return whyNotLoaded
	case st.revisions == 0:
		return "no card was recorded for it"
	}
	return ""
}

// whyNoAnswers says why there is no list of answers to show, "" when there is.
func (st state) whyNoAnswers() string {
	switch {
	case !st.loaded:
		return whyNotLoaded
	case st.answers == 0:
		return "nobody answered this card (no click or pick kept)"
	}
	return ""
}

func (st state) whyNoEdit() string { return firstReason(st.whyNoChange(), st.whyNoCard()) }

// whyNoRestore: restoring the live revision would change nothing.
func (st state) whyNoRestore() string {
	if st.live {
		return firstReason(st.whyNoEdit(), st.whyNoRevisions(), "only on an older revision: pick one with ←")
	}
	return st.whyNoEdit()
}

func (st state) whyNoRevisions() string {
	if st.loaded && st.revisions < 2 {
		return "the message has one revision"
	}
	return firstReason(st.whyNoCard())
}

func firstReason(reasons ...string) string {
	for _, r := range reasons {
		if r != "" {
			return r
		}
	}
	return ""
}

// update enables the keys that make sense for st: nothing acts on a message
// that is not loaded, a deleted message can no longer be edited, deleted or
// restored on Zoom, one with an unsettled operation must be settled first
// (in the outbox), and restoring the live revision would change nothing.
// The reasons are the ones the help overlay gives (helpKeys).
func (k *keyMap) update(st state) {
	k.Edit.SetHelp("e", "edit")
	k.Delete.SetHelp("d", "delete")
	k.Copy.SetHelp("c", "copy id")
	k.Up.SetHelp("↑/k", "scroll up")
	k.Down.SetHelp("↓/j", "scroll down")
	k.PageUp.SetEnabled(true)
	k.PageDown.SetEnabled(true)
	k.Edit.SetEnabled(st.whyNoEdit() == "")
	k.Delete.SetEnabled(st.whyNoChange() == "")
	k.Restore.SetEnabled(st.whyNoRestore() == "")
	k.Resend.SetEnabled(st.whyNoCard() == "")
	k.Unfurl.SetEnabled(st.whyNoCard() == "")
	k.Copy.SetEnabled(st.loaded)
	k.Answers.SetEnabled(st.whyNoAnswers() == "")
	for _, b := range []*key.Binding{&k.Older, &k.Newer, &k.Base, &k.Diff} {
		b.SetEnabled(st.whyNoRevisions() == "")
	}
}

// helpKeys lists every key of the message view for st, each disabled one
// with why.
func (k *keyMap) helpKeys(st state) [][]common.KeyHelp {
	revs := st.whyNoRevisions()
	return [][]common.KeyHelp{
		{
			common.Why(k.Edit, st.whyNoEdit()), common.Why(k.Restore, st.whyNoRestore()),
			common.Why(k.Delete, st.whyNoChange()), common.Why(k.Resend, st.whyNoCard()),
			common.Why(k.Unfurl, st.whyNoCard()), common.Why(k.Copy, whyNotLoaded),
		},
		{common.Why(k.Older, revs), common.Why(k.Newer, revs), common.Why(k.Base, revs), common.Why(k.Diff, revs),
			common.Why(k.Answers, st.whyNoAnswers())},
		common.Keys(k.Up, k.Down, k.PageUp, k.PageDown, k.Back),
		{common.Why(k.Open, whyOnlyGroup), common.Why(k.Markdown, whyOnlyEdit)},
	}
}

// groupHelpKeys lists every key of a group's view: the message keys that
// need one copy are off with why; edit all and delete all, when no copy is
// on Zoom, with noneOnZoom.
func (k *keyMap) groupHelpKeys(noneOnZoom string) [][]common.KeyHelp {
	return [][]common.KeyHelp{
		{common.Why(k.Open, whyNoCopies), common.Why(k.Edit, noneOnZoom), common.Why(k.Delete, noneOnZoom), common.Why(k.Copy, whyNotLoaded)},
		common.Keys(k.Up, k.Down, k.Back),
		{
			common.Why(k.Restore, whyNotGroup), common.Why(k.Resend, whyNotGroup), common.Why(k.Unfurl, whyNotGroup),
			common.Why(k.Older, whyNotGroup), common.Why(k.Newer, whyNotGroup), common.Why(k.Base, whyNotGroup),
			common.Why(k.Diff, whyNotGroup), common.Why(k.Answers, whyNotGroup),
			common.Why(k.PageUp, whyNotGroup), common.Why(k.PageDown, whyNotGroup),
		},
		{common.Why(k.Markdown, whyOnlyEdit)},
	}
}
