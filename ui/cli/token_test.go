package cli

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history/historytest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// execToken runs `zoompose token`, the one command whose output is a token, so without
// the harness's check that no token is printed. onTerminal says stdout is a terminal.
func (h *harness) execToken(onTerminal bool, args ...string) result {
	h.t.Helper()
	s, out, errOut := h.streams("")
	s.OutTerminal = onTerminal
	code := Execute(context.Background(), append(args, "token"), s)
	res := result{code: code, stdout: out.String(), stderr: errOut.String()}
	for _, secret := range h.secrets { // the client secret never, the token only on stdout
		if form, at := historytest.FindSecret([]byte(res.stdout+res.stderr), secret); at >= 0 {
			h.t.Fatalf("a secret appeared %s in the output of token:\n%s%s", form, res.stdout, res.stderr)
		}
	}
	return res
}

// tokenLine is the token printed on stdout, checked to be one line of one word.
func tokenLine(t *testing.T, res result) string {
	t.Helper()
	if res.code != 0 {
		t.Fatalf("token: exit %d, stderr:\n%s", res.code, res.stderr)
	}
	token, ok := strings.CutSuffix(res.stdout, "\n")
	if !ok || token == "" || strings.ContainsAny(token, " \t\n") {
		t.Fatalf("token printed %q, want one line holding the token", res.stdout)
	}
	return token
}

// The printed token is the one Zoom (the simulator) issues: the curl command of
// send --dry-run --curl, with ZOOM_TOKEN=$(zoompose token), posts the card.
func TestTokenFillsTheCurlScript(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Fatalf("curl is needed (.ci/run installs it): %v", err)
	}
	h := newHarness(t)
	res := h.execToken(false)
	token := tokenLine(t, res)
	if lines := errorLines(res.stderr); len(lines) != 0 {
		t.Errorf("token warned with stdout not a terminal (a script reads it): %q", lines)
	}
	if got := h.server.Requests(); len(got) != 1 || got[0].Path != "/oauth/token" {
		t.Fatalf("token made %d requests, want the one token request: %+v", len(got), got)
	}

	dry := h.exec("", "send", "--dry-run", "--curl", "--to", zoomtest.ChannelGeneral, h.writeFile("card.md", sampleCard))
	if !strings.Contains(dry.stdout, "#   export ZOOM_TOKEN=$(zoompose token)\n") {
		t.Fatalf("the curl script does not say how zoompose token fills $ZOOM_TOKEN:\n%s", dry.stdout)
	}
	var script []string
	for line := range strings.Lines(dry.stdout) {
		if !strings.HasPrefix(line, "#") {
			script = append(script, line)
		}
	}
	cmd := exec.Command("bash", "-euo", "pipefail", "-c", strings.Join(script, ""))
	cmd.Env = append(os.Environ(), "ZOOM_TOKEN="+token)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the curl command with the printed token failed: %v\n%s", err, out)
	}
	if sent := h.server.Messages(); len(sent) != 1 || !strings.Contains(string(sent[0].Contents[0]), "Release 1.4") {
		t.Fatalf("the simulator holds %d messages after curl with the printed token", len(sent))
	}
}

// A dry run of a named profile says to ask that profile for the token.
func TestCurlHintNamesTheProfile(t *testing.T) {
	h := newHarness(t)
	h.env["ZOOMPOSE_CONFIG"] = h.writeFile("config.toml", "[profiles.\"team chat\"]\nkind = \"dev\"\n")
	res := h.exec("", "--profile", "team chat", "send", "--dry-run", "--curl", "--to", zoomtest.ChannelGeneral, h.card())
	if res.code != 0 || !strings.Contains(res.stdout, "export ZOOM_TOKEN=$(zoompose --profile 'team chat' token)") {
		t.Fatalf("exit %d; the hint does not name the profile:\n%s%s", res.code, res.stdout, res.stderr)
	}
}

// On a terminal the token still comes, after a warning on stderr that it is a secret and
// how long it lasts.
func TestTokenWarnsOnATerminal(t *testing.T) {
	h := newHarness(t)
	res := h.execToken(true)
	tokenLine(t, res)
	lines := errorLines(res.stderr)
	if len(lines) != 1 || !strings.Contains(lines[0], "secret access token") || !strings.Contains(lines[0], "valid until") ||
		!strings.Contains(lines[0], "Do not paste it") {
		t.Fatalf("want one warning line on stderr, got:\n%s", res.stderr)
	}
	if strings.Contains(res.stderr, strings.TrimSpace(res.stdout)) {
		t.Fatal("the warning repeats the token")
	}
}

