package composer

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/zoompose/zoompose/compose"
)

// snippet is one entry of the insert menu: a card element written in the
// card source syntax.
type snippet struct {
	Name   string // what the menu shows
	Detail string // a short description beside it
	Source string // the source inserted at the cursor
}

// snippets returns one snippet per card element. Each source is produced by
// compose.Format from a one-element card, so it is always valid card source
// in the current syntax and parses back to that element.
func snippets() []snippet {
	entries := []struct {
		name, detail string
		el           compose.Element
	}{
		{"Message", "a paragraph of text", compose.Message{Text: "Write your message here. *Bold*, _italic_ and <https://example.com|links> work."}},
		{"Fields", "key/value pairs, short ones side by side", compose.Fields{Items: []compose.Field{
			{Key: "Owner", Value: "Platform team", Short: true},
			{Key: "Severity", Value: "medium", Short: true},
			{Key: "Details", Value: "What happened and what to do next."},
		}}},
		{"Buttons", "a row of buttons", compose.Actions{Items: []compose.Button{
			{Text: "Approve", Value: "approve", Style: compose.ButtonPrimary},
			{Text: "Details", Value: "details", Style: compose.ButtonDefault},
			{Text: "Reject", Value: "reject", Style: compose.ButtonDanger},
		}}},
		{"Select", "a dropdown of fixed options", compose.Select{Text: "Pick an option", SelectItems: []compose.Option{
			{Text: "First option", Value: "first"}, {Text: "Second option", Value: "second"},
		}}},
		{"Member dropdown", "pick a person from the account", compose.Select{Text: "Pick a person", StaticSource: compose.SourceMembers}},
		{"Channel dropdown", "pick a channel", compose.Select{Text: "Pick a channel", StaticSource: compose.SourceChannels}},
		{"Attachment", "a linked file or page", compose.Attachments{
			ResourceURL: "https://example.com/report.pdf",
			Information: &compose.Information{Title: &compose.Label{Text: "Quarterly report"}, Description: &compose.Label{Text: "Two pages, PDF"}},
			Ext:         "pdf",
		}},
		{"Section", "elements beside a coloured sidebar", compose.Section{
			SidebarColor: "#0E72ED",
			Sections:     []compose.Element{compose.Message{Text: "Text inside the section."}},
			Footer:       "Section footer",
		}},
		{"Divider", "a horizontal rule", compose.Divider{}},
		{"Date picker", "a date input", compose.DatePicker{ActionID: "date", InitialDate: "2026/01/31"}},
		{"Time picker", "a time input", compose.TimePicker{ActionID: "time", InitialTime: "12:00"}},
		{"Radio buttons", "one choice of several", compose.RadioButtons{ActionID: "choice", Options: []compose.Option{
			{Text: "Yes", Value: "yes"}, {Text: "No", Value: "no"},
		}}},
		{"Checkboxes", "several choices", compose.Checkboxes{ActionID: "options", Options: []compose.CheckboxOption{
			{Text: "Email me", Value: "email", InitialSelected: true}, {Text: "Post in the channel", Value: "post"},
		}}},
		{"Switch", "an on/off toggle", compose.Checkboxes{ActionID: "toggle", Style: compose.ToggleSwitch, Options: []compose.CheckboxOption{
			{Text: "Notify the team", Value: "notify"},
		}}},
		{"Alert", "a banner", compose.Alert{Text: "Heads up: maintenance tonight from 22:00.", Closable: true}},
		{"Progress", "a progress bar (0–100)", compose.ProgressBar{Value: 40}},
		{"Image", "a picture", compose.Images{Images: []compose.Image{{ImageURL: "https://example.com/picture.png", AltText: "A picture"}}}},
		{"Input", "a text input", compose.PlainTextInput{ActionID: "answer", Text: "Your answer", Placeholder: "Type here"}},
		{"File", "a file card", compose.File{Title: &compose.FileTitle{Text: "notes.txt", FileURL: "https://example.com/notes.txt"}}},
		{"Video", "a video player", compose.Video{
			Title:        &compose.VideoTitle{Text: "Product demo"},
			VideoURL:     "https://example.com/demo.mp4",
			ThumbnailURL: "https://example.com/demo.png",
		}},
	}
	out := make([]snippet, 0, len(entries)+1)
	for _, e := range entries {
		out = append(out, snippet{Name: e.name, Detail: e.detail, Source: elementSource(e.el)})
	}
	return append(out, snippet{
		Name:   "Raw JSON",
		Detail: "any element Zoom accepts, as JSON",
		Source: rawJSONSource(compose.Message{Text: "Replace this object with any element Zoom accepts."}),
	})
}

// rawJSONSource writes el as a ```json block, the escape hatch for elements
// without a shorthand. Format would pick el's shorthand, so the block is
// built from el's canonical JSON instead.
func rawJSONSource(el compose.Element) string {
	raw, err := json.MarshalIndent(el, "", "  ")
	if err != nil { // the model's own types always marshal
		raw = []byte(`{"type": "message", "text": ""}`)
	}
	return "```json\n" + string(raw) + "\n```"
}

// elementSource is the card source of a card holding only el, without its
// trailing newline.
func elementSource(el compose.Element) string {
	return strings.TrimRight(compose.Format(compose.Content{Body: []compose.Element{el}}), "\n")
}

// insertSnippet inserts a block of card source at the cursor as one undo
// step, on lines of its own and separated from its neighbours by blank
// lines, since the card source separates elements with blank lines.
func (m *Model) insertSnippet(src string) {
	line, _ := m.editor.Cursor()
	current := m.editor.Line(line)
	var prefix string
	switch {
	case strings.TrimSpace(current) != "":
		m.editor.SetCursor(line, utf8.RuneCountInString(current))
		prefix = "\n\n"
	case line > 0 && strings.TrimSpace(m.editor.Line(line-1)) != "":
		prefix = "\n"
	}
	m.editor.InsertString(prefix + src + "\n")
}
