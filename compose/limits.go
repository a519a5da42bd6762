package compose

import (
	"fmt"
	"strconv"
)

// Limits on a card's size and shape. Zoom documents none for chatbot cards:
// facts.md §1.5 found no maximum text length, element count or payload size in
// any Zoom docs page or in the chatbot OpenAPI (its schema for content is just
// {type: object}), and §8 lists the question as open. The one official number
// nearby is the Team Chat *user* API's cap of 4,096 characters on a message's
// text (not a chatbot limit). So:
//
//   - WarnContentBytes, the soft limit, comes from that number: 4,096
//     characters at the most UTF-8 can take per character (4 bytes) is 16,384
//     bytes. A card whose content JSON is bigger than the longest chat message
//     Zoom documents could possibly be is beyond anything Zoom documents, so
//     zoompose warns, and still sends it.
//   - MaxContentBytes, the hard cap, is zoompose's own, not Zoom's: 256 KiB of
//     content JSON, sixteen times the soft limit and over forty times the
//     4 KB benchmark card (5.5 KB of JSON: every classic element and a page
//     of Markdown), so no card a person writes meets it. It bounds what a mistake (a pasted log, a generated file) can send:
//     a 10 MB card used to go out and come back as Zoom's 400.
//   - MaxInputBytes is the most card text (source or a JSON file) zoompose reads
//     before it refuses without parsing: four times MaxContentBytes, because a
//     pretty-printed JSON file or a source with long Markdown is bigger than the
//     compact JSON it makes. The exact cap is MaxContentBytes on the result.
//   - MaxJSONDepth bounds how deeply JSON objects and arrays nest. The deepest
//     shape Zoom's card format has (facts.md §1.3) is a request envelope,
//     content, body, page, pages, page item, body, section, sections, element,
//     items, item, style: 13 levels. 32 leaves room for unknown keys and stops
//     pathological nesting before anything decodes it.
//
// Nesting is also refused by meaning: in Zoom's SDK types (facts.md §1.3) a
// section's "sections" holds ContentBodyElements, which include neither
// section nor page, and a page's body holds only sections. zoompose's
// simulator answers 400 to both. A section inside a section is therefore an
// error, found while parsing (in linear time) rather than after building it.
const (
	WarnContentBytes = 4 * 4096  // 16 KiB: Zoom's longest documented message, in bytes at worst
	MaxContentBytes  = 256 << 10 // zoompose's hard cap on the content JSON
	MaxInputBytes    = 4 * MaxContentBytes
	MaxJSONDepth     = 32
)

// emptyMessage is what zoompose says about a card Zoom would show as nothing.
const emptyMessage = "the card is empty: Zoom would post nothing; write a head: in the front matter or some text"

// isEmpty reports whether Zoom would show nothing of c: no head and no body
// element (settings and unknown top-level keys draw nothing).
func isEmpty(c Content) bool { return c.Head == nil && len(c.Body) == 0 }

// sizeText writes a byte count for people: "812 bytes", "16 KB", "300.5 KB",
// "10.0 MB" (binary multiples, as the limits are).
func sizeText(n int) string {
	switch {
	case n < 1<<10:
		return strconv.Itoa(n) + " bytes"
	case n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + " MB"
	case n%(1<<10) == 0 && n < 1<<20:
		return strconv.Itoa(n>>10) + " KB"
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
}

// inputTooLarge is the diagnostic for card text over MaxInputBytes.
func inputTooLarge(n int) Diagnostic {
	return Diagnostic{Severity: Error, Message: "the card is " + sizeText(n) + " of text; zoompose reads at most " +
		sizeText(MaxInputBytes) + " and sends at most " + sizeText(MaxContentBytes) + " of content JSON: " +
		"is this the right file? (Zoom documents no size limit; see docs/card-source.md)"}
}

// contentSize checks the size of the content JSON that would be sent;
// atLeast says n is where counting stopped.
func contentSize(n int, atLeast bool) []Diagnostic {
	is := " is "
	if atLeast {
		is = " is at least "
	}
	switch {
	case n > MaxContentBytes:
		return []Diagnostic{{Severity: Error, Message: "the card's content JSON" + is + sizeText(n) +
			"; zoompose sends at most " + sizeText(MaxContentBytes) + ": split it into several messages " +
			"(Zoom documents no size limit; see docs/card-source.md)"}}
	case n > WarnContentBytes:
		return []Diagnostic{{Severity: Warning, Message: "the card's content JSON is " + sizeText(n) +
			", more than the " + sizeText(WarnContentBytes) + " the longest message Zoom documents (4,096 characters) " +
			"can take: Zoom may cut or refuse it"}}
	}
	return nil
}
