package preview

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/zoompose/zoompose/compose"
)

// minHorizontalColumn is the narrowest column a horizontal section gives an
// element before it stacks them instead.
const minHorizontalColumn = 14

// drawSection draws the nested elements behind a bar in the sidebar colour
// (the section's own, else the card's default, else the theme accent), with
// the footer and its time under them.
func (r *Renderer) drawSection(s compose.Section, w int, ctx cardContext) string {
	colour := s.SidebarColor
	if colour == "" {
		colour = ctx.sidebar
	}
	bar := r.styles.Sidebar.Render("┃") + " "
	if colour != "" {
		bar = r.theme.Foreground(lipgloss.NewStyle(), colour).Render("┃") + " "
	}
	inner := max(w-2, 1)
	var parts []string
	if body := r.sectionBody(s, inner, ctx); body != "" {
		parts = append(parts, body)
	}
	if footer := sectionFooter(s); footer != "" {
		how := literal
		if ctx.markdown {
			how = linksOnly // "footer, but only the link style" (facts.md §2.1)
		}
		parts = append(parts, r.text(footer, r.styles.Muted, inner, how))
	}
	if len(parts) == 0 {
		parts = append(parts, r.styles.Placeholder.Render(truncate("(empty section)", inner)))
	}
	return prefixLines(bar, strings.Join(parts, "\n"))
}

// sectionBody stacks the nested elements, or puts them side by side for
// layout "horizontal" when each still gets minHorizontalColumn columns.
func (r *Renderer) sectionBody(s compose.Section, w int, ctx cardContext) string {
	n := len(s.Sections)
	if n == 0 {
		return ""
	}
	colW := (w - 2*(n-1)) / n
	if s.Layout == "horizontal" && n > 1 && colW >= minHorizontalColumn {
		cols := make([]string, 0, 2*n-1)
		for i, el := range s.Sections {
			if i > 0 {
				cols = append(cols, "  ")
			}
			cols = append(cols, lipgloss.NewStyle().Width(colW).Render(r.block(el, colW, ctx)))
		}
		return lipgloss.JoinHorizontal(lipgloss.Top, cols...)
	}
	blocks := make([]string, len(s.Sections))
	for i, el := range s.Sections {
		blocks[i] = r.block(el, w, ctx)
	}
	return strings.Join(blocks, "\n")
}

func sectionFooter(s compose.Section) string {
	var bits []string
	if s.FooterIcon != "" {
		bits = append(bits, "◉")
	}
	if s.Footer != "" {
		bits = append(bits, s.Footer)
	}
	if s.TS != 0 {
		if len(bits) > 0 {
			bits = append(bits, "·")
		}
		bits = append(bits, footerTime(s.TS))
	}
	return strings.Join(bits, " ")
}

// drawPage draws the current page's elements (cur_page, else the first) and
// a pager line under them.
func (r *Renderer) drawPage(p compose.Page, w int, ctx cardContext) string {
	if len(p.Pages) == 0 {
		return r.styles.Placeholder.Render(truncate("(no pages)", w))
	}
	current := 0
	for i, pg := range p.Pages {
		if pg.PageNo == p.CurPage {
			current = i
		}
	}
	var blocks []string
	for _, el := range p.Pages[current].Body {
		blocks = append(blocks, r.block(el, w, ctx))
	}
	pager := "‹ page " + itoa(current+1) + " of " + itoa(len(p.Pages)) + " ›"
	blocks = append(blocks, paint(r.styles.Muted, pager, w))
	return strings.Join(blocks, "\n")
}

// drawAttachments draws a titled box with the description, the resource
// URL, the file type and size, and the image URL.
func (r *Renderer) drawAttachments(a compose.Attachments, w int) string {
	var lines []string
	if info := a.Information; info != nil {
		if info.Title != nil && info.Title.Text != "" {
			lines = append(lines, r.theme.Emphasis(r.styles.Link, true, false).Render(info.Title.Text))
		}
		if info.Description != nil && info.Description.Text != "" {
			lines = append(lines, r.styles.Text.Render(info.Description.Text))
		}
	}
	if a.ResourceURL != "" {
		lines = append(lines, r.styles.Link.Render(a.ResourceURL))
	}
	var meta []string
	if a.Ext != "" {
		meta = append(meta, strings.ToUpper(a.Ext))
	}
	if a.Size > 0 {
		meta = append(meta, humanSize(a.Size))
	}
	if len(meta) > 0 {
		lines = append(lines, r.styles.Muted.Render(strings.Join(meta, " · ")))
	}
	if a.ImgURL != "" {
		lines = append(lines, r.styles.Muted.Render("image: "+a.ImgURL))
	}
	if len(lines) == 0 {
		lines = append(lines, r.styles.Placeholder.Render("(empty attachment)"))
	}
	return r.card(lines, w)
}

