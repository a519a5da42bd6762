package compose

import (
	"encoding/json"
	"strings"
	"testing"
)

// markdownOffCases: card source built with markdown off (BuildAs
// MarkdownOff) sends each text exactly as written, with
// is_markdown_support false, and warns once per construct kind and block
// where Zoom will show the Markdown as written ("line:col severity
// substring", all diagnostics, in order, as assertDiagnostics reads them).
var markdownOffCases = []struct {
	name, src string
	at        string // where textAt looks
	want      string
	diags     []string
}{
	{name: "plain text", src: "Deploy done", want: "Deploy done"},
	{name: "bold", src: "The release is **out**", want: "The release is **out**",
		diags: []string{`1:16 warning markdown is off: "**out**" shows as written, with the stars`}},
	{name: "one warning per kind per block", src: "**a** and **b**\n**c** _d_ __e__",
		want: "**a** and **b**\n**c** _d_ __e__",
		diags: []string{`1:1 warning "**a**" shows as written, with the stars`,
			`2:7 warning "_d_" shows as written, with the underscores`,
			`2:11 warning "__e__" shows as written, with the underscores`}},
	{name: "each block warns afresh", src: "**a**\n\n**b**", want: "**a**",
		diags: []string{`1:1 warning "**a**"`, `3:1 warning "**b**"`}},
	{name: "link", src: "Read [the notes](https://example.com/notes).", want: "Read [the notes](https://example.com/notes).",
		diags: []string{`1:6 warning "[the notes](https://example.com/notes)" shows as written, brackets and URL, not as a link`}},
	{name: "link with a pipe is not encoded", src: "[l](https://x.io/a|b)", want: "[l](https://x.io/a|b)",
		diags: []string{`1:1 warning "[l](https://x.io/a|b)"`}},
	{name: "autolink", src: "see <https://x.io>", want: "see <https://x.io>",
		diags: []string{`1:5 warning "<https://x.io>" shows as written, with the angle brackets`}},
	{name: "escape keeps its backslash", src: `2 \* 3`, want: `2 \* 3`,
		diags: []string{`1:3 warning "\*" shows as written, with the backslash`}},
	{name: "entity", src: "Q&amp;A", want: "Q&amp;A", diags: []string{`1:2 warning "&amp;" shows as typed, not as the character it names`}},
	{name: "strike and code", src: "~~old~~ `new`", want: "~~old~~ `new`",
		diags: []string{`1:1 warning "~~old~~" shows as written, with the tildes`, "1:9 warning \"`new`\" shows as written, with the backticks"}},
	{name: "heading", src: "# Title", want: "# Title", diags: []string{`1:1 warning "# Title" shows as written, with the #`}},
	{name: "head", src: "---\nhead: Deploy **done**\n---\nx", at: "head", want: "Deploy **done**",
		diags: []string{`2:14 warning "**done**" shows as written, with the stars`}},
	{name: "field value", src: "```fields\nOwner: **me**\nTeam: **you**\n```", at: "field", want: "**me**",
		diags: []string{`2:8 warning "**me**" shows as written`}},
	{name: "section footer", src: "```section footer=\"**Bot** [site](https://s.io)\"\nx\n```", at: "footer",
		want:  "**Bot** [site](https://s.io)",
		diags: []string{`1:20 warning "**Bot**"`, `1:28 warning "[site](https://s.io)"`}},
	{name: "code block keeps its language", src: "```go\nx := 1\n```", want: "```go\nx := 1\n```",
		diags: []string{"1:1 warning \"```go\" shows as written, with the backticks"}},
	{name: "style applies: no warning that Zoom ignores it", src: "---\nhead: Deploy\nhead_style: #8338EC bold\n---\nx", at: "head",
		want: "Deploy"},
	{name: "a no-markdown block as before", src: "```message no-markdown\n*literal*\n```", want: "*literal*"},
	{name: "a markdown block is overruled", src: "```message markdown\n**x**\n```", want: "**x**",
		diags: []string{"1:1 warning markdown is off for this send, and this block asks for it", `2:1 warning "**x**"`}},
	{name: "button text warns as before", src: "```actions\n- [**Go**](go)\n```", at: "button", want: "**Go**",
		diags: []string{"2:4 warning Zoom does not apply Markdown to button text"}},
	{name: "mention", src: "Ping @alice", want: "Ping @alice",
		diags: []string{"1:6 warning @alice: this card is sent with markdown off", "send it with markdown on"}},
}

