package compose

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// nestedSections is card source with n ```section blocks, each inside the
// previous one.
func nestedSections(n int) string {
	return strings.Repeat("```section\n", n) + "deep\n" + strings.Repeat("```\n", n)
}

// nestedSectionsJSON is a content object with n sections, each inside the
// previous one.
func nestedSectionsJSON(n int) string {
	return `{"body":[` + strings.Repeat(`{"type":"section","sections":[`, n) +
		`{"type":"message","text":"deep"}` + strings.Repeat(`]}`, n) + `]}`
}

// bigCard is card source of about n bytes: a head and paragraphs.
func bigCard(n int) string {
	var b strings.Builder
	b.WriteString("---\nhead: Big\n---\n")
	for b.Len() < n {
		b.WriteString("The **deploy** of `api` finished in _4 minutes_; see [the dashboard](https://example.com/d).\n\n")
	}
	return b.String()
}

// The cards of issue 10, and their relatives: each is refused by BuildFile
// (both front ends build through it) with an Error that says what is wrong
// and, where there is a line, where.
func TestBuildRefusesBadCards(t *testing.T) {
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + strings.Repeat("\xde\xad\xbe\xef\x00\x13", 100)
	noise := strings.Repeat("\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc k", 50)
	cases := []struct {
		name, file, data string
		at               string // "line:col" of the first error, "" when it has none
		want             string
	}{
		{"binary with NUL at the start", "logo.png", png, "", "this is not a text file"},
		{"binary without NUL", "noise.bin", noise, "", "this is not a text file"},
		{"UTF-16", "card.md", "\xff\xfeh\x00i\x00", "", "UTF-16"},
		{"invalid UTF-8", "card.md", "---\nhead: Hi\n---\ncaf\xe9 au lait\n", "4:4", "invalid UTF-8: byte 0xE9"},
		{"invalid UTF-8 counted", "card.md", "a\xff\nb\xfe\xfd", "1:2", "(2 more bad bytes in the card)"},
		{"NUL", "card.md", "---\nhead: Hi\n---\nHello\x00world\n", "4:6", "control character U+0000 (NUL): remove it"},
		{"BEL", "card.md", "---\nhead: Hi\n---\nRing the bell \x07 now\n", "4:15", "control character U+0007 (BEL): remove it"},
		{"BEL after wide characters", "card.md", "Grüße 日本 \x07", "1:10", "U+0007 (BEL)"},
		{"escape sequence", "card.md", "Hi \x1b[31mred", "1:4", "U+001B (ESC)"},
		{"C1 control", "card.md", "Hi \u009b31m", "1:4", "U+009B (CSI)"},
		{"DEL", "card.md", "Hi\x7f", "1:3", "U+007F (DEL)"},
		{"lone carriage return", "card.md", "Hi\rthere", "1:3", "U+000D (CR) not followed by a newline"},
		{"control in a field", "card.md", "```fields\nKey: a\x01b\n```", "2:7", "U+0001 (SOH)"},
		{"empty file", "card.md", "", "", emptyMessage},
		{"empty stdin", "-", "", "", emptyMessage},
		{"whitespace only", "card.md", "  \n\t\n\r\n", "", emptyMessage},
		{"empty object", "-", "{}", "", emptyMessage},
		{"empty object in a .json file", "card.json", " {}\n", "", emptyMessage},
		{"empty .json file", "card.json", "", "", emptyMessage},
		{"settings only", "card.json", `{"settings":{"form":true},"body":[]}`, "", emptyMessage},
		{"front matter with no head", "card.md", "---\nform: true\n---\n", "", emptyMessage},
		{"10 MB", "card.md", bigCard(10 << 20), "", "the card is 10.0 MB of text"},
		{"10 MB of JSON", "card.json", `{"head":{"text":"` + strings.Repeat("a", 10<<20) + `"}}`, "", "the card is 10.0 MB of text"},
		{"content JSON over the cap", "card.md", bigCard(MaxContentBytes + 1000), "", "zoompose sends at most 256 KB"},
		{"4,000 nested sections", "card.md", nestedSections(4000), "2:4", "a section cannot hold another section"},
		{"two nested sections", "card.md", "```section\ntext\n```section #ff0000\ninner\n```\n```", "3:4", "a section cannot hold another section"},
		{"4,000 nested sections in JSON", "card.json", nestedSectionsJSON(4000), "1:460", "nest objects and arrays more than 32 deep"},
		{"two nested sections in JSON", "card.json", nestedSectionsJSON(2), "", "a section cannot hold a section"},
		{"nested sections in a json block", "card.md", "```section\n```json\n" + nestedSectionsJSON(1)[9:len(nestedSectionsJSON(1))-2] + "\n```\n```", "2:1", "a section cannot hold a section"},
		{"page in a section", "card.json", `{"body":[{"type":"section","sections":[{"type":"page","pages":[]}]}]}`, "", "a section cannot hold a page"},
		{"message in a page", "card.json", `{"body":[{"type":"page","pages":[{"pageNo":1,"body":[{"type":"message","text":"a"}]}]}]}`, "", "a page's body holds only sections"},
		{"NUL escape in JSON", "card.json", `{"head":{"text":"a\u0000b"}}`, "1:19", `escape \u0000 is control character U+0000 (NUL)`},
		{"BEL escape in JSON on line 3", "-", "{\n  \"body\": [\n    {\"type\": \"message\", \"text\": \"ding\\u0007\"}]}", "3:38", "U+0007 (BEL)"},
		{"backspace escape in JSON", "card.json", `{"head":{"text":"a\bb"}}`, "1:19", `escape \b is control character U+0008 (BS)`},
		{"C1 escape in JSON", "card.json", `{"head":{"text":"\u009b2J"}}`, "1:18", "U+009B (CSI)"},
		{"raw control in JSON", "card.json", "{\"head\":{\"text\":\"a\x07\"}}", "1:19", "U+0007 (BEL)"},
		{"invalid UTF-8 in JSON", "card.json", "{\"head\":\n{\"text\":\"caf\xe9\"}}", "2:13", "invalid UTF-8"},
		{"NUL escape in a json block", "card.md", "```json\n{\"type\":\"message\",\n \"text\":\"a\\u0000\"}\n```", "3:11", "U+0000 (NUL)"},
		{"NUL escape in settings", "card.md", "---\nhead: Hi\nsettings: {\"theme\": \"\\u0000\"}\n---", "3:22", "U+0000 (NUL)"},
		{"NUL in an unfurl string", "card.json", `"{\"head\":{\"text\":\"a\\u0000\"}}"`, "", "control character U+0000 (NUL)"},
		{"deep JSON in a json block in a section", "card.md", "```section\n```json\n" + strings.Repeat("{\"a\":", 40) + "\n```\n```", "3:141", "more than 32 deep"},
		{"deep JSON in a json block", "card.md", "```json\n" + strings.Repeat("[", 40) + "\n```", "2:32", "more than 32 deep"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			card, content, diags := BuildFile(tc.file, []byte(tc.data))
			if !HasErrors(diags) {
				t.Fatalf("no error; diagnostics:\n%s", FormatDiagnostics(tc.file, diags))
			}
			if card.Content != nil || content.Head != nil || content.Body != nil {
				t.Errorf("a refused card came back with content %s", card.Content)
			}
			first := firstError(diags)
			if got := positionOf(first); got != tc.at {
				t.Errorf("first error at %q, want %q: %s", got, tc.at, first)
			}
			if !strings.Contains(first.Message, tc.want) {
				t.Errorf("first error %q does not contain %q", first.Message, tc.want)
			}
			if out := FormatDiagnostics(tc.file, diags); len(out) > 4096 {
				t.Errorf("diagnostics are %d bytes; hostile input must not flood the terminal", len(out))
			}
		})
	}
}

