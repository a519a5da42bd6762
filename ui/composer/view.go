package composer

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// View draws the screen in exactly Width×Height cells. It composes lines
// that were rendered earlier (the preview, the payload, the diagnostics) with
// the editor's visible rows: nothing in it depends on the length of the
// draft.
func (m *Model) View() string {
	l := m.layout
	var rows []string
	switch {
	case l.wide:
		left, right := m.editorColumn(), m.sideFrame()
		rows = make([]string, l.height)
		for i := range rows {
			rows[i] = lineAt(left, i, l.side.x) + lineAt(right, i, l.side.w)
		}
	case m.overlay != overlayNone || m.focus == focusPreview:
		rows = m.sideFrame()
	default:
		rows = m.editorColumn()
	}
	if len(rows) > l.height { // below the smallest supported size
		rows = rows[:l.height]
	}
	return strings.Join(rows, "\n")
}

// lineAt returns lines[i], or blank cells when the column is shorter.
func lineAt(lines []string, i, width int) string {
	if i < len(lines) {
		return lines[i]
	}
	return spaces(width)
}

// editorColumn is the editor's frame followed by the diagnostics rows.
func (m *Model) editorColumn() []string {
	f := m.layout.editor
	body := strings.Split(m.editor.View(), "\n")
	title := m.Title() + m.countLabel()
	if !m.layout.wide {
		title += " · tab: preview"
	}
	focused := m.focus == focusEditor && m.overlay == overlayNone
	lines := m.framed(f, title, focused, body)
	return append(lines, m.pipeline.diagLines...)
}

// sideFrame is the right-hand (or, when narrow, the toggled) pane: an open
// menu or form, the payload, or the preview.
func (m *Model) sideFrame() []string {
	f := m.layout.side
	switch m.overlay {
	case overlayTemplates:
		return m.framed(f, m.menu.title, true, m.pickerLines(f.innerW, f.innerH, m.common.Styles))
	case overlayInsert, overlayDrafts:
		return m.framed(f, m.menu.title, true, m.menu.lines(f.innerW, f.innerH, m.common.Styles))
	case overlayVars, overlayTemplateName:
		return m.framed(f, m.form.title, true, m.form.lines(f.innerW, f.innerH, m.common.Styles))
	}
	focused := m.focus == focusPreview
	title, lines := m.sideContent()
	body := make([]string, f.innerH)
	for i := range body {
		j := m.scroll + i
		if j < len(lines) {
			body[i] = m.shownLine(lines, j)
		} else {
			body[i] = spaces(f.innerW)
		}
	}
	return m.framed(f, title, focused, body)
}

// sideContent is the title and all lines of the preview or payload view.
func (m *Model) sideContent() (string, []string) {
	p := &m.pipeline
	if !p.hasResult {
		return "Preview", []string{m.common.Styles.Muted.Render("Rendering the preview…")}
	}
	if m.view == viewPayload {
		title := "Payload · is_markdown_support: false"
		if p.result.markdown {
			title = "Payload · is_markdown_support: true"
		}
		if p.result.payloadLines == nil {
			return title, []string{m.common.Styles.Muted.Render("Building the payload…")}
		}
		return title + m.scrollLabel(len(p.result.payloadLines)), p.result.payloadLines
	}
	if p.result.previewLines == nil {
		return "Preview", []string{m.common.Styles.Muted.Render("Rendering the preview…")}
	}
	title := "Preview · desktop"
	if m.mobile {
		title = "Preview · mobile " + itoa(m.previewWidth()) + " cols"
	}
	if !m.layout.wide {
		title += " · tab: editor"
	}
	return title + m.scrollLabel(len(p.result.previewLines)), p.result.previewLines
}

// scrollLabel says where the shown window is when the content is longer
// than the pane.
func (m *Model) scrollLabel(total int) string {
	h := m.layout.side.innerH
	if total <= h {
		return ""
	}
	return " · " + itoa(m.scroll+1) + "–" + itoa(min(m.scroll+h, total)) + " of " + itoa(total)
}

// countLabel is the size of the draft as last parsed.
func (m *Model) countLabel() string {
	r := m.pipeline.result
	if !m.pipeline.hasResult {
		return ""
	}
	return " · " + groupDigits(r.chars) + " chars, " + groupDigits(r.bytes) + " B"
}

// framed draws body inside a rounded border with title set into the top
// edge. body lines must be exactly f.innerW cells wide; missing lines are
// blank.
func (m *Model) framed(f frame, title string, focused bool, body []string) []string {
	lines := make([]string, 0, f.h)
	lines = append(lines, m.chrome.edge(edgeKey{width: f.w, title: title, focused: focused, top: true}))
	bar := m.chrome.bar[boolIndex(focused)]
	for i := range f.h - 2 {
		row := spaces(f.innerW)
		if i < len(body) {
			row = body[i]
		}
		lines = append(lines, bar+row+bar)
	}
	return append(lines, m.chrome.edge(edgeKey{width: f.w, focused: focused}))
}

// fit pads or cuts line to exactly width cells.
func fit(line string, width int) string {
	if isASCII(line) {
		if len(line) > width {
			return line[:width]
		}
		return line + spaces(width-len(line))
	}
	w := ansi.StringWidth(line)
	if w > width {
		return ansi.Truncate(line, width, "")
	}
	return line + spaces(width-w)
}
