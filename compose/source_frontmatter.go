package compose

import (
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// frontMatterKeys lists the keys a front matter takes, in the order Format
// writes them.
var frontMatterKeys = []string{"head", "head_style", "sub_head", "sub_head_style", "settings", "form", "sidebar_color", "split_sidebar"}

// frontMatter parses the optional "---" … "---" header at line 0 and returns
// the first body line.
func (p *parser) frontMatter() int {
	if len(p.lines) == 0 || !isDividerLine(p.lines[0]) {
		return 0
	}
	end := 1
	for end < len(p.lines) && !isDividerLine(p.lines[end]) {
		end++
	}
	if end == len(p.lines) {
		p.errorAt(0, 0, "the front matter opened here is never closed: add a line with --- after head:, sub_head: … (or start the card with text, not ---)")
		return len(p.lines)
	}
	for i := 1; i < end; i++ {
		if !isBlank(p.lines[i]) {
			p.frontMatterLine(i)
		}
	}
	return end + 1
}

func (p *parser) frontMatterLine(i int) {
	line := p.lines[i]
	key, value, ok := strings.Cut(line, ":")
	if !ok {
		p.errorAt(i, 0, "front matter lines are key: value (head, sub_head, head_style, sub_head_style, settings, form, sidebar_color, split_sidebar)")
		return
	}
	key = strings.TrimSpace(key)
	valueCol := utf8.RuneCountInString(line) - utf8.RuneCountInString(strings.TrimLeft(value, " "))
	value = strings.TrimSpace(value)
	switch key {
	case "head":
		p.head().Text = p.zoomText(value, i, valueCol, convertOptions{wayOut: noElementSwitch("the head")})
		p.at("head", i, valueCol)
	case "sub_head":
		p.subHead().Text = p.zoomText(value, i, valueCol, convertOptions{wayOut: noElementSwitch("the sub head")})
		p.at("head.sub_head", i, valueCol)
	case "head_style":
		p.styleLine(&p.head().Style, value, i, valueCol)
		p.at("head.style", i, valueCol)
	case "sub_head_style":
		p.styleLine(&p.subHead().Style, value, i, valueCol)
		p.at("head.sub_head.style", i, valueCol)
	case "settings", "form", "sidebar_color", "split_sidebar":
		p.settingsLine(key, value, i, valueCol)
	default:
		p.errorAt(i, 0, "unknown front matter key "+key+": use one of "+strings.Join(frontMatterKeys, ", "))
	}
}

func (p *parser) head() *Head {
	if p.c.Head == nil {
		p.c.Head = &Head{}
	}
	return p.c.Head
}

func (p *parser) subHead() *SubHead {
	h := p.head()
	if h.SubHead == nil {
		h.SubHead = &SubHead{}
	}
	return h.SubHead
}

func (p *parser) settings() *Settings {
	if p.c.Settings == nil {
		p.c.Settings = &Settings{}
	}
	return p.c.Settings
}

// styleLine applies style words to *s, reporting words it does not know.
func (p *parser) styleLine(s **Style, value string, line, col int) {
	for _, a := range parseAttrs(value, col) {
		if a.Key != "" || !styleWord(s, a.Value) {
			p.errorAt(line, a.Col, "unknown style word "+a.Value+": use a #RRGGBB colour, bold, italic, no-bold or no-italic")
		}
	}
	if *s == nil {
		*s = &Style{}
	}
}

func (p *parser) settingsLine(key, value string, line, col int) {
	st := p.settings()
	p.at("settings", line, col)
	switch key {
	case "settings":
		diags, fatal := jsonTextDiagnostics(value, line, col, 1) // content{ settings
		p.diags = append(p.diags, diags...)
		if fatal {
			return
		}
		var parsed Settings
		if err := parsed.UnmarshalJSON([]byte(value)); err != nil {
			p.errorAt(line, col, "settings: must be a JSON object such as {\"form\": true}: "+err.Error())
			return
		}
		*st = parsed
	case "sidebar_color":
		st.DefaultSidebarColor = value
		p.at("settings.default_sidebar_color", line, col)
	case "form":
		p.boolSetting(&st.Form, &st.Extra, "form", value, line, col)
	case "split_sidebar":
		p.boolSetting(&st.IsSplitSidebar, &st.Extra, "is_split_sidebar", value, line, col)
	}
}

func (p *parser) boolSetting(field *bool, extra *map[string]json.RawMessage, key, value string, line, col int) {
	switch value {
	case "true":
		*field = true
		dropExtra(extra, key)
	case "false":
		*field = false
		putExtra(extra, key, json.RawMessage("false"))
	default:
		p.errorAt(line, col, key+" must be true or false, not "+value)
	}
}
