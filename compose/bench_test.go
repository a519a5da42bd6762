package compose

import (
	"encoding/json"
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

// BenchmarkParse4KB is the parse on the keystroke-to-preview path (budget
// 200 µs, docs/performance.md). The baseline beside it decodes the same
// card's payload JSON with encoding/json into any: the stock parser of
// about as many bytes of structure.
func BenchmarkParse4KB(b *testing.B) {
	src := card4KB(b)
	c, diags := Parse(src)
	if HasErrors(diags) {
		b.Fatalf("benchmark card has errors:\n%s", FormatDiagnostics("card", diags))
	}
	payload, err := c.MarshalJSON()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("baseline-json-decode", func(b *testing.B) {
		b.SetBytes(int64(len(payload)))
		b.ReportAllocs()
		for b.Loop() {
			var v any
			if err := json.Unmarshal(payload, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parse", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			Parse(src)
		}
	})
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

// BenchmarkRefuseNested4000 is issue 10's 4,000 section blocks, each inside
// the previous one (it took 18 s and built 160 MB of JSON), as card source
// and as a content JSON file. Budget: an answer within 100 ms. The baselines
// beside it build the ordinary 4 KB card and, for each input, a valid flat
// card of at least the same size in the same form: what a card that big
// costs when nothing is wrong with it.
func BenchmarkRefuseNested4000(b *testing.B) {
	b.Run("baseline-4KB", benchBuild4KB)
	for _, in := range []struct{ name, file, data string }{
		{"source", "card.md", nestedSections(4000)},
		{"json", "card.json", nestedSectionsJSON(4000)},
	} {
		same := []byte(bigCard(len(in.data)))
		if in.file == "card.json" {
			same = validJSONOfSize(b, len(in.data))
		}
		b.Run("baseline-valid-same-size-"+in.name, func(b *testing.B) { benchBuild(b, in.file, same) })
		b.Run(in.name, func(b *testing.B) { benchRefuse(b, in.file, []byte(in.data)) })
	}
}

// validJSONOfSize is the content JSON of a valid flat card (bigCard), at
// least n bytes long.
func validJSONOfSize(tb testing.TB, n int) []byte {
	tb.Helper()
	for size := n / 2; ; size += 4 << 10 {
		c, diags := Parse(bigCard(size))
		if HasErrors(diags) {
			tb.Fatalf("bigCard(%d) has errors:\n%s", size, FormatDiagnostics("card", diags))
		}
		data, err := c.MarshalJSON()
		if err != nil {
			tb.Fatal(err)
		}
		if len(data) >= n {
			return data
		}
	}
}

// BenchmarkRefuse10MB is a 10 MB card (it was posted, and Zoom answered 400),
// as card source and as a content JSON file. Budget: 100 ms. The baseline
// beside it builds the ordinary 4 KB card.
func BenchmarkRefuse10MB(b *testing.B) {
	b.Run("baseline-4KB", benchBuild4KB)
	for _, in := range []struct{ name, file, data string }{
		{"source", "card.md", bigCard(10 << 20)},
		{"json", "card.json", `{"head":{"text":"` + strings.Repeat("a", 10<<20) + `"}}`},
	} {
		b.Run(in.name, func(b *testing.B) { benchRefuse(b, in.file, []byte(in.data)) })
	}
}

// BenchmarkRefuseAtCap is the worst card that is parsed before it is refused:
// just under MaxInputBytes of source, whose content JSON is over
// MaxContentBytes.
func BenchmarkRefuseAtCap(b *testing.B) {
	benchRefuse(b, "card.md", []byte(bigCard(MaxInputBytes-200)))
}

func benchRefuse(b *testing.B, file string, data []byte) {
	if _, _, diags := BuildFile(file, data); !HasErrors(diags) {
		b.Fatalf("%s is not refused", file)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		BuildFile(file, data)
	}
}

func benchBuild4KB(b *testing.B) { benchBuild(b, "card.md", []byte(card4KB(b))) }

// benchBuild builds a card that must be valid.
func benchBuild(b *testing.B, file string, data []byte) {
	if _, _, diags := BuildFile(file, data); HasErrors(diags) {
		b.Fatalf("the %d-byte %s is refused:\n%s", len(data), file, FormatDiagnostics("card", diags))
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		BuildFile(file, data)
	}
}

// BenchmarkMarkdownToZoom converts 4 KB of message Markdown (the filler
// paragraph of card4KB, a heading, a list, links, code): the converter on its
// own, without the parser around it.
func BenchmarkMarkdownToZoom(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("## Release notes\n- **api**: `v2.4` is out, see <https://example.com/api>\n- _web_: ~~beta~~ stable\n")
	for sb.Len() < 4096 {
		sb.WriteString("The **deploy** of `api` finished in _4 minutes_; see [the dashboard](https://example.com/d) for ~~old~~ new numbers.\n")
	}
	md := sb.String()
	b.SetBytes(int64(len(md)))
	b.ReportAllocs()
	for b.Loop() {
		MarkdownToZoom(md)
	}
}
