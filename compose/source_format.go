package compose

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
)

// Format writes a card back as card source, the form authors edit (a sent
// card from history, a .json file). It guarantees Parse(Format(c)) yields c
// again: each part is written with the most readable shorthand that reads
// back exactly, falling back to a ```json block for that element (or a
// ```content block for the card) when no shorthand can say it.
func Format(c Content) string {
	var parts []string
	fm, fmOK := formatFrontMatter(c)
	top := c
	top.Body = nil
	switch {
	case fmOK && len(c.Extra) == 0:
		parts = appendNonEmpty(parts, fm)
	case fmOK:
		parts = appendNonEmpty(parts, fm)
		parts = append(parts, contentJSONBlock(Content{Extra: c.Extra}))
	default:
		parts = append(parts, contentJSONBlock(top))
	}
	body := formatElements(c.Body)
	if fm == "" && strings.HasPrefix(body, "---") {
		body = "```divider\n```" + body[3:] // a leading --- would open a front matter
	}
	parts = appendNonEmpty(parts, body)
	if c.Body != nil && len(c.Body) == 0 {
		parts = append(parts, "```content\n{\"body\": []}\n```")
	}
	out := strings.Join(parts, "\n\n") + "\n"
	if got, _ := Parse(out); reflect.DeepEqual(got, c) {
		return out
	}
	return contentJSONBlock(c) + "\n"
}

func appendNonEmpty(parts []string, s string) []string {
	if s == "" {
		return parts
	}
	return append(parts, s)
}

// formatFrontMatter writes head, sub head and settings; ok is false when the
// front matter cannot say them exactly.
func formatFrontMatter(c Content) (string, bool) {
	if c.Head == nil && c.Settings == nil {
		return "", true
	}
	var b strings.Builder
	b.WriteString("---\n")
	if h := c.Head; h != nil {
		writeKV(&b, "head", ZoomToMarkdown(h.Text))
		if words, ok := styleWords(h.Style); ok && len(words) > 0 {
			writeKV(&b, "head_style", strings.Join(words, " "))
		}
		if s := h.SubHead; s != nil {
			writeKV(&b, "sub_head", ZoomToMarkdown(s.Text))
			if words, ok := styleWords(s.Style); ok && len(words) > 0 {
				writeKV(&b, "sub_head_style", strings.Join(words, " "))
			}
		}
	}
	if s := c.Settings; s != nil {
		formatSettings(&b, s)
	}
	b.WriteString("---")
	out := b.String()
	p := parser{lines: splitLines(out), pos: map[string]position{}}
	p.frontMatter()
	return out, reflect.DeepEqual(p.c.Head, c.Head) && reflect.DeepEqual(p.c.Settings, c.Settings) && !HasErrors(p.diags)
}

func formatSettings(b *strings.Builder, s *Settings) {
	simple := s.Form || s.DefaultSidebarColor != "" || s.IsSplitSidebar
	for k, v := range s.Extra {
		if (k != "form" && k != "is_split_sidebar") || string(v) != "false" {
			simple = false
		}
	}
	if !simple {
		raw, _ := s.MarshalJSON()
		writeKV(b, "settings", string(raw))
		return
	}
	if w := boolWord(s.Form, "form", s.Extra); w != "" {
		writeKV(b, "form", w)
	}
	if s.DefaultSidebarColor != "" {
		writeKV(b, "sidebar_color", s.DefaultSidebarColor)
	}
	if w := boolWord(s.IsSplitSidebar, "is_split_sidebar", s.Extra); w != "" {
		writeKV(b, "split_sidebar", w)
	}
}

// boolWord is "true", "false" (an explicit false kept in extra) or "" (absent).
func boolWord(v bool, key string, extra map[string]json.RawMessage) string {
	if v {
		return "true"
	}
	if string(extra[key]) == "false" {
		return "false"
	}
	return ""
}

func writeKV(b *strings.Builder, key, value string) {
	b.WriteString(key + ": " + value + "\n")
}

// formatElements writes elements separated by blank lines.
func formatElements(els []Element) string {
	parts := make([]string, 0, len(els))
	for _, el := range els {
		parts = append(parts, formatElement(el))
	}
	return strings.Join(parts, "\n\n")
}

// formatElement returns the first shorthand candidate that parses back to el
// on its own, or a ```json block.
func formatElement(el Element) string {
	for _, candidate := range shorthands(el) {
		p := parser{lines: splitLines(candidate), pos: map[string]position{}}
		got := p.blocks(0, len(p.lines), "body", false)
		if len(got) == 1 && reflect.DeepEqual(got[0], el) && !HasErrors(p.diags) {
			return candidate
		}
	}
	return jsonBlock("json", el)
}

func jsonBlock(kind string, v json.Marshaler) string {
	raw, err := v.MarshalJSON()
	var buf bytes.Buffer
	if err != nil || json.Indent(&buf, raw, "", "  ") != nil {
		buf.Reset()
		buf.Write(raw)
	}
	return "```" + kind + "\n" + buf.String() + "\n```"
}

func contentJSONBlock(c Content) string { return jsonBlock("content", c) }

// fence returns a backtick fence longer than any fence inside body.
func fence(body string) string {
	longest := 2
	for _, line := range strings.Split(body, "\n") {
		n := 0
		for n < len(line) && line[n] == '`' {
			n++
		}
		longest = max(longest, n)
	}
	return strings.Repeat("`", longest+1)
}

// fenced writes a block: ```kind attrs, body, closing fence.
func fenced(kind string, attrs []string, body string) string {
	f := fence(body)
	head := f + kind
	for _, a := range attrs {
		if a != "" {
			head += " " + a
		}
	}
	if body == "" {
		return head + "\n" + f
	}
	return head + "\n" + body + "\n" + f
}
