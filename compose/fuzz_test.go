package compose

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostileSeeds are issue 10's bad cards, small enough for a fuzz seed.
var hostileSeeds = []string{
	"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "caf\xe9", "a\x00b", "---\nhead: Hi\n---\nRing \x07", "\x1b[31mred",
	"\u009b2J", "a\rb", "", " \n\t", "{}", "\uFEFF---\nhead: Hi\n---\nBody", "\uFEFF{\"head\":{\"text\":\"Hi\"}}",
	nestedSections(3), nestedSectionsJSON(3), "```section\n```json\n" + strings.Repeat("[", 30) + "\n```\n```",
	`{"head":{"text":"a\u0000b\b\f\r\n"}}`, "```json\n{\"type\":\"message\",\"text\":\"\\u0007\"}\n```",
	"---\nsettings: {\"a\": \"\\u0000\"}\n---", `"{\"head\":{\"text\":\"a\\u0000\"}}"`,
	`{"content":{"head":{"text":"x"}},"to_jid":"j"}`, "*a *a *a *a [b [b <c <c `d ``d",
	`{"body":[{"type":"page","pages":[{"pageNo":1,"body":[{"type":"message","text":"a"}]}]}]}`,
}

// FuzzRoundTrip: whatever the source, Parse -> Format -> Parse gives the same
// content, and MarshalJSON -> ParseJSON does too.
func FuzzRoundTrip(f *testing.F) {
	paths, _ := filepath.Glob("testdata/cards/*.md")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	for _, seed := range []string{"", "---", "---\n---", "**a** _b_ ~~c~~ `d` [e](https://f)", "```section\n```fields\na: b\n```\n```",
		"```actions\n- [a\\]b](c) PRIMARY submit\n```", "x\n# h\n| t |", "```json\n[{\"type\":\"x\"},{\"type\":\"message\",\"text\":\"y\"}]\n```"} {
		f.Add(seed)
	}
	for _, seed := range hostileSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		c1, _ := Parse(src)
		formatted := Format(c1)
		c2, _ := Parse(formatted)
		if !reflect.DeepEqual(c1, c2) {
			t.Fatalf("Parse(Format(Parse(src))) differs\nsrc: %q\nformatted: %q", src, formatted)
		}
		raw, err := c1.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		c3, err := ParseJSON(raw)
		if err != nil {
			t.Fatalf("ParseJSON(MarshalJSON(c)): %v\n%s", err, raw)
		}
		if !reflect.DeepEqual(c1, c3) {
			t.Fatalf("ParseJSON(MarshalJSON(c)) differs\nsrc: %q\njson: %s", src, raw)
		}
	})
}

// FuzzJSONRoundTrip: any content JSON survives MarshalJSON unchanged in
// meaning and comes back from Format as the same content; what ParseJSON
// accepts is UTF-8, and what MarshalJSON makes of it stays within the size
// and nesting bounds ParseJSON holds input to.
func FuzzJSONRoundTrip(f *testing.F) {
	for _, sample := range payloadSamples {
		f.Add([]byte(sample))
	}
	for _, seed := range hostileSeeds {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseJSON(data)
		if err != nil {
			return
		}
		if !utf8.Valid(data) {
			t.Fatalf("ParseJSON accepted invalid UTF-8: %q", data)
		}
		raw, err := c.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		if off := jsonTooDeep(raw, MaxJSONDepth); off >= 0 || len(raw) > MaxInputBytes {
			t.Fatalf("MarshalJSON left the bounds (too deep at %d, %d bytes)\nin:  %s\nout: %s", off, len(raw), data, raw)
		}
		again, err := ParseJSON(raw)
		if err != nil || !reflect.DeepEqual(again, c) {
			t.Fatalf("ParseJSON(MarshalJSON(c)) differs: %v\nin:  %s\nout: %s", err, data, raw)
		}
		formatted := Format(c)
		if back, _ := Parse(formatted); !reflect.DeepEqual(back, c) {
			t.Fatalf("Parse(Format(c)) differs\nin: %s\nformatted:\n%s", data, formatted)
		}
	})
}

