package preview

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// wrap breaks text into lines of at most w columns, at spaces where it can
// and inside a word where it must (long URLs).
func wrap(text string, w int) string {
	if w < 1 {
		w = 1
	}
	return ansi.Wrap(text, w, "")
}

// paint wraps text at w and styles it line by line, without padding the
// lines to w.
func paint(s lipgloss.Style, text string, w int) string {
	return s.Render(wrap(text, w))
}

// truncate cuts one line of text to w columns, marking the cut with "…".
func truncate(text string, w int) string {
	if w < 1 {
		return ""
	}
	return ansi.Truncate(text, w, "…")
}

// boxed draws content inside s (a style with a border) exactly outer
// columns wide; content is wrapped to what fits inside.
func boxed(s lipgloss.Style, content string, outer int) string {
	inner := outer - s.GetHorizontalFrameSize()
	if inner < 1 {
		// Too narrow for the frame: the content alone still says what it is.
		return wrap(content, outer)
	}
	return s.Width(outer).Render(wrap(content, inner))
}

// fitted draws a one-line label inside s, as narrow as the label allows but
// never wider than max columns (the label is truncated to fit, and line
// breaks in it become spaces).
func fitted(s lipgloss.Style, label string, max int) string {
	label = strings.ReplaceAll(label, "\n", " ")
	frame := s.GetHorizontalFrameSize()
	if max-frame < 1 {
		return truncate(label, max)
	}
	return s.Render(truncate(label, max-frame))
}

// flow lays out blocks left to right with a one-column gap, starting a new
// row when the next block would pass w. Blocks are multi-line strings of
// equal height (buttons).
func flow(blocks []string, w int) string {
	var rows []string
	var row []string
	used := 0
	for _, b := range blocks {
		bw := lipgloss.Width(b)
		if len(row) > 0 && used+1+bw > w {
			rows = append(rows, joinRow(row))
			row, used = nil, 0
		}
		if len(row) > 0 {
			used++
		}
		row = append(row, b)
		used += bw
	}
	if len(row) > 0 {
		rows = append(rows, joinRow(row))
	}
	return strings.Join(rows, "\n")
}

func joinRow(blocks []string) string {
	spaced := make([]string, 0, 2*len(blocks))
	for i, b := range blocks {
		if i > 0 {
			spaced = append(spaced, " ")
		}
		spaced = append(spaced, b)
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, spaced...)
}

// columns places two blocks side by side, each in a column of colW, with a
// gap of two spaces.
func columns(left, right string, colW int) string {
	l := lipgloss.NewStyle().Width(colW).Render(left)
	return lipgloss.JoinHorizontal(lipgloss.Top, l, "  ", right)
}

// prefixLines puts prefix (already styled) before every line of block.
func prefixLines(prefix, block string) string {
	lines := strings.Split(block, "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}

// clampLines guarantees the renderer's promise: no line is wider than w.
func clampLines(block string, w int) string {
	lines := strings.Split(block, "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}
