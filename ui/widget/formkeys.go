package widget

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/ui/common"
)

// FormKeys are the keys every form of the app has (the send and unfurl
// forms): move between fields, submit, cancel what is in flight, leave.
// A form embeds them in its key map, so they read as its own (k.Send).
type FormKeys struct {
	Next, Prev   key.Binding
	Send, Cancel key.Binding
	Back         key.Binding
}

// NewFormKeys names what the form's ctrl+s, esc-while-busy and esc do.
func NewFormKeys(send, cancel, back string) FormKeys {
	return FormKeys{
		Next:   key.NewBinding(key.WithKeys("tab", "enter"), key.WithHelp("tab", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Send:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", send)),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", cancel), key.WithDisabled()),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", back)),
	}
}

// HandleKey takes the keys whose meaning is the same in every form, in the
// order they take precedence: esc cancels the operation in flight, no other
// key acts while it flies, ctrl+s submits, esc leaves. handled is false for
// any other key, which is the form's own.
func (k FormKeys) HandleKey(msg tea.KeyPressMsg, f *Flight, submit func() tea.Cmd) (cmd tea.Cmd, handled bool) {
	switch {
	case key.Matches(msg, k.Cancel):
		f.Cancel()
		return nil, true
	case f.Active():
		return nil, true
	case key.Matches(msg, k.Send):
		return submit(), true
	case key.Matches(msg, k.Back):
		return func() tea.Msg { return common.BackMsg{} }, true
	}
	return nil, false
}
