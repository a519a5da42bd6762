package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The domain packages stay free of the UI, and of each other except where
// data flows (DESIGN.md, "Layout and direction of imports"): a package that
// starts importing what it must not fails here, not in review.
func TestLayering(t *testing.T) {
	const mod = "github.com/zoompose/zoompose/"
	forbidden := map[string][]string{
		"zoom":          {"charm.land/", mod + "ui", mod + "compose", mod + "history", mod + "themes"},
		"zoom/zoomtest": {"charm.land/", mod + "ui", mod + "compose", mod + "history", mod + "themes"},
		"compose":       {"charm.land/", mod + "ui", mod + "zoom", mod + "history", mod + "themes"},
		"history":       {"charm.land/", mod + "ui", mod + "zoom", mod + "themes"},
		"themes":        {"charm.land/bubbletea", "charm.land/bubbles", mod + "ui", mod + "zoom", mod + "history", mod + "compose"},
		"ops":           {"charm.land/", mod + "ui"},
	}
	for pkg, banned := range forbidden {
		out, err := exec.Command("go", "list", "-deps", "./"+pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps ./%s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, b := range banned {
				if strings.HasPrefix(dep, b) {
					t.Errorf("%s imports %s", pkg, dep)
				}
			}
		}
	}
}
