package compose

import (
	"os/exec"
	"strings"
	"testing"
)

// compose is on the keystroke-to-preview path and shared with history: it
// must not pull in the UI stack or a Markdown library.
func TestComposeStaysFreeOfUIAndMarkdownLibraries(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"bubbletea", "lipgloss", "glamour", "goldmark", "bubbles"} {
			if strings.Contains(dep, banned) {
				t.Errorf("compose depends on %s", dep)
			}
		}
	}
}
