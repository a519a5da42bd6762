package compose

import (
	"strings"
	"testing"
)

// conversionCases are issue 11's table of Markdown Zoom got wrong, then the
// edge cases around them: card source, the exact text that goes on the
// wire (in the place named by at), the diagnostics ("line:col severity
// message-substring", all of them, in order) and, where it matters, whether
// the card asks Zoom for markdown.
var conversionCases = []struct {
	name, src string
	at        string // body (first message), second (message), head, field, button, option, select, alert, footer
	want      string
	diags     []string
	markdown  *bool
}{
	// Issue 11's table.
	{name: "escaped stars", src: `\*x\*`, want: "*x*", diags: []string{`1:1 warning Zoom has no escape for "*": it reads "*x*" as bold`}},
	{name: "escaped underscores", src: `\_x\_`, want: "_x_", diags: []string{`1:1 warning Zoom has no escape for "_": it reads "_x_" as italics`}},
	{name: "escaped backticks", src: "\\`x\\`", want: "`x`", diags: []string{"1:1 warning Zoom has no escape for \"`\": it reads \"`x`\" as code"}},
	{name: "bold italic", src: "***bold italic***", want: "*_bold italic_*"},
	{name: "markup in a link label", src: "[**b** x](https://u.io)", want: "<https://u.io|*b* x>"},
	{name: "pipe in a link URL", src: "[l](https://x.io/a|b)", want: "<https://x.io/a%7Cb|l>"},
	{name: "angle in a link URL", src: "[m](https://x.io/a>b)", want: "<https://x.io/a%3Eb|m>"},
	{name: "pipe in an autolink", src: "<https://x.io/a|b>", want: "<https://x.io/a%7Cb>"},
	{name: "angle in a link label", src: "[a > b](https://u.io)", want: "<https://u.io|a › b>",
		diags: []string{"1:4 warning link label: Zoom ends a link's label at '>'"}},
	{name: "code with a language", src: "```go\nfmt.Println(\"*hi*\")\n```", want: "```\nfmt.Println(\"*hi*\")\n```",
		diags: []string{"1:4 note ```go: a code block; Zoom shows code without highlighting, so the language is left out"}},
	{name: "bold across lines", src: "**x\ny**", want: "**x\ny**",
		diags: []string{`1:1 warning "**" opens bold that closes 1 line below: Zoom's formatting is taken not to cross lines (zoompose's cautious reading, unverified)`}},
	{name: "editable field", src: "```fields\nNotes: **v** {editable}\n```", at: "field", want: "**v**",
		diags: []string{`2:8 warning Zoom does not apply Markdown to an editable field's value: it shows "**v**" as typed`}},
	{name: "button text", src: "```actions\n- [**Go**](go) primary\n```", at: "button", want: "**Go**",
		diags: []string{"2:4 warning Zoom does not apply Markdown to button text"}},
	{name: "dropdown label", src: "```select Pick **one**\n- [a](a)\n```", at: "select", want: "Pick **one**",
		diags: []string{"1:16 warning Zoom does not apply Markdown to a dropdown's label"}},
	{name: "option text", src: "```select Pick\n- [_Red_](red)\n```", at: "option", want: "_Red_",
		diags: []string{"2:4 warning Zoom does not apply Markdown to option text"}},
	{name: "alert text", src: "```alert level=warning\nThe build is **down**\n```", at: "alert", want: "The build is **down**",
		diags: []string{"2:14 warning Zoom does not apply Markdown to alert text"}},
	{name: "mention with markdown off", src: "Ping @alice about it", want: "Ping @alice about it", markdown: ptr(false),
		diags: []string{"1:6 warning @alice: this card is sent with markdown off", "may need markdown on (unverified)"}},

	// Where Zoom does not read Markdown, or reads only links.
	{name: "footer: links only", src: "````section footer=\"**Bot** [site](https://x.io)\"\nhi\n````", at: "footer",
		want: "**Bot** <https://x.io|site>", diags: []string{`1:21 warning Zoom applies only links in a section footer: it shows "**Bot** [site](https://x.io)" as typed, except its links`}},
	{name: "footer: a link", src: "````section footer=\"By [ops](https://x.io/a|b) \\[bot\\]\"\nhi\n````", at: "footer",
		want: "By <https://x.io/a%7Cb|ops> [bot]"},
	{name: "footer: Zoom's own markup", src: "````section footer=\"*Bot*\"\nhi\n````", at: "footer", want: "*Bot*",
		diags: []string{`1:21 warning Zoom applies only links in a section footer`}},
	{name: "message with a link is sent as typed", src: "```message link=https://zoom.us\nOpen **now**\n```", want: "Open **now**",
		diags: []string{`2:6 warning Zoom does not apply Markdown to a message with a link`}},
	{name: "markdown off: sent as typed", src: "```message no-markdown\n*literal* \\*stars\\*\n```", want: `*literal* \*stars\*`, markdown: ptr(false)},
	{name: "mention with markdown on", src: "@alice **now**", want: "@alice *now*", markdown: ptr(true)},
	{name: "an e-mail is no mention", src: "Write to bob@example.com", want: "Write to bob@example.com"},
	{name: "mention in a field", src: "```fields\nOwner: @alice\n```", at: "field", want: "@alice",
		diags: []string{"2:8 warning @alice: this card is sent with markdown off"}},

	// Escapes: literal where Zoom forms no span.
	{name: "lone escaped star", src: `2\*3 = 6`, want: "2*3 = 6"},
	{name: "escape that opens nothing", src: `\*not a span`, want: "*not a span"},
	{name: "escaped bracket", src: `\[not a link](https://x.io)`, want: "[not a link](https://x.io)"},
	{name: "escaped backslash", src: `a \\ b`, want: `a \ b`},
	{name: "escaped angle makes a link", src: `\<https://x.io>`, want: "<https://x.io>",
		diags: []string{`1:1 warning Zoom has no escape for "<": it reads "<https://x.io>" as a link`}},
	{name: "escape in the head", src: "---\nhead: Use \\*x\\* here\n---", at: "head", want: "Use *x* here",
		diags: []string{`2:11 warning Zoom has no escape for "*"`}},
	{name: "entity", src: "R&amp;D &copy; 2024", want: "R&D © 2024"},
	{name: "entity that makes a link", src: "&lt;https://x.io&gt;", want: "<https://x.io>",
		diags: []string{`1:1 warning Zoom has no escape for "<"`}},
	{name: "not an entity", src: "AT&T &ampx; &#7;", want: "AT&T &ampx; &#7;"},

	// Emphasis.
	{name: "strong then emphasis", src: "***a** b*", want: "_*a* b_"},
	{name: "emphasis then strong", src: "***a* b**", want: "*_a_ b*"},
	{name: "a run of three opening less", src: "***a*", want: "**_a_"},
	{name: "a run of four", src: "****x****", want: "****x****"},
	{name: "nested emphasis", src: "**bold _and italic_**", want: "*bold _and italic_*"},
	{name: "same kind nested", src: "*a *b* c*", want: "_a _b_ c_",
		diags: []string{`1:1 warning Zoom will not show "_a _b_ c_" as italics`, `1:4 warning Zoom will not show "_b_" as italics`}},
	{name: "italics inside a word", src: "a*b*c", want: "a_b_c",
		diags: []string{"1:2 warning Zoom does not format italics inside a word"}},
	{name: "italics ending inside a word", src: "*foo*bar", want: "_foo_bar",
		diags: []string{"1:1 warning Zoom does not format italics inside a word"}},
	{name: "snake_case", src: "use snake_case_names", want: "use snake_case_names"},
	{name: "bold inside a word", src: "un**believ**able", want: "un*believ*able"},
	{name: "next to punctuation", src: `**"quoted"**, (_aside_)`, want: `*"quoted"*, (_aside_)`},
	{name: "closer after punctuation before a letter", src: "**foo.**bar", want: "**foo.**bar"},
	{name: "spaces inside", src: "** not bold **", want: "** not bold **"},
	{name: "multiplication", src: "5 * 3 * 2", want: "5 * 3 * 2"},
	{name: "strike", src: "~~old~~ and ~also~", want: "~old~ and ~also~"},
	{name: "code keeps its stars", src: "`a*b*c` and `**x**`", want: "`a*b*c` and `**x**`"},
	{name: "emphasis around code", src: "**`make`**", want: "*`make`*"},
	{name: "code across lines", src: "`open\nclose`", want: "`open\nclose`",
		diags: []string{`1:1 warning "` + "`" + `" opens code that closes 1 line below`}},
	{name: "unicode punctuation", src: "«**Zoom**»", want: "«*Zoom*»"},

	// Links.
	{name: "parentheses in a URL", src: "[Go](https://en.wikipedia.org/wiki/Go_(language))", want: "<https://en.wikipedia.org/wiki/Go_(language)|Go>"},
	{name: "title dropped", src: `[docs](https://x.io "The docs")`, want: "<https://x.io|docs>",
		diags: []string{`1:1 note link title "The docs": Zoom's links have no title; it is left out`}},
	{name: "pointy destination with a space", src: "[f](<https://x.io/a b.pdf>)", want: "<https://x.io/a%20b.pdf|f>"},
	{name: "relative link", src: "[rel](/docs)", want: "</docs|rel>",
		diags: []string{`1:1 warning link: Zoom links only absolute URLs (https://…, mailto:…); it shows "</docs|rel>" as typed`}},
	{name: "label equal to the URL", src: "[https://x.io](https://x.io)", want: "<https://x.io>"},
	{name: "brackets in a label", src: "[a [b] c](https://x.io)", want: "<https://x.io|a [b] c>"},
	{name: "pipe in a label", src: "[a|b](https://x.io)", want: "<https://x.io|a∣b>",
		diags: []string{"1:3 warning link label"}},
	{name: "e-mail autolink", src: "<ops@example.com>", want: "<mailto:ops@example.com|ops@example.com>"},
	{name: "image", src: "![logo](https://x.io/l.png)", want: "<https://x.io/l.png|logo>",
		diags: []string{"1:1 warning image: Zoom does not show images in text; it is sent as the link <https://x.io/l.png|logo>"}},

	// Lines.
	{name: "heading", src: "# **Release** notes ##", want: "*Release notes*",
		diags: []string{"1:1 warning heading: Zoom shows '# **Release** notes ##' literally; it is sent as bold *Release notes*"}},
	{name: "hard line break", src: "first\\\nsecond", want: "first\nsecond"},
	{name: "CRLF", src: "**a**\r\nb _c_\r\n", want: "*a*\nb _c_"},
	{name: "misspelt element", src: "```feilds\nA: b\n```", want: "```\nA: b\n```",
		diags: []string{"1:4 warning ```feilds is not a zoompose element, so this block is sent as a code block; did you mean ```fields?"}},
	{name: "invented element", src: "```dropdown\nx\n```", want: "```\nx\n```",
		diags: []string{"1:4 warning did you mean ```select?"}},

	// The audit of issue 11's converter (second pass).
	// 1. A no-markdown message while the card has markdown on.
	{name: "no-markdown under markdown on", src: "**on**\n\n```message no-markdown\n*as typed*\n```", at: "second", want: "*as typed*", markdown: ptr(true),
		diags: []string{"3:1 warning this message turns markdown off for itself", "whether Zoom honours an element's false under the request's true is unverified"}},
	{name: "no-markdown alone: no warning", src: "```message no-markdown\n*as typed*\n```", want: "*as typed*", markdown: ptr(false)},
	// 3. Indented code is code.
	{name: "indented code", src: "    code *x*", want: "```\ncode *x*\n```",
		diags: []string{"1:1 note indented code block: sent as a ``` code block"}},
	{name: "indented code in a message block", src: "```message\nRun:\n\n    make *all*\n      -j4\nthen **wait**\n```",
		want: "Run:\n\n```\nmake *all*\n  -j4\n```\nthen *wait*", diags: []string{"4:1 note indented code block"}},
	{name: "indented continuation is no code", src: "```message\nfirst\n    second *x*\n```", want: "first\n    second _x_"},
	{name: "indented field value is no code", src: "```fields\nA:     *x*\n```", at: "field", want: "    _x_"},
	// 4. Markup Zoom shows as typed.
	{name: "reference link", src: "[a][b]\n\n[b]: https://x.io", want: "<https://x.io|a>"},
	{name: "collapsed and shortcut references", src: "see [B] and [c][]\n\n[b]: https://x.io\n[C]: <https://y.io/a b> \"T\"",
		want: "see <https://x.io|B> and <https://y.io/a%20b|c>"},
	{name: "undefined reference", src: "[a][nope] and [x]", want: "[a][nope] and [x]"},
	{name: "setext heading", src: "Title\n=====", want: "*Title*",
		diags: []string{"1:1 warning heading: Zoom shows a heading underlined with = or - as typed, underline and all; it is sent as bold *Title*"}},
	{name: "setext heading of two lines", src: "```message\nRelease **2.4**\nnotes\n---\nbody\n```", want: "*Release 2.4*\n*notes*\nbody",
		diags: []string{"2:1 warning heading: Zoom shows a heading underlined"}},
	{name: "underline under a list is text", src: "- a\n===", want: "- a\n==="},
	{name: "HTML comment", src: "a <!-- hidden --> b", want: "a <!-- hidden --> b",
		diags: []string{`1:3 warning HTML comment: Markdown hides it, but Zoom shows "<!-- hidden -->" as typed`}},
	{name: "thematic break", src: "***", want: "***",
		diags: []string{`1:1 warning thematic break: Zoom draws no rule in text; it shows "***" as typed`}},
	{name: "thematic break inside a paragraph", src: "above\n* * *\nbelow **b**", want: "above\n* * *\nbelow *b*",
		diags: []string{`2:1 warning thematic break: Zoom draws no rule in text; it shows "* * *" as typed`}},
	{name: "thematic break in a message block", src: "```message\nabove\n\n_ _ _\n```", want: "above\n\n_ _ _",
		diags: []string{`4:1 warning thematic break`}},
	// 5. A link inside a link's label: the inner one is the link.
	{name: "link in a link label", src: "[x [y](https://a.example) z](https://b.example)", want: "[x <https://a.example|y> z](https://b.example)"},
	{name: "image in a link label", src: "[![logo](https://x.io/l.png)](https://x.io)", want: "<https://x.io|![logo](https://x.io/l.png)>",
		diags: []string{`1:2 warning image in a link label: Zoom's link labels are plain text, so it shows "![logo](https://x.io/l.png)" as typed`}},
	// 6. The escape warning's way out fits the element.
	{name: "escape in a field value", src: "```fields\nA: \\_y\\_\n```", at: "field", want: "_y_",
		diags: []string{`2:4 warning Zoom has no escape for "_"`, "a field's value has no markdown switch of its own", "--no-markdown"}},
	{name: "escape in a message block", src: "```message\n\\_y\\_\n```", want: "_y_",
		diags: []string{`2:1 warning Zoom has no escape for "_"`, "add no-markdown to this block's fence"}},
	{name: "escape in a paragraph", src: "\\_y\\_", want: "_y_",
		diags: []string{`1:1 warning Zoom has no escape for "_"`, "write the text in a ```message no-markdown block"}},
}

