package compose

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Layout blocks: attachment, section, divider.

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
			s.Footer = p.footerText(a.Value, b.open, col)
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
