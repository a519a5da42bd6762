package compose

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Input and App Card blocks: progress, date and time pickers, radio buttons,
// checkboxes, alert.

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
