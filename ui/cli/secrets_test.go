package cli

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
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
			return []string{"send", "--to", zoomtest.ChannelGeneral, h.writeFile("c.md", "```fields wide\nx: y\n```\n")}
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

// Credentials full of characters that URL escaping, JSON escaping and base64 alphabets treat
// differently, so that every encoding of them is distinct.
const (
	hostileClientID     = "hostile+id/=%~"
	hostileClientSecret = `p+a/s=s%2Fw:o rd&é?>~"<\ end`
)

// newHostileHarness is a harness whose simulator knows hostileClientID and
// hostileClientSecret, which the commands use.
func newHostileHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	f := zoomtest.DefaultFixture()
	f.ClientID, f.ClientSecret = hostileClientID, hostileClientSecret
	h.server = zoomtest.NewServerWith(f)
	t.Cleanup(h.server.Close)
	h.env["ZOOM_CLIENT_ID"], h.env["ZOOM_CLIENT_SECRET"] = hostileClientID, hostileClientSecret
	h.env["ZOOM_API_URL"], h.env["ZOOM_TOKEN_URL"] = h.server.APIURL(), h.server.TokenURL()
	h.secrets = append(h.secrets, hostileClientSecret)
	return h
}

// A token endpoint or an API that echoes the request's credentials (the Basic header, its
// decoded id:secret, URL-escaped copies, the bearer token) in a 401 or 503 body: the secret
// and the tokens appear in no encoding in stdout, stderr or the history file, and the
// server's text is still shown with <redacted> in their place.
func TestNoSecretInAnyEncodingWhenAServerEchoesIt(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		stored bool // the failure's text is kept in the history
		setup  func(h *harness)
	}{
		{"token endpoint, 401", false, func(h *harness) {
			h.env["ZOOM_TOKEN_URL"] = serveEcho(h.t, zoomtest.Echo(http.StatusUnauthorized, nil)) + "/oauth/token"
		}},
		{"token endpoint, 503", true, func(h *harness) {
			h.env["ZOOM_TOKEN_URL"] = serveEcho(h.t, zoomtest.Echo(http.StatusServiceUnavailable, nil)) + "/oauth/token"
		}},
		{"API, 401", false, func(h *harness) {
			h.env["ZOOM_API_URL"] = serveEcho(h.t, zoomtest.Echo(http.StatusUnauthorized, h.server)) + "/v2"
		}},
		{"API, 503", true, func(h *harness) {
			h.env["ZOOM_API_URL"] = serveEcho(h.t, zoomtest.Echo(http.StatusServiceUnavailable, h.server)) + "/v2"
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newHostileHarness(t)
			h.send(h.card()) // the hostile credentials work, and the history file exists
			tc.setup(h)
			res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.card())
			if res.code != ExitAPI {
				t.Fatalf("exit %d, want %d; stderr:\n%s", res.code, ExitAPI, res.stderr)
			}
			if !strings.Contains(res.stderr, "<redacted>") {
				t.Errorf("stderr does not show the server's text with the secrets redacted:\n%s", res.stderr)
			}
			tokens := h.accessTokens()
			if len(tokens) == 0 {
				t.Fatal("the simulator saw no access token")
			}
			secrets := append(tokens, hostileClientSecret, hostileClientID+":"+hostileClientSecret)
			historytest.AssertNoSecrets(t, h.env["ZOOMPOSE_DB"], secrets...)
			if tc.stored && !historytest.Contains(t, h.env["ZOOMPOSE_DB"], "<redacted>") {
				t.Error("the history file does not hold the server's redacted text; the scan proves little")
			}
		})
	}
}

// A config file whose secret is not a valid TOML value: the error says where, and quotes
// no piece of the secret (config_test.go covers every way a value can be broken).
func TestConfigParseErrorShowsNoSecret(t *testing.T) {
	t.Parallel()
	const value = "Qx7Zk9Wv"
	for _, content := range []string{
		"[profiles.p]\nclient_secret = " + value + "\n",
		"[profiles.p]\nclient_secret = \"" + value + "\" trailing\n",
		"[profiles.p]\nclient_secret = \"\"\"" + value + "\n" + value + "\n",
	} {
		h := newHarness(t)
		h.env["ZOOMPOSE_CONFIG"] = h.writeFile("config.toml", content)
		h.secrets = append(h.secrets, value)
		res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.card())
		assertOneErrorLine(t, res, ExitUsage, "not valid TOML", "client_secret")
		if strings.Contains(res.stderr, value[:2]) {
			t.Errorf("stderr quotes a piece of the secret: %s", res.stderr)
		}
	}
}

// serveEcho serves h on a loopback test server for the test's lifetime.
func serveEcho(t *testing.T, h http.Handler) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}
