package compose

import (
	"os"
	"strings"
	"testing"
)

// card4KB builds a realistic ~4 KB card: front matter, Markdown paragraphs and
// one of each classic block, repeated.
func card4KB(tb testing.TB) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString("---\nhead: Weekly **release** notes\nsub_head: Week 48, all _teams_\n---\n\n")
	for _, name := range []string{"message", "fields", "actions", "select", "attachments", "section", "divider"} {
		data, err := os.ReadFile("testdata/cards/" + name + ".md")
		if err != nil {
			tb.Fatal(err)
		}
		b.WriteString(strings.TrimPrefix(string(data), "---\nhead: Release 2.4 is out\n---\n"))
		b.WriteString("\n")
	}
	for b.Len() < 4096 {
		b.WriteString("The **deploy** of `api` finished in _4 minutes_; see [the dashboard](https://example.com/d) for ~~old~~ new numbers.\n\n")
	}
	return b.String()
}

func BenchmarkParse4KB(b *testing.B) {
	src := card4KB(b)
	if _, diags := Parse(src); HasErrors(diags) {
		b.Fatalf("benchmark card has errors:\n%s", FormatDiagnostics("card", diags))
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(src)
	}
}

func BenchmarkFormat4KB(b *testing.B) {
	c, _ := Parse(card4KB(b))
	b.ReportAllocs()
	for b.Loop() {
		Format(c)
	}
}

func BenchmarkMarshal4KB(b *testing.B) {
	c, _ := Parse(card4KB(b))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestParse4KBIsFast guards the keystroke-to-preview budget (200 µs) with a
// wide margin for a loaded 2-core machine; the benchmark gives the figure.
func TestParse4KBIsFast(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing is meaningless under -short or -race")
	}
	src := card4KB(t)
	res := testing.Benchmark(func(b *testing.B) {
		for b.Loop() {
			Parse(src)
		}
	})
	if per := res.NsPerOp(); per > 1_000_000 {
		t.Errorf("Parse of a 4 KB card took %d µs, budget is 200 µs", per/1000)
	}
}