// drawFile draws a file card: its title linking to the file, the
// description and the URL.
func (r *Renderer) drawFile(f compose.File, w int) string {
	title, url := "file", ""
	if f.Title != nil {
		if f.Title.Text != "" {
			title = f.Title.Text
		}
		url = f.Title.FileURL
	}
	lines := []string{r.theme.Emphasis(r.styles.Link, true, false).Render("▤ " + title)}
	if f.Description != nil && f.Description.Text != "" {
		lines = append(lines, r.styles.Text.Render(f.Description.Text))
	}
	if url != "" {
		lines = append(lines, r.styles.Muted.Render(url))
	}
	return r.card(lines, w)
}

// drawVideo draws a video card: a play mark and the title (Zoom's dialect
// when the title asks for markdown itself), who made it and where it plays.
func (r *Renderer) drawVideo(v compose.Video, w int) string {
	titleStyle := r.theme.Emphasis(r.styles.Link, true, false)
	title := titleStyle.Render("▶ video")
	if v.Title != nil && v.Title.Text != "" {
		// The card box wraps the lines; the title is not wrapped twice.
		title = titleStyle.Render("▶ ") + r.text(v.Title.Text, titleStyle, maxTextWidth, readingOf(v.Title.IsMarkdownSupport))
	}
	lines := []string{title}
	var by []string
	for _, s := range []string{v.AuthorName, v.ProviderName} {
		if s != "" {
			by = append(by, s)
		}
	}
	if len(by) > 0 {
		lines = append(lines, r.styles.Muted.Render(strings.Join(by, " · ")))
	}
	for _, u := range []string{v.VideoURL, v.TitleURL} {
		if u != "" {
			lines = append(lines, r.styles.Muted.Render(u))
			break
		}
	}
	return r.card(lines, w)
}

// drawImages draws the carousel's current image as its alt text and URL,
// with one dot per image.
func (r *Renderer) drawImages(im compose.Images, w int) string {
	if len(im.Images) == 0 {
		return r.card([]string{r.styles.Placeholder.Render("(no images)")}, w)
	}
	cur := min(max(im.CurIndex, 0), len(im.Images)-1)
	img := im.Images[cur]
	alt := img.AltText
	if alt == "" {
		alt = "image"
	}
	lines := []string{r.styles.Text.Render("▣ " + alt)}
	if img.ImageURL != "" {
		lines = append(lines, r.styles.Muted.Render(img.ImageURL))
	}
	if len(im.Images) > 1 {
		dots := make([]string, len(im.Images))
		for i := range dots {
			dots[i] = "○"
			if i == cur {
				dots[i] = "●"
			}
		}
		lines = append(lines, r.styles.Muted.Render(strings.Join(dots, " ")))
	}
	return r.card(lines, w)
}

// card draws lines (each wrapped) inside the theme's rounded frame, w wide.
func (r *Renderer) card(lines []string, w int) string {
	return boxed(r.styles.Border.Padding(0, 1), strings.Join(lines, "\n"), w)
}

// drawDivider draws a rule across the width: bold "━", dotted "┈" or thin
// "─", in the divider's colour.
func (r *Renderer) drawDivider(d compose.Divider, w int) string {
	glyph, style := "─", r.rule
	if d.Style != nil {
		switch {
		case d.Style.Bold:
			glyph = "━"
		case d.Style.Dotted:
			glyph = "┈"
		}
		if d.Style.Color != "" {
			style = r.theme.Foreground(lipgloss.NewStyle(), d.Style.Color)
		}
	}
	return style.Render(strings.Repeat(glyph, w))
}

// drawUnknown draws a labelled placeholder for an element type the preview
// does not know, with the start of its JSON so the author can tell which.
func (r *Renderer) drawUnknown(typ, raw string, w int) string {
	if typ == "" {
		typ = "(no type)"
	}
	lines := []string{r.styles.Warn.Render("unknown element: " + typ)}
	if raw != "" {
		lines = append(lines, r.styles.Muted.Render(truncate(raw, 120)))
	}
	return r.card(lines, w)
}
