package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// styledCard has Markdown and a head style: with markdown on Zoom ignores the style, with
// markdown off it shows the stars and the link's brackets.
const styledCard = `---
head: Release 1.4
head_style: #8338EC bold
---
The release is **out**. Read the [notes](https://example.com/notes).
`

// The text the author wrote, as it must reach Zoom with --no-markdown.
const styledText = "The release is **out**. Read the [notes](https://example.com/notes)."

// send --no-markdown puts the text on the wire exactly as written, with
// is_markdown_support false: the simulator records the request body.
func TestSendNoMarkdownSendsTheTextAsWritten(t *testing.T) {
	h := newHarness(t)
	file := h.writeFile("card.md", styledCard)

	res := h.exec("", "send", "--no-markdown", "--to", zoomtest.ChannelGeneral, file)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	reqs := h.server.Requests()
	var body struct {
		Content struct {
			Body []struct{ Text string } `json:"body"`
		} `json:"content"`
		Markdown *bool `json:"is_markdown_support"`
	}
	if err := json.Unmarshal(reqs[len(reqs)-1].Body, &body); err != nil {
		t.Fatalf("request body %s: %v", reqs[len(reqs)-1].Body, err)
	}
	if len(body.Content.Body) != 1 || body.Content.Body[0].Text != styledText {
		t.Errorf("sent %s, want the text %q", reqs[len(reqs)-1].Body, styledText)
	}
	if body.Markdown != nil && *body.Markdown {
		t.Errorf("sent is_markdown_support true: %s", reqs[len(reqs)-1].Body)
	}
	m, err := h.store().Get(strings.TrimSpace(res.stdout))
	if err != nil || m.Live().Markdown || !strings.Contains(string(m.Live().Content), `**out**`) {
		t.Errorf("history = %s markdown %v (%v)", m.Live().Content, m.Live().Markdown, err)
	}
	for _, want := range []string{
		`card.md:5:16: warning: markdown is off: "**out**" shows as written, with the stars`,
		`card.md:5:34: warning: markdown is off: "[notes](https://example.com/notes)" shows as written, brackets and URL, not as a link`,
	} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, res.stderr)
		}
	}
	if strings.Contains(res.stderr, "ignores style") {
		t.Errorf("the style warning is given with markdown off:\n%s", res.stderr)
	}
}

// Without --no-markdown the same card converts, and the style warning is right.
func TestSendWithMarkdownConverts(t *testing.T) {
	h := newHarness(t)
	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.writeFile("card.md", styledCard))
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	sent, _ := h.server.Message(strings.TrimSpace(res.stdout))
	if !sent.Markdown || !strings.Contains(string(sent.Contents[0]), `The release is *out*. Read the <https://example.com/notes|notes>.`) {
		t.Errorf("sent %s markdown %v", sent.Contents[0], sent.Markdown)
	}
	if !strings.Contains(res.stderr, "card.md:3:13: warning: Zoom ignores style when markdown is on") || strings.Contains(res.stderr, "markdown is off") {
		t.Errorf("stderr:\n%s", res.stderr)
	}
}

// payload, preview and lint with --no-markdown say what send --no-markdown does.
func TestNoMarkdownAgreesAcrossCommands(t *testing.T) {
	h := newHarness(t)
	file := h.writeFile("card.md", styledCard)

	payload := h.exec("", "payload", "--compact", "--no-markdown", file)
	if payload.code != 0 || !strings.Contains(payload.stdout, `"text":"`+styledText+`"`) {
		t.Errorf("payload --no-markdown: exit %d\n%s%s", payload.code, payload.stdout, payload.stderr)
	}

	preview := h.exec("", "preview", "--width", "80", "--no-markdown", file)
	if preview.code != 0 || !strings.Contains(preview.stdout, styledText) {
		t.Errorf("preview --no-markdown: exit %d\n%s%s", preview.code, preview.stdout, preview.stderr)
	}
	if preview.stderr != payload.stderr {
		t.Errorf("preview and payload warn differently:\n%s---\n%s", preview.stderr, payload.stderr)
	}

	lint := h.exec("", "lint", "--no-markdown", "--json", file)
	var diags []lintDiagnostic
	if err := json.Unmarshal([]byte(lint.stdout), &diags); err != nil || lint.code != 0 {
		t.Fatalf("lint --no-markdown --json: exit %d %v\n%s", lint.code, err, lint.stdout)
	}
	want := []lintDiagnostic{
		{Line: 5, Col: 16, Severity: "warning", Message: `markdown is off: "**out**" shows as written, with the stars`},
		{Line: 5, Col: 34, Severity: "warning", Message: `markdown is off: "[notes](https://example.com/notes)" shows as written, brackets and URL, not as a link`},
	}
	if len(diags) != len(want) || diags[0] != want[0] || diags[1] != want[1] {
		t.Errorf("lint --no-markdown = %+v, want %+v", diags, want)
	}
	if strict := h.exec("", "lint", "--strict", "--no-markdown", file); strict.code != exitLintWarnings {
		t.Errorf("lint --strict --no-markdown: exit %d, want %d", strict.code, exitLintWarnings)
	}
	if auto := h.exec("", "lint", file); !strings.Contains(auto.stdout, "ignores style") || strings.Contains(auto.stdout, "markdown is off") {
		t.Errorf("lint without --no-markdown:\n%s", auto.stdout)
	}
	if h.apiRequests() != 0 {
		t.Errorf("payload, preview and lint made %d requests", h.apiRequests())
	}
}

