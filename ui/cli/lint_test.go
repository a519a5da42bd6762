package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// lint prints the diagnostics alone, on stdout, and answers with the exit code the card
// deserves; it never touches the network.
func TestLint(t *testing.T) {
	cases := []struct {
		name, card     string
		strict, asJSON bool
		code           int
		stdout         string // exact, with FILE standing for the file's path
	}{
		{name: "clean", card: "---\nhead: Hi\n---\nAll **good**\n", code: ExitOK, stdout: ""},
		{name: "clean strict", card: "All good\n", strict: true, code: ExitOK, stdout: ""},
		{name: "warnings", card: "Hello\n\n```fields\nNotes: **v** {editable}\n```\n", code: ExitOK,
			stdout: `FILE:4:8: warning: Zoom does not apply Markdown to an editable field's value: it shows "**v**" as typed, markers and all` + "\n"},
		{name: "warnings strict", card: "Hello\n\n```fields\nNotes: **v** {editable}\n```\n", strict: true, code: exitLintWarnings,
			stdout: `FILE:4:8: warning: Zoom does not apply Markdown to an editable field's value: it shows "**v**" as typed, markers and all` + "\n"},
		{name: "notes never fail", card: "```go\nx := 1\n```\n", strict: true, code: ExitOK,
			stdout: "FILE:1:4: note: ```go: a code block; Zoom shows code without highlighting, so the language is left out\n"},
		{name: "errors", card: "```fields\nno colon\n```\n\n\\*x\\*\n", code: ExitUsage,
			stdout: "FILE:1:1: error: missing required fields items: write at least one Key: value line\n" +
				"FILE:2:1: error: a field is written Key: value (add a colon after the key)\n" +
				`FILE:5:1: warning: Zoom has no escape for "*": it reads "*x*" as bold; to show the characters as typed, write the text in a ` +
				"```message no-markdown block (sent as written, with markdown off)\n"},
		{name: "json", card: "Ping @alice & a < b\n\n```go\nx\n```\n", asJSON: true, code: ExitOK,
			stdout: `[{"line":1,"col":6,"severity":"warning","message":"@alice: this card is sent with markdown off (is_markdown_support is not set), and Zoom documents @ mentions with its markdown, so the mention may need markdown on (unverified); a ` + "```message markdown block turns it on\"}," +
				`{"line":3,"col":4,"severity":"note","message":"` + "```go: a code block; Zoom shows code without highlighting, so the language is left out\"}]\n"},
		{name: "json link label", card: "[a > b](https://x.io/<p>)\n", asJSON: true, strict: true, code: exitLintWarnings,
			stdout: `[{"line":1,"col":4,"severity":"warning","message":"link label: Zoom ends a link's label at '>' and splits it at '|', so '>' is sent as '›' and '|' as '∣' (they look alike); reword the label to avoid them"}]` + "\n"},
		{name: "json clean", card: "Fine\n", asJSON: true, code: ExitOK, stdout: "[]\n"},
		{name: "json errors", card: "```actions\n- [Go](go) shiny\n```\n", asJSON: true, strict: true, code: ExitUsage,
			stdout: `[{"line":2,"col":12,"severity":"error","message":"bad button style \"shiny\": use Primary, Default, Danger or Disabled"}]` + "\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			file := h.writeFile("card.md", tc.card)
			res := h.run("", func(c *Common) error {
				return runLint(&lintOptions{Common: c, cardInput: cardInput{File: file}, Strict: tc.strict, JSON: tc.asJSON})
			})
			want := strings.ReplaceAll(tc.stdout, "FILE", file)
			if res.code != tc.code || res.stdout != want || res.stderr != "" {
				t.Errorf("exit %d (want %d)\nstdout:\n%s\nwant:\n%s\nstderr: %q", res.code, tc.code, res.stdout, want, res.stderr)
			}
			if h.apiRequests() != 0 {
				t.Errorf("lint made %d requests", h.apiRequests())
			}
		})
	}
}

// A .json card has no lines: its diagnostics carry the element's path.
func TestLintJSONCardUsesPaths(t *testing.T) {
	h := newHarness(t)
	file := h.writeFile("card.json", `{"body":[{"type":"actions","items":[{"text":"Go","value":"go","style":"Loud"}]}]}`)
	for _, asJSON := range []bool{false, true} {
		res := h.run("", func(c *Common) error {
			return runLint(&lintOptions{Common: c, cardInput: cardInput{File: file}, JSON: asJSON})
		})
		want := file + `:body[0].items[0].style: error: bad button style "Loud": use Primary, Default, Danger or Disabled` + "\n"
		if asJSON {
			want = `[{"line":0,"col":0,"severity":"error","message":"bad button style \"Loud\": use Primary, Default, Danger or Disabled","path":"body[0].items[0].style"}]` + "\n"
		}
		if res.code != ExitUsage || res.stdout != want {
			t.Errorf("json=%v: exit %d, stdout %q, want %q", asJSON, res.code, res.stdout, want)
		}
	}
}

// Card text that would act on a terminal is shown, never obeyed, in lines; --json stays
// exact JSON that decodes to the very message.
func TestLintHostileText(t *testing.T) {
	h := newHarness(t)
	card := "```actions\n- [**Go**\u009b2J](go)\n```\n"
	res := h.exec(card, "lint", "-")
	if res.code != ExitUsage || strings.ContainsRune(res.stdout, '\u009b') || !strings.Contains(res.stdout, "stdin:2:4: warning: ") ||
		!strings.Contains(res.stdout, "stdin:2:10: error: control character U+009B (CSI)") {
		t.Errorf("exit %d, stdout %q", res.code, res.stdout)
	}
	res = h.exec(card, "lint", "--json", "-")
	var got []lintDiagnostic
	if err := json.Unmarshal([]byte(res.stdout), &got); err != nil || res.code != ExitUsage {
		t.Fatalf("exit %d, %v: %q", res.code, err, res.stdout)
	}
	if strings.ContainsRune(res.stdout, '\u009b') || len(got) != 2 || !strings.Contains(got[0].Message, "**Go**\u009b2J") {
		t.Errorf("stdout %q decodes to %+v", res.stdout, got)
	}
}

// Through the command line: stdin with -, flags, --var, and usage mistakes (exit 2).
func TestLintCommandLine(t *testing.T) {
	h := newHarness(t)
	if res := h.exec("Hi {{.who}}\n", "lint", "--var", "who=@team", "-"); res.code != ExitOK ||
		!strings.HasPrefix(res.stdout, "stdin:1:4: warning: @team: ") {
		t.Errorf("exit %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
	}
	if res := h.exec("**x\ny**\n", "lint", "--strict", "-"); res.code != exitLintWarnings || !strings.Contains(res.stdout, "stdin:1:1: warning: \"**\" opens bold") {
		t.Errorf("exit %d, stdout %q", res.code, res.stdout)
	}
	assertOneErrorLine(t, h.exec("Hi {{.who}}\n", "lint", "-"), ExitUsage, "--var who=")
	assertOneErrorLine(t, h.exec("", "lint"), ExitUsage, "FILE")
	assertOneErrorLine(t, h.exec("", "lint", h.dir+"/missing.md"), ExitUsage, "cannot read the card")
}
