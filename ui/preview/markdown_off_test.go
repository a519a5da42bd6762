package preview

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/themes"
)

// A card built with markdown off is drawn as Zoom shows it: the characters
// the author typed, line by line, never Markdown rendered or the Zoom dialect
// it would have been converted to; and its head style applies.
func TestMarkdownOffCardIsDrawnAsWritten(t *testing.T) {
	src := "---\nhead: Release **1.4**\nhead_style: #8338EC bold\n---\n# Notes\nThe release is **out**.\nRead the [notes](https://example.com/notes) \\*now\\*.\n"
	card, content, diags := compose.BuildAs(src, compose.MarkdownOff)
	if compose.HasErrors(diags) || card.Markdown {
		t.Fatalf("built with markdown %v:\n%s", card.Markdown, compose.FormatDiagnostics("card", diags))
	}
	r := New(themes.Default(true))
	out := r.RenderPayload(content, card.Markdown, 80)
	plain := ansi.Strip(out)
	for _, want := range []string{"Release **1.4**", "# Notes", "The release is **out**.", `Read the [notes](https://example.com/notes) \*now\*.`} {
		if !strings.Contains(plain, want) {
			t.Errorf("%q is not drawn as written:\n%s", want, plain)
		}
	}
	for _, converted := range []string{"*out*.", "<https://example.com/notes|notes>"} {
		if strings.Contains(strings.ReplaceAll(plain, "**out**", ""), converted) {
			t.Errorf("the Zoom dialect %q is drawn:\n%s", converted, plain)
		}
	}
	if !strings.Contains(out, "\x1b[1;38;2;131;56;236m") { // #8338EC, bold: the style applies with markdown off
		t.Errorf("the head's style is not drawn: %q", out)
	}
}

// A ```message no-markdown block in a card whose markdown is on is sent with
// its own is_markdown_support false: the preview draws it as typed, as its
// author asked (compose warns that Zoom may ignore the element's flag),
// while the rest of the card is drawn in Zoom's dialect.
func TestNoMarkdownMessageIsDrawnAsTyped(t *testing.T) {
	src := "Deploy **done**\n\n```message no-markdown\nkeep *these* _marks_\n```\n"
	card, content, diags := compose.Build(src)
	if compose.HasErrors(diags) || !card.Markdown {
		t.Fatalf("built with markdown %v:\n%s", card.Markdown, compose.FormatDiagnostics("card", diags))
	}
	if len(diags) != 1 || diags[0].Line != 3 || !strings.Contains(diags[0].Message, "turns markdown off for itself") {
		t.Errorf("diagnostics:\n%s\nwant one warning at 3:1 that Zoom may ignore the element's flag", compose.FormatDiagnostics("card", diags))
	}
	plain := ansi.Strip(New(themes.Default(true)).RenderPayload(content, card.Markdown, 80))
	if !strings.Contains(plain, "keep *these* _marks_") {
		t.Errorf("the no-markdown message is not drawn as typed:\n%s", plain)
	}
	if !strings.Contains(plain, "Deploy done") {
		t.Errorf("the card's markdown is not drawn:\n%s", plain)
	}
}
