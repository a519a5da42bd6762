package compose

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// kvLine is one "key: value" line of a block body. Col is the value's column.
type kvLine struct {
	key, value string
	line, col  int
}

// kvBody reads "key: value" lines, reporting keys not in known.
func (p *parser) kvBody(b block, known ...string) []kvLine {
	var out []kvLine
	for i, line := range b.body {
		if isBlank(line) {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		key = strings.TrimSpace(key)
		if !ok || !slices.Contains(known, key) {
			p.errorAt(b.bodyLine(i), 0, "```"+b.kind+" lines are key: value with key one of "+strings.Join(known, ", "))
			continue
		}
		col := utf8.RuneCountInString(line) - utf8.RuneCountInString(strings.TrimLeft(value, " "))
		out = append(out, kvLine{key, strings.TrimSpace(value), b.bodyLine(i), col})
	}
	return out
}

// attachmentBlock: url, image, title, description, ext, size lines.
func (p *parser) attachmentBlock(b block) []Element {
	p.noAttrs(b)
	var a Attachments
	info := func() *Information {
		if a.Information == nil {
			a.Information = &Information{}
		}
		return a.Information
	}
	for _, kv := range p.kvBody(b, "url", "image", "title", "description", "ext", "size") {
		switch kv.key {
		case "url":
			a.ResourceURL = kv.value
		case "image":
			a.ImgURL = kv.value
		case "title":
			info().Title = &Label{Text: kv.value}
		case "description":
			info().Description = &Label{Text: kv.value}
		case "ext":
			a.Ext = kv.value
		case "size":
			n, err := strconv.ParseInt(kv.value, 10, 64)
			if err != nil {
				p.errorAt(kv.line, kv.col, "size is a number of bytes (1 MB is 1000000), not "+strconv.Quote(kv.value))
			}
			a.Size = n
		}
	}
	return []Element{a}
}

// sectionBlock: ```section #RRGGBB footer="…" icon=URL ts=N layout=horizontal,
// with nested card source as its body.
func (p *parser) sectionBlock(b block) []Element {
	var s Section
	for _, a := range b.attrs {
		switch {
		case a.Key == "" && strings.HasPrefix(a.Value, "#") && s.SidebarColor == "":
			s.SidebarColor = a.Value
			p.at(b.path+".sidebar_color", b.open, a.Col)
		case a.Key == "footer":
			col := p.attrValueCol(b.open, a)
			p.noteMention(a.Value, b.open, col)
			s.Footer = footerMarkdownToZoom(a.Value)
			p.footerMarkup(a.Value, s.Footer, b.open, col)
		case a.Key == "icon":
			s.FooterIcon = a.Value
		case a.Key == "layout":
			s.Layout = a.Value
		case a.Key == "ts":
			if n, ok := p.intAttr(b, a); ok {
				s.TS = n
			}
		default:
			p.unknownAttr(b, a, `a #RRGGBB sidebar colour, footer="…", icon=URL, ts=epoch-ms, layout=horizontal`)
		}
	}
	p.inSection++
	s.Sections = p.blocks(b.open+1, b.open+1+len(b.body), b.path+".sections", false)
	p.inSection--
	if len(s.Sections) == 0 && s.Footer != "" {
		s.Sections = []Element{} // sent as "sections":[], the footer-only section Zoom documents
	}
	return []Element{s}
}

// dividerBlock: ```divider #RRGGBB bold dotted (the plain divider is ---).
func (p *parser) dividerBlock(b block) []Element {
	var d Divider
	if len(b.attrs) > 0 {
		d.Style = &DividerStyle{}
	}
	for _, a := range b.attrs {
		switch {
		case a.Key == "" && strings.HasPrefix(a.Value, "#") && d.Style.Color == "":
			d.Style.Color = a.Value
			p.at(b.path+".style", b.open, a.Col)
		case a.Key == "" && (setFlag(a.Value, "bold", "bold", &d.Style.Bold, &d.Style.Extra) ||
			setFlag(a.Value, "dotted", "dotted", &d.Style.Dotted, &d.Style.Extra)):
		default:
			p.unknownAttr(b, a, "a #RRGGBB colour, bold, dotted, no-bold, no-dotted")
		}
	}
	p.emptyBody(b)
	return []Element{d}
}

func (p *parser) emptyBody(b block) {
	for i, line := range b.body {
		if !isBlank(line) {
			p.errorAt(b.bodyLine(i), 0, "```"+b.kind+" takes everything on its ``` line; its body must be empty")
			return
		}
	}
}

// progressBlock: ```progress 40
func (p *parser) progressBlock(b block) []Element {
	var pb ProgressBar
	for _, a := range b.attrs {
		v, err := strconv.ParseFloat(a.Value, 64)
		if a.Key != "" || err != nil {
			p.unknownAttr(b, a, "a number, e.g. ```progress 40")
			continue
		}
		pb.Value = v
		markExplicitZero(&pb.Extra, "value", v == 0)
	}
	p.emptyBody(b)
	return []Element{pb}
}

// datePickerBlock: ```datepicker action=ID date=2024/05/10
func (p *parser) datePickerBlock(b block) []Element {
	var d DatePicker
	p.keyAttrs(b, map[string]*string{"action": &d.ActionID, "date": &d.InitialDate})
	p.emptyBody(b)
	return []Element{d}
}

// timePickerBlock: ```timepicker action=ID time=12:00
func (p *parser) timePickerBlock(b block) []Element {
	var t TimePicker
	p.keyAttrs(b, map[string]*string{"action": &t.ActionID, "time": &t.InitialTime})
	p.emptyBody(b)
	return []Element{t}
}

// keyAttrs sets string fields from key=value attrs.
func (p *parser) keyAttrs(b block, fields map[string]*string) {
	for _, a := range b.attrs {
		if f, ok := fields[a.Key]; ok && a.Key != "" {
			*f = a.Value
			continue
		}
		keys := make([]string, 0, len(fields))
		for k := range fields {
			keys = append(keys, k+"=…")
		}
		slices.Sort(keys)
		p.unknownAttr(b, a, strings.Join(keys, ", "))
	}
}

// radioBlock: ```radio action=ID, then "- [Text](value) selected" lines.
func (p *parser) radioBlock(b block) []Element {
	var r RadioButtons
	p.keyAttrs(b, map[string]*string{"action": &r.ActionID})
	r.Options, r.InitialOption = p.optionList(b, "options")
	return []Element{r}
}

// checkboxesBlock: ```checkboxes action=ID (or ```switches), then
// "- [x] [Text](value)" / "- [ ] [Text](value)" lines.
func (p *parser) checkboxesBlock(b block) []Element {
	var c Checkboxes
	p.keyAttrs(b, map[string]*string{"action": &c.ActionID, "style": &c.Style})
	if b.kind == "switches" && c.Style == "" {
		c.Style = ToggleSwitch
	}
	for i, line := range b.body {
		if p.full() {
			break
		}
		if isBlank(line) {
			continue
		}
		item := listItem(line)
		checked := strings.HasPrefix(item, "[x] ") || strings.HasPrefix(item, "[X] ")
		if checked || strings.HasPrefix(item, "[ ] ") {
			item = item[4:]
		}
		opt, _, ok := p.optionLine(item, b.bodyLine(i), "")
		if !ok {
			continue
		}
		p.at(b.path+".options["+strconv.Itoa(len(c.Options))+"]", b.bodyLine(i), 0)
		c.Options = append(c.Options, CheckboxOption{Text: opt.Text, Value: opt.Value, InitialSelected: checked})
	}
	return []Element{c}
}

// alertBlock: ```alert level=warning closable, with the text as body.
func (p *parser) alertBlock(b block) []Element {
	var a Alert
	for _, at := range b.attrs {
		switch {
		case at.Key == "level":
			a.Level = at.Value
		case at.Key == "" && setFlag(at.Value, "closable", "closable", &a.Closable, &a.Extra):
		default:
			p.unknownAttr(b, at, "level=…, closable, no-closable")
		}
	}
	a.Text = b.text()
	p.literalMarkup(a.Text, b.open+1, 0, "alert text")
	return []Element{a}
}

// attrValueCol is the column where a key=value attribute's value starts (in
// a quoted value, the column after the quote).
func (p *parser) attrValueCol(line int, a attr) int {
	col := a.Col + utf8.RuneCountInString(a.Key) + 1
	src := p.lineText(line)
	if at := byteOffset(src, col); at < len(src) && src[at] == '"' {
		col++
	}
	return col
}
