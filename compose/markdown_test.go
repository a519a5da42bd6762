package compose

import (
	"strings"
	"testing"
)

// Each case is CommonMark as authors write it and the Zoom dialect it is
// sent as. Cases marked oneWay have a canonical CommonMark form that differs
// from md (e.g. __x__ comes back as **x**).
var markdownCases = []struct {
	name, md, zoom string
	oneWay         bool
	canonical      string
}{
	{name: "plain", md: "just text", zoom: "just text"},
	{name: "bold", md: "**bold**", zoom: "*bold*"},
	{name: "bold underscores", md: "__bold__", zoom: "*bold*", oneWay: true, canonical: "**bold**"},
	{name: "italic underscore", md: "_italic_", zoom: "_italic_"},
	{name: "italic star", md: "*italic*", zoom: "_italic_", oneWay: true, canonical: "_italic_"},
	{name: "strike", md: "~~gone~~", zoom: "~gone~"},
	{name: "code", md: "run `make test` now", zoom: "run `make test` now"},
	{name: "code keeps stars", md: "`a**b**c`", zoom: "`a**b**c`"},
	{name: "link", md: "[docs](https://zoom.us/docs)", zoom: "<https://zoom.us/docs|docs>"},
	{name: "autolink", md: "<https://zoom.us>", zoom: "<https://zoom.us>"},
	{name: "bare url", md: "see https://zoom.us", zoom: "see https://zoom.us"},
	{name: "nested", md: "**bold _and italic_**", zoom: "*bold _and italic_*"},
	{name: "mixed line", md: "a **b** _c_ ~~d~~ `e`", zoom: "a *b* _c_ ~d~ `e`"},
	{name: "list", md: "- one\n- two", zoom: "- one\n- two"},
	{name: "star list", md: "* one\n* two", zoom: "* one\n* two"},
	{name: "ordered list", md: "1. one\n2. two", zoom: "1. one\n2. two"},
	{name: "quote", md: "> quoted", zoom: "> quoted"},
	{name: "snake_case", md: "use snake_case_names", zoom: "use snake_case_names"},
	{name: "lone star", md: "5 * 3 = 15", zoom: "5 * 3 = 15"},
	{name: "escaped star", md: `\*not italic\*`, zoom: "*not italic*", oneWay: true, canonical: "**not italic**"},
	{name: "literal star", md: `2\*3`, zoom: "2*3"},
	{name: "escaped backslash", md: `a \\ b`, zoom: `a \ b`},
	{name: "unclosed bold", md: "**open", zoom: "**open", oneWay: true, canonical: `\*\*open`},
	{name: "spans stay on a line", md: "**a\nb**", zoom: "**a\nb**", oneWay: true, canonical: "\\*\\*a\nb\\*\\*"},
	{name: "heading", md: "# Title", zoom: "*Title*", oneWay: true, canonical: "**Title**"},
	{name: "image", md: "![logo](https://x.io/l.png)", zoom: "<https://x.io/l.png|logo>", oneWay: true, canonical: "[logo](https://x.io/l.png)"},
	{name: "unicode", md: "**héllo** wörld 🎉", zoom: "*héllo* wörld 🎉"},
}

func TestMarkdownToZoom(t *testing.T) {
	for _, tc := range markdownCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := MarkdownToZoom(tc.md); got != tc.zoom {
				t.Errorf("MarkdownToZoom(%q) = %q, want %q", tc.md, got, tc.zoom)
			}
		})
	}
}

func TestZoomToMarkdown(t *testing.T) {
	for _, tc := range markdownCases {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.md
			if tc.oneWay {
				want = tc.canonical
			}
			got := ZoomToMarkdown(tc.zoom)
			if got != want {
				t.Errorf("ZoomToMarkdown(%q) = %q, want %q", tc.zoom, got, want)
			}
			if back := MarkdownToZoom(got); back != tc.zoom {
				t.Errorf("MarkdownToZoom(ZoomToMarkdown(%q)) = %q", tc.zoom, back)
			}
		})
	}
}

// Zoom text that no readable CommonMark can say falls back to escaping.
func TestZoomToMarkdownAlwaysReadsBack(t *testing.T) {
	for _, z := range []string{"*", "**", "_a_b_", "~~x~~", "<https://a|b|c>", "[x](y)", "`", "\\", "# x", "a*b*c", "*a *b* c*", "<https://x.io|[label]>"} {
		if back := MarkdownToZoom(ZoomToMarkdown(z)); back != z {
			t.Errorf("ZoomToMarkdown(%q) = %q reads back as %q", z, ZoomToMarkdown(z), back)
		}
	}
}

func TestMarkdownIssues(t *testing.T) {
	cases := []struct{ md, want string }{
		{"## Release notes", "heading: Zoom shows '## Release notes' literally; it is sent as bold *Release notes*"},
		{"| a | b |", "table: Zoom does not render tables"},
		{"![logo](https://x.io/l.png)", "image: Zoom does not show images in text; it is sent as the link <https://x.io/l.png|logo>"},
		{"<b>bold</b>", "HTML: Zoom shows <b> literally"},
	}
	for _, tc := range cases {
		_, issues := markdownToZoom(tc.md, convertOptions{blocks: true})
		if len(issues) == 0 || !strings.HasPrefix(issues[0].Message, tc.want) {
			t.Errorf("markdownToZoom(%q) issues = %+v, want one starting %q", tc.md, issues, tc.want)
		}
	}
	if _, issues := markdownToZoom("**fine** <https://zoom.us>", convertOptions{blocks: true}); len(issues) != 0 {
		t.Errorf("clean Markdown reported %+v", issues)
	}
}

func TestHasZoomMarkup(t *testing.T) {
	cases := map[string]bool{
		"plain": false, "*bold*": true, "_it_": true, "~x~": true, "`c`": true,
		"<https://zoom.us|z>": true, "> quote": true, "5 * 3": false, "snake_case_x": false, "a < b": false,
	}
	for z, want := range cases {
		if got := HasZoomMarkup(z); got != want {
			t.Errorf("HasZoomMarkup(%q) = %v, want %v", z, got, want)
		}
	}
}
