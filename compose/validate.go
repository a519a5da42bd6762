package compose

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits zoompose warns about. facts.md §1.5: Zoom documents no per-element
// limits; these come from an unverified source, so exceeding them is a
// Warning, never an Error.
const (
	LimitMessageText = 4096
	LimitButtonText  = 40
	LimitFieldText   = 256
	LimitSelectItems = 100
	LimitButtons     = 5
)

// locator maps an element path to a 1-based source position.
type locator func(path string) (line, col int, ok bool)

type validator struct {
	locate   locator
	markdown bool // the card will be sent with is_markdown_support
	literal  bool // markdown is off by the admin's choice: Zoom markup in JSON text shows as written
	diags    []Diagnostic
	place    place // where the elements being checked sit
}

// place is where an element sits: Zoom's card format (facts.md §1.3) lets a
// section hold neither a section nor a page, and a page's body hold only
// sections.
type place int

const (
	inBody place = iota
	inSection
	inPage
)

// Validate checks a card that did not come from source (e.g. JSON): the same
// checks as Parse, with Path instead of a line and column.
func Validate(c Content) []Diagnostic { return validateAt(c, nil, MarkdownAuto) }

// validateAt checks c as it is sent in mode; locate finds card source
// positions (nil for JSON, whose diagnostics carry a path).
func validateAt(c Content, locate locator, mode MarkdownMode) []Diagnostic {
	v := validator{locate: locate, markdown: mode.Support(c), literal: mode == MarkdownOff}
	v.head(c.Head)
	if c.Settings != nil && c.Settings.DefaultSidebarColor != "" {
		v.color("settings.default_sidebar_color", c.Settings.DefaultSidebarColor)
	}
	v.elements("body", c.Body)
	return v.diags
}

func (v *validator) add(sev Severity, path, msg string) {
	d := Diagnostic{Severity: sev, Message: msg, Path: path}
	if v.locate != nil {
		if line, col, ok := v.locate(path); ok {
			d.Line, d.Col = line, col
		}
	}
	v.diags = append(v.diags, d)
}

func (v *validator) errorf(path, msg string) { v.add(Error, path, msg) }
func (v *validator) warnf(path, msg string)  { v.add(Warning, path, msg) }

func (v *validator) require(path, field, value, what string) {
	if value == "" {
		v.errorf(path, "missing required "+field+": "+what)
	}
}

func (v *validator) tooLong(path, what, text string, limit int) {
	if len(text) <= limit { // a rune is at least one byte: no need to count
		return
	}
	if n := utf8.RuneCountInString(text); n > limit {
		v.warnf(path, what+" is "+strconv.Itoa(n)+" characters; Zoom may cut it at "+strconv.Itoa(limit)+" (an unverified limit)")
	}
}

// color checks a #RRGGBB colour.
func (v *validator) color(path, c string) {
	ok := len(c) == 7 && c[0] == '#'
	for i := 1; ok && i < 7; i++ {
		ok = strings.IndexByte("0123456789abcdefABCDEF", c[i]) >= 0
	}
	if !ok {
		v.errorf(path, "bad colour "+strconv.Quote(c)+": write it as #RRGGBB, e.g. #0E72ED")
	}
}

func (v *validator) style(path string, s *Style) {
	if s == nil {
		return
	}
	if s.Color != "" {
		v.color(path, s.Color)
	}
	if v.markdown {
		v.warnf(path, "Zoom ignores style when markdown is on, and this card uses markdown (is_markdown_support will be set)")
	}
}

func (v *validator) head(h *Head) {
	if h == nil {
		return
	}
	v.require("head", "head text", h.Text, "add head: … to the front matter")
	v.literalZoomMarkup("head", ".text", h.Text)
	v.jsonMarkdown("head.text", h.Text, v.markdown)
	v.style("head.style", h.Style)
	if h.SubHead != nil {
		v.require("head.sub_head", "sub_head text", h.SubHead.Text, "add sub_head: … to the front matter")
		v.literalZoomMarkup("head.sub_head", ".text", h.SubHead.Text)
		v.jsonMarkdown("head.sub_head.text", h.SubHead.Text, v.markdown)
		v.style("head.sub_head.style", h.SubHead.Style)
	}
}