// Exit codes: a missing credential and --sandbox are usage errors found before any
// request; a refused secret or an unreachable endpoint is exit 1 with the reason.
func TestTokenExitCodes(t *testing.T) {
	cases := []struct {
		name     string
		setup    func(h *harness) []string
		code     int
		fragment string
		requests bool // whether the token endpoint was asked
	}{
		{"missing secret", func(h *harness) []string { delete(h.env, "ZOOM_CLIENT_SECRET"); return nil }, ExitUsage, "ZOOM_CLIENT_SECRET", false},
		{"sandbox", func(*harness) []string { return []string{"--sandbox"} }, ExitUsage, "zoompose sandbox", false},
		{"wrong secret", func(h *harness) []string {
			h.env["ZOOM_CLIENT_SECRET"] = "wrong-secret-5519"
			h.secrets = append(h.secrets, "wrong-secret-5519")
			return nil
		}, ExitAPI, "ZOOM_CLIENT_SECRET from", true},
		{"endpoint unreachable", func(h *harness) []string {
			h.env["ZOOM_TOKEN_URL"] = closedURL(h.t) + "/oauth/token"
			return nil
		}, ExitAPI, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			res := h.execToken(true, tc.setup(h)...)
			assertOneErrorLine(t, res, tc.code, tc.fragment)
			if res.stdout != "" {
				t.Errorf("stdout holds %q after a failure", res.stdout)
			}
			if asked := len(h.server.Requests()) > 0; asked != tc.requests {
				t.Errorf("token endpoint asked: %v, want %v", asked, tc.requests)
			}
		})
	}
}

// A token endpoint that answers with something that is not a bearer token (here escape
// sequences and control characters) gets no output: it would act on the terminal, or break
// the script. The error names the endpoint's setting and never quotes the token.
func TestTokenRefusesAHostileToken(t *testing.T) {
	h := newHarness(t)
	h.server.SetTokenSuffix(zoomtest.HostileText)
	res := h.execToken(false)
	assertOneErrorLine(t, res, ExitAPI, "not a bearer token", "refused", "ZOOM_TOKEN_URL comes from")
	assertShownNotObeyed(t, "token, hostile token", res)
	if res.stdout != "" || strings.Contains(res.stderr, "zsbx.") || strings.Contains(res.stderr, "␛") {
		t.Errorf("the refused token was shown:\nstdout %q\nstderr %q", res.stdout, res.stderr)
	}
}

// The token `zoompose token` printed, and kept by a script in ZOOM_TOKEN, reaches no
// other command's output (nor its own stderr) and not the history file. Every
// subcommand that finishes on its own is run once here; sandbox and events run until
// stopped (their outputs are checked for tokens by their own tests, through the harness).
func TestNoOtherCommandPrintsTheToken(t *testing.T) {
	h := newHarness(t)
	token := tokenLine(t, h.execToken(false))
	h.env["ZOOM_TOKEN"] = token
	h.secrets = append(h.secrets, token) // every h.exec below fails if it shows up
	card := h.card()
	id := h.send(card)
	at := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	lines := [][]string{
		{"send", "--to", zoomtest.ChannelGeneral, card},
		{"send", "--dry-run", "--curl", "--to", zoomtest.ChannelGeneral, card},
		{"send", "--dry-run", "--to", zoomtest.ChannelGeneral, card},
		{"edit", id, h.writeFile("fixed.md", editedCard)},
		{"unfurl", "--user-id", shareUser, "--trigger-id", h.server.IssueTrigger(shareUser), card},
		{"delete", "--yes", id},
		{"history"}, {"history", "--json"}, {"history", "export"}, {"history", "--unfurls", "--json"},
		{"preview", card}, {"payload", card}, {"lint", card},
		{"templates"}, {"recipients"},
		{"send", "--at", at, "--to", zoomtest.ChannelGeneral, card}, {"schedule"}, {"schedule", "run"},
		{"--help"}, {"token", "--help"},
	}
	for _, args := range lines {
		if res := h.exec("", args...); res.code != 0 {
			t.Fatalf("%q: exit %d, stderr:\n%s", args, res.code, res.stderr)
		}
	}
	historytest.AssertNoSecrets(t, h.env["ZOOMPOSE_DB"], token)
}
