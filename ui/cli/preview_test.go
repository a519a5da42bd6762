package cli

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

const richCard = `---
head: Release 1.4
sub_head: Tuesday deploy
---
The release is **out**. Read the [notes](https://example.com/notes).

---

Thanks to everyone who tested it.
`

func TestPreviewDrawsTheCard(t *testing.T) {
	// Colour goes to a terminal only; these would force it into the
	// captured stdout and make the goldens depend on who runs the test.
	t.Setenv("CLICOLOR_FORCE", "")
	t.Setenv("TTY_FORCE", "")
	cases := []struct {
		name string
		opts previewOptions
		env  map[string]string
	}{
		{name: "width 40 without colour", opts: previewOptions{Width: 40}, env: map[string]string{"NO_COLOR": "1"}},
		{name: "COLUMNS 80 in a theme", opts: previewOptions{Theme: "zoom-dark"}, env: map[string]string{"COLUMNS": "80"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			for k, v := range tc.env {
				h.env[k] = v
			}
			tc.opts.File = h.writeFile("card.md", richCard)
			res := h.run("", func(c *Common) error { tc.opts.Common = c; return runPreview(&tc.opts) })
			if res.code != 0 || res.stderr != "" {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			golden.RequireEqual(t, res.stdout)
		})
	}
}

// --no-markdown draws what send --no-markdown sends: the text exactly as the author wrote
// it (not the Zoom dialect it would have been converted to), markers and all, in any theme,
// with a warning for each kind of Markdown that shows so. (Until markdown off meant off, this
// test pinned the converted text drawn literally, "*out*" and "<url|notes>", which is not
// what Zoom shows of a card sent with --no-markdown.)
func TestPreviewNoMarkdownDrawsTheTextAsWritten(t *testing.T) {
	h := newHarness(t)
	file := h.writeFile("card.md", richCard)
	for _, off := range []bool{false, true} {
		opts := previewOptions{Theme: "zoom-dark", Width: 80, cardInput: cardInput{File: file, NoMarkdown: off}}
		res := h.run("", func(c *Common) error { opts.Common = c; return runPreview(&opts) })
		if res.code != 0 || (res.stderr != "") != off {
			t.Fatalf("--no-markdown=%v: exit %d: %s", off, res.code, res.stderr)
		}
		literal := strings.Contains(res.stdout, "The release is **out**. Read the [notes](https://example.com/notes).")
		if literal != off || strings.Contains(res.stdout, "*out*.") && !literal {
			t.Errorf("--no-markdown=%v: text shown as written = %v:\n%s", off, literal, res.stdout)
		}
		if off && !strings.Contains(res.stderr, `card.md:5:16: warning: markdown is off: "**out**" shows as written, with the stars`) {
			t.Errorf("--no-markdown: warnings\n%s", res.stderr)
		}
	}
}

func TestPayloadPrintsTheWireJSON(t *testing.T) {
	h := newHarness(t)
	file := h.writeFile("card.md", richCard)

	res := h.run("", func(c *Common) error { return runPayload(&payloadOptions{Common: c, cardInput: cardInput{File: file}}) })
	if res.code != 0 || res.stderr != "" {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	golden.RequireEqual(t, res.stdout)

	// What payload prints is what send accepts, unchanged, as a .json card.
	sent := h.send(h.writeFile("payload.json", res.stdout))
	got, _ := h.server.Message(sent)
	if !jsonEqual(t, got.Contents[0], []byte(res.stdout)) {
		t.Errorf("the simulator got %s, payload printed %s", got.Contents[0], res.stdout)
	}
	compact := h.run("", func(c *Common) error {
		return runPayload(&payloadOptions{Common: c, Compact: true, cardInput: cardInput{File: file}})
	})
	if strings.Count(compact.stdout, "\n") != 1 || !jsonEqual(t, []byte(compact.stdout), []byte(res.stdout)) {
		t.Errorf("--compact printed %q", compact.stdout)
	}
}

// preview and payload exit 2 with file:line:col diagnostics when the source has errors.
func TestPreviewAndPayloadReportDiagnostics(t *testing.T) {
	bad := "Hello\n\n```fields wide\nx: y\n```\n"
	commands := map[string]func(c *Common, file string) error{
		"preview": func(c *Common, file string) error {
			return runPreview(&previewOptions{Common: c, cardInput: cardInput{File: file}})
		},
		"payload": func(c *Common, file string) error {
			return runPayload(&payloadOptions{Common: c, cardInput: cardInput{File: file}})
		},
	}
	for name, run := range commands {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			file := h.writeFile("bad.md", bad)
			res := h.run("", func(c *Common) error { return run(c, file) })
			if res.code != ExitUsage || res.stdout != "" {
				t.Fatalf("exit %d, stdout %q", res.code, res.stdout)
			}
			if !strings.HasPrefix(res.stderr, file+":3:") || !strings.Contains(res.stderr, "error") {
				t.Errorf("stderr = %q, want %s:3:col: error: …", res.stderr, file)
			}
		})
	}
}

func TestPreviewRejectsBadOptions(t *testing.T) {
	cases := []struct {
		name      string
		opts      previewOptions
		fragments []string
	}{
		{name: "unknown theme", opts: previewOptions{Theme: "neon"}, fragments: []string{"neon", "zoom-dark"}},
		{name: "too narrow", opts: previewOptions{Width: 3}, fragments: []string{"--width"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			tc.opts.File = h.writeFile("card.md", sampleCard)
			res := h.run("", func(c *Common) error { tc.opts.Common = c; return runPreview(&tc.opts) })
			assertOneErrorLine(t, res, ExitUsage, tc.fragments...)
		})
	}
}

// The preview of a card read from stdin needs no configuration at all.
func TestPreviewFromStdinNeedsNoCredentials(t *testing.T) {
	h := newHarness(t)
	h.env = map[string]string{"NO_COLOR": "1", "HOME": h.dir}
	res := h.exec(`{"head":{"text":"Only JSON"}}`, "preview", "--width", "30", "-")
	if res.code != 0 || !strings.Contains(res.stdout, "Only JSON") || strings.Contains(res.stderr, "profile") {
		t.Fatalf("exit %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
	}
}