func (v *validator) elements(parent string, els []Element) {
	for i, el := range els {
		v.element(parent+"["+strconv.Itoa(i)+"]", el)
	}
}

func (v *validator) element(path string, el Element) {
	if !v.fits(path, el) {
		return
	}
	switch e := el.(type) {
	case Message:
		v.message(path, e)
	case Fields:
		v.fields(path, e)
	case Actions:
		v.actions(path, e)
	case Select:
		v.selectElement(path, e)
	case Attachments:
		v.attachments(path, e)
	case Section:
		v.section(path, e)
	case Page:
		outer := v.place
		v.place = inPage
		for j, pg := range e.Pages {
			v.elements(path+".pages["+strconv.Itoa(j)+"].body", pg.Body)
		}
		v.place = outer
	case Divider:
		v.jsonDivider(path, e)
		if e.Style != nil && e.Style.Color != "" {
			v.color(path+".style", e.Style.Color)
		}
	case Unknown:
		v.unknown(path, e)
	default:
		v.newerElement(path, el)
	}
}

func (v *validator) message(path string, m Message) {
	v.require(path, "message text", m.Text, "write some text")
	v.tooLong(path, "the message", m.Text, LimitMessageText)
	v.style(path+".style", m.Style)
	if m.Link == "" && v.markdown && m.MarkdownOff() {
		v.warnf(path, "this message turns markdown off for itself (its is_markdown_support is false) while the card has it on: "+
			"Zoom's SDK allows the flag per element (facts §2.1), but whether Zoom honours an element's false under the request's true "+
			"is unverified, so Zoom may format its text anyway; zoompose previews it as typed")
	}
	// Card source says where, at the text (see literalMarkup); JSON by path.
	if v.locate == nil && m.Link != "" && HasZoomMarkup(m.Text) {
		v.warnf(path, "Zoom does not apply markdown to a message that has a link; the text is shown as written")
	} else if m.Link == "" {
		v.literalZoomMarkup(path, ".text", m.Text)
		v.jsonMarkdown(path+".text", m.Text, m.MarkdownUnder(v.markdown))
	}
}

func (v *validator) fields(path string, f Fields) {
	if len(f.Items) == 0 {
		v.errorf(path, "missing required fields items: write at least one Key: value line")
	}
	for j, it := range f.Items {
		p := path + ".items[" + strconv.Itoa(j) + "]"
		v.require(p, "field key", it.Key, "write Key: value")
		v.require(p, "field value", it.Value, "write Key: value (an empty value is sent as a space)")
		v.tooLong(p, "the field key", it.Key, LimitFieldText)
		v.tooLong(p, "the field value", it.Value, LimitFieldText)
		if !it.Editable {
			v.literalZoomMarkup(p, ".value", it.Value)
		}
	}
}

func (v *validator) actions(path string, a Actions) {
	if len(a.Items) == 0 {
		v.errorf(path, "missing required actions items: add a line such as - [Approve](approve) primary")
	}
	if len(a.Items) > LimitButtons && a.Limit == 0 {
		v.warnf(path, strconv.Itoa(len(a.Items))+" buttons: Zoom may show at most "+strconv.Itoa(LimitButtons)+" (unverified); add limit=N to group the rest in a menu")
	}
	for j, b := range a.Items {
		p := path + ".items[" + strconv.Itoa(j) + "]"
		v.require(p, "button text", b.Text, "write - [Text](value)")
		if v.locate != nil {
			v.require(p, "button value", b.Value, "write - [Text](value)")
		}
		v.tooLong(p, "the button text", b.Text, LimitButtonText)
		v.jsonButton(p, b)
		if b.Style == "" {
			continue
		}
		if norm, ok := buttonStyle(b.Style); !ok {
			v.errorf(p+".style", "bad button style "+strconv.Quote(b.Style)+": use Primary, Default, Danger or Disabled")
		} else if norm != b.Style {
			v.warnf(p+".style", "button style "+strconv.Quote(b.Style)+" is written "+norm+" in Zoom's documentation")
		}
	}
}

