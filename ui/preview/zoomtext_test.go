package preview

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/themes"
)

func TestDialectSpansAreDrawnAsStyles(t *testing.T) {
	r := New(themes.Default(true))
	base := lipgloss.NewStyle()
	tests := []struct {
		in, wantText, wantSGR string
	}{
		{"Deploy *done*", "Deploy done", "\x1b[1mdone"},
		{"_all_ green", "all green", "\x1b[3mall"},
		{"~old~ new", "old new", "\x1b[9mold"},
		{"*bold _both_*", "bold both", "\x1b[1;3mboth"},
		{"see <https://x.io|docs>", "see docs", "77;163;255;4mdocs"},
		{"see <https://x.io>", "see https://x.io", "4mhttps://x.io"},
		{"run `make *all*`", "run make *all*", "make"},
		{"snake_case_name", "snake_case_name", ""},
		{"[l](https://x.io) **b**", "[l](https://x.io) **b**", ""}, // CommonMark is not Zoom's: shown as written
		{"a\nb *c*", "a\nb c", "\x1b[1mc"},
		{"a\n\n*b", "a\n\n*b", ""},
	}
	for _, tt := range tests {
		out := r.text(tt.in, base, 40, dialect)
		if got := ansi.Strip(out); got != tt.wantText {
			t.Errorf("text(%q) shows %q, want %q", tt.in, got, tt.wantText)
		}
		if !strings.Contains(out, tt.wantSGR) {
			t.Errorf("text(%q) = %q, want it to contain %q", tt.in, out, tt.wantSGR)
		}
	}
}

func TestLiteralTextKeepsEveryCharacter(t *testing.T) {
	for _, th := range []themes.Theme{themes.Default(true), themes.NoColor()} {
		r := New(th)
		for _, in := range []string{"Deploy *done* _now_ ~x~ `y` <https://x.io|z>", "[l](https://x.io)", "a\nb"} {
			if got := ansi.Strip(r.text(in, lipgloss.NewStyle(), 80, literal)); got != in {
				t.Errorf("%s: literal text(%q) shows %q", th.Name, in, got)
			}
		}
	}
	// Plain themes have no styles: Zoom's markers stay, as the payload has them.
	if got := New(themes.NoColor()).text("Deploy *done*", lipgloss.NewStyle(), 40, dialect); got != "Deploy *done*" {
		t.Errorf("a plain theme shows %q, want the payload's text", got)
	}
}

// Footers get "only the link style" (facts.md §2.1): a link is drawn, any
// other span keeps its markers, also around a link.
func TestFooterDrawsLinksOnly(t *testing.T) {
	r := New(themes.Default(true))
	tests := []struct{ in, want string }{
		{"by <https://x.io|bot> *now*", "by bot *now*"},
		{"_see <https://x.io>_", "_see https://x.io_"},
		{"`<https://x.io|k>`", "`<https://x.io|k>`"},
	}
	for _, tt := range tests {
		out := r.text(tt.in, lipgloss.NewStyle(), 80, linksOnly)
		if got := ansi.Strip(out); got != tt.want {
			t.Errorf("footer %q shows %q, want %q", tt.in, got, tt.want)
		}
		if strings.Contains(out, "\x1b[1m") || strings.Contains(out, "\x1b[3m") {
			t.Errorf("footer %q is drawn with emphasis: %q", tt.in, out)
		}
	}
}

// A fenced block's lines are shown as they are (Zoom documents no code
// blocks), and spans inside it are not formatted.
func TestFencedBlockIsShownAsWritten(t *testing.T) {
	r := New(themes.Default(true))
	in := "before *b*\n```\nx := *p*\n```\nafter"
	if got := ansi.Strip(r.text(in, lipgloss.NewStyle(), 80, dialect)); got != "before b\n```\nx := *p*\n```\nafter" {
		t.Errorf("fenced block shows %q", got)
	}
}

// The example: "a\nb **c**" is sent as "a\nb *c*" and drawn as two
// lines, c in bold; with markdown off the same payload is drawn literally.
func TestLineBreaksOfThePayloadAreKept(t *testing.T) {
	content, diags := compose.Parse("a\nb **c**\n")
	if compose.HasErrors(diags) {
		t.Fatal(diags)
	}
	if msg := content.Body[0].(compose.Message); msg.Text != "a\nb *c*" {
		t.Fatalf("the payload text is %q; this test expects the converter to send a\\nb *c*", msg.Text)
	}
	r := New(themes.Default(true))
	out := r.RenderPayload(content, true, 40)
	lines := strings.Split(ansi.Strip(out), "\n")
	if len(lines) != 4 || strings.TrimSpace(strings.Trim(lines[1], "│")) != "a" || strings.TrimSpace(strings.Trim(lines[2], "│")) != "b c" {
		t.Errorf("markdown on: want the lines a / b c, got:\n%s", ansi.Strip(out))
	}
	if !strings.Contains(out, "\x1b[1;38;2;228;230;235mc") {
		t.Errorf("markdown on: c is not bold: %q", out)
	}
	off := ansi.Strip(r.RenderPayload(content, false, 40))
	if !strings.Contains(off, "b *c*") {
		t.Errorf("markdown off: want the stars shown:\n%s", off)
	}
}

// With markdown on Zoom ignores style (facts.md §2.1): the preview does not
// draw it. With markdown off it does.
func TestStyleAppliesOnlyWithMarkdownOff(t *testing.T) {
	card := compose.Content{
		Head: &compose.Head{Text: "Head", Style: &compose.Style{Color: "#8338EC", Italic: true}},
		Body: []compose.Element{compose.Message{Text: "Body", Style: &compose.Style{Color: "#0099FF"}}},
	}
	r := New(themes.Default(true))
	purple, blue := "38;2;131;56;236", "38;2;0;153;255"
	off := r.RenderPayload(card, false, 40)
	if !strings.Contains(off, purple) || !strings.Contains(off, blue) {
		t.Errorf("markdown off: the styles' colours are missing: %q", off)
	}
	on := r.RenderPayload(card, true, 40)
	if strings.Contains(on, purple) || strings.Contains(on, blue) || strings.Contains(on, "3mHead") {
		t.Errorf("markdown on: a style Zoom ignores is drawn: %q", on)
	}
	// The message's own is_markdown_support ignores its style too.
	own := card
	own.Body = []compose.Element{compose.Message{Text: "Body", IsMarkdownSupport: true, Style: &compose.Style{Color: "#0099FF"}}}
	if out := r.RenderPayload(own, false, 40); strings.Contains(out, blue) {
		t.Errorf("a markdown message is drawn in its style: %q", out)
	}
}

// What Zoom does not parse is shown as written even with markdown on: a
// message with a link, an editable field's value, buttons and options.
func TestUnparsedTextIsLiteralWithMarkdownOn(t *testing.T) {
	card := compose.Content{Body: []compose.Element{
		compose.Message{Text: "*link* text", Link: "https://zoom.us"},
		compose.Fields{Items: []compose.Field{{Key: "*k*", Value: "*v*", Editable: true}}},
		compose.Actions{Items: []compose.Button{{Text: "*b*", Value: "b"}}},
		compose.RadioButtons{Options: []compose.Option{{Text: "_o_", Value: "o"}}, ActionID: "a"},
	}}
	out := ansi.Strip(New(themes.Default(true)).RenderPayload(card, true, 60))
	for _, want := range []string{"*link* text", "*k*", "*v* ✎", "*b*", "_o_"} {
		if !strings.Contains(out, want) {
			t.Errorf("%q is not shown as written:\n%s", want, out)
		}
	}
}
