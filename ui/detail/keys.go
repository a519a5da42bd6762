package detail

import "charm.land/bubbles/v2/key"

type keyMap struct {
	Edit, Delete, Restore key.Binding
	Resend, Unfurl, Copy  key.Binding
	Older, Newer          key.Binding // pick the revision shown
	Base                  key.Binding // mark the shown revision as the diff's older side
	Diff                  key.Binding // card or diff
	Up, Down              key.Binding
	PageUp, PageDown      key.Binding
	Back                  key.Binding
	Open                  key.Binding // a group's copy
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
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn", "page down")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open this copy"), key.WithDisabled()),
	}
}

// groupMode enables the keys of a broadcast group's view: move between its
// copies, open one, edit all, delete all, copy the group id.
func (k *keyMap) groupMode(loaded bool) {
	k.Edit.SetHelp("e", "edit all")
	k.Delete.SetHelp("d", "delete all")
	k.Copy.SetHelp("c", "copy group id")
	k.Up.SetHelp("↑/k", "previous copy")
	k.Down.SetHelp("↓/j", "next copy")
	for _, b := range []*key.Binding{&k.Open, &k.Edit, &k.Delete, &k.Copy} {
		b.SetEnabled(loaded)
	}
	for _, b := range []*key.Binding{&k.Restore, &k.Resend, &k.Unfurl, &k.Older, &k.Newer, &k.Base, &k.Diff, &k.PageUp, &k.PageDown} {
		b.SetEnabled(false)
	}
}

// state is what decides which keys work.
type state struct {
	loaded    bool
	deleted   bool
	revisions int
	live      bool // the shown revision is the live one
	busy      bool // Zoom cannot be asked to change it now: an operation on it is unsettled, or Zoom's id is unknown
}

// update enables the keys that make sense for st: nothing acts on a message
// that is not loaded, a deleted message can no longer be edited, deleted or
// restored on Zoom, one with an unsettled operation must be settled first
// (in the outbox), and restoring the live revision would change nothing.
func (k *keyMap) update(st state) {
	k.Edit.SetHelp("e", "edit")
	k.Delete.SetHelp("d", "delete")
	k.Copy.SetHelp("c", "copy id")
	k.Up.SetHelp("↑/k", "scroll up")
	k.Down.SetHelp("↓/j", "scroll down")
	k.PageUp.SetEnabled(true)
	k.PageDown.SetEnabled(true)
	editable := st.loaded && !st.deleted && !st.busy
	hasCard := st.loaded && st.revisions > 0
	k.Edit.SetEnabled(editable && hasCard)
	k.Delete.SetEnabled(editable)
	k.Restore.SetEnabled(editable && hasCard && !st.live)
	k.Resend.SetEnabled(hasCard)
	k.Unfurl.SetEnabled(hasCard)
	k.Copy.SetEnabled(st.loaded)
	for _, b := range []*key.Binding{&k.Older, &k.Newer, &k.Base, &k.Diff} {
		b.SetEnabled(st.loaded && st.revisions > 1)
	}
}