func ptr[T any](v T) *T { return &v }

func TestConversionTable(t *testing.T) {
	for _, tc := range conversionCases {
		t.Run(tc.name, func(t *testing.T) {
			c, diags := Parse(tc.src)
			if got := textAt(t, c, tc.at); got != tc.want {
				t.Errorf("sent %q, want %q", got, tc.want)
			}
			if tc.markdown != nil && c.UsesMarkdown() != *tc.markdown {
				t.Errorf("UsesMarkdown = %v, want %v", c.UsesMarkdown(), *tc.markdown)
			}
			assertDiagnostics(t, diags, tc.diags)
		})
	}
}

// assertDiagnostics checks every diagnostic against "line:col severity
// substring…" (more substrings after the first may follow, one per entry).
func assertDiagnostics(t *testing.T, diags []Diagnostic, want []string) {
	t.Helper()
	var wants []string
	for _, w := range want {
		if strings.Contains(w, " warning ") || strings.Contains(w, " note ") || strings.Contains(w, " error ") {
			wants = append(wants, w)
		} else if len(wants) > 0 {
			wants[len(wants)-1] += "\x00" + w
		}
	}
	if len(diags) != len(wants) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(diags), len(wants), FormatDiagnostics("", diags))
	}
	for i, w := range wants {
		pos, rest, _ := strings.Cut(w, " ")
		sev, msgs, _ := strings.Cut(rest, " ")
		got := diags[i].String()
		if !strings.HasPrefix(got, pos+": "+sev+": ") {
			t.Errorf("diagnostic %d = %q, want %s %s", i, got, pos, sev)
		}
		for _, msg := range strings.Split(msgs, "\x00") {
			if !strings.Contains(diags[i].Message, msg) {
				t.Errorf("diagnostic %d = %q, want it to contain %q", i, got, msg)
			}
		}
	}
}