func firstError(diags []Diagnostic) Diagnostic {
	for _, d := range diags {
		if d.Severity == Error {
			return d
		}
	}
	return Diagnostic{}
}

func positionOf(d Diagnostic) string {
	if d.Line == 0 {
		return ""
	}
	return strings.TrimSuffix(d.String(), ": "+d.Severity.String()+": "+d.Message)
}

// The near misses: text that looks hostile and is not.
func TestBuildAcceptsAwkwardCards(t *testing.T) {
	cases := []struct {
		name, file, data string
		head, text       string // expected head text and first message text
	}{
		{"BOM before front matter", "card.md", "\uFEFF---\nhead: Hi\n---\nBody", "Hi", "Body"},
		{"BOM before JSON", "card.json", "\uFEFF{\"head\":{\"text\":\"Hi\"},\"body\":[{\"type\":\"message\",\"text\":\"Body\"}]}", "Hi", "Body"},
		{"BOM before JSON on stdin", "-", "\uFEFF{\"head\":{\"text\":\"Hi\"},\"body\":[{\"type\":\"message\",\"text\":\"Body\"}]}", "Hi", "Body"},
		{"CRLF line ends", "card.md", "---\r\nhead: Hi\r\n---\r\nBody\r\n", "Hi", "Body"},
		{"tabs", "card.md", "---\nhead: Hi\n---\nBody\there", "Hi", "Body\there"},
		{"JSON newline, tab and CRLF escapes", "card.json", `{"head":{"text":"Hi"},"body":[{"type":"message","text":"Body\r\n\tx\u000a"}]}`, "Hi", "Body\r\n\tx\n"},
		{"escaped backslash before u0000", "card.json", `{"head":{"text":"Hi"},"body":[{"type":"message","text":"C:\\u0000"}]}`, "Hi", `C:\u0000`},
		{"only a divider is not empty", "card.md", "```divider #ff0000\n```", "", ""},
		{"a few stray non-UTF-8-looking but valid characters", "card.md", "---\nhead: Hi\n---\n✓ €5 — naïve 🎉", "Hi", "✓ €5 — naïve 🎉"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			card, content, diags := BuildFile(tc.file, []byte(tc.data))
			if HasErrors(diags) {
				t.Fatalf("refused:\n%s", FormatDiagnostics(tc.file, diags))
			}
			if strings.HasPrefix(card.Source, bom) {
				t.Errorf("the byte order mark was kept in the source")
			}
			if tc.head != "" && (content.Head == nil || content.Head.Text != tc.head) {
				t.Errorf("head = %+v, want %q", content.Head, tc.head)
			}
			if tc.text != "" {
				if m, ok := content.Body[0].(Message); !ok || m.Text != tc.text {
					t.Errorf("first element = %#v, want a message %q", content.Body[0], tc.text)
				}
			}
		})
	}
}

