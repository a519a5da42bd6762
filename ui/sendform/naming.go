package sendform

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/ui/widget"
)

// Naming recipients from the form: ctrl+l on a highlighted suggestion labels
// that JID (or gives it a new label), or renames the list; ctrl+x forgets the
// recipient (its label and use count; lists keep it) or removes the list,
// after a y. The history does it (LabelRecipient, Rename, RemoveRecipient,
// RemoveList) in a command, and every screen reads the names again.

// naming is the open prompt or question about one suggestion.
type naming struct {
	target suggestion
	remove bool            // the question "forget it?", else the name prompt
	input  textinput.Model // the new name
	keys   []key.Binding
}

// namedMsg is the history's answer to a naming change.
type namedMsg struct {
	done string // what was done, for the status line
	err  error
}

// startNaming opens the prompt (or the removal question) for the
// highlighted suggestion.
func (m *Model) startNaming(remove bool) tea.Cmd {
	n := &naming{target: m.matches[m.pick], remove: remove}
	if remove {
		n.keys = []key.Binding{
			key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "forget it")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("any other key", "keep it")),
		}
		m.naming = n
		return nil
	}
	n.input = textinput.New()
	n.input.Prompt = "› "
	n.input.SetStyles(widget.InputStyles(m.common.Styles))
	n.input.SetWidth(max(m.common.Width-20, 10))
	n.input.SetValue(n.target.List + n.target.Label)
	n.keys = []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save the name")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
	m.naming = n
	return n.input.Focus()
}

func (n *naming) bindings() []key.Binding { return n.keys }

// answerNaming takes a key while the prompt or question is open.
func (m *Model) answerNaming(msg tea.KeyPressMsg) tea.Cmd {
	n, store := m.naming, m.common.Deps.Store
	switch {
	case n.remove:
		m.naming = nil
		if msg.String() != "y" || store == nil {
			return nil
		}
		return forget(store, n.target)
	case msg.String() == "esc":
		m.naming = nil
		return nil
	case msg.String() == "enter" && store != nil:
		name := n.input.Value()
		m.naming = nil
		return rename(store, n.target, name)
	}
	var cmd tea.Cmd
	n.input, cmd = n.input.Update(msg)
	return cmd
}

// rename labels target's JID name, or renames target's list.
func rename(store *history.Store, target suggestion, name string) tea.Cmd {
	return func() tea.Msg {
		if target.List != "" {
			return namedMsg{done: fmt.Sprintf("Renamed the list %s to %s.", target.List, name), err: store.Rename(target.List, name)}
		}
		return namedMsg{done: fmt.Sprintf("Labelled %s %s.", target.JID, name), err: store.LabelRecipient(target.JID, name)}
	}
}

// forget removes target's recipient or list from the history.
func forget(store *history.Store, target suggestion) tea.Cmd {
	return func() tea.Msg {
		if target.List != "" {
			return namedMsg{done: "Removed the list " + target.List + ".", err: store.RemoveList(target.List)}
		}
		_, err := store.RemoveRecipient(target.JID)
		return namedMsg{done: "Forgot " + target.JID + " (lists that hold it keep it).", err: err}
	}
}

// onNamed reports the change; every screen then reads the names again.
func (m *Model) onNamed(msg namedMsg) tea.Cmd {
	if msg.err != nil {
		m.problem = "Not changed: " + msg.err.Error()
		return common.Status(common.StatusError, termtext.Line(m.problem))
	}
	m.problem = ""
	return tea.Batch(common.Status(common.StatusOK, termtext.Line(msg.done)), func() tea.Msg { return common.HistoryChangedMsg{} })
}

// namingView is the prompt or question, under the suggestions.
func (m *Model) namingView() string {
	n := m.naming
	if n == nil {
		return ""
	}
	s := m.common.Styles
	what := termtext.Line(n.target.JID)
	if n.target.List != "" {
		what = "the list " + termtext.Line(n.target.List)
	}
	if n.remove {
		text := fmt.Sprintf("Forget %s? Its label, use count and last use go; lists that hold it keep it. y forgets it, any other key keeps it.", what)
		if n.target.List != "" {
			text = fmt.Sprintf("Remove %s? Its members stay recipients. y removes it, any other key keeps it.", what)
		}
		return s.Warn.Render(wrap(text, m.common.Width)) + "\n"
	}
	title := "Label for " + what
	if n.target.List != "" {
		title = "New name for " + what
	}
	return s.Text.Render(title+" (enter saves, esc cancels):") + "\n" + widget.Indent() + n.input.View() + "\n"
}
