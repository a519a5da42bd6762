package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/history/historytest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// harness runs commands against a fresh simulator over real HTTP, with a real history file
// in a temp dir and an environment of its own (the process environment is never read).
type harness struct {
	t      *testing.T
	server *zoomtest.Server
	dir    string
	env    map[string]string
	// secrets must never appear in any output; run adds the simulator's access tokens.
	secrets []string
	opened  *history.Store
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	server := zoomtest.NewServer()
	t.Cleanup(server.Close)
	dir := t.TempDir()
	return &harness{
		t: t, server: server, dir: dir,
		env: map[string]string{
			"ZOOM_CLIENT_ID":     zoomtest.ClientID,
			"ZOOM_CLIENT_SECRET": zoomtest.ClientSecret,
			"ZOOM_ACCOUNT_ID":    zoomtest.AccountID,
			"ZOOM_BOT_JID":       zoomtest.RobotJID,
			"ZOOM_USER_JID":      zoomtest.UserJID,
			"ZOOM_API_URL":       server.APIURL(),
			"ZOOM_TOKEN_URL":     server.TokenURL(),
			"ZOOMPOSE_DB":        filepath.Join(dir, "history.db"),
			"XDG_CONFIG_HOME":    filepath.Join(dir, "config"),
			"XDG_DATA_HOME":      filepath.Join(dir, "data"),
			"HOME":               dir,
		},
		secrets: []string{zoomtest.ClientSecret},
	}
}

// result is what a command did: its exit code and its two output streams.
type result struct {
	code           int
	stdout, stderr string
}

// streams returns Streams over buffers, reading stdin from the given text.
func (h *harness) streams(stdin string) (Streams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	env := h.env
	return Streams{
		In: strings.NewReader(stdin), Out: &out, Err: &errOut,
		Getenv: func(k string) string { return env[k] },
	}, &out, &errOut
}

// run calls a run function with in-memory streams and reports it as Main would.
func (h *harness) run(stdin string, fn func(c *Common) error) result {
	h.t.Helper()
	s, out, errOut := h.streams(stdin)
	code := report(fn(&Common{Streams: s}), errOut)
	res := result{code: code, stdout: out.String(), stderr: errOut.String()}
	h.assertNoSecret(res)
	return res
}

// exec runs a whole command line through cobra, as the binary does.
func (h *harness) exec(stdin string, args ...string) result {
	h.t.Helper()
	s, out, errOut := h.streams(stdin)
	code := Execute(context.Background(), args, s)
	res := result{code: code, stdout: out.String(), stderr: errOut.String()}
	h.assertNoSecret(res)
	return res
}

// assertNoSecret fails if the client secret or any access token the simulator saw is in
// the output in any form: plain, URL-escaped, or inside base64 such as a Basic header
// (historytest.Forms).
func (h *harness) assertNoSecret(res result) {
	h.t.Helper()
	for _, secret := range append(h.secrets, h.accessTokens()...) {
		for _, out := range []string{res.stdout, res.stderr} {
			if form, at := historytest.FindSecret([]byte(out), secret); at >= 0 {
				h.t.Fatalf("a secret (%d chars) appeared %s in the output:\nstdout: %s\nstderr: %s", len(secret), form, res.stdout, res.stderr)
			}
		}
	}
}

// accessTokens are the bearer tokens the client presented to the simulator.
func (h *harness) accessTokens() []string {
	var tokens []string
	for _, r := range h.server.Requests() {
		if t, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			tokens = append(tokens, t)
		}
	}
	return tokens
}

// writeFile writes a file under the harness dir and returns its path.
func (h *harness) writeFile(name, content string) string {
	h.t.Helper()
	path := filepath.Join(h.dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		h.t.Fatal(err)
	}
	return path
}

// store opens the history the commands wrote, once; it is closed when the test ends. While
// it is open, commands cannot open the history (bbolt's lock): call it after them.
func (h *harness) store() *history.Store {
	h.t.Helper()
	if h.opened != nil {
		return h.opened
	}
	s, err := history.Open(h.env["ZOOMPOSE_DB"])
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { s.Close() })
	h.opened = s
	return s
}

// apiRequests counts the requests that reached the simulator, tokens included.
func (h *harness) apiRequests() int { return len(h.server.Requests()) }

// send sends the card in file to the general channel and returns the message id.
func (h *harness) send(file string) string {
	h.t.Helper()
	res := h.run("", func(c *Common) error {
		return runSend(context.Background(), &sendOptions{Common: c, To: []string{zoomtest.ChannelGeneral}, cardInput: cardInput{File: file}})
	})
	if res.code != 0 {
		h.t.Fatalf("send failed with %d: %s", res.code, res.stderr)
	}
	return strings.TrimSpace(res.stdout)
}

// errorLines are the stderr lines other than the profile line.
func errorLines(stderr string) []string {
	var lines []string
	for line := range strings.Lines(stderr) {
		if !strings.HasPrefix(line, "profile: ") {
			lines = append(lines, strings.TrimRight(line, "\n"))
		}
	}
	return lines
}

// assertOneErrorLine checks the exit code and that stderr holds exactly one error line
// (besides the profile line) that contains every fragment.
func assertOneErrorLine(t *testing.T, res result, code int, fragments ...string) {
	t.Helper()
	if res.code != code {
		t.Fatalf("exit code = %d, want %d; stderr:\n%s", res.code, code, res.stderr)
	}
	lines := errorLines(res.stderr)
	if len(lines) != 1 {
		t.Fatalf("stderr has %d error lines, want 1:\n%s", len(lines), res.stderr)
	}
	for _, f := range fragments {
		if !strings.Contains(lines[0], f) {
			t.Errorf("error line %q does not contain %q", lines[0], f)
		}
	}
}

const sampleCard = `---
head: Release 1.4
---
Hello **team**, the release is out.
`

const editedCard = `---
head: Release 1.4.1
---
Hello **team**, the fixed release is out.
`

const sampleJSON = `{"head":{"text":"From JSON"},"body":[{"type":"message","text":"plain text"}]}`
