package preview

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/themes"
)

// loadCards reads every card of testdata/cards, keyed by file name without
// ".json". Each holds one element type (or one facet of the head).
func loadCards(t testing.TB) map[string]compose.Content {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "cards", "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test cards in testdata/cards (%v)", err)
	}
	cards := make(map[string]compose.Content, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var c compose.Content
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		cards[strings.TrimSuffix(filepath.Base(p), ".json")] = c
	}
	return cards
}

// TestGolden draws every test card in the dark and the plain theme at 40 and
// 80 columns and compares it, colours and all, with
// testdata/TestGolden/<card>_<theme>_<width>.golden (go test -update rewrites).
func TestGolden(t *testing.T) {
	cards := loadCards(t)
	for _, th := range []themes.Theme{themes.Default(true), themes.NoColor()} {
		r := New(th)
		for name, card := range cards {
			for _, width := range []int{40, 80} {
				t.Run(name+"_"+th.Name+"_"+itoa(width), func(t *testing.T) {
					golden.RequireEqual(t, r.Render(card, width))
				})
			}
		}
	}
}

// TestNoLineWiderThanWidth renders every card at widths around the frame
// threshold and the usual pane sizes. Layout does not depend on colours, so
// one coloured theme and the plain one cover it.
func TestNoLineWiderThanWidth(t *testing.T) {
	cards := loadCards(t)
	widths := []int{1, 2, 5, 10, 16, 19, 20, 21, 24, 33, 40, 57, 80, 121}
	for _, th := range []themes.Theme{themes.Default(true), themes.NoColor()} {
		name := th.Name
		r := New(th)
		for cardName, card := range cards {
			for _, w := range widths {
				out := r.Render(card, w)
				for i, line := range strings.Split(out, "\n") {
					if lw := ansi.StringWidth(line); lw > w {
						t.Errorf("%s/%s at width %d: line %d is %d wide: %q", name, cardName, w, i+1, lw, line)
					}
				}
			}
		}
	}
}

func TestNoColorHasNoEscape(t *testing.T) {
	r := New(themes.NoColor())
	for name, card := range loadCards(t) {
		for _, w := range []int{20, 40, 80} {
			if out := r.Render(card, w); strings.ContainsRune(out, '\x1b') {
				t.Errorf("%s at %d: NO_COLOR output has an escape byte:\n%q", name, w, out)
			}
		}
	}
}
