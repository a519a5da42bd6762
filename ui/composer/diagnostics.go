package composer

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/themes"
)

// diagnosticLines draws the list under the editor: one problem a row as
// "✖ line:col message", at most rows rows, the last saying how many more
// there are; a single "no problems" row when the card is clean. Every row is
// exactly width cells.
func diagnosticLines(ds []compose.Diagnostic, rows, width int, st themes.Styles) []string {
	if len(ds) == 0 {
		return []string{fit(st.OK.Render(" ✓ No problems"), width)}
	}
	shown := ds
	var more string
	if len(ds) > rows {
		shown = ds[:rows-1]
		more = " +" + strconv.Itoa(len(ds)-len(shown)) + " more"
	}
	lines := make([]string, 0, rows)
	for _, d := range shown {
		lines = append(lines, fit(diagnosticRow(d, width, st), width))
	}
	if more != "" {
		lines = append(lines, fit(st.Muted.Render(more), width))
	}
	return lines
}

func diagnosticRow(d compose.Diagnostic, width int, st themes.Styles) string {
	mark, style := " ⚠ ", st.Warn
	if d.Severity == compose.Error {
		mark, style = " ✖ ", st.Error
	}
	where := d.Path
	if d.Line > 0 {
		where = strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Col)
	}
	text := mark + where + " " + strings.ReplaceAll(d.Message, "\n", " ")
	return style.Render(ansi.Truncate(text, width, "…"))
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