func (v *validator) selectElement(path string, s Select) {
	if s.Text == "" {
		v.warnf(path, "the dropdown has no label text: write it after ```select")
	}
	switch {
	case s.StaticSource != "" && len(s.SelectItems) > 0:
		v.errorf(path, "a dropdown with source="+s.StaticSource+" must not list items (Zoom fills it); remove the items or the source")
	case s.StaticSource != "" && s.StaticSource != SourceMembers && s.StaticSource != SourceChannels:
		v.errorf(path, "unknown dropdown source "+strconv.Quote(s.StaticSource)+": use members or channels")
	case s.StaticSource == "" && len(s.SelectItems) == 0:
		v.errorf(path, "missing required select items: add - [Text](value) lines, or source=members / source=channels")
	}
	if len(s.SelectItems) > LimitSelectItems {
		v.warnf(path, strconv.Itoa(len(s.SelectItems))+" dropdown items: Zoom may show at most "+strconv.Itoa(LimitSelectItems)+" (unverified)")
	}
	for j, it := range s.SelectItems {
		p := path + ".select_items[" + strconv.Itoa(j) + "]"
		v.require(p, "item text", it.Text, "write - [Text](value)")
		v.require(p, "item value", it.Value, "write - [Text](value)")
	}
}

func (v *validator) attachments(path string, a Attachments) {
	v.require(path, "attachment url", a.ResourceURL, "add url: https://…")
	if a.Information == nil || a.Information.Title == nil || a.Information.Title.Text == "" {
		v.warnf(path, "the attachment has no title: add title: …")
	}
	if _, ok := a.Extra["ImageProvider_url"]; ok {
		v.warnf(path, "ImageProvider_url comes from one Zoom docs example; Zoom's SDK uses img_url (image: in card source). It is sent as written")
	}
}

// section checks a section. One with no elements is refused unless it has a footer: Zoom's
// markdown page documents {"type":"section","sections":[],"footer":"<https://zoom.us>"}
// (facts §2.1).
func (v *validator) section(path string, s Section) {
	if len(s.Sections) == 0 && s.Footer == "" {
		v.errorf(path, sectionEmptyMessage)
	}
	if s.SidebarColor != "" {
		v.color(path+".sidebar_color", s.SidebarColor)
	}
	v.literalZoomMarkup(path, ".footer", s.Footer)
	outer := v.place
	v.place = inSection
	v.elements(path+".sections", s.Sections)
	v.place = outer
}

// fits reports whether el may sit where it is, and says why not when it may
// not. Such an element is not checked further.
func (v *validator) fits(path string, el Element) bool {
	_, isSection := el.(Section)
	_, isPage := el.(Page)
	_, isUnknown := el.(Unknown)
	switch {
	case v.place == inSection && (isSection || isPage):
		v.errorf(path, "a section cannot hold a "+el.ElementType()+": in Zoom's card format a section holds messages, fields, "+
			"buttons and other elements, never a section or a page; move it out of the section")
		return false
	case v.place == inPage && !isSection && !isUnknown:
		v.errorf(path, "a page's body holds only sections, not a "+el.ElementType()+": put it in a section")
		return false
	}
	return true
}

const sectionEmptyMessage = "missing required section content: write text or blocks inside the ```section block, or give it a footer=\"…\""

// zplugNames are element names an unreliable source invented (facts.md §1.6).
var zplugNames = map[string]string{"header": "head", "styled_text": "message with style", "dropdown": "select", "form_field": "fields"}

func (v *validator) unknown(path string, u Unknown) {
	switch {
	case u.Type == "":
		v.errorf(path, "the element has no \"type\": every body element needs one, e.g. \"type\":\"message\"")
	case zplugNames[u.Type] != "":
		v.errorf(path, "unknown element type "+strconv.Quote(u.Type)+": Zoom has no such element; use "+zplugNames[u.Type])
	default:
		v.warnf(path, "unknown element type "+strconv.Quote(u.Type)+": zoompose sends it as written but cannot check or preview it")
	}
}
