package preview

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/compose"
)

// element draws one body element at content width w, unframed.
func (r *Renderer) element(el compose.Element, w int, ctx cardContext) string {
	switch e := el.(type) {
	case compose.Message:
		return r.drawMessage(e, w, ctx)
	case compose.Fields:
		return r.drawFields(e, w, ctx)
	case compose.Actions:
		return r.drawActions(e, w)
	case compose.Select:
		return r.drawSelect(e, w)
	case compose.Section:
		return r.drawSection(e, w, ctx)
	case compose.Page:
		return r.drawPage(e, w, ctx)
	case compose.Attachments:
		return r.drawAttachments(e, w)
	case compose.File:
		return r.drawFile(e, w)
	case compose.Divider:
		return r.drawDivider(e, w)
	case compose.ProgressBar:
		return r.drawProgress(e, w)
	case compose.DatePicker:
		return r.drawPicker("Date", e.InitialDate, "Select a date", w)
	case compose.TimePicker:
		return r.drawPicker("Time", e.InitialTime, "Select a time", w)
	case compose.RadioButtons:
		return r.drawRadio(e, w)
	case compose.Checkboxes:
		return r.drawCheckboxes(e, w)
	case compose.Alert:
		return r.drawAlert(e, w)
	case compose.Images:
		return r.drawImages(e, w)
	case compose.PlainTextInput:
		return r.drawInput(e, w)
	case compose.Video:
		return r.drawVideo(e, w)
	case compose.Unknown:
		return r.drawUnknown(e.Type, string(e.Raw), w)
	default:
		return r.drawUnknown(el.ElementType(), "", w)
	}
}

// textStyle applies a Zoom text style (colour, bold, italic) on top of base.
func (r *Renderer) textStyle(base lipgloss.Style, st *compose.Style) lipgloss.Style {
	if st == nil {
		return base
	}
	return r.theme.Emphasis(r.theme.Foreground(base, st.Color), st.Bold, st.Italic)
}

// drawHead draws the head in bold (and its style's colour) with the sub head
// under it.
func (r *Renderer) drawHead(h compose.Head, w int, ctx cardContext) string {
	head := r.textStyle(r.styles.CardHead, h.Style)
	head = r.theme.Emphasis(head, true, false)
	out := r.inline(h.Text, head, w, ctx.markdown)
	if h.SubHead != nil && h.SubHead.Text != "" {
		out += "\n" + r.inline(h.SubHead.Text, r.textStyle(r.styles.CardSubHead, h.SubHead.Style), w, ctx.markdown)
	}
	return out
}

// drawMessage draws message text: through glamour when the card has markdown
// on (and no link, which turns Zoom's markdown off for that element),
// otherwise literally, in the element's own style.
func (r *Renderer) drawMessage(m compose.Message, w int, ctx cardContext) string {
	var out string
	if (ctx.markdown || m.IsMarkdownSupport) && m.Link == "" {
		out = r.markdown(compose.ZoomToMarkdown(m.Text), w)
	} else if m.Link != "" {
		out = paint(r.styles.Link, m.Text, w) + "\n" + paint(r.styles.Muted, "↗ "+m.Link, w)
	} else {
		out = paint(r.textStyle(r.styles.Text, m.Style), m.Text, w)
	}
	if m.Editable {
		out += "\n" + r.styles.Muted.Render(truncate("✎ editable", w))
	}
	return out
}

// markdown renders CommonMark at width w. Should glamour fail, the text is
// shown as written rather than not at all.
func (r *Renderer) markdown(md string, w int) string {
	out, err := r.md.render(md, w)
	if err != nil {
		return paint(r.styles.Text, md, w)
	}
	if r.theme.Plain {
		out = ansi.Strip(out) // glamour writes OSC 8 hyperlinks whatever the style
	}
	return out
}

// drawFields draws a key/value grid; two consecutive short fields share a
// row when the width leaves each at least minColumn columns.
func (r *Renderer) drawFields(f compose.Fields, w int, ctx cardContext) string {
	const minColumn = 8
	colW := (w - 2) / 2
	var rows []string
	for i := 0; i < len(f.Items); i++ {
		item := f.Items[i]
		if item.Short && i+1 < len(f.Items) && f.Items[i+1].Short && colW >= minColumn {
			rows = append(rows, columns(r.field(item, colW, ctx), r.field(f.Items[i+1], colW, ctx), colW))
			i++
			continue
		}
		rows = append(rows, r.field(item, w, ctx))
	}
	return strings.Join(rows, "\n")
}

// field draws a key over its value; Zoom formats the value as markdown
// unless the field is editable.
func (r *Renderer) field(f compose.Field, w int, ctx cardContext) string {
	value := strings.TrimSpace(f.Value) // Zoom's " " value means "show it empty"
	if f.Editable {
		value += " ✎"
	}
	return paint(r.styles.FieldKey, f.Key, w) + "\n" + r.inline(value, r.styles.FieldValue, w, ctx.markdown && !f.Editable)
}

// drawActions draws the buttons as boxes that wrap onto new rows; past the
// limit, the rest are folded into a closed "More ▾" menu as Zoom does.
func (r *Renderer) drawActions(a compose.Actions, w int) string {
	shown, folded := a.Items, 0
	if a.Limit > 0 && len(a.Items) > a.Limit {
		shown, folded = a.Items[:a.Limit], len(a.Items)-a.Limit
	}
	blocks := make([]string, 0, len(shown)+1)
	for _, b := range shown {
		blocks = append(blocks, fitted(r.styles.Button(b.Style), b.Text, w))
	}
	if folded > 0 {
		label := "More (" + itoa(folded) + ") ▾"
		blocks = append(blocks, fitted(r.styles.ButtonDefault, label, w))
	}
	return flow(blocks, w)
}

// drawSelect draws a closed dropdown: the selected item, or the element's
// text as its placeholder, with what it would list underneath.
func (r *Renderer) drawSelect(s compose.Select, w int) string {
	label, style := s.Text, r.styles.Placeholder
	if s.SelectedItem != nil && s.SelectedItem.Text != "" {
		label, style = s.SelectedItem.Text, r.styles.Text
	}
	if label == "" {
		label = "Select…"
	}
	var caption string
	switch s.StaticSource {
	case compose.SourceMembers:
		caption = "lists the channel's members"
	case compose.SourceChannels:
		caption = "lists the user's channels"
	default:
		caption = plural(len(s.SelectItems), "option")
	}
	return r.dropdown(style.Render(label), w) + "\n" + paint(r.styles.Muted, caption, w)
}

// dropdown draws a one-line input box holding content (already styled) with
// a "▾" at its right edge; the box is at most 36 columns, never wider than w.
func (r *Renderer) dropdown(content string, w int) string {
	const widest = 36
	outer := min(w, widest)
	inner := outer - r.styles.Input.GetHorizontalFrameSize()
	if inner < 3 {
		return truncate(ansi.Strip(content)+" ▾", w)
	}
	text := ansi.Truncate(content, inner-2, "…")
	pad := inner - 2 - ansi.StringWidth(text)
	return r.styles.Input.Render(text + strings.Repeat(" ", pad) + " ▾")
}
