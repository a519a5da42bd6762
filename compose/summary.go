package compose

import (
	"encoding/json"
	"strings"
)

// Summary names a card in one line of plain text, the way a list row or a
// confirmation shows it: the head text, or else the first line of the first
// text the body holds (looking inside sections and pages too), without
// markup and with runs of blanks folded. It returns "" when the content holds
// no text or is not a JSON object.
func Summary(content json.RawMessage) string {
	var card map[string]any
	if json.Unmarshal(content, &card) != nil {
		return ""
	}
	if head, ok := card["head"].(map[string]any); ok {
		if line := firstLineOf(head["text"]); line != "" {
			return line
		}
	}
	return firstBodyText(card["body"])
}

// firstBodyText walks body elements in order, and the elements nested in
// sections and pages, and returns the first non-empty text line.
func firstBodyText(v any) string {
	elements, _ := v.([]any)
	for _, el := range elements {
		obj, ok := el.(map[string]any)
		if !ok {
			continue
		}
		if line := firstLineOf(obj["text"]); line != "" {
			return line
		}
		for _, nested := range []string{"sections", "pages", "body"} {
			if line := firstBodyText(obj[nested]); line != "" {
				return line
			}
		}
	}
	return ""
}

// firstLineOf is the first non-blank line of a string value, folded and
// without Zoom markup.
func firstLineOf(v any) string {
	s, _ := v.(string)
	for line := range strings.Lines(s) {
		if folded := strings.Join(strings.Fields(line), " "); folded != "" {
			return PlainText(folded)
		}
	}
	return ""
}
