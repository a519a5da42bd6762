package zoom

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net"
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

// TestNoSecretInAnyError drives every error path the client has, with the
// sandbox credentials and with credentials full of characters that escaping
// changes, and checks that no form of the client secret (see zoomtest.SecretForms) nor
// of any access token the simulator issued appears in the error text.
func TestNoSecretInAnyError(t *testing.T) {
	paths := append(documentedErrorPaths(), transportErrorPaths()...)
	credentials := []struct {
		name    string
		fixture zoomtest.Fixture
	}{
		{"sandbox credentials", sandboxFixture()},
		{"hostile credentials", hostileFixture()},
	}
	for _, creds := range credentials {
		for _, p := range paths {
			t.Run(creds.name+"/"+p.name, func(t *testing.T) {
				s := newSandboxWith(t, creds.fixture)
				cfg := sandboxConfig(s)
				cfg.ClientID, cfg.ClientSecret = creds.fixture.ClientID, creds.fixture.ClientSecret
				err := p.run(t, s, &cfg)
				if err == nil {
					t.Fatal("the path produced no error")
				}
				text := err.Error()
				assertNoSecretForm(t, text, append(issuedTokens(s), cfg.ClientSecret, creds.fixture.ClientSecret)...)
				t.Log(text)
			})
		}
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
			reason, _ := json.Marshal("secret " + cfg.ClientSecret + " is not valid")
			cfg.TokenURL = fixedServer(t, 400, `{"reason":`+string(reason)+`,"error":"invalid_request"}`)
			return sendTo(t, *cfg)
		}},
		{"API echoes the token", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			cfg.APIURL = echoingAPI(t, s) + "/v2"
			return sendTo(t, *cfg)
		}},
		{"token endpoint echoes the credentials in a 401", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			cfg.TokenURL = serve(t, zoomtest.Echo(http.StatusUnauthorized, nil)) + "/oauth/token"
			return sendTo(t, *cfg)
		}},
		{"token endpoint echoes the credentials in a 503", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			cfg.TokenURL = serve(t, zoomtest.Echo(http.StatusServiceUnavailable, nil)) + "/oauth/token"
			return sendTo(t, *cfg)
		}},
		{"API echoes the Authorization header in a 401", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			cfg.APIURL = serve(t, zoomtest.Echo(http.StatusUnauthorized, s)) + "/v2"
			return sendTo(t, *cfg)
		}},
		{"API echoes the Authorization header in a 503", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			cfg.APIURL = serve(t, zoomtest.Echo(http.StatusServiceUnavailable, s)) + "/v2"
			return sendTo(t, *cfg)
		}},
		{"token endpoint echoes the Basic header as its status line", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			cfg.TokenURL = statusLineEcho(t, nil) + "/oauth/token"
			return sendTo(t, *cfg)
		}},
		{"API echoes the bearer token as its status line", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			cfg.APIURL = statusLineEcho(t, s) + "/v2"
			return sendTo(t, *cfg)
		}},
		{"API echoes the token in its tracking id", func(t *testing.T, s *zoomtest.Server, cfg *Config) error {
			cfg.APIURL = serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				s.ServeHTTP(httptest.NewRecorder(), r)
				w.Header().Set("x-zm-trackingid", r.Header.Get("Authorization"))
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusInternalServerError)
				_, _ = io.WriteString(w, `{"code":500,"message":"echoes nothing"}`)
			})) + "/v2"
			err := sendTo(t, *cfg)
			var apiErr *APIError
			if errors.As(err, &apiErr) && apiErr.TrackingID != "" {
				// The tracking id is not in Error() but callers show and store it.
				return errors.New(err.Error() + " tracking " + apiErr.TrackingID)
			}
			return err
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
	for _, f := range []zoomtest.Fixture{sandboxFixture(), hostileFixture()} {
		for _, p := range transportErrorPaths() {
			if !strings.Contains(p.name, "echoes") {
				continue
			}
			t.Run(f.ClientID+"/"+p.name, func(t *testing.T) {
				s := newSandboxWith(t, f)
				cfg := sandboxConfig(s)
				cfg.ClientID, cfg.ClientSecret = f.ClientID, f.ClientSecret
				err := p.run(t, s, &cfg)
				if err == nil || !strings.Contains(err.Error(), "<redacted>") {
					t.Errorf("err = %v, want Zoom's text with the secret replaced by <redacted>", err)
				}
			})
		}
	}
}

