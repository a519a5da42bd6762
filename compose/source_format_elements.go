package compose

import (
	"strconv"
	"strings"
)

// shorthands lists source renderings of el, most readable first. Format
// keeps the first that parses back to el exactly; a rendering may therefore
// ignore keys it cannot say (they make it fail the check).
func shorthands(el Element) []string {
	switch e := el.(type) {
	case Message:
		return messageShorthands(e)
	case Fields:
		return []string{fenced("fields", nil, fieldLines(e.Items))}
	case Actions:
		return []string{fenced("actions", []string{intAttr("limit", e.Limit, e.Extra["limit"] != nil)}, buttonLines(e.Items))}
	case Select:
		return selectShorthands(e)
	case Attachments:
		return []string{fenced("attachment", nil, attachmentLines(e))}
	case Section:
		return []string{sectionShorthand(e)}
	case Divider:
		return dividerShorthands(e)
	case ProgressBar:
		return []string{fenced("progress", []string{strconv.FormatFloat(e.Value, 'f', -1, 64)}, "")}
	case DatePicker:
		return []string{fenced("datepicker", []string{strAttr("action", e.ActionID), strAttr("date", e.InitialDate)}, "")}
	case TimePicker:
		return []string{fenced("timepicker", []string{strAttr("action", e.ActionID), strAttr("time", e.InitialTime)}, "")}
	case RadioButtons:
		return []string{fenced("radio", []string{strAttr("action", e.ActionID)}, optionLines(e.Options, e.InitialOption))}
	case Checkboxes:
		return []string{checkboxesShorthand(e)}
	case Alert:
		return []string{fenced("alert", []string{strAttr("level", e.Level), flagWord(e.Closable, "closable", "closable", e.Extra)}, e.Text)}
	case Images:
		return []string{fenced("images", []string{intAttr("index", e.CurIndex, e.Extra["cur_index"] != nil)}, imageLines(e.Images))}
	case PlainTextInput:
		return []string{inputShorthand(e)}
	case File:
		return []string{fenced("file", nil, fileLines(e))}
	case Video:
		return []string{fenced("video", nil, videoLines(e))}
	}
	return nil // Page, Unknown: JSON is their only form
}

func strAttr(key, v string) string {
	if v == "" {
		return ""
	}
	return key + "=" + quoteAttr(v)
}

func intAttr(key string, v int, explicit bool) string {
	if v == 0 && !explicit {
		return ""
	}
	return key + "=" + strconv.Itoa(v)
}

func messageShorthands(m Message) []string {
	text := ZoomToMarkdown(m.Text)
	if m.Link != "" || explicitFalse(m.Extra, "is_markdown_support") {
		text = m.Text // such a message is sent as typed (see messageBlock)
	}
	words, _ := styleWords(m.Style)
	attrs := append(words, strAttr("link", m.Link),
		flagWord(m.Editable, "editable", "editable", m.Extra),
		flagWord(m.IsMarkdownSupport, "markdown", "is_markdown_support", m.Extra))
	out := []string{text, fenced("message", attrs, text)}
	if code, ok := strings.CutPrefix(m.Text, "```\n"); ok {
		if code, ok = strings.CutSuffix(code, "\n```"); ok {
			out = append(out, fenced("code", nil, code))
		}
	}
	return out
}

