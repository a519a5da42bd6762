package preview

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current output")

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

func TestGolden(t *testing.T) {
	cards := loadCards(t)
	for _, th := range []themes.Theme{themes.Default(true), themes.NoColor()} {
		r := New(th)
		for name, card := range cards {
			for _, width := range []int{40, 80} {
				file := filepath.Join("testdata", "golden", name+"_"+th.Name+"_"+itoa(width)+".golden")
				got := r.Render(card, width)
				checkGolden(t, file, got)
			}
		}
	}
}

func checkGolden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%s: %v (run go test ./ui/preview -update to create it)", file, err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the rendering (run with -update if the change is intended)\n--- got ---\n%s\n--- want ---\n%s", file, got, want)
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