// A BOM is skipped by Parse and Build too (the composer's path), and the
// source Build keeps has none.
func TestBuildStripsBOM(t *testing.T) {
	card, content, diags := Build("\uFEFF---\nhead: Hi\n---\nBody")
	if HasErrors(diags) || content.Head == nil || content.Head.Text != "Hi" {
		t.Fatalf("Build = %+v %v", content, diags)
	}
	if card.Source != "---\nhead: Hi\n---\nBody" {
		t.Errorf("source = %q", card.Source)
	}
}

// Invalid UTF-8 is an error, but the preview still shows the rest of the card.
func TestParseShowsTheRestOfABadCard(t *testing.T) {
	c, diags := Parse("---\nhead: Hi\n---\ncaf\xe9 \x07")
	if len(diags) != 2 || diags[0].String() != "4:4: error: invalid UTF-8: byte 0xE9 is not part of any character; save the card as UTF-8 (zoompose does not replace bad bytes)" ||
		diags[1].String() != "4:6: error: control character U+0007 (BEL): remove it" {
		t.Fatalf("diagnostics:\n%s", FormatDiagnostics("", diags))
	}
	if c.Head == nil || c.Head.Text != "Hi" || len(c.Body) != 1 {
		t.Errorf("content = %+v, want the head and one message for the preview", c)
	}
}

