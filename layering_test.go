package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The domain packages stay free of the UI, and of each other except where
// data flows (DESIGN.md, "Layout and direction of imports"): a package that
// starts importing what it must not fails here, not in review. This is the
// one layering test; add a row rather than a test beside a package.
func TestLayering(t *testing.T) {
	const mod = "github.com/zoompose/zoompose/"
	// The terminal UI stack, under its v2 (charm.land) and v1 import paths,
	// and our screens.
	ui := []string{
		"charm.land/", mod + "ui",
		"github.com/charmbracelet/bubbletea", "github.com/charmbracelet/bubbles",
		"github.com/charmbracelet/lipgloss", "github.com/charmbracelet/glamour",
	}
	// Markdown libraries: compose converts Markdown itself, on the
	// keystroke-to-preview path.
	markdown := []string{"github.com/yuin/goldmark", "github.com/gomarkdown/", "github.com/russross/blackfriday"}
	ours := func(pkgs ...string) []string {
		out := make([]string, len(pkgs))
		for i, p := range pkgs {
			out[i] = mod + p
		}
		return out
	}
	join := func(lists ...[]string) []string {
		var out []string
		for _, l := range lists {
			out = append(out, l...)
		}
		return out
	}
	tests := []struct {
		pkg    string
		banned []string
		why    string
	}{
		{"zoom", join(ui, ours("compose", "history", "themes", "ops")), "the API client knows only the JSON it sends"},
		{"zoom/zoomtest", join(ui, ours("compose", "history", "themes", "ops")), "the simulator behaves like Zoom, not like us"},
		{"compose", join(ui, markdown, ours("zoom", "history", "themes", "ops")), "compose is on the keystroke path and shared with history"},
		{"history", join(ui, ours("zoom", "themes", "ops")), "history may import compose, nothing that draws"},
		{"themes", join(ours("ui", "zoom", "history", "compose", "ops"), []string{
			"charm.land/bubbletea", "charm.land/bubbles", "github.com/charmbracelet/bubbletea", "github.com/charmbracelet/bubbles",
		}), "palettes and the lipgloss and glamour styles built from them, no program"},
		{"ops", ui, "the application layer serves the TUI and the CLI alike"},
	}
	for _, tc := range tests {
		t.Run(tc.pkg, func(t *testing.T) {
			out, err := exec.Command("go", "list", "-deps", "./"+tc.pkg).CombinedOutput()
			if err != nil {
				t.Fatalf("go list -deps ./%s: %v\n%s", tc.pkg, err, out)
			}
			for _, dep := range strings.Fields(string(out)) {
				for _, b := range tc.banned {
					if strings.HasPrefix(dep, b) {
						t.Errorf("%s imports %s (%s)", tc.pkg, dep, tc.why)
					}
				}
			}
		})
	}
}
