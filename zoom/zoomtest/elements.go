package zoomtest

import (
	"fmt"
	"regexp"
)

// place says where an element sits, because sections and pages nest only one way:
// a page holds sections, a section holds plain elements.
type place int

const (
	inBody    place = iota // directly in content.body
	inSection              // in a section's sections
	inPage                 // in a page's body
)

// elementCheck returns the check of one body element type — its required fields and value
// types (facts §1.3, after RIVET's chatbot.d.ts and Zoom's docs examples) — or false for a
// type Zoom does not know. A switch rather than a map: section and page recurse into it.
func elementCheck(kind string) (func(c *cardCheck, path string, el map[string]any), bool) {
	switch kind {
	case "message":
		return checkMessage, true
	case "fields":
		return checkFields, true
	case "actions":
		return checkActions, true
	case "select":
		return checkSelect, true
	case "attachments":
		return checkAttachments, true
	case "section":
		return checkSection, true
	case "page":
		return checkPage, true
	case "file":
		return checkFile, true
	case "divider":
		return checkDivider, true
	case "progress_bar":
		return checkProgressBar, true
	case "datepicker":
		return checkDatepicker, true
	case "timepicker":
		return checkTimepicker, true
	case "radio_buttons":
		return checkRadioButtons, true
	case "checkboxes":
		return checkCheckboxes, true
	case "alert":
		return checkAlert, true
	case "images":
		return checkImages, true
	case "plain_text_input":
		return checkPlainTextInput, true
	case "video":
		return checkVideo, true
	}
	return nil, false
}

// knownTypes lists the element types in the order facts §1.3 gives them, for messages.
const knownTypes = "message, fields, actions, select, attachments, section, page, file, divider, " +
	"progress_bar, datepicker, timepicker, radio_buttons, checkboxes, alert, images, plain_text_input, video"

// misnamedTypes are element names some documentation uses but Zoom does not (facts §1.6).
var misnamedTypes = map[string]string{
	"header":      `use the card's "head" object`,
	"styled_text": `use a "message" element with a "style"`,
	"dropdown":    `use "select"`,
	"form_field":  `use "fields"`,
}

var (
	datePattern = regexp.MustCompile(`^\d{4}/\d{1,2}/\d{1,2}$`)
	timePattern = regexp.MustCompile(`^([01]?\d|2[0-3]):[0-5]\d$`)
)

// element checks one body element: its type, where it may sit, and its fields.
func (c *cardCheck) element(path string, v any, at place) {
	el, ok := v.(map[string]any)
	if !ok {
		c.fail(path, "Each body element must be a JSON object with a type.")
		return
	}
	kind := c.str(el, path, "type", true)
	if kind == "" {
		return
	}
	check, known := elementCheck(kind)
	switch {
	case !known && misnamedTypes[kind] != "":
		c.fail(path+".type", "Zoom has no element type %q; %s.", kind, misnamedTypes[kind])
	case !known:
		c.fail(path+".type", "Unknown element type %q; Zoom knows %s.", kind, knownTypes)
	case at == inPage && kind != "section":
		c.fail(path+".type", "A page's body holds only section elements, not %q.", kind)
	case at == inSection && (kind == "section" || kind == "page"):
		c.fail(path+".type", "A section cannot hold a %q element.", kind)
	default:
		check(c, path, el)
	}
}

func checkMessage(c *cardCheck, path string, el map[string]any) {
	c.str(el, path, "text", true)
	c.style(el, path, "style")
	c.boolean(el, path, "editable")
	c.boolean(el, path, "is_markdown_support")
	c.url(el, path, "link", false)
}

func checkFields(c *cardCheck, path string, el map[string]any) {
	c.objects(el, path, "items", func(path string, item map[string]any) {
		c.str(item, path, "key", true)
		if _, isString := item["value"].(string); !isString {
			c.fail(path+".value", `value is required and must be a string (use " " to show an empty field).`)
		}
		c.boolean(item, path, "short")
		c.boolean(item, path, "editable")
	})
}

func checkActions(c *cardCheck, path string, el map[string]any) {
	c.number(el, path, "limit", false)
	c.objects(el, path, "items", func(path string, item map[string]any) {
		c.str(item, path, "text", true)
		c.str(item, path, "value", false)
		c.oneOf(item, path, "style", "Primary", "Default", "Danger", "Disabled")
		c.boolean(item, path, "submit")
	})
}

func checkSelect(c *cardCheck, path string, el map[string]any) {
	c.str(el, path, "text", false)
	_, hasItems := el["select_items"]
	_, hasSource := el["static_source"]
	switch {
	case hasItems && hasSource:
		c.fail(path, "A select has either select_items or static_source, not both.")
	case !hasItems && !hasSource:
		c.fail(path+".select_items", "A select needs select_items, or static_source (members or channels).")
	case hasItems:
		c.objects(el, path, "select_items", func(path string, item map[string]any) { c.option(item, path) })
	default:
		c.str(el, path, "static_source", true)
		c.oneOf(el, path, "static_source", "members", "channels")
	}
	if selected := c.object(el, path, "selected_item", false); selected != nil {
		c.option(selected, path+".selected_item")
	}
}