func fieldLines(items []Field) string {
	lines := make([]string, 0, len(items))
	for _, f := range items {
		value := f.Value
		if !f.Editable {
			value = ZoomToMarkdown(value)
		}
		line := f.Key + ":"
		if value != " " {
			line += " " + value
		}
		flags := nonEmpty(flagWord(f.Short, "short", "short", f.Extra), flagWord(f.Editable, "editable", "editable", f.Extra))
		if len(flags) > 0 {
			line += " {" + strings.Join(flags, " ") + "}"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func buttonLines(items []Button) string {
	lines := make([]string, 0, len(items))
	for _, b := range items {
		line := "- " + bracketText(b.Text) + "(" + b.Value + ")"
		style := b.Style
		if canonical, ok := buttonStyle(style); ok && canonical == style {
			style = strings.ToLower(style) // Parse normalises the case back
		}
		for _, w := range nonEmpty(style, flagWord(b.Submit, "submit", "submit", b.Extra)) {
			line += " " + w
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func optionLines(opts []Option, selected *Option) string {
	lines := make([]string, 0, len(opts))
	marked := false
	for _, o := range opts {
		line := "- " + bracketText(o.Text) + "(" + o.Value + ")"
		if selected != nil && !marked && o.Text == selected.Text && o.Value == selected.Value {
			line += " selected"
			marked = true
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func selectShorthands(s Select) []string {
	body := optionLines(s.SelectItems, s.SelectedItem)
	source := strAttr("source", s.StaticSource)
	return []string{
		fenced("select", []string{s.Text, source}, body),
		fenced("select", []string{strAttr("text", s.Text), source}, body),
	}
}

func attachmentLines(a Attachments) string {
	var lines []string
	add := func(key, v string) {
		if v != "" {
			lines = append(lines, key+": "+v)
		}
	}
	add("url", a.ResourceURL)
	add("image", a.ImgURL)
	if in := a.Information; in != nil {
		if in.Title != nil {
			add("title", in.Title.Text)
		}
		if in.Description != nil {
			add("description", in.Description.Text)
		}
	}
	add("ext", a.Ext)
	if a.Size != 0 {
		add("size", strconv.FormatInt(a.Size, 10))
	}
	return strings.Join(lines, "\n")
}

func sectionShorthand(s Section) string {
	attrs := []string{s.SidebarColor, strAttr("footer", footerToMarkdown(s.Footer)), strAttr("icon", s.FooterIcon), strAttr("layout", s.Layout)}
	if s.TS != 0 {
		attrs = append(attrs, "ts="+strconv.FormatInt(s.TS, 10))
	}
	return fenced("section", attrs, formatElements(s.Sections))
}

func dividerShorthands(d Divider) []string {
	if d.Style == nil {
		return []string{"---"}
	}
	st := d.Style
	return []string{fenced("divider", []string{st.Color,
		flagWord(st.Bold, "bold", "bold", st.Extra), flagWord(st.Dotted, "dotted", "dotted", st.Extra)}, "")}
}

func checkboxesShorthand(c Checkboxes) string {
	kind, style := "checkboxes", strAttr("style", c.Style)
	if c.Style == ToggleSwitch {
		kind, style = "switches", ""
	}
	lines := make([]string, 0, len(c.Options))
	for _, o := range c.Options {
		box := "[ ]"
		if o.InitialSelected {
			box = "[x]"
		}
		lines = append(lines, "- "+box+" "+bracketText(o.Text)+"("+o.Value+")")
	}
	return fenced(kind, []string{strAttr("action", c.ActionID), style}, strings.Join(lines, "\n"))
}

func imageLines(images []Image) string {
	lines := make([]string, 0, len(images))
	for _, im := range images {
		line := "- !" + bracketText(im.AltText) + "(" + im.ImageURL + ")"
		if im.ImageIndex != 0 || im.Extra["image_index"] != nil {
			line += " " + strconv.Itoa(im.ImageIndex)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func inputShorthand(in PlainTextInput) string {
	kind, multiline := "input", flagWord(in.Multiline, "multiline", "multiline", in.Extra)
	if in.Multiline {
		kind, multiline = "textarea", ""
	}
	return fenced(kind, []string{strAttr("action", in.ActionID), strAttr("label", in.Text), strAttr("placeholder", in.Placeholder),
		intAttr("min", in.MinLength, in.Extra["min_length"] != nil), intAttr("max", in.MaxLength, in.Extra["max_length"] != nil), multiline}, in.Value)
}

func fileLines(f File) string {
	var lines []string
	if f.Title != nil {
		lines = append(lines, "title: "+f.Title.Text, "url: "+f.Title.FileURL)
	}
	if f.IconURL != "" {
		lines = append(lines, "icon: "+f.IconURL)
	}
	if f.Description != nil {
		lines = append(lines, "description: "+f.Description.Text)
	}
	return strings.Join(lines, "\n")
}

func videoLines(v Video) string {
	var lines []string
	if v.Title != nil {
		lines = append(lines, "title: "+v.Title.Text)
	}
	values := []string{v.VideoURL, v.TitleURL, v.ThumbnailURL, v.AuthorName, v.ProviderName, v.ProviderIconURL, v.ActionID}
	for i, key := range videoKeys[1:] {
		if values[i] != "" {
			lines = append(lines, key+": "+values[i])
		}
	}
	return strings.Join(lines, "\n")
}
