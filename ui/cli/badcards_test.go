package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// Issue 10's bad cards: each is refused with exit 2 and a message that names the problem
// (file:line:col where there is a line), before anything reaches the network: the
// simulator sees no request at all, not even for a token.
func TestSendRefusesBadCards(t *testing.T) {
	nested := strings.Repeat("```section\n", 4000) + "deep\n" + strings.Repeat("```\n", 4000)
	var big strings.Builder
	big.WriteString("---\nhead: Big\n---\n")
	for big.Len() < 10<<20 {
		big.WriteString("The deploy of api finished in 4 minutes; see the dashboard for numbers.\n\n")
	}
	cases := []struct {
		name, file, stdin, content string // file "" reads stdin
		want                       []string
	}{
		{"binary", "logo.png", "", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + strings.Repeat("\xde\xad\xbe\xef", 50),
			[]string{"logo.png: error: this is not a text file"}},
		{"invalid UTF-8", "latin1.md", "", "---\nhead: Caf\xe9\n---\nBody\n",
			[]string{"latin1.md:2:10: error: invalid UTF-8: byte 0xE9"}},
		{"NUL", "nul.md", "", "---\nhead: Hi\n---\nHello\x00world\n",
			[]string{"nul.md:4:6: error: control character U+0000 (NUL): remove it"}},
		{"BEL", "bel.md", "", "---\nhead: Hi\n---\nRing the bell \x07 now\n",
			[]string{"bel.md:4:15: error: control character U+0007 (BEL): remove it"}},
		{"empty file", "empty.md", "", "", []string{"empty.md: error: the card is empty: Zoom would post nothing"}},
		{"empty stdin", "", "", "", []string{"stdin: error: the card is empty: Zoom would post nothing"}},
		{"whitespace only", "blank.md", "", " \n\t\n\n", []string{"blank.md: error: the card is empty"}},
		{"empty object", "", "{}", "", []string{"stdin: error: the card is empty"}},
		{"10 MB", "big.md", "", big.String(), []string{"big.md: error: the card is 10.0 MB of text"}},
		{"4,000 nested sections", "nested.md", "", nested,
			[]string{"nested.md:2:4: error: a section cannot hold another section"}},
		{"NUL escape in JSON", "nul.json", "", `{"head":{"text":"Hi"},"body":[{"type":"message","text":"a\u0000b"}]}`,
			[]string{`nul.json:1:58: error: the JSON string escape \u0000 is control character U+0000 (NUL)`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			args := []string{"send", "--to", zoomtest.ChannelGeneral}
			if tc.file != "" {
				args = append(args, h.writeFile(tc.file, tc.content))
			}
			res := h.exec(tc.stdin, args...)
			if res.code != ExitUsage {
				t.Fatalf("exit code = %d, want %d; stderr:\n%s", res.code, ExitUsage, res.stderr)
			}
			if res.stdout != "" {
				t.Errorf("stdout = %q, want nothing", res.stdout)
			}
			stderr := strings.ReplaceAll(res.stderr, h.dir+string(filepath.Separator), "")
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not contain %q:\n%s", w, stderr)
				}
			}
			if lines := errorLines(stderr); len(lines) > 3 {
				t.Errorf("stderr has %d lines; one problem should take one or two:\n%s", len(lines), stderr)
			}
			if n := h.apiRequests(); n != 0 {
				t.Errorf("the simulator saw %d requests, want none: %+v", n, h.server.Requests())
			}
		})
	}
}

// A UTF-8 byte order mark (some Windows editors write one) is skipped: the front matter is
// read as front matter, not as a divider and text, and the card is sent.
func TestSendAcceptsBOMCard(t *testing.T) {
	h := newHarness(t)
	file := h.writeFile("bom.md", "\uFEFF---\nhead: Release 1.4\n---\nHello **team**.\n")
	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, file)
	if res.code != 0 {
		t.Fatalf("exit code = %d; stderr:\n%s", res.code, res.stderr)
	}
	var sent *zoomtest.Request
	for _, r := range h.server.Requests() {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/im/chat/messages") {
			sent = &r
		}
	}
	if sent == nil {
		t.Fatalf("no send request reached the simulator: %+v", h.server.Requests())
	}
	var body struct {
		Content struct {
			Head *struct{ Text string }
			Body []map[string]any
		}
	}
	if err := json.Unmarshal(sent.Body, &body); err != nil {
		t.Fatal(err)
	}
	if body.Content.Head == nil || body.Content.Head.Text != "Release 1.4" {
		t.Errorf("head = %+v, want the front matter's head", body.Content.Head)
	}
	if len(body.Content.Body) != 1 || body.Content.Body[0]["type"] != "message" || body.Content.Body[0]["text"] != "Hello *team*." {
		t.Errorf("body = %v, want one message and no divider", body.Content.Body)
	}
	if strings.Contains(string(sent.Body), "\uFEFF") || strings.Contains(string(sent.Body), `\ufeff`) {
		t.Errorf("the byte order mark was sent: %s", sent.Body)
	}
}

// A card on a pipe that never ends (or a device) is not read without bound.
func TestSendRefusesEndlessInput(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	h := newHarness(t)
	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, "/dev/zero")
	if res.code != ExitUsage || !strings.Contains(res.stderr, "more than 64 MB") {
		t.Fatalf("exit %d, stderr:\n%s", res.code, res.stderr)
	}
	if n := h.apiRequests(); n != 0 {
		t.Errorf("the simulator saw %d requests", n)
	}
}
