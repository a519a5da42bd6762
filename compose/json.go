package compose

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// ParseJSON reads a content JSON object: what the API takes as "content",
// what history stores, or a .json file. For convenience it also accepts a
// whole send/edit request body ({"content": {…}, "to_jid": …}) and an unfurl
// body whose content is a JSON string. Unknown keys and element types are
// kept verbatim (see the package doc). It refuses, before decoding, what
// cannot be read faithfully or cheaply: malformed JSON, invalid UTF-8 (never
// replaced), text over MaxInputBytes and nesting deeper than MaxJSONDepth. A
// leading UTF-8 byte order mark is skipped. Control characters in strings are
// left to Load and Build, so a stored card that has them can still be shown.
func ParseJSON(data []byte) (Content, error) {
	var c Content
	data = StripBOM(data)
	if len(data) > MaxInputBytes {
		return c, fmt.Errorf("%s", inputTooLarge(len(data)).Message)
	}
	if !utf8.Valid(data) {
		line, col := textPos(data, invalidUTF8At(data))
		return c, fmt.Errorf("the card JSON is not valid UTF-8 (first bad byte at line %d, column %d); save it as UTF-8", line+1, col+1)
	}
	// One more level for a request envelope; the content itself is held to
	// MaxJSONDepth below.
	if err := tooDeep(data, MaxJSONDepth+1); err != nil {
		return c, err
	}
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return c, fmt.Errorf("the card JSON is empty; expected an object such as {\"head\":{\"text\":\"Hello\"}}")
	}
	if data[0] == '"' { // an unfurl content string
		var inner string
		if err := json.Unmarshal(data, &inner); err != nil {
			return c, fmt.Errorf("the card JSON is not valid: %w", err)
		}
		if t := strings.TrimSpace(inner); !strings.HasPrefix(t, "{") {
			return c, fmt.Errorf("the card JSON is a string that does not hold a JSON object; expected {…} or a string of one, as an unfurl sends")
		}
		return ParseJSON([]byte(inner))
	}
	if data[0] != '{' {
		return c, fmt.Errorf("the card JSON must be an object ({…}), not %s", describeJSONStart(data[0]))
	}
	if inner, ok := envelopeContent(data); ok {
		return ParseJSON(inner)
	}
	if err := tooDeep(data, MaxJSONDepth); err != nil {
		return c, err
	}
	if err := c.UnmarshalJSON(data); err != nil {
		return Content{}, fmt.Errorf("the card JSON is not valid: %w", err)
	}
	return c, nil
}

func tooDeep(data []byte, limit int) error {
	if off := jsonTooDeep(data, limit); off >= 0 {
		line, col := textPos(data, off)
		return fmt.Errorf("%s (at line %d, column %d)", tooDeepMessage, line+1, col+1)
	}
	return nil
}

// envelopeContent returns the "content" of a request body: an object that
// has "content" and either nothing else or the envelope's own keys.
func envelopeContent(data []byte) (json.RawMessage, bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return nil, false
	}
	inner, ok := m["content"]
	if !ok {
		return nil, false
	}
	_, robot := m["robot_jid"]
	_, to := m["to_jid"]
	return inner, len(m) == 1 || robot || to
}

func describeJSONStart(c byte) string {
	switch c {
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number or other value"
	}
}