// The token request carries exactly base64 of the raw "client_id:client_secret"
// in a Basic header, as Zoom's SDK sends it, even when the id and the secret
// hold characters URL escaping would change; its body holds only the grant type.
func TestTokenRequestSendsTheRawBasicCredentials(t *testing.T) {
	for _, f := range []zoomtest.Fixture{sandboxFixture(), hostileFixture()} {
		t.Run(f.ClientID, func(t *testing.T) {
			s := newSandboxWith(t, f)
			cfg := sandboxConfig(s)
			cfg.ClientID, cfg.ClientSecret = f.ClientID, f.ClientSecret
			sendOne(t, newClient(t, cfg))

			var tokenRequests []zoomtest.Request
			for _, r := range s.Requests() {
				if r.Path == "/oauth/token" {
					tokenRequests = append(tokenRequests, r)
				}
			}
			if len(tokenRequests) != 1 {
				t.Fatalf("%d token requests, want 1", len(tokenRequests))
			}
			r := tokenRequests[0]
			want := "Basic " + base64.StdEncoding.EncodeToString([]byte(f.ClientID+":"+f.ClientSecret))
			if got := r.Header.Get("Authorization"); got != want {
				t.Errorf("Authorization is not base64 of the raw client_id:client_secret")
			}
			if string(r.Body) != "grant_type=client_credentials" || r.RawQuery != "" {
				t.Errorf("token request query %q, body %q; want only grant_type in the body", r.RawQuery, r.Body)
			}
			assertNoSecretForm(t, r.RawQuery+" "+string(r.Body), f.ClientSecret)
		})
	}
}

// The Basic header goes only to the token endpoint: a redirect elsewhere gets
// no credentials.
func TestBasicHeaderIsNotSentOnARedirect(t *testing.T) {
	var elsewhere http.Header
	other := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere = r.Header.Clone()
		w.WriteHeader(http.StatusBadGateway)
	}))
	redirecting := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other+"/collect", http.StatusTemporaryRedirect)
	}))
	cfg := validConfig()
	cfg.TokenURL = redirecting + "/oauth/token"
	_, err := newClient(t, cfg).tokens.Token(t.Context())
	if err == nil {
		t.Fatal("a token came from a redirect to a 502")
	}
	if elsewhere == nil {
		t.Fatal("the redirect was not followed; the test proves nothing")
	}
	if auth := elsewhere.Get("Authorization"); auth != "" {
		t.Errorf("the redirected request carried an Authorization header")
	}
}

// sandboxFixture is the fixture of newSandbox.
func sandboxFixture() zoomtest.Fixture {
	f := zoomtest.DefaultFixture()
	f.PerSecond = 0
	return f
}

// hostileFixture has a client id and secret full of characters that URL
// escaping, JSON escaping and base64 alphabets treat differently.
func hostileFixture() zoomtest.Fixture {
	f := sandboxFixture()
	f.ClientID = "hostile+id/=%~"
	f.ClientSecret = `p+a/s=s%2Fw:o rd&é?#~"<>\ end`
	return f
}

// serve serves h on a loopback test server and returns its URL.
func serve(t *testing.T, h http.Handler) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// statusLineEcho answers each request with its own Authorization header as
// the status line, which Go's HTTP client quotes in its "malformed HTTP
// status code" error. next, when set, sees the request first.
func statusLineEcho(t *testing.T, next http.Handler) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				req, err := http.ReadRequest(bufio.NewReader(conn))
				if err != nil {
					return
				}
				body, _ := io.ReadAll(req.Body)
				if next != nil {
					req.Body = io.NopCloser(bytes.NewReader(body))
					next.ServeHTTP(httptest.NewRecorder(), req)
				}
				_, _ = io.WriteString(conn, req.Header.Get("Authorization")+"\r\n\r\n")
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}
