package cli

import (
	"net"
	"net/http"
	"os"
	"testing"

	"github.com/zoompose/zoompose/history/historytest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// closedURL is a loopback address where nothing listens.
func closedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close()
	return url
}

// Every error path of every command: the right exit code, and neither the client secret nor
// an access token in stdout or stderr (the harness checks both on every run).
func TestNoSecretOnAnyErrorPath(t *testing.T) {
	t.Parallel()
	const wrongSecret = "wrong-but-still-secret-7731"
	cases := []struct {
		name  string
		setup func(h *harness) []string // returns the command line
		code  int
	}{
		{"missing recipient", func(h *harness) []string { return []string{"send", h.card()} }, ExitUsage},
		{"invalid JSON", func(h *harness) []string {
			return []string{"send", "--to", zoomtest.ChannelGeneral, h.writeFile("c.json", `{"head":`)}
		}, ExitUsage},
		{"card diagnostics", func(h *harness) []string {
			return []string{"send", "--to", zoomtest.ChannelGeneral, h.writeFile("c.md", "```nonsense\n```\n")}
		}, ExitUsage},
		{"missing template variable", func(h *harness) []string {
			return []string{"send", "--to", zoomtest.ChannelGeneral, h.writeFile("c.md", "Hi {{.who}}\n")}
		}, ExitUsage},
		{"missing credential", func(h *harness) []string {
			delete(h.env, "ZOOM_ACCOUNT_ID")
			return []string{"send", "--to", zoomtest.ChannelGeneral, h.card()}
		}, ExitUsage},
		{"config file others can read", func(h *harness) []string {
			path := h.writeFile("config.toml", "[profiles.p]\nclient_secret = \""+zoomtest.ClientSecret+"\"\n")
			os.Chmod(path, 0o644)
			h.env["ZOOMPOSE_CONFIG"] = path
			return []string{"send", "--to", zoomtest.ChannelGeneral, h.card()}
		}, ExitUsage},
		{"wrong secret", func(h *harness) []string {
			h.env["ZOOM_CLIENT_SECRET"] = wrongSecret
			h.secrets = append(h.secrets, wrongSecret)
			return []string{"send", "--to", zoomtest.ChannelGeneral, h.card()}
		}, ExitAPI},
		{"token endpoint unreachable", func(h *harness) []string {
			h.env["ZOOM_TOKEN_URL"] = closedURL(h.t) + "/oauth/token"
			return []string{"send", "--to", zoomtest.ChannelGeneral, h.card()}
		}, ExitAPI},
		{"API unreachable", func(h *harness) []string {
			h.env["ZOOM_API_URL"] = closedURL(h.t) + "/v2"
			return []string{"send", "--to", zoomtest.ChannelGeneral, h.card()}
		}, ExitAPI},
		{"server error", func(h *harness) []string {
			h.server.FailNext(1, http.StatusServiceUnavailable)
			return []string{"send", "--to", zoomtest.ChannelGeneral, h.card()}
		}, ExitAPI},
		{"rate limited for longer than the client waits", func(h *harness) []string {
			h.server.RateLimitNext(1, "3600")
			return []string{"send", "--to", zoomtest.ChannelGeneral, h.card()}
		}, ExitAPI},
		{"connection dropped: outcome unknown", func(h *harness) []string {
			h.server.DropNext(1)
			return []string{"send", "--to", zoomtest.ChannelGeneral, h.card()}
		}, ExitAPI},
		{"edit of an unknown id", func(h *harness) []string { return []string{"edit", "NOPE", h.card()} }, ExitAPI},
		{"delete of an unknown id", func(h *harness) []string { return []string{"delete", "--yes", "NOPE"} }, ExitAPI},
		{"delete without --yes", func(h *harness) []string { return []string{"delete", "NOPE"} }, ExitUsage},
		{"unfurl of an unknown trigger", func(h *harness) []string {
			return []string{"unfurl", "--user-id", shareUser, "--trigger-id", "NOPE", h.card()}
		}, ExitAPI},
		{"history held by another process", func(h *harness) []string {
			h.store()
			return []string{"send", "--to", zoomtest.ChannelGeneral, h.card()}
		}, ExitAPI},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.card()) // a token is in play
			args := tc.setup(h)
			res := h.exec("", args...)
			if res.code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", res.code, tc.code, res.stderr)
			}
			if len(errorLines(res.stderr)) == 0 {
				t.Errorf("no error sentence on stderr")
			}
		})
	}
}

// After a full flow (send, edit, delete, unfurl, a lost answer kept in the outbox) the
// history file holds no secret and no access token.
func TestHistoryFileHoldsNoSecret(t *testing.T) {
	h := newHarness(t)
	id := h.send(h.card())
	h.exec("", "edit", id, h.writeFile("fixed.md", editedCard))
	h.exec("", "delete", "--yes", id)
	h.exec("", "unfurl", "--user-id", shareUser, "--trigger-id", h.server.IssueTrigger(shareUser), h.card())
	h.server.DropNext(1)
	if res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.card()); res.code != ExitAPI {
		t.Fatalf("the dropped send exited %d", res.code)
	}

	path := h.env["ZOOMPOSE_DB"]
	if !historytest.Contains(t, path, id) || !historytest.Contains(t, path, "may or may not") {
		t.Fatal("the history file does not hold the flow's records; the scan would prove nothing")
	}
	tokens := h.accessTokens()
	if len(tokens) == 0 {
		t.Fatal("the simulator saw no access token")
	}
	historytest.AssertNoSecrets(t, path, append(tokens, zoomtest.ClientSecret)...)
	if historytest.Contains(t, path, "Bearer") {
		t.Error("the history file holds an Authorization header")
	}
}

// card writes the sample card once and returns its path.
func (h *harness) card() string {
	return h.writeFile("sample.md", sampleCard)
}
