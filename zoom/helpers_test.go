package zoom

import (
	"context"
	"encoding/json"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// testCard is a small card every test can send.
var testCard = json.RawMessage(`{"head":{"text":"Release 1.2"},"body":[{"type":"message","text":"Shipped *today*"}]}`)

// newSandbox starts a simulator without the per-second limit, so tests that
// make several calls are not rate limited by accident. Tests about the real
// limiter build their own fixture.
func newSandbox(t *testing.T) *zoomtest.Server {
	t.Helper()
	f := zoomtest.DefaultFixture()
	f.PerSecond = 0
	return newSandboxWith(t, f)
}

func newSandboxWith(t *testing.T, f zoomtest.Fixture) *zoomtest.Server {
	t.Helper()
	s := zoomtest.NewServerWith(f)
	t.Cleanup(s.Close)
	return s
}

// sandboxConfig is a Config pointing at s with the sandbox identities and a
// Sleep that returns at once instead of sleeping (tests that count waits set their own).
func sandboxConfig(s *zoomtest.Server) Config {
	cfg := validConfig()
	cfg.APIURL, cfg.TokenURL = s.APIURL(), s.TokenURL()
	cfg.Version = "test"
	cfg.Sleep = func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	return cfg
}

// validConfig holds the sandbox identities and nothing else.
func validConfig() Config {
	return Config{
		ClientID:     zoomtest.ClientID,
		ClientSecret: zoomtest.ClientSecret,
		AccountID:    zoomtest.AccountID,
		RobotJID:     zoomtest.RobotJID,
		UserJID:      zoomtest.UserJID,
	}
}

func newClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// sleepRecorder stands in for Config.Sleep and remembers every wait.
type sleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (r *sleepRecorder) Sleep(ctx context.Context, d time.Duration) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.waits = append(r.waits, d)
	return ctx.Err()
}

func (r *sleepRecorder) Waits() []time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Duration(nil), r.waits...)
}

// apiRequests are the simulator's recorded API calls, token requests left out.
func apiRequests(s *zoomtest.Server) []zoomtest.Request {
	var out []zoomtest.Request
	for _, r := range s.Requests() {
		if strings.HasPrefix(r.Path, "/v2/") {
			out = append(out, r)
		}
	}
	return out
}

// issuedTokens collects every bearer token the simulator saw, which includes
// every token it issued to the client that was then used.
func issuedTokens(s *zoomtest.Server) []string {
	var out []string
	for _, r := range s.Requests() {
		if token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			out = append(out, token)
		}
	}
	return out
}

// closedURL returns an http URL on a loopback port nothing listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

// sendOne sends testCard to the general channel and fails the test on error.
func sendOne(t *testing.T, c *Client) *Message {
	t.Helper()
	m, err := c.Send(t.Context(), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	return m
}

func assertOneLine(t *testing.T, err error) {
	t.Helper()
	if strings.ContainsAny(err.Error(), "\n\r") {
		t.Errorf("error is not one line: %q", err.Error())
	}
}
