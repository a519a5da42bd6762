package zoom

import (
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// secretPath is one error path for the no-secret check: it may change the
// config and must return the error the client produced.
type secretPath struct {
	name string
	run  func(t *testing.T, s *zoomtest.Server, cfg *Config) error
}

// TestNoSecretInAnyError drives every error path the client has and checks
// that neither the client secret (plain or in its Basic form) nor any access
// token the simulator issued appears in the error text.
func TestNoSecretInAnyError(t *testing.T) {
	paths := append(documentedErrorPaths(), transportErrorPaths()...)
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			s := newSandbox(t)
			cfg := sandboxConfig(s)
			err := p.run(t, s, &cfg)
			if err == nil {
				t.Fatal("the path produced no error")
			}
			secrets := append(issuedTokens(s), cfg.ClientSecret, zoomtest.ClientSecret,
				base64.StdEncoding.EncodeToString([]byte(cfg.ClientID+":"+cfg.ClientSecret)))
			text := err.Error()
			for _, secret := range secrets {
				if secret != "" && strings.Contains(text, secret) {
					t.Fatalf("error text holds a secret: %q", text)
				}
			}
			t.Log(text)
		})
	}
}

// documentedErrorPaths reuses every API error case of errors_test.go.
func documentedErrorPaths() []secretPath {
	var out []secretPath
	for _, c := range documentedErrors() {
		out = append(out, secretPath{c.name, func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			c.setup(t, s, cfg)
			return c.call(t, newClient(t, *cfg))
		}})
	}
	return out
}

func transportErrorPaths() []secretPath {
	sendTo := func(t *testing.T, cfg Config) error {
		_, err := newClient(t, cfg).Send(t.Context(), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
		return err
	}
	return []secretPath{
		{"wrong secret", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			cfg.ClientSecret = "a-wrong-but-secret-value"
			return sendTo(t, *cfg)
		}},
		{"token endpoint down", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			cfg.TokenURL = closedURL(t) + "/oauth/token"
			return sendTo(t, *cfg)
		}},
		{"token endpoint answers garbage", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			cfg.TokenURL = fixedServer(t, 200, "<html>login</html>") + "/oauth/token"
			return sendTo(t, *cfg)
		}},
		{"token endpoint echoes the secret", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			cfg.TokenURL = fixedServer(t, 400, `{"reason":"secret `+cfg.ClientSecret+` is not valid","error":"invalid_request"}`)
			return sendTo(t, *cfg)
		}},
		{"API echoes the token", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			cfg.APIURL = echoingAPI(t, s) + "/v2"
			return sendTo(t, *cfg)
		}},
		{"API unreachable", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			cfg.APIURL = closedURL(t) + "/v2"
			return sendTo(t, *cfg)
		}},
		{"dropped answer", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			s.DropNext(1)
			return sendTo(t, *cfg)
		}},
		{"timeout after writing", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			s.SetLatency(time.Second)
			cfg.HTTPClient = &http.Client{Timeout: 100 * time.Millisecond}
			return sendTo(t, *cfg)
		}},
		{"rate limit too long to wait", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			s.RateLimitNext(1, time.Now().Add(3*time.Hour).UTC().Format(time.RFC3339))
			return sendTo(t, *cfg)
		}},
		{"invalid request", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			_, err := newClient(t, *cfg).Send(t.Context(), SendRequest{Content: testCard})
			return err
		}},
	}
}

// fixedServer answers every request with status and body, as a broken proxy
// or a wrong ZOOM_TOKEN_URL would.
func fixedServer(t *testing.T, status int, body string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// echoingAPI answers API calls with a 401/7010 whose message quotes the
// Authorization header, so the test proves the client scrubs Zoom's text.
// The simulator still records the call, so the token counts as issued.
func echoingAPI(t *testing.T, s *zoomtest.Server) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		recorder := httptest.NewRecorder()
		s.ServeHTTP(recorder, r)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"code":7010,"message":"token `+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")+` refused"}`)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// Zoom's own text is shown to the user, so an echoed secret must be scrubbed
// rather than the whole message dropped.
func TestEchoedSecretsAreRedacted(t *testing.T) {
	for _, p := range transportErrorPaths() {
		if !strings.Contains(p.name, "echoes") {
			continue
		}
		t.Run(p.name, func(t *testing.T) {
			s := newSandbox(t)
			cfg := sandboxConfig(s)
			err := p.run(t, s, &cfg)
			if err == nil || !strings.Contains(err.Error(), "<redacted>") {
				t.Errorf("err = %v, want Zoom's text with the secret replaced by <redacted>", err)
			}
		})
	}
}
