package compose

import "encoding/json"

// Card is a composed message as it goes to Zoom and into the history: the
// card source the author wrote ("" when the card came as a JSON content
// object), the content object exactly as it goes on the wire (Zoom's
// markdown dialect), and whether Zoom applies its markdown parser to it.
// Both front ends build it with Build or BuildFile, and everything after
// them (the send form, ui/ops, the history) passes this one value on.
type Card struct {
	Source   string          `json:"source,omitempty"`
	Content  json.RawMessage `json:"content"`
	Markdown bool            `json:"markdown,omitempty"` // is_markdown_support
}

// Build turns card source (placeholders already filled, see Expand) into the
// Card that is sent. The diagnostics come back whatever happens; the Card and
// the parsed Content only when none of them is an error.
func Build(source string) (Card, Content, []Diagnostic) {
	content, diags := Parse(source)
	return finish(source, content, diags)
}

// BuildFile is Build for what a file or stdin holds: card source, or a JSON
// content object by Load's rule (a .json name, or data that opens an
// object). A JSON card keeps no source.
func BuildFile(name string, data []byte) (Card, Content, []Diagnostic) {
	content, diags := Load(name, data)
	source := string(data)
	if isJSONInput(name, data) {
		source = ""
	}
	return finish(source, content, diags)
}

func finish(source string, content Content, diags []Diagnostic) (Card, Content, []Diagnostic) {
	if HasErrors(diags) {
		return Card{}, Content{}, diags
	}
	data, err := content.MarshalJSON()
	if err != nil {
		return Card{}, Content{}, append(diags, Diagnostic{Severity: Error, Message: "the content object cannot be encoded: " + err.Error()})
	}
	return Card{Source: source, Content: data, Markdown: content.UsesMarkdown()}, content, diags
}