// FuzzBuildFile: whatever the bytes, BuildFile answers without panicking, and
// a card it accepts is one Zoom can take: UTF-8 JSON within MaxContentBytes
// and MaxJSONDepth, no control character but \n and \t (and \r before \n),
// something to show, and no section inside a section; ParseJSON reads it
// back as the same content.
func FuzzBuildFile(f *testing.F) {
	for _, seed := range hostileSeeds {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	for _, sample := range payloadSamples {
		f.Add(sample, true)
	}
	f.Fuzz(func(t *testing.T, data string, asJSON bool) {
		name := "card.md"
		if asJSON {
			name = "card.json"
		}
		card, content, diags := BuildFile(name, []byte(data))
		if HasErrors(diags) {
			if card.Content != nil {
				t.Fatalf("a refused card has content %s", card.Content)
			}
			return
		}
		raw := card.Content
		switch {
		case !utf8.Valid(raw):
			t.Fatalf("invalid UTF-8 in %q", raw)
		case len(raw) > MaxContentBytes:
			t.Fatalf("%d bytes of content accepted", len(raw))
		case jsonTooDeep(raw, MaxJSONDepth) >= 0:
			t.Fatalf("too deep: %s", raw)
		case isEmpty(content):
			t.Fatalf("an empty card accepted: %q", data)
		}
		if off, r, _ := jsonControlEscape(raw); off >= 0 {
			t.Fatalf("control character %U accepted: %s", r, raw)
		}
		if strings.ContainsFunc(string(raw), func(r rune) bool { return isControl(r) }) {
			t.Fatalf("raw control character accepted: %q", raw)
		}
		if path := nestedSection("body", content.Body, false); path != "" {
			t.Fatalf("a section inside a section accepted at %s: %q", path, data)
		}
		back, err := ParseJSON(raw)
		if err != nil || !reflect.DeepEqual(back, content) {
			t.Fatalf("ParseJSON(card.Content) differs: %v\n%s", err, raw)
		}
	})
}

// nestedSection returns the path of a section or page inside a section, "" if
// there is none.
func nestedSection(path string, els []Element, inSection bool) string {
	for i, el := range els {
		p := path + "[" + strconv.Itoa(i) + "]"
		switch e := el.(type) {
		case Section:
			if inSection {
				return p
			}
			if found := nestedSection(p+".sections", e.Sections, true); found != "" {
				return found
			}
		case Page:
			if inSection {
				return p
			}
			for _, pg := range e.Pages {
				if found := nestedSection(p+".pages.body", pg.Body, false); found != "" {
					return found
				}
			}
		}
	}
	return ""
}

// FuzzZoomToMarkdown: whatever Zoom text a sent card holds, the CommonMark
// zoompose writes for it converts back to exactly that text, and converting
// any text at all costs linear time (the budget) and never panics.
func FuzzZoomToMarkdown(f *testing.F) {
	for _, tc := range conversionCases {
		f.Add(tc.want)
		f.Add(tc.src)
	}
	for _, tc := range markdownCases {
		f.Add(tc.zoom)
	}
	f.Fuzz(func(t *testing.T, z string) {
		md := ZoomToMarkdown(z)
		if back := MarkdownToZoom(md); back != z {
			t.Fatalf("ZoomToMarkdown(%q) = %q reads back as %q", z, md, back)
		}
		if !strings.Contains(z, "\n") { // a footer is one line
			md = footerToMarkdown(z)
			if back := footerMarkdownToZoom(md); back != z {
				t.Fatalf("footerToMarkdown(%q) = %q reads back as %q", z, md, back)
			}
		}
	})
}

// FuzzPlainlyRead: when verify takes a line as plainly read without reading
// it, Zoom's reading of the line is exactly the spans the converter meant.
func FuzzPlainlyRead(f *testing.F) {
	for _, tc := range conversionCases {
		f.Add(tc.src)
	}
	for _, tc := range markdownCases {
		f.Add(tc.md)
	}
	f.Fuzz(func(t *testing.T, line string) {
		line, _, _ = strings.Cut(line, "\n")
		var b strings.Builder
		cv := converter{b: &b}
		cv.base = 0
		cv.line = budget{left: 8*len(line) + 4096}
		cv.bg = &cv.line
		cv.spans, cv.texts = cv.spanBuf[:0], cv.textBuf[:0]
		cv.inline(line, 0)
		out := b.String()
		if !cv.bg.ok() || cv.unchecked || !cv.plainlyRead(out) {
			return
		}
		bg := newBudget(out)
		read := zoomRead(out, 0, bg, nil)
		if !bg.ok() {
			return
		}
		meant := slices.Clone(cv.spans)
		slices.SortFunc(meant, func(a, b meantSpan) int { return spanOrder(a.start, a.end, a.mark, b.start, b.end, b.mark) })
		slices.SortFunc(read, func(a, b readSpan) int { return spanOrder(a.start, a.end, a.mark, b.start, b.end, b.mark) })
		if len(meant) != len(read) {
			t.Fatalf("%q -> %q: meant %v, Zoom reads %v", line, out, meant, read)
		}
		for i := range meant {
			if meant[i].start != read[i].start || meant[i].end != read[i].end || meant[i].mark != read[i].mark {
				t.Fatalf("%q -> %q: meant %v, Zoom reads %v", line, out, meant, read)
			}
		}
	})
}
