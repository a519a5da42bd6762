package zoomtest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// The simulator accepts every card Zoom might take: where Zoom's behaviour is unknown it
// says yes, so zoompose never learns to refuse a card Zoom would show. What the evidence
// says Zoom will not show as written it accepts too, but notes: each note names the path
// and the evidence, is kept on the Message, and is logged after the request's line (the
// sandbox prints them), so an admin trying a card in the sandbox learns what Zoom would do.

// Zoom-dialect patterns a note looks for in text Zoom parses as markdown.
var (
	doubleStar     = regexp.MustCompile(`\*\*[^*\s][^*]*\*\*`)
	commonMarkLink = regexp.MustCompile(`\[[^\]\n]+\]\([^)\s]+\)`)
)

// renderNotes lists what Zoom will not render as the card says; markdown is the request's
// is_markdown_support.
func renderNotes(content json.RawMessage, markdown bool) []string {
	var card map[string]any
	if json.Unmarshal(content, &card) != nil {
		return nil
	}
	n := &noter{markdown: markdown}
	if head, ok := card["head"].(map[string]any); ok {
		n.text(head, "content.head", markdown)
		if sub, ok := head["sub_head"].(map[string]any); ok {
			n.text(sub, "content.head.sub_head", markdown)
		}
	}
	if body, ok := card["body"].([]any); ok {
		n.elements(body, "content.body")
	}
	return n.notes
}

type noter struct {
	markdown bool
	notes    []string
}

func (n *noter) add(path, format string, args ...any) {
	if len(n.notes) < maxCardErrors {
		n.notes = append(n.notes, path+": "+fmt.Sprintf(format, args...))
	}
}

func (n *noter) elements(els []any, path string) {
	for i, v := range els {
		el, ok := v.(map[string]any)
		if !ok {
			continue
		}
		n.element(el, fmt.Sprintf("%s[%d]", path, i))
	}
}

func (n *noter) element(el map[string]any, path string) {
	switch el["type"] {
	case "message":
		markdown := n.markdown || el["is_markdown_support"] == true
		_, hasLink := el["link"]
		// Markdown in text does not work when link is set (facts §1.3, D-markdown).
		n.text(el, path, markdown && !hasLink)
	case "actions":
		items, _ := el["items"].([]any)
		for i, v := range items {
			item, _ := v.(map[string]any)
			for _, key := range []string{"value", "style"} {
				if _, ok := item[key]; !ok && item != nil {
					n.add(fmt.Sprintf("%s.items[%d]", path, i), "a button without %s: Zoom's SDK (RIVET) types it as required; Zoom may refuse the card or draw the button without it", key)
				}
			}
		}
	case "divider":
		if _, ok := el["style"]; !ok {
			n.add(path, "a divider without style: Zoom's SDK (RIVET) types style {bold, dotted, color} as required")
		}
	case "section":
		sections, _ := el["sections"].([]any)
		n.elements(sections, path+".sections")
	case "page":
		pages, _ := el["pages"].([]any)
		for i, v := range pages {
			if page, ok := v.(map[string]any); ok {
				body, _ := page["body"].([]any)
				n.elements(body, fmt.Sprintf("%s.pages[%d].body", path, i))
			}
		}
	}
}

// text notes a {text, style} pair drawn with markdown on: Zoom ignores the style (facts
// §2.1) and shows CommonMark links as written; ** is in doubt (Zoom's docs give both
// **x** and *x* for bold, facts §2.2).
func (n *noter) text(obj map[string]any, path string, markdown bool) {
	if !markdown {
		return
	}
	if _, ok := obj["style"]; ok {
		n.add(path+".style", "Zoom ignores style when markdown is on (facts §2.1)")
	}
	text, _ := obj["text"].(string)
	if doubleStar.MatchString(text) {
		n.add(path+".text", "**…** may show its stars: Zoom's docs give both **x** and *x* for bold, and its examples use *x* (facts §2.2)")
	}
	if commonMarkLink.MatchString(text) {
		n.add(path+".text", "[label](url) is shown as written: Zoom's links are <url|label> (facts §2.2)")
	}
}

// noteLines renders notes for the request log, one indented line each.
func noteLines(notes []string) string {
	var b strings.Builder
	for _, note := range notes {
		b.WriteString("\n  note: " + note)
	}
	return b.String()
}