func TestMarkdownOffSendsTheTextAsWritten(t *testing.T) {
	for _, tc := range markdownOffCases {
		t.Run(tc.name, func(t *testing.T) {
			card, c, diags := BuildAs(tc.src, MarkdownOff)
			if HasErrors(diags) {
				t.Fatalf("refused: %s", FormatDiagnostics("", diags))
			}
			if got := textAt(t, c, tc.at); got != tc.want {
				t.Errorf("sent %q, want %q", got, tc.want)
			}
			if card.Markdown {
				t.Error("is_markdown_support is set with markdown off")
			}
			// The wire bytes hold the text as written, JSON-escaped and nothing else.
			var quoted strings.Builder
			enc := json.NewEncoder(&quoted)
			enc.SetEscapeHTML(false) // as Content.MarshalJSON writes it
			_ = enc.Encode(tc.want)
			if !strings.Contains(string(card.Content), strings.TrimSpace(quoted.String())) {
				t.Errorf("payload %s does not hold %s", card.Content, quoted.String())
			}
			assertDiagnostics(t, diags, tc.diags)
		})
	}
}

// The same cards built as before (MarkdownAuto) still convert, and
// MarkdownOn converts and always asks for markdown, with the style warning.
func TestMarkdownModesDecideConversionAndFlag(t *testing.T) {
	src := "---\nhead: Deploy\nhead_style: bold\n---\nThe release is **out**"
	tests := []struct {
		mode      MarkdownMode
		text      string
		flag      bool
		styleWarn bool
	}{
		{MarkdownAuto, "The release is *out*", true, true},
		{MarkdownOn, "The release is *out*", true, true},
		{MarkdownOff, "The release is **out**", false, false},
	}
	for _, tt := range tests {
		card, c, diags := BuildAs(src, tt.mode)
		if got := c.Body[0].(Message).Text; got != tt.text || card.Markdown != tt.flag {
			t.Errorf("%v: sent %q markdown %v, want %q %v", tt.mode, got, card.Markdown, tt.text, tt.flag)
		}
		warned := strings.Contains(FormatDiagnostics("", diags), "Zoom ignores style when markdown is on")
		if warned != tt.styleWarn {
			t.Errorf("%v: style warning %v, want %v:\n%s", tt.mode, warned, tt.styleWarn, FormatDiagnostics("", diags))
		}
	}
	if card, _, _ := BuildAs("plain", MarkdownOn); !card.Markdown {
		t.Error("MarkdownOn: a card without markup is not sent with markdown")
	}
}

// A JSON card is never converted; with markdown off its Zoom markup warns by
// path, and the flag is off.
func TestMarkdownOffJSONCardWarnsByPath(t *testing.T) {
	data := []byte(`{"head":{"text":"Hi *there*"},"body":[{"type":"message","text":"plain"},{"type":"fields","items":[{"key":"k","value":"~v~"}]}]}`)
	card, _, diags := BuildFileAs("card.json", data, MarkdownOff)
	if card.Markdown || !strings.Contains(string(card.Content), `"Hi *there*"`) {
		t.Errorf("sent %s markdown %v", card.Content, card.Markdown)
	}
	want := []string{`head.text: warning: markdown is off: "*there*" shows as written`, `body[1].items[0].value: warning: markdown is off: "~v~"`}
	if len(diags) == 0 || diags[0].Literal != "*there*" {
		t.Errorf("the first warning does not name the span: %+v", diags)
	}
	got := FormatDiagnostics("", diags)
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("diagnostics lack %q:\n%s", w, got)
		}
	}
	if _, _, auto := BuildFile("card.json", data); strings.Contains(FormatDiagnostics("", auto), "markdown is off") {
		t.Errorf("markdown auto warns about markdown off:\n%s", FormatDiagnostics("", auto))
	}
}

// Rebuild switches a built card's mode: from its source, or for a JSON card
// only its flag.
func TestRebuildSwitchesTheMode(t *testing.T) {
	card, _, _ := Build("The release is **out**")
	off, _, diags := Rebuild(card, MarkdownOff)
	if off.Markdown || !strings.Contains(string(off.Content), `The release is **out**`) || len(diags) != 1 || diags[0].Literal != "**out**" {
		t.Errorf("off: %s markdown %v, diagnostics %+v", off.Content, off.Markdown, diags)
	}
	on, _, _ := Rebuild(off, MarkdownOn)
	if !on.Markdown || string(on.Content) != string(card.Content) || on.Source != card.Source {
		t.Errorf("on again: %s markdown %v, want %s", on.Content, on.Markdown, card.Content)
	}
	js, _, _ := BuildFile("c.json", []byte(`{"body":[{"type":"message","text":"*x*"}]}`))
	jsOff, _, _ := Rebuild(js, MarkdownOff)
	if jsOff.Markdown || string(jsOff.Content) != string(js.Content) || jsOff.Source != "" {
		t.Errorf("JSON card off: %s markdown %v", jsOff.Content, jsOff.Markdown)
	}
}

// A hostile text of thousands of constructs makes no more warnings than
// there are kinds.
func TestMarkdownOffDoesNotFlood(t *testing.T) {
	src := strings.Repeat("**a** _b_ `c` [d](https://e.io) ", 2000)
	_, _, diags := BuildAs(src, MarkdownOff)
	if n := len(diags); n > int(constructKinds) {
		t.Errorf("%d diagnostics for one block", n)
	}
}
