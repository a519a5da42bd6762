package historyview

import (
	"encoding/json"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// FirstLine names a card in one line: its head text, or else the first line
// of the first text it holds (a message, a section's message, …), with runs
// of white space folded to one space. It returns "(empty card)" when the
// content holds no text and "(unreadable card)" when it is not JSON.
func FirstLine(content json.RawMessage) string {
	var card map[string]any
	if err := json.Unmarshal(content, &card); err != nil {
		return "(unreadable card)"
	}
	if head, ok := card["head"].(map[string]any); ok {
		if line := oneLine(head["text"]); line != "" {
			return line
		}
	}
	if line := firstText(card["body"]); line != "" {
		return line
	}
	return "(empty card)"
}

// firstText walks body elements in order, and the elements nested in
// sections and pages, and returns the first non-empty text.
func firstText(v any) string {
	elements, _ := v.([]any)
	for _, el := range elements {
		obj, ok := el.(map[string]any)
		if !ok {
			continue
		}
		if line := oneLine(obj["text"]); line != "" {
			return line
		}
		for _, nested := range []string{"sections", "elements", "body"} {
			if line := firstText(obj[nested]); line != "" {
				return line
			}
		}
	}
	return ""
}

// oneLine is the first non-blank line of a string value, folded.
func oneLine(v any) string {
	s, _ := v.(string)
	for _, line := range strings.Split(s, "\n") {
		if folded := strings.Join(strings.Fields(line), " "); folded != "" {
			return folded
		}
	}
	return ""
}

// shortJIDLen is how many characters of a JID's local part ShortJID keeps.
const shortJIDLen = 12

// ShortJID shortens a JID for a narrow column: its local part (before the
// @), cut to 12 characters with an ellipsis. "" stays "".
func ShortJID(jid string) string {
	local, _, _ := strings.Cut(jid, "@")
	return ansi.Truncate(local, shortJIDLen, "…")
}

// RecipientName is what a list shows for a recipient: the label the user
// gave it, or else the shortened JID.
func RecipientName(jid, label string) string {
	if label != "" {
		return label
	}
	return ShortJID(jid)
}
