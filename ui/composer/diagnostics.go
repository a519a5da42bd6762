package composer

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/termtext"
)

// diagnosticLines draws the list under the editor in at most maxRows rows,
// each exactly width cells: a single "no problems" row when the card is
// clean; otherwise one row a problem as "✖ line:col message" (compact, a
// long message cut with a hint of the key that shows it whole), or every
// message wrapped whole (expanded). When the problems need more rows than
// there are, a window of them is shown that holds the selected one, and the
// last row says how many are above and below it.
func diagnosticLines(ds []compose.Diagnostic, list diagList, focused bool, maxRows, width int, st themes.Styles) []string {
	if len(ds) == 0 {
		return []string{fit(st.OK.Render(" ✓ No problems"), width)}
	}
	maxRows = max(maxRows, 1)
	blocks := make([][]string, len(ds))
	total := 0
	for i, d := range ds {
		blocks[i] = diagnosticBlock(d, list.expanded, focused && i == list.selected, width, st)
		total += len(blocks[i])
	}
	if total <= maxRows {
		return fitAll(blocks, width)
	}
	first, last := diagWindow(blocks, list.selected, maxRows-1)
	lines := fitAll(blocks[first:last], width)
	lines = lines[:min(len(lines), maxRows-1)] // a selected problem taller than the list
	more := diagMore(first, len(ds)-last, list, focused)
	return append(lines, fit(st.Muted.Render(more), width))
}

// diagWindow is the run of problems [first, last) shown in rows rows: as
// many before the selected one as fit with it, then as many after.
func diagWindow(blocks [][]string, selected, rows int) (first, last int) {
	first, used := selected, len(blocks[selected])
	for first > 0 && used+len(blocks[first-1]) <= rows {
		first--
		used += len(blocks[first])
	}
	for last = selected + 1; last < len(blocks) && used+len(blocks[last]) <= rows; last++ {
		used += len(blocks[last])
	}
	return first, last
}

// diagMore is the last row of a list that does not show every problem: how
// many are above and below, and the key that helps next.
func diagMore(above, below int, list diagList, focused bool) string {
	var parts []string
	if above > 0 {
		parts = append(parts, "↑ "+strconv.Itoa(above)+" above")
	}
	if below > 0 {
		parts = append(parts, "+"+strconv.Itoa(below)+" more")
	}
	hint := "ctrl+d: go through them"
	switch {
	case focused && !list.expanded:
		hint = "alt+e: read them whole"
	case focused:
		hint = "↑/↓ pick, enter: go to the line"
	}
	return " " + strings.Join(parts, " · ") + " · " + hint
}

// diagnosticBlock is one problem's rows: one cut row with a hint when it is
// too long (compact), or its message wrapped under itself (expanded).
// Messages quote the card's text: shown, never interpreted.
func diagnosticBlock(d compose.Diagnostic, expanded, selected bool, width int, st themes.Styles) []string {
	mark, style := " ⚠ ", st.Warn
	if d.Severity == compose.Error {
		mark, style = " ✖ ", st.Error
	}
	if selected {
		mark, style = "›"+mark[1:], st.Selected
	}
	where := d.Path
	if d.Line > 0 {
		where = strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Col)
	}
	head := mark + termtext.Line(where) + " "
	text := termtext.Line(d.Message)
	if !expanded {
		if ansi.StringWidth(head+text) <= width {
			return []string{style.Render(head + text)}
		}
		const more = " alt+e"
		cut := ansi.Truncate(head+text, max(width-len(more)-1, 0), "") + "…"
		return []string{style.Render(cut) + st.Muted.Render(more)}
	}
	indent := ansi.StringWidth(head)
	if width-indent < 20 { // too narrow to hang the text under its head
		indent = 3
	}
	wrapped := strings.Split(ansi.Wrap(text, max(width-indent, 1), ""), "\n")
	rows := make([]string, 0, len(wrapped))
	if ansi.StringWidth(head)+ansi.StringWidth(wrapped[0]) > width {
		rows = append(rows, style.Render(head))
	} else {
		rows = append(rows, style.Render(head+wrapped[0]))
		wrapped = wrapped[1:]
	}
	for _, w := range wrapped {
		rows = append(rows, style.Render(spaces(indent)+w))
	}
	return rows
}

// fitAll is the blocks' rows, each fitted to width.
func fitAll(blocks [][]string, width int) []string {
	var lines []string
	for _, b := range blocks {
		for _, l := range b {
			lines = append(lines, fit(l, width))
		}
	}
	return lines
}

// firstError returns the first error diagnostic and how many there are.
func firstError(ds []compose.Diagnostic) (compose.Diagnostic, int) {
	var first compose.Diagnostic
	n := 0
	for _, d := range ds {
		if d.Severity != compose.Error {
			continue
		}
		if n == 0 {
			first = d
		}
		n++
	}
	return first, n
}
