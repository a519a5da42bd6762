package commontest

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// Golden compares a screen's view with testdata/<test name>.golden through
// x/exp/golden: `go test ./ui/... -update` rewrites the files, and a failure
// prints a diff with escape codes shown quoted. Escape codes are kept, so the
// golden of a coloured theme pins its colours, not only its text. They are
// the same on any machine: lipgloss v2 styles write colours as given and only
// a program's output downsamples them to the terminal, so a view never
// depends on the colour profile of the terminal (or CI) running the test.
// Trailing blanks are trimmed from each line.
func Golden(t *testing.T, view string) {
	t.Helper()
	golden.RequireEqual(t, trimLines(view))
}

func trimLines(view string) string {
	lines := strings.Split(view, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
