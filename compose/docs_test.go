package compose

import (
	"testing"

	"github.com/zoompose/zoompose/compose/composetest"
)

// docExamples returns the card sources in docs/card-source.md (see
// composetest.DocExamples).
func docExamples(t *testing.T) []string {
	t.Helper()
	examples, err := composetest.DocExamples("../docs/card-source.md")
	if err != nil {
		t.Fatal(err)
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
