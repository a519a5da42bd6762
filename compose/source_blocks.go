package compose

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

type blockParser func(p *parser, b block) []Element

// blockKinds maps a fence's kind word to its parser. Aliases share parsers.
var blockKinds map[string]blockParser

func init() {
	blockKinds = map[string]blockParser{
		"message": (*parser).messageBlock, "code": (*parser).codeBlock, "": (*parser).codeBlock,
		"fields": (*parser).fieldsBlock, "actions": (*parser).actionsBlock,
		"buttons": (*parser).actionsBlock, "select": (*parser).selectBlock,
		"attachment": (*parser).attachmentBlock, "attachments": (*parser).attachmentBlock,
		"section": (*parser).sectionBlock, "divider": (*parser).dividerBlock,
		"progress": (*parser).progressBlock, "progress_bar": (*parser).progressBlock,
		"datepicker": (*parser).datePickerBlock, "date": (*parser).datePickerBlock,
		"timepicker": (*parser).timePickerBlock, "time": (*parser).timePickerBlock,
		"radio": (*parser).radioBlock, "radio_buttons": (*parser).radioBlock,
		"checkboxes": (*parser).checkboxesBlock, "switches": (*parser).checkboxesBlock,
		"alert": (*parser).alertBlock, "images": (*parser).imagesBlock,
		"input": (*parser).inputBlock, "textarea": (*parser).inputBlock,
		"file": (*parser).fileBlock, "video": (*parser).videoBlock,
		"json": (*parser).jsonBlock, "content": (*parser).contentBlock,
	}
}