// IndentedJSON is MarshalJSON indented by two spaces, for the payload view.
func (c Content) IndentedJSON() ([]byte, error) {
	raw, err := c.MarshalJSON()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Load reads a card from a file's name and bytes: JSON when the name ends in
// .json or the data starts with '{', card source otherwise. A leading UTF-8
// byte order mark is skipped. JSON gets the checks source gets (binary, size,
// UTF-8, control characters, also as string escapes, nesting), with the line
// and column in the file; validation problems carry a Path instead of a
// line; malformed JSON is one Error diagnostic.
func Load(name string, data []byte) (Content, []Diagnostic) { return loadAs(name, data, MarkdownAuto) }

func loadAs(name string, data []byte, mode MarkdownMode) (Content, []Diagnostic) {
	data = StripBOM(data)
	if len(data) > MaxInputBytes { // refused without copying it into a string
		if msg, ok := looksBinary(string(data[:sniffLen+utf8.UTFMax])); ok {
			return Content{}, []Diagnostic{{Severity: Error, Message: msg}}
		}
		return Content{}, []Diagnostic{inputTooLarge(len(data))}
	}
	if !isJSONInput(name, data) {
		return ParseAs(string(data), mode)
	}
	diags, fatal := checkText(string(data), false)
	if fatal || HasErrors(diags) {
		return Content{}, diags // invalid UTF-8 or a raw control character: not JSON to decode
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Content{}, nil // an empty .json file: the card is empty (Build says so)
	}
	depth := 0 // levels around the content: -1 when a request envelope holds it
	if jsonTooDeep(data, MaxJSONDepth) >= 0 && jsonTooDeep(data, MaxJSONDepth+1) < 0 {
		if _, ok := envelopeContent(bytes.TrimSpace(data)); ok {
			depth = -1
		}
	}
	diags, fatal = jsonTextDiagnostics(data, 0, 0, depth)
	if fatal {
		return Content{}, diags
	}
	c, err := ParseJSON(data)
	if err != nil {
		return Content{}, append(diags, Diagnostic{Line: 1, Col: 1, Severity: Error, Message: err.Error()})
	}
	return c, capDiagnostics(append(diags, validateAt(c, nil, mode)...), 0, 0)
}

// invalidUTF8At is the offset of the first byte of data that is not UTF-8,
// or len(data).
func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// isJSONInput is Load's rule: a .json name, or data whose first non-blank
// byte opens an object.
func isJSONInput(name string, data []byte) bool {
	trimmed := bytes.TrimSpace(StripBOM(data))
	return strings.EqualFold(filepath.Ext(name), ".json") || (len(trimmed) > 0 && trimmed[0] == '{')
}

// UsesMarkdown reports whether the request should set is_markdown_support:
// some text Zoom parses as markdown (head, sub head, message, field value,
// section footer) contains Zoom formatting, or an element asks for it itself.
func (c Content) UsesMarkdown() bool {
	if c.Head != nil {
		if HasZoomMarkup(c.Head.Text) || (c.Head.SubHead != nil && HasZoomMarkup(c.Head.SubHead.Text)) {
			return true
		}
	}
	return elementsUseMarkdown(c.Body)
}

func elementsUseMarkdown(els []Element) bool {
	for _, el := range els {
		if elementUsesMarkdown(el) {
			return true
		}
	}
	return false
}

func elementUsesMarkdown(el Element) bool {
	switch e := el.(type) {
	case Message:
		// A message that turns markdown off for itself (no-markdown) is sent
		// as typed, and does not turn it on for the card.
		return e.IsMarkdownSupport || (e.Link == "" && !explicitFalse(e.Extra, "is_markdown_support") && HasZoomMarkup(e.Text))
	case Fields:
		for _, f := range e.Items {
			if !f.Editable && HasZoomMarkup(f.Value) {
				return true
			}
		}
	case Section:
		return HasZoomMarkup(e.Footer) || elementsUseMarkdown(e.Sections)
	case Page:
		for _, p := range e.Pages {
			if elementsUseMarkdown(p.Body) {
				return true
			}
		}
	case Video:
		return e.Title != nil && e.Title.IsMarkdownSupport
	}
	return false
}

// MarkdownOff reports a message that turns markdown off for itself (its
// own "is_markdown_support": false, a ```message no-markdown block): it
// asks for its text to be shown as typed.
func (m Message) MarkdownOff() bool { return explicitFalse(m.Extra, "is_markdown_support") }

// MarkdownUnder reports whether markdown is on for m's text in a request
// whose is_markdown_support is request: its own flag, or the request's
// unless it turns markdown off for itself (a link turns it off too: the
// caller checks that).
func (m Message) MarkdownUnder(request bool) bool {
	return m.IsMarkdownSupport || (request && !m.MarkdownOff())
}

// explicitFalse reports whether key was written as false (kept in extra, see
// the package comment on zero values).
func explicitFalse(extra map[string]json.RawMessage, key string) bool {
	return string(extra[key]) == "false"
}
