package preview

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/glamour/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/themes/glamourstyle"
)

const (
	benchWidth      = 80
	benchParagraphs = 17 // makes the source about 4 KB
)

// benchParagraph is paragraph i of the benchmark card: a few sentences of
// release-note prose with the inline Markdown authors use.
func benchParagraph(i int, edit string) string {
	return fmt.Sprintf("**Change %d%s.** The billing service now retries _failed_ webhooks with "+
		"backoff, and `zoompose send` reports the message id. See [the runbook](https://example.com/runbook/%d) "+
		"for the rollout plan; ~~old flags~~ are gone.", i, edit, i)
}

// benchSource is a card source of about 4 KB: a head, fourteen paragraphs,
// fields, buttons and a section. edit is appended to paragraph 7, so a
// benchmark can change exactly one paragraph.
func benchSource(edit string) string {
	var b strings.Builder
	b.WriteString("---\nhead: Release 4.2\nsub_head: What changed this week\n---\n\n")
	for i := 1; i <= benchParagraphs; i++ {
		e := ""
		if i == 7 {
			e = edit
		}
		b.WriteString(benchParagraph(i, e) + "\n\n")
	}
	b.WriteString("```fields\nService: billing-api {short}\nRegion: us-east-1 {short}\nOwner: payments team\n```\n\n")
	b.WriteString("```actions limit=3\n- [Approve](approve) primary\n- [Reject](reject) danger\n- [Snooze](snooze)\n- [Escalate](escalate)\n```\n\n")
	b.WriteString("```section #F56416 footer=\"Deployed by CI\"\nAll checks passed on the canary.\n```\n")
	return b.String()
}

func parseBench(b *testing.B, src string) compose.Content {
	c, diags := compose.Parse(src)
	if compose.HasErrors(diags) {
		b.Fatalf("benchmark card does not parse: %v", diags)
	}
	return c
}

// BenchmarkPreviewFull4KB draws the whole 4 KB card with a cold cache: every
// block is drawn.
func BenchmarkPreviewFull4KB(b *testing.B) {
	card := parseBench(b, benchSource(""))
	b.SetBytes(int64(len(benchSource(""))))
	for b.Loop() {
		New(themes.Default(true)).Render(card, benchWidth)
	}
}

// BenchmarkPreviewEdit is the editor's path after a keystroke in one
// paragraph: parse the whole source, then render with a warm cache, so only
// the edited paragraph is drawn again. Each iteration makes a new edit.
func BenchmarkPreviewEdit(b *testing.B) {
	r := New(themes.Default(true))
	r.Render(parseBench(b, benchSource("")), benchWidth)
	n := 0
	for b.Loop() {
		n++
		card, _ := compose.Parse(benchSource(" edit " + fmt.Sprint(n)))
		r.Render(card, benchWidth)
	}
}

// BenchmarkGlamourFull4KB is the stock baseline: glamour.Render of the card's
// Markdown text, all of it, as a composer without a block cache would.
func BenchmarkGlamourFull4KB(b *testing.B) {
	src := benchSource("")
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := glamour.Render(src, "dark"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParagraph is one paragraph's cost: glamour with a TermRenderer
// built for the render (the stock baseline, and what the preview did before
// it drew the payload's Zoom dialect itself) against the preview's own
// drawing of the same paragraph as it is in the payload.
func BenchmarkParagraph(b *testing.B) {
	style := glamourstyle.For(themes.Default(true))
	zoom := compose.MarkdownToZoom(benchParagraph(1, ""))
	md := compose.ZoomToMarkdown(zoom)
	b.Run("glamour", func(b *testing.B) {
		for b.Loop() {
			tr, _ := glamour.NewTermRenderer(glamour.WithStyles(style), glamour.WithWordWrap(benchWidth-4))
			if _, err := tr.Render(md); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("preview", func(b *testing.B) {
		r := New(themes.Default(true))
		for b.Loop() {
			r.text(zoom, r.styles.Text, benchWidth-4, dialect)
		}
	})
}