func blockKindNames() []string {
	names := make([]string, 0, len(blockKinds))
	for k := range blockKinds {
		if k == "" {
			continue
		}
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// messageBlock: ```message #RRGGBB bold italic link=URL editable markdown
func (p *parser) messageBlock(b block) []Element {
	var m Message
	for _, a := range b.attrs {
		switch {
		case a.Key == "link":
			m.Link = a.Value
		case a.Key == "" && (setFlag(a.Value, "editable", "editable", &m.Editable, &m.Extra) ||
			setFlag(a.Value, "markdown", "is_markdown_support", &m.IsMarkdownSupport, &m.Extra) ||
			styleWord(&m.Style, a.Value)):
		default:
			p.unknownAttr(b, a, "a #RRGGBB colour, bold, italic, link=URL, editable, markdown (and no-… forms)")
		}
	}
	switch {
	case m.Link != "":
		// Zoom shows the text of a message with a link as typed (facts.md §2.1).
		m.Text = b.text()
		p.literalMarkup(m.Text, b.open+1, 0, "a message with a link")
	case explicitFalse(m.Extra, "is_markdown_support"):
		// markdown off: the author asked for the text exactly as typed.
		m.Text = b.text()
	case m.IsMarkdownSupport && !p.mode.converts():
		p.warnAt(b.open, 0, "markdown is off for this send, and this block asks for it on its own message "+
			"(the element's is_markdown_support): its text is sent as written, and whether Zoom applies markdown "+
			"to one element of a request without it is unverified")
		m.Text = p.zoomText(b.text(), b.open+1, 0, convertOptions{blocks: true, wayOut: messageBlockWayOut})
	default:
		m.Text = p.zoomText(b.text(), b.open+1, 0, convertOptions{blocks: true, wayOut: messageBlockWayOut})
	}
	return []Element{m}
}

// codeBlock: ``` or ```code — a message holding a code block, sent verbatim.
// Another info string (```go) is a language, left out unless markdown is
// off: then the opening fence is sent as written, and Zoom shows the fences.
func (p *parser) codeBlock(b block) []Element {
	open, close := "```", "```"
	if !p.mode.converts() {
		if _, element := blockKinds[b.kind]; !element {
			open = strings.TrimRight(p.lines[b.open], " \t")
			close = strings.Repeat("`", fenceOpen(open))
		}
		if p.literal.first(constructCodeBlock) {
			p.literalAt(b.open, 0, open, constructCodeBlock)
		}
	}
	return []Element{Message{Text: open + "\n" + strings.Join(b.body, "\n") + "\n" + close}}
}

// fieldsBlock: one "Key: value {short editable}" per line.
func (p *parser) fieldsBlock(b block) []Element {
	p.noAttrs(b)
	var f Fields
	for i, line := range b.body {
		if p.full() {
			break
		}
		if isBlank(line) {
			continue
		}
		item, ok := p.fieldLine(line, b.bodyLine(i))
		if ok {
			p.at(b.path+".items["+strconv.Itoa(len(f.Items))+"]", b.bodyLine(i), 0)
			f.Items = append(f.Items, item)
		}
	}
	return []Element{f}
}

func (p *parser) fieldLine(line string, at int) (Field, bool) {
	var f Field
	key, value, ok := strings.Cut(line, ":")
	if !ok {
		p.errorAt(at, 0, "a field is written Key: value (add a colon after the key)")
		return f, false
	}
	value = strings.TrimRight(value, " \t")
	if open := strings.LastIndex(value, " {"); open >= 0 && strings.HasSuffix(value, "}") {
		if fieldFlags(value[open+2:len(value)-1], &f) {
			value = value[:open]
		}
	}
	f.Key = strings.TrimSpace(key)
	valueCol := utf8.RuneCountInString(key) + 1
	if strings.HasPrefix(value, " ") {
		value = value[1:]
		valueCol++
	}
	switch {
	case value == "":
		f.Value = " " // Zoom shows an empty field only when the value is a space
	case f.Editable:
		f.Value = value
		p.literalMarkup(value, at, valueCol, "an editable field's value")
	default:
		f.Value = p.zoomText(value, at, valueCol, convertOptions{wayOut: noElementSwitch("a field's value")})
	}
	return f, true
}

// fieldFlags applies "short editable no-short no-editable"; ok is false (and
// nothing is changed) when a word is not one of them, so "{x}" stays text.
func fieldFlags(words string, f *Field) bool {
	list := strings.Fields(words)
	for _, w := range list {
		if !slices.Contains([]string{"short", "editable", "no-short", "no-editable"}, w) {
			return false
		}
	}
	for _, w := range list {
		_ = setFlag(w, "short", "short", &f.Short, &f.Extra) || setFlag(w, "editable", "editable", &f.Editable, &f.Extra)
	}
	return len(list) > 0
}

// actionsBlock: ```actions limit=N, one "- [Text](value) style submit" per line.
func (p *parser) actionsBlock(b block) []Element {
	var a Actions
	for _, at := range b.attrs {
		if at.Key != "limit" {
			p.unknownAttr(b, at, "limit=N")
			continue
		}
		if n, ok := p.intAttr(b, at); ok {
			a.Limit = int(n)
			markExplicitZero(&a.Extra, "limit", n == 0)
		}
	}
	for i, line := range b.body {
		if p.full() {
			break
		}
		if isBlank(line) {
			continue
		}
		itemPath := b.path + ".items[" + strconv.Itoa(len(a.Items)) + "]"
		if btn, ok := p.buttonLine(line, b.bodyLine(i), itemPath); ok {
			p.at(itemPath, b.bodyLine(i), 0)
			a.Items = append(a.Items, btn)
		}
	}
	return []Element{a}
}

// buttonLine parses one button. A style word it does not know is kept (so
// the validator reports it at its column) unless the button has a style.
func (p *parser) buttonLine(line string, at int, path string) (Button, bool) {
	item := listItem(line)
	base := utf8.RuneCountInString(line) - utf8.RuneCountInString(item)
	text, value, hasValue, rest, ok := bracketItem(item)
	if !ok {
		p.errorAt(at, base, "a button is written - [Text](value) style, e.g. - [Approve](approve) primary")
		return Button{}, false
	}
	btn := Button{Text: text, Value: value}
	p.literalMarkup(text, at, base+1, "button text")
	if !hasValue {
		btn.Value = text
	}
	restCol := base + utf8.RuneCountInString(item) - utf8.RuneCountInString(rest)
	for _, a := range parseAttrs(rest, restCol) {
		if a.Key == "" && setFlag(a.Value, "submit", "submit", &btn.Submit, &btn.Extra) {
			continue
		}
		if a.Key == "" && btn.Style == "" {
			btn.Style = a.Value
			if style, ok := buttonStyle(a.Value); ok {
				btn.Style = style
			}
			p.at(path+".style", at, a.Col)
			continue
		}
		if !p.saturated(Error) {
			p.errorAt(at, a.Col, "unexpected "+strconv.Quote(a.Value)+" after the button: write one style (Primary, Default, Danger or Disabled) and optionally submit")
		}
	}
	return btn, true
}

// buttonStyle normalises a style word case-insensitively.
func buttonStyle(word string) (string, bool) {
	for _, s := range []string{ButtonPrimary, ButtonDefault, ButtonDanger, ButtonDisabled} {
		if strings.EqualFold(word, s) {
			return s, true
		}
	}
	return "", false
}

// selectBlock: ```select Label words source=members|channels, then
// "- [Text](value) selected" lines.
func (p *parser) selectBlock(b block) []Element {
	var s Select
	var label []string
	labelCol := -1
	for _, a := range b.attrs {
		switch a.Key {
		case "source":
			s.StaticSource = a.Value
		case "text", "":
			if labelCol < 0 {
				labelCol = a.Col
			}
			label = append(label, a.Value)
		default:
			p.unknownAttr(b, a, "a label and source=members or source=channels")
		}
	}
	s.Text = strings.Join(label, " ")
	p.literalMarkup(s.Text, b.open, max(labelCol, 0), "a dropdown's label")
	s.SelectItems, s.SelectedItem = p.optionList(b, "select_items")
	return []Element{s}
}

// optionList reads the "- [Text](value) selected" lines of a block (select
// items, radio options): the options in order and the one marked selected.
// key names the payload array, for the path of each option's diagnostics.
func (p *parser) optionList(b block, key string) (opts []Option, selected *Option) {
	for i, line := range b.body {
		if p.full() {
			break
		}
		if isBlank(line) {
			continue
		}
		opt, isSelected, ok := p.optionLine(line, b.bodyLine(i), "selected")
		if !ok {
			continue
		}
		p.at(b.path+"."+key+"["+strconv.Itoa(len(opts))+"]", b.bodyLine(i), 0)
		opts = append(opts, opt)
		if isSelected {
			selected = &Option{Text: opt.Text, Value: opt.Value}
		}
	}
	return opts, selected
}

// optionLine parses "- [Text](value) marker" where marker is the only word
// allowed after the item.
func (p *parser) optionLine(line string, at int, marker string) (Option, bool, bool) {
	item := listItem(line)
	base := utf8.RuneCountInString(line) - utf8.RuneCountInString(item)
	text, value, hasValue, rest, ok := bracketItem(item)
	if !ok {
		p.errorAt(at, base, "an option is written - [Text](value), optionally followed by "+marker)
		return Option{}, false, false
	}
	if !hasValue {
		value = text
	}
	p.literalMarkup(text, at, base+1, "option text")
	rest = strings.TrimSpace(rest)
	if rest != "" && rest != marker {
		p.errorAt(at, base+utf8.RuneCountInString(item)-utf8.RuneCountInString(strings.TrimLeft(rest, " ")),
			"unexpected "+strconv.Quote(rest)+" after the option: only "+marker+" may follow it")
	}
	return Option{Text: text, Value: value}, rest == marker, true
}

func (p *parser) noAttrs(b block) {
	for _, a := range b.attrs {
		p.unknownAttr(b, a, "nothing on its ``` line")
	}
}