// textAt is the text the case looks at.
func textAt(t *testing.T, c Content, at string) string {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("no %s in %+v", at, c)
		}
	}()
	switch at {
	case "head":
		return c.Head.Text
	case "field":
		return c.Body[0].(Fields).Items[0].Value
	case "button":
		return c.Body[0].(Actions).Items[0].Text
	case "option":
		return c.Body[0].(Select).SelectItems[0].Text
	case "select":
		return c.Body[0].(Select).Text
	case "alert":
		return c.Body[0].(Alert).Text
	case "footer":
		return c.Body[0].(Section).Footer
	case "second":
		return c.Body[1].(Message).Text
	}
	return c.Body[0].(Message).Text
}

// MarkdownToZoom on its own keeps line endings, \r\n included.
func TestMarkdownToZoomKeepsLineEndings(t *testing.T) {
	for md, want := range map[string]string{
		"# T\r\n**x**\r\n": "*T*\r\n*x*\r\n",
		"a\nb\n":           "a\nb\n",
		"**a**\r\n\r\nb":   "*a*\r\n\r\nb",
	} {
		if got := MarkdownToZoom(md); got != want {
			t.Errorf("MarkdownToZoom(%q) = %q, want %q", md, got, want)
		}
	}
}

// Every converted case reads back: ZoomToMarkdown of what is sent converts
// to it again (the guarantee Format relies on).
func TestConversionTableRoundTrips(t *testing.T) {
	for _, tc := range conversionCases {
		if tc.at == "" || tc.at == "head" || tc.at == "field" {
			if back := MarkdownToZoom(ZoomToMarkdown(tc.want)); back != tc.want {
				t.Errorf("%s: ZoomToMarkdown(%q) = %q reads back as %q", tc.name, tc.want, ZoomToMarkdown(tc.want), back)
			}
		}
	}
}
