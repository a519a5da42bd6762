package composer

import (
	"charm.land/lipgloss/v2"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/editor"
)

// maxDiagRows is how many rows the compact diagnostics list under the
// editor may take; past it the last row says how many more there are.
const maxDiagRows = 4

// frame is a bordered pane: its outer box and the box of its content.
type frame struct {
	x, y, w, h     int // outer box, relative to the screen
	textX, textY   int // top-left of the content
	innerW, innerH int
}

func newFrame(x, y, w, h int) frame {
	return frame{
		x: x, y: y, w: w, h: h,
		textX: x + 1, textY: y + 1,
		innerW: max(w-2, 1), innerH: max(h-2, 1),
	}
}

// layout is where the panes go for the current size. In the wide layout
// the editor (with the diagnostics under it) is on the left and the side
// pane (preview, payload or an open menu) on the right; in the narrow one
// both frames cover the screen and only one is drawn.
type layout struct {
	wide          bool
	width, height int
	editor        frame
	diagY         int // first row of the diagnostics list
	diagRows      int
	side          frame
}

// relayout computes the layout for the current size and diagnostics and
// sizes the editor and the cached diagnostic lines to it.
func (m *Model) relayout() {
	w, h := max(m.common.Width, 1), max(m.common.Height, 1)
	l := layout{wide: w >= wideLayoutMin, width: w, height: h}
	leftW := w
	if l.wide {
		leftW = w / 2
		l.side = newFrame(leftW, 0, w-leftW, h)
	} else {
		l.side = newFrame(0, 0, w, h)
	}
	m.syncDiags()
	m.pipeline.diagLines = diagnosticLines(m.pipeline.result.diags, m.diag, m.focus == focusDiags,
		m.diagMaxRows(h), leftW, m.common.Styles)
	l.diagRows = len(m.pipeline.diagLines)
	l.editor = newFrame(0, 0, leftW, max(h-l.diagRows, 3))
	l.diagY = l.editor.h
	m.layout = l
	m.editor.SetSize(l.editor.innerW, l.editor.innerH)
	m.clampScroll()
	m.syncKeys()
}

// previewWidth is the width the card is rendered at: the side pane's, or a
// phone's with the mobile toggle.
func (m *Model) previewWidth() int {
	if m.mobile {
		return min(mobileWidth, m.layout.side.innerW)
	}
	return m.layout.side.innerW
}

// editorStyles colours the editor from the theme. The text keeps the
// terminal's own colour: a style on every row would cost a render per row
// per frame for no gain in legibility.
func editorStyles(s themes.Styles) editor.Styles {
	return editor.Styles{
		Text:             lipgloss.NewStyle(),
		Placeholder:      s.Placeholder,
		LineNumber:       s.Muted,
		CursorLineNumber: s.Text,
	}
}
