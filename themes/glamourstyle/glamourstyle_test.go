package glamourstyle

import (
	"strings"
	"testing"

	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"

	"github.com/zoompose/zoompose/themes"
)

const sampleMarkdown = "# Title\n\nSome **bold**, _italic_, ~~gone~~ and `code`.\n\n> quoted\n\n- one\n- two\n\n```\nblock\n```\n"

func TestEveryThemesStyleRenders(t *testing.T) {
	for _, name := range themes.Names() {
		t.Run(name, func(t *testing.T) {
			th, _ := themes.Get(name)
			tr, err := glamour.NewTermRenderer(glamour.WithStyles(For(th)), glamour.WithWordWrap(40))
			if err != nil {
				t.Fatalf("glamour rejected the theme's style: %v", err)
			}
			out, err := tr.Render(sampleMarkdown)
			if err != nil {
				t.Fatalf("glamour render: %v", err)
			}
			for _, word := range []string{"Title", "bold", "italic", "quoted", "block"} {
				if !strings.Contains(out, word) {
					t.Errorf("glamour output lacks %q:\n%s", word, out)
				}
			}
			for _, line := range strings.Split(out, "\n") {
				if w := lipgloss.Width(line); w > 40 {
					t.Errorf("glamour line is %d columns wide at wrap 40 (margin should be 0): %q", w, line)
				}
			}
		})
	}
}

func TestNoColorStyleEmitsNoEscape(t *testing.T) {
	th := themes.NoColor()
	tr, err := glamour.NewTermRenderer(glamour.WithStyles(For(th)), glamour.WithWordWrap(40))
	if err != nil {
		t.Fatal(err)
	}
	out, err := tr.Render(sampleMarkdown)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(out, '\x1b') {
		t.Errorf("NoColor glamour output has an escape:\n%q", out)
	}
	if !strings.Contains(out, "**bold**") || !strings.Contains(out, "`code`") {
		t.Errorf("NoColor glamour output should keep emphasis visible as markers:\n%s", out)
	}
}
