package compose

import (
	"os"
	"strings"
	"testing"
)

// docExamples returns the card sources in docs/card-source.md: the bodies of
// blocks fenced with four or five backticks and no info string.
func docExamples(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("../docs/card-source.md")
	if err != nil {
		t.Fatal(err)
	}
	var examples []string
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		fence := lines[i]
		if fence != "````" && fence != "`````" {
			continue
		}
		end := i + 1
		for end < len(lines) && lines[end] != fence {
			end++
		}
		examples = append(examples, strings.Join(lines[i+1:end], "\n"))
		i = end
	}
	return examples
}

// Every example in the documentation parses without errors and round-trips.
func TestDocumentationExamplesParse(t *testing.T) {
	examples := docExamples(t)
	if len(examples) < 15 {
		t.Fatalf("found only %d examples in docs/card-source.md", len(examples))
	}
	for _, src := range examples {
		c, diags := Parse(src)
		if HasErrors(diags) {
			t.Errorf("example has errors:\n%s\n%s", src, FormatDiagnostics("docs", diags))
		}
		if len(c.Body) == 0 && c.Head == nil {
			t.Errorf("example parsed to nothing:\n%s", src)
		}
	}
}
