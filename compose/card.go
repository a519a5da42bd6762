package compose

import (
	"encoding/json"
	"unicode/utf8"
)

// Card is a composed message as it goes to Zoom and into the history: the
// card source the author wrote ("" when the card came as a JSON content
// object), the content object exactly as it goes on the wire (Zoom's
// markdown dialect), and whether Zoom applies its markdown parser to it.
// Both front ends build it with Build or BuildFile, and everything after
// them (the send form, ops, the history) passes this one value on.
type Card struct {
	Source   string          `json:"source,omitempty"`
	Content  json.RawMessage `json:"content"`
	Markdown bool            `json:"markdown,omitempty"` // is_markdown_support
	// Auto says Markdown was the card's own answer (built in MarkdownAuto),
	// not the admin's choice: an edit of a plain message sent so is built
	// in MarkdownAuto again, rather than kept off because its text had no
	// markup.
	Auto bool `json:"auto,omitempty"`
}

// Build turns card source (placeholders already filled, see Expand) into the
// Card that is sent. The diagnostics come back whatever happens; the Card and
// the parsed Content only when none of them is an error. Beyond Parse's
// checks, Build refuses a card Zoom would show as nothing and content JSON
// over MaxContentBytes (a Warning above WarnContentBytes), and makes sure no
// control character reaches the payload, whatever path it took.
func Build(source string) (Card, Content, []Diagnostic) { return BuildAs(source, MarkdownAuto) }

// BuildAs is Build in a markdown mode: MarkdownOff sends the text exactly as
// written with is_markdown_support false, MarkdownOn always sets it.
func BuildAs(source string, mode MarkdownMode) (Card, Content, []Diagnostic) {
	source = StripBOM(source)
	content, diags := ParseAs(source, mode)
	return finish(source, len(source), content, diags, mode)
}

// BuildFile is Build for what a file or stdin holds: card source, or a JSON
// content object by Load's rule (a .json name, or data that opens an
// object). A JSON card keeps no source; a byte order mark is not kept.
func BuildFile(name string, data []byte) (Card, Content, []Diagnostic) {
	return BuildFileAs(name, data, MarkdownAuto)
}

// BuildFileAs is BuildFile in a markdown mode (see BuildAs). A JSON card's
// text is sent as it is in every mode; with markdown off, Zoom markup in it
// warns by path.
func BuildFileAs(name string, data []byte, mode MarkdownMode) (Card, Content, []Diagnostic) {
	data = StripBOM(data)
	content, diags := loadAs(name, data, mode)
	if HasErrors(diags) {
		return Card{}, Content{}, diags
	}
	source := string(data)
	if isJSONInput(name, data) {
		source = ""
	}
	return finish(source, len(data), content, diags, mode)
}

// finish turns what Parse or Load made of inputLen bytes into the Card.
func finish(source string, inputLen int, content Content, diags []Diagnostic, mode MarkdownMode) (Card, Content, []Diagnostic) {
	if HasErrors(diags) {
		return Card{}, Content{}, diags
	}
	refuse := func(more ...Diagnostic) (Card, Content, []Diagnostic) {
		return Card{}, Content{}, append(diags, more...)
	}
	if isEmpty(content) {
		return refuse(Diagnostic{Severity: Error, Message: emptyMessage})
	}
	if inputLen > MaxContentBytes/maxGrowth {
		if n, over := bodyOver(content.Body, MaxContentBytes); over {
			return refuse(contentSize(n, true)...)
		}
	}
	data, err := content.MarshalJSON()
	if err != nil {
		return refuse(Diagnostic{Severity: Error, Message: "the content object cannot be encoded: " + err.Error()})
	}
	size := contentSize(len(data), false)
	if HasErrors(size) {
		return refuse(size...)
	}
	// Parse and Load name the place; this catches any path they missed, as
	// an escape or (DEL and C1, which encoding/json writes as they are) raw.
	if off, r, _ := jsonControlEscape(data); off >= 0 {
		return refuse(Diagnostic{Severity: Error, Message: controlMessage(r) + " (it is in the card's text)"})
	}
	if i := rawControl(data); i >= 0 {
		r, _ := utf8.DecodeRune(data[i:])
		return refuse(Diagnostic{Severity: Error, Message: controlMessage(r) + " (it is in the card's text)"})
	}
	card := Card{Source: source, Content: data, Markdown: mode.Support(content), Auto: mode == MarkdownAuto}
	return card, content, append(diags, size...)
}

// maxGrowth bounds how many bytes of content JSON one byte of card text can
// make: 3 bytes of source ("a" and a blank line) make a 30-byte message, a
// field line "k:" 24 bytes; JSON input only shrinks when compacted, and an
// escape at most doubles a character. Smaller input cannot be over the cap.
const maxGrowth = 16

// bodyOver adds up the JSON size of body elements until it passes limit, so
// a huge card is refused without encoding all of it (encoding/json checks
// each element's bytes again as it nests them).
func bodyOver(body []Element, limit int) (int, bool) {
	n := 0
	for _, el := range body {
		raw, err := el.MarshalJSON()
		if err != nil {
			return 0, false // MarshalJSON says what is wrong
		}
		if n += len(raw) + 1; n > limit {
			return n, true
		}
	}
	return n, false
}