// Between the soft and the hard limit a card is sent with a warning.
func TestBuildWarnsAboveTheSoftLimit(t *testing.T) {
	card, _, diags := BuildFile("card.md", []byte(bigCard(WarnContentBytes+1000)))
	if HasErrors(diags) || card.Content == nil {
		t.Fatalf("refused:\n%s", FormatDiagnostics("card.md", diags))
	}
	if len(diags) != 1 || diags[0].Severity != Warning || !strings.Contains(diags[0].Message, "Zoom may cut or refuse it") {
		t.Errorf("diagnostics:\n%s", FormatDiagnostics("card.md", diags))
	}
	if _, _, diags := BuildFile("card.md", []byte(bigCard(WarnContentBytes/2))); len(diags) != 0 {
		t.Errorf("a card under the soft limit warns:\n%s", FormatDiagnostics("card.md", diags))
	}
}

// ParseJSON refuses what it cannot read faithfully, before decoding.
func TestParseJSONRefuses(t *testing.T) {
	cases := map[string]struct{ data, want string }{
		"invalid UTF-8": {"{\"head\":{\"text\":\"\xff\"}}", "not valid UTF-8 (first bad byte at line 1, column 18)"},
		"too deep":      {nestedSectionsJSON(100), "more than 32 deep"},
		"too big":       {`{"head":{"text":"` + strings.Repeat("a", MaxInputBytes) + `"}}`, "of text; zoompose reads at most 1 MB"},
		"empty":         {" \n", "the card JSON is empty"},
	}
	for name, tc := range cases {
		if _, err := ParseJSON([]byte(tc.data)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: ParseJSON error = %v, want %q", name, err, tc.want)
		}
	}
	// A stored card with a control character can still be read (and shown).
	if c, err := ParseJSON([]byte("\uFEFF" + `{"head":{"text":"a\u0007"}}`)); err != nil || c.Head.Text != "a\a" {
		t.Errorf("ParseJSON = %+v, %v", c, err)
	}
	// The deepest shape Zoom's format has is well inside the bound.
	deepest := `{"content":{"body":[{"type":"page","pages":[{"pageNo":1,"body":[{"type":"section","sections":[` +
		`{"type":"fields","items":[{"key":"k","value":"v","style":{"bold":true}}]}]}]}]}]},"to_jid":"x"}`
	if _, err := ParseJSON([]byte(deepest)); err != nil {
		t.Errorf("the deepest legal card is refused: %v", err)
	}
}

