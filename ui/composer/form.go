package composer

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/widget"
)

// form is a few labelled one-line inputs: the values of a template's
// placeholders, or the name to save a template under.
type form struct {
	title  string
	note   string
	labels []string
	inputs []textinput.Model
	focus  int
	errMsg string
	submit func(m *Model, values []string) tea.Cmd
}

func newForm(st themes.Styles, title, note string, labels, values []string, submit func(*Model, []string) tea.Cmd) form {
	f := form{title: title, note: note, labels: labels, submit: submit}
	for i := range labels {
		in := textinput.New()
		in.Prompt = " " + labels[i] + ": "
		in.SetVirtualCursor(false) // the real cursor, placed by Model.Cursor
		in.SetStyles(widget.InputStyles(st))
		if i < len(values) {
			in.SetValue(values[i])
			in.CursorEnd()
		}
		f.inputs = append(f.inputs, in)
	}
	f.setFocus(0)
	return f
}

func (f *form) setFocus(i int) {
	f.blur()
	f.focus = i
	f.inputs[i].Focus()
}

func (f *form) blur() {
	for i := range f.inputs {
		f.inputs[i].Blur()
	}
}

func (f *form) values() []string {
	out := make([]string, len(f.inputs))
	for i, in := range f.inputs {
		out[i] = in.Value()
	}
	return out
}

// updateForm handles a key while a form is open: tab and arrows move between
// inputs, enter moves on and submits from the last one, esc cancels.
func (m *Model) updateForm(msg tea.Msg) tea.Cmd {
	f := &m.form
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(kp, m.keys.Close):
			m.closeOverlay()
			return nil
		case key.Matches(kp, m.keys.Accept) && f.focus == len(f.inputs)-1:
			values, submit := f.values(), f.submit
			return submit(m, values)
		case key.Matches(kp, m.keys.Accept), key.Matches(kp, m.keys.Next):
			f.setFocus((f.focus + 1) % len(f.inputs))
			return nil
		case key.Matches(kp, m.keys.Prev):
			f.setFocus((f.focus + len(f.inputs) - 1) % len(f.inputs))
			return nil
		}
	}
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	return cmd
}

// lines draws the form in width×height cells.
func (f *form) lines(width, height int, st themes.Styles) []string {
	var out []string
	for _, l := range f.header(width) {
		out = append(out, fit(st.Muted.Render(l), width))
	}
	for i := range f.inputs {
		f.inputs[i].SetWidth(max(width-ansi.StringWidth(f.inputs[i].Prompt)-1, 1))
		out = append(out, fit(f.inputs[i].View(), width))
	}
	if f.errMsg != "" {
		out = append(out, spaces(width), fit(st.Error.Render(f.errMsg), width))
	}
	if len(out) > height {
		out = out[:height]
	}
	return out
}

// header is the rows above the first input: the note, word-wrapped, and a
// blank line.
func (f *form) header(width int) []string {
	wrapped := ansi.Wordwrap(f.note, max(width-2, 1), "")
	lines := strings.Split(wrapped, "\n")
	for i := range lines {
		lines[i] = " " + lines[i]
	}
	return append(lines, "")
}

// cursor is the focused input's cursor, offset to the form's place on
// screen (x, y) in a pane width cells wide.
func (f *form) cursor(x, y, width int) *tea.Cursor {
	if f.focus >= len(f.inputs) {
		return nil
	}
	c := f.inputs[f.focus].Cursor()
	if c == nil {
		return nil
	}
	c.Position.X += x
	c.Position.Y += y + len(f.header(width)) + f.focus
	return c
}

// openVarsForm asks for the value of each placeholder, prefilled with the
// values given last time. With send, submitting sends the card with them;
// otherwise they only fill the preview (sending asks again).
func (m *Model) openVarsForm(names []string, send bool) {
	values := make([]string, len(names))
	for i, n := range names {
		values[i] = m.lastVars[n]
	}
	note := "The card has placeholders: fill them in, enter sends, esc goes back to the editor."
	if !send {
		note = "Values for the preview of this template; sending asks again. enter shows them, esc goes back."
	}
	m.form = newForm(m.common.Styles, "Template variables", note,
		names, values, func(m *Model, values []string) tea.Cmd {
			vars := make(map[string]string, len(names))
			for i, n := range names {
				vars[n] = values[i]
				m.lastVars[n] = values[i]
			}
			m.varsGen++ // the preview shows the values: render again
			m.closeOverlay()
			if send {
				return m.submit(vars)
			}
			return nil
		})
	m.openOverlay(overlayVars)
}

// openTemplateNameForm asks for the name to save the draft under.
func (m *Model) openTemplateNameForm() {
	m.form = newForm(m.common.Styles, "Save as template", "Save the card as a template (ctrl+t starts from one). A template of that name is replaced.",
		[]string{"Name"}, []string{m.lastTemplate}, func(m *Model, values []string) tea.Cmd {
			name := strings.TrimSpace(values[0])
			if name == "" {
				m.form.errMsg = "Give the template a name."
				return nil
			}
			m.lastTemplate = name
			m.closeOverlay()
			return m.saveTemplate(name)
		})
	m.openOverlay(overlayTemplateName)
}
