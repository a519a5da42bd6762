package compose

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// card is one source file under testdata/cards: one card per element type,
// shared with the preview engineer's rendered goldens.
type card struct {
	name, source string
}

func loadCards(t *testing.T) []card {
	t.Helper()
	paths, err := filepath.Glob("testdata/cards/*.md")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cards under testdata/cards: %v", err)
	}
	cards := make([]card, 0, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		cards = append(cards, card{strings.TrimSuffix(filepath.Base(p), ".md"), string(data)})
	}
	return cards
}

func parseClean(t *testing.T, src string) Content {
	t.Helper()
	c, diags := Parse(src)
	if HasErrors(diags) {
		t.Fatalf("Parse reported errors:\n%s", FormatDiagnostics("card", diags))
	}
	return c
}

// TestCardPayloadGoldens compares the wire JSON of every card under
// testdata/cards with testdata/TestCardPayloadGoldens/<card>.golden
// (go test ./compose -update rewrites them).
func TestCardPayloadGoldens(t *testing.T) {
	for _, cd := range loadCards(t) {
		t.Run(cd.name, func(t *testing.T) {
			c := parseClean(t, cd.source)
			got, err := c.IndentedJSON()
			if err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, append(got, '\n'))
		})
	}
}

// TestCardRoundTrips checks, for every element type, that source -> model ->
// source -> model and model -> JSON -> model are identities, and that Format
// uses the shorthand (not the JSON escape hatch) for elements that have one.
func TestCardRoundTrips(t *testing.T) {
	for _, cd := range loadCards(t) {
		t.Run(cd.name, func(t *testing.T) {
			c := parseClean(t, cd.source)
			formatted := Format(c)
			again, _ := Parse(formatted)
			if !reflect.DeepEqual(again, c) {
				t.Fatalf("Parse(Format(c)) != c\nformatted:\n%s", formatted)
			}
			raw, err := c.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			fromJSON, err := ParseJSON(raw)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(fromJSON, c) {
				t.Fatalf("ParseJSON(MarshalJSON(c)) != c\njson: %s", raw)
			}
			jsonOnly := cd.name == "page" || cd.name == "unknown"
			if usesEscape := strings.Contains(formatted, "```json") || strings.Contains(formatted, "```content"); usesEscape != jsonOnly {
				t.Errorf("Format used the JSON escape hatch = %v, want %v:\n%s", usesEscape, jsonOnly, formatted)
			}
		})
	}
}

// TestCardsCoverEveryElementType keeps the card set honest: every element
// type of facts.md §1.3 appears in some card.
func TestCardsCoverEveryElementType(t *testing.T) {
	seen := map[string]bool{}
	var walk func([]Element)
	walk = func(els []Element) {
		for _, el := range els {
			seen[el.ElementType()] = true
			if s, ok := el.(Section); ok {
				walk(s.Sections)
			}
		}
	}
	for _, cd := range loadCards(t) {
		c, _ := Parse(cd.source)
		walk(c.Body)
	}
	for typ := range elementDecoders {
		if !seen[typ] {
			t.Errorf("no card under testdata/cards uses element type %q", typ)
		}
	}
}
