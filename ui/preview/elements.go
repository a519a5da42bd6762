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

// textStyle applies a Zoom text style (colour, bold, italic) on top of base,
// unless markdown is on for that text: Zoom ignores style then (facts.md §2.1).
func (r *Renderer) textStyle(base lipgloss.Style, st *compose.Style, markdown bool) lipgloss.Style {
	if st == nil || markdown {
		return base
	}
	return r.theme.Emphasis(r.theme.Foreground(base, st.Color), st.Bold, st.Italic)
}

// readingOf is how Zoom reads a head, sub head or field value: as its dialect
// when markdown is on, else as written.
func readingOf(markdown bool) reading {
	if markdown {
		return dialect
	}
	return literal
}

// drawHead draws the head in bold with the sub head under it, in their
// styles when markdown is off.
func (r *Renderer) drawHead(h compose.Head, w int, ctx cardContext) string {
	head := r.textStyle(r.styles.CardHead, h.Style, ctx.markdown)
	head = r.theme.Emphasis(head, true, false)
	out := r.text(h.Text, head, w, readingOf(ctx.markdown))
	if h.SubHead != nil && h.SubHead.Text != "" {
		sub := r.textStyle(r.styles.CardSubHead, h.SubHead.Style, ctx.markdown)
		out += "\n" + r.text(h.SubHead.Text, sub, w, readingOf(ctx.markdown))
	}
	return out
}

// drawMessage draws message text: as Zoom's dialect when markdown is on for
// it (its own flag, or the request's unless it turns markdown off for
// itself) and it has no link, which turns Zoom's markdown off for that
// element; otherwise literally, in the element's own style, or as a link
// with its URL under it. A message whose own flag is false under the
// request's true is drawn as typed, as its author asked; whether Zoom
// honours that is unverified, and compose warns about it.
func (r *Renderer) drawMessage(m compose.Message, w int, ctx cardContext) string {
	markdown := m.MarkdownUnder(ctx.markdown)
	var out string
	if m.Link != "" {
		out = paint(r.styles.Link, m.Text, w) + "\n" + paint(r.styles.Muted, "↗ "+m.Link, w)
	} else {
		out = r.text(m.Text, r.textStyle(r.styles.Text, m.Style, markdown), w, readingOf(markdown))
	}
	if m.Editable {
		out += "\n" + r.styles.Muted.Render(truncate("✎ editable", w))
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
// unless the field is editable (then it is an input holding the text as
// written).
func (r *Renderer) field(f compose.Field, w int, ctx cardContext) string {
	value := strings.TrimSpace(f.Value) // Zoom's " " value means "show it empty"
	if f.Editable {
		value += " ✎"
	}
	return paint(r.styles.FieldKey, f.Key, w) + "\n" + r.text(value, r.styles.FieldValue, w, readingOf(ctx.markdown && !f.Editable))
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
	if folded == 0 {
		return flow(blocks, w)
	}
	label := "More (" + itoa(folded) + ") ▾"
	blocks = append(blocks, fitted(r.styles.ButtonDefault, label, w))
	// The menu is closed, as Zoom first shows it; what it holds is listed under
	// it so that the author sees every button the payload has.
	names := make([]string, 0, folded)
	for _, b := range a.Items[len(shown):] {
		names = append(names, strings.ReplaceAll(b.Text, "\n", " "))
	}
	return flow(blocks, w) + "\n" + paint(r.styles.Muted, "in the menu: "+strings.Join(names, " · "), w)
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
		// The list is closed, as Zoom first shows it; its items are listed
		// under it so that the author sees every option the payload has.
		caption = plural(len(s.SelectItems), "option")
		if len(s.SelectItems) > 0 {
			items := make([]string, len(s.SelectItems))
			for i, it := range s.SelectItems {
				items[i] = strings.ReplaceAll(it.Text, "\n", " ")
			}
			caption += ": " + strings.Join(items, " · ")
		}
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