// An edit keeps the markdown setting of the message it replaces, as the app's
// edit does: a message sent with markdown off gets the new text as written (and
// the admin is told); --markdown turns it on; a message sent with markdown on
// stays on.
func TestEditKeepsTheMessagesMarkdown(t *testing.T) {
	h := newHarness(t)
	off := h.writeFile("off.md", "Deploy done.\n")
	res := h.exec("", "send", "--no-markdown", "--to", zoomtest.ChannelGeneral, off)
	if res.code != 0 {
		t.Fatalf("send: exit %d: %s", res.code, res.stderr)
	}
	id := strings.TrimSpace(res.stdout)
	lastBody := func() (text string, markdown bool) {
		reqs := h.server.Requests()
		var body struct {
			Content struct {
				Body []struct{ Text string } `json:"body"`
			} `json:"content"`
			Markdown bool `json:"is_markdown_support"`
		}
		if err := json.Unmarshal(reqs[len(reqs)-1].Body, &body); err != nil || len(body.Content.Body) == 0 {
			t.Fatalf("request body %s: %v", reqs[len(reqs)-1].Body, err)
		}
		return body.Content.Body[0].Text, body.Markdown
	}

	edited := h.writeFile("edited.md", "Deploy **done**.\n")
	res = h.exec("", "edit", id, edited)
	if res.code != 0 {
		t.Fatalf("edit: exit %d: %s", res.code, res.stderr)
	}
	if text, md := lastBody(); text != "Deploy **done**." || md {
		t.Errorf("the edit of a markdown-off message sent %q with markdown %v; want the text as written, off", text, md)
	}
	if !strings.Contains(res.stderr, "was sent with markdown off, and the edit keeps it off") || !strings.Contains(res.stderr, "--markdown") {
		t.Errorf("the edit does not say it keeps markdown off:\n%s", res.stderr)
	}

	res = h.exec("", "edit", "--markdown", id, edited)
	if res.code != 0 {
		t.Fatalf("edit --markdown: exit %d: %s", res.code, res.stderr)
	}
	if text, md := lastBody(); text != "Deploy *done*." || !md {
		t.Errorf("edit --markdown sent %q with markdown %v; want Zoom's dialect, on", text, md)
	}
	res = h.exec("", "edit", id, edited) // now on: it stays on
	if text, md := lastBody(); res.code != 0 || text != "Deploy *done*." || !md || strings.Contains(res.stderr, "markdown off") {
		t.Errorf("the edit of a markdown-on message sent %q with markdown %v (exit %d):\n%s", text, md, res.code, res.stderr)
	}
	if res := h.exec("", "edit", "--markdown", "--no-markdown", id, edited); res.code != 2 {
		t.Errorf("--markdown with --no-markdown: exit %d, want 2", res.code)
	}
}

// A plain card sent without a markdown flag went with markdown off because it
// had no markup (auto mode), not because the admin chose off: its edit is
// built in auto mode again, so **done** is bold, and nothing says the edit
// keeps markdown off.
func TestEditOfAPlainCardSentInAutoModeFollowsTheNewCard(t *testing.T) {
	h := newHarness(t)
	plain := h.writeFile("plain.md", "Deploy done.\n")
	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, plain)
	if res.code != 0 {
		t.Fatalf("send: exit %d: %s", res.code, res.stderr)
	}
	id := strings.TrimSpace(res.stdout)
	if md := lastMarkdownFlag(t, h); md {
		t.Fatalf("a plain card was sent with markdown on; the test needs one sent with it off")
	}
	bold := h.writeFile("bold.md", "Deploy **done**.\n")
	res = h.exec("", "edit", id, bold)
	if res.code != 0 {
		t.Fatalf("edit: exit %d: %s", res.code, res.stderr)
	}
	if !lastMarkdownFlag(t, h) || !strings.Contains(string(h.server.Requests()[len(h.server.Requests())-1].Body), `Deploy *done*.`) {
		t.Errorf("the edit of an auto-mode card was not sent in Zoom's dialect with markdown on: %s", h.server.Requests()[len(h.server.Requests())-1].Body)
	}
	if strings.Contains(res.stderr, "markdown off") {
		t.Errorf("the edit says it keeps markdown off:\n%s", res.stderr)
	}
}

// lastMarkdownFlag is the is_markdown_support of the simulator's last request.
func lastMarkdownFlag(t *testing.T, h *harness) bool {
	t.Helper()
	reqs := h.server.Requests()
	var body struct {
		Markdown bool `json:"is_markdown_support"`
	}
	if err := json.Unmarshal(reqs[len(reqs)-1].Body, &body); err != nil {
		t.Fatalf("request body %s: %v", reqs[len(reqs)-1].Body, err)
	}
	return body.Markdown
}