// Hostile input is answered fast, whatever its shape: the cards, and
// a megabyte of what once made a scanner quadratic (unclosed emphasis,
// brackets, angle brackets, backticks; a block or item per line). The
// benchmarks give the figures (100 ms at the cap on an idle machine); this
// guards the shape, so it runs in every build: under -race, whose
// instrumentation costs 5–20×, on a sixteenth of the input, where a quadratic
// scanner still takes seconds. Each shape is also timed at a quarter of its
// size, so that a slow machine is told from a scanner that grows faster than
// its input (refusalTimeProblem).
func TestRefusalsAreFast(t *testing.T) {
	if testing.Short() {
		t.Skip("timing is meaningless under -short")
	}
	n := MaxInputBytes // how much of each hostile shape
	if raceEnabled {
		n /= 16
	}
	shapes := map[string]func(n int) []byte{
		"nested.md":   func(int) []byte { return []byte(nestedSections(4000)) },
		"nested.json": func(int) []byte { return []byte(nestedSectionsJSON(4000)) },
		"big.md":      func(int) []byte { return []byte(bigCard(10 << 20)) },
		"cap.md":      func(n int) []byte { return []byte(bigCard(n - 100)) },
		"fences.md":   func(n int) []byte { return []byte(strings.Repeat("```fields\n", n/50)) },
		"binary.bin":  func(n int) []byte { return bytes.Repeat([]byte{0xff, 0x00, 0x13}, n) },
		"stars.md":    func(n int) []byte { return []byte(strings.Repeat("*a ", n/3-10)) },
		"brackets.md": func(n int) []byte { return []byte(strings.Repeat("[", n-10)) },
		"angles.md":   func(n int) []byte { return []byte("```fields\nk: " + strings.Repeat("<a ", n/3-10) + "\n```") },
		"ticks.md":    func(n int) []byte { return []byte("```fields\nk: " + strings.Repeat("`", n-20) + "\n```") },
		"blocks.md":   func(n int) []byte { return []byte(strings.Repeat("```\n", n/4-10)) },
		"buttons.md":  func(n int) []byte { return []byte("```actions\n" + strings.Repeat("- [a](b)\n", n/9-10) + "```") },
		// Issue 11's converter: escapes read back, runs of three, labels, lone backticks.
		"escapes.md": func(n int) []byte { return []byte(strings.Repeat(`\*a\* `, n/7-10)) },
		"triples.md": func(n int) []byte { return []byte(strings.Repeat("***a ", n/5-10)) },
		"labels.md":  func(n int) []byte { return []byte("[" + strings.Repeat("a>|", n/3-10) + "](https://x.io)") },
		"ticks2.md":  func(n int) []byte { return []byte(strings.Repeat("` ", n/2-10)) },
		"links.md":   func(n int) []byte { return []byte(strings.Repeat("[a](https://x.io/(", n/19-10)) },
	}
	for name, shape := range shapes {
		whole, quarter := shape(n), shape(n/4)
		tWhole, tQuarter := time.Hour, time.Hour
		for range 3 { // the best of three, the two sizes in turn: load only ever adds time, to both alike
			start := time.Now()
			BuildFile(name, quarter)
			tQuarter = min(tQuarter, time.Since(start))
			start = time.Now()
			_, _, diags := BuildFile(name, whole)
			tWhole = min(tWhole, time.Since(start))
			if n == MaxInputBytes && !HasErrors(diags) { // a sixteenth may be a card Zoom takes
				t.Fatalf("%s: not refused", name)
			}
		}
		t.Logf("%s: %v (a quarter of it: %v)", name, tWhole, tQuarter)
		if err := refusalTimeProblem(tWhole, tQuarter); err != "" {
			t.Errorf("%s: %s", name, err)
		}
	}
}

// refusalTimeProblem judges one shape's times: the whole input's and a
// quarter's, measured in the same run. Linear work grows about 4× from the
// quarter to the whole and quadratic work 16×, whatever else runs on the
// machine; an absolute budget alone failed on a loaded CI-sized machine
// (a linear scan at 1 s under -race with every package testing at once).
// So a shape over the budget fails only when it also grew faster than
// linear, and anything over the hang limit fails outright.
func refusalTimeProblem(whole, quarter time.Duration) string {
	const budget, hangLimit, linearGrowth = 500 * time.Millisecond, 5 * time.Second, 8
	switch {
	case whole > hangLimit:
		return fmt.Sprintf("refused in %v, over the %v limit", whole, hangLimit)
	case whole > budget && whole > linearGrowth*quarter:
		return fmt.Sprintf("refused in %v, over the %v budget, and %.1f× a quarter of the input's %v: it grows faster than the input",
			whole, budget, float64(whole)/float64(quarter), quarter)
	}
	return ""
}

func TestRefusalTimeProblem(t *testing.T) {
	ms := time.Millisecond
	for _, c := range []struct {
		whole, quarter time.Duration
		fails          bool
	}{
		{100 * ms, 1 * ms, false},    // under the budget: growth does not matter
		{1100 * ms, 300 * ms, false}, // a linear scan on a loaded machine
		{1100 * ms, 70 * ms, true},   // over the budget and quadratic
		{6000 * ms, 1500 * ms, true}, // a hang, however it grows
		{499 * ms, 10 * ms, false},   // quadratic, but inside the budget
	} {
		if got := refusalTimeProblem(c.whole, c.quarter) != ""; got != c.fails {
			t.Errorf("refusalTimeProblem(%v, %v) fails = %v, want %v", c.whole, c.quarter, got, c.fails)
		}
	}
}