// option checks a {text, value} choice of a select, radio group or checkbox group.
func (c *cardCheck) option(item map[string]any, path string) {
	c.str(item, path, "text", true)
	c.str(item, path, "value", true)
}

func checkAttachments(c *cardCheck, path string, el map[string]any) {
	c.url(el, path, "resource_url", true)
	c.url(el, path, "img_url", false)
	c.str(el, path, "ext", false)
	c.number(el, path, "size", false)
	info := c.object(el, path, "information", false)
	if info == nil {
		return
	}
	for _, key := range []string{"title", "description"} {
		if part := c.object(info, path+".information", key, false); part != nil {
			c.text(part, path+".information."+key)
		}
	}
}

// checkSection checks a section. Its sections array may be empty when it has a footer:
// Zoom's markdown page documents the footer-only section
// {"type":"section","sections":[],"footer":"<https://zoom.us>"} (facts §2.1, D-markdown).
// Whether Zoom takes a footer section with no sections key at all is unknown: accepted.
func checkSection(c *cardCheck, path string, el map[string]any) {
	footer := c.str(el, path, "footer", false)
	for i, child := range c.array(el, path, "sections", footer == "") {
		c.element(fmt.Sprintf("%s.sections[%d]", path, i), child, inSection)
	}
	c.color(el, path, "sidebar_color")
	c.url(el, path, "footer_icon", false)
	c.number(el, path, "ts", false)
	c.oneOf(el, path, "layout", "horizontal", "vertical")
}

func checkPage(c *cardCheck, path string, el map[string]any) {
	c.number(el, path, "cur_page", false)
	c.objects(el, path, "pages", func(path string, page map[string]any) {
		c.number(page, path, "pageNo", false)
		for i, child := range c.array(page, path, "body", true) {
			c.element(fmt.Sprintf("%s.body[%d]", path, i), child, inPage)
		}
	})
}

func checkFile(c *cardCheck, path string, el map[string]any) {
	c.url(el, path, "icon_url", false)
	if title := c.object(el, path, "title", true); title != nil {
		c.str(title, path+".title", "text", true)
		c.url(title, path+".title", "file_url", false)
	}
	if desc := c.object(el, path, "description", false); desc != nil {
		c.str(desc, path+".description", "text", true)
	}
}

func checkDivider(c *cardCheck, path string, el map[string]any) {
	style := c.object(el, path, "style", false)
	if style == nil {
		return
	}
	c.boolean(style, path+".style", "bold")
	c.boolean(style, path+".style", "dotted")
	c.color(style, path+".style", "color")
}

func checkProgressBar(c *cardCheck, path string, el map[string]any) {
	c.number(el, path, "value", true)
}

func checkDatepicker(c *cardCheck, path string, el map[string]any) {
	c.str(el, path, "action_id", false)
	c.matches(el, path, "initial_date", datePattern, "yyyy/MM/dd (e.g. 2010/10/10)")
}

func checkTimepicker(c *cardCheck, path string, el map[string]any) {
	c.str(el, path, "action_id", false)
	c.matches(el, path, "initial_time", timePattern, "HH:mm (e.g. 12:00)")
}

func checkRadioButtons(c *cardCheck, path string, el map[string]any) {
	c.str(el, path, "action_id", false)
	c.objects(el, path, "options", func(path string, item map[string]any) { c.option(item, path) })
	if initial := c.object(el, path, "initial_option", false); initial != nil {
		c.option(initial, path+".initial_option")
	}
}

func checkCheckboxes(c *cardCheck, path string, el map[string]any) {
	c.str(el, path, "action_id", false)
	c.oneOf(el, path, "style", "toggle_switch")
	c.objects(el, path, "options", func(path string, item map[string]any) {
		c.option(item, path)
		c.boolean(item, path, "initial_selected")
	})
}

func checkAlert(c *cardCheck, path string, el map[string]any) {
	c.str(el, path, "text", true)
	c.str(el, path, "level", false)
	c.boolean(el, path, "closable")
}

func checkImages(c *cardCheck, path string, el map[string]any) {
	c.number(el, path, "cur_index", false)
	c.objects(el, path, "images", func(path string, item map[string]any) {
		c.url(item, path, "image_url", true)
		c.str(item, path, "alt_text", false)
		c.number(item, path, "image_index", false)
	})
}

func checkPlainTextInput(c *cardCheck, path string, el map[string]any) {
	for _, key := range []string{"action_id", "text", "value", "placeholder"} {
		c.str(el, path, key, false)
	}
	c.boolean(el, path, "multiline")
	c.number(el, path, "min_length", false)
	c.number(el, path, "max_length", false)
}

func checkVideo(c *cardCheck, path string, el map[string]any) {
	c.url(el, path, "video_url", true)
	if title := c.object(el, path, "title", false); title != nil {
		c.str(title, path+".title", "text", true)
		c.boolean(title, path+".title", "is_markdown_support")
	}
	for _, key := range []string{"title_url", "thumbnail_url", "provider_icon_url"} {
		c.url(el, path, key, false)
	}
	for _, key := range []string{"action_id", "author_name", "provider_name"} {
		c.str(el, path, key, false)
	}
}
