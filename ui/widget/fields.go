package widget

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/themes"
)

// fieldLabelWidth is the width of the label column of a form.
const fieldLabelWidth = 14

// Fields is the labelled text inputs of a form, with one of them focused (or
// none, when the focus is on something else of the form, such as a toggle).
type Fields struct {
	inputs []textinput.Model
	labels []string
	focus  int
}

// NewFields builds one single-line input per label, with its placeholder.
func NewFields(labels, placeholders []string) Fields {
	f := Fields{labels: labels, inputs: make([]textinput.Model, len(labels))}
	for i := range f.inputs {
		in := textinput.New()
		in.Prompt = ""
		in.Placeholder = placeholders[i]
		// Completion is the form's business (labels, recent values), not the input's.
		in.KeyMap.NextSuggestion.SetEnabled(false)
		in.KeyMap.PrevSuggestion.SetEnabled(false)
		in.KeyMap.AcceptSuggestion.SetEnabled(false)
		f.inputs[i] = in
	}
	return f
}

// SetWidth fits the inputs into a form width columns wide.
func (f *Fields) SetWidth(width int) {
	for i := range f.inputs {
		f.inputs[i].SetWidth(max(width-fieldLabelWidth-2, 10))
	}
}

// Focus moves the focus to input i; any other i (e.g. len) blurs them all.
func (f *Fields) Focus(i int) tea.Cmd {
	f.focus = i
	var cmd tea.Cmd
	for j := range f.inputs {
		if j == i {
			cmd = f.inputs[j].Focus()
		} else {
			f.inputs[j].Blur()
		}
	}
	return cmd
}

// Focused returns the focused input's index, or -1 when none is.
func (f *Fields) Focused() int {
	if f.focus < 0 || f.focus >= len(f.inputs) {
		return -1
	}
	return f.focus
}

// Update gives msg to the focused input.
func (f *Fields) Update(msg tea.Msg) tea.Cmd {
	i := f.Focused()
	if i < 0 {
		return nil
	}
	var cmd tea.Cmd
	f.inputs[i], cmd = f.inputs[i].Update(msg)
	return cmd
}

// Value returns input i's text without surrounding blanks.
func (f *Fields) Value(i int) string { return strings.TrimSpace(f.inputs[i].Value()) }

// SetValue replaces input i's text and puts the cursor at its end.
func (f *Fields) SetValue(i int, v string) {
	f.inputs[i].SetValue(v)
	f.inputs[i].CursorEnd()
}

// Reset empties every input.
func (f *Fields) Reset() {
	for i := range f.inputs {
		f.inputs[i].SetValue("")
	}
}

// Row draws input i with its label; the focused one is marked.
func (f *Fields) Row(i int, s themes.Styles) string {
	return Label(f.labels[i], i == f.Focused(), s) + f.inputs[i].View()
}

// Label draws a form label, marked when its field has the focus.
func Label(text string, focused bool, s themes.Styles) string {
	style, marker := s.Muted, "  "
	if focused {
		style, marker = s.Title, "› "
	}
	return style.Render(fmt.Sprintf("%s%-*s", marker, fieldLabelWidth-2, text))
}

// Indent is the blank space of the label column, for lines under a field.
func Indent() string { return strings.Repeat(" ", fieldLabelWidth) }

// InputStyles draws a text input in the theme: plain under NO_COLOR, where
// bubbles' default colours would otherwise leak through.
func InputStyles(s themes.Styles) textinput.Styles {
	return textinput.Styles{
		Focused: textinput.StyleState{Text: s.Text, Placeholder: s.Placeholder, Suggestion: s.Muted, Prompt: s.Title},
		Blurred: textinput.StyleState{Text: s.Muted, Placeholder: s.Placeholder, Suggestion: s.Muted, Prompt: s.Muted},
	}
}

// SetStyles draws every input in the theme's styles.
func (f *Fields) SetStyles(s themes.Styles) {
	for i := range f.inputs {
		f.inputs[i].SetStyles(InputStyles(s))
	}
}
