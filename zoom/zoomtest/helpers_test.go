package zoomtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// startServer starts a simulator with DefaultFixture adjusted by edit, closed at test end.
// The per-second limit is off unless edit sets it, so table tests are not throttled.
func startServer(t *testing.T, edit func(*Fixture)) *Server {
	t.Helper()
	f := DefaultFixture()
	f.PerSecond = 0
	if edit != nil {
		edit(&f)
	}
	s := NewServerWith(f)
	t.Cleanup(s.Close)
	return s
}

// answer is a decoded HTTP response.
type answer struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

// errorFields returns the "field" of each entry in a 7001 answer's errors array.
func (a answer) errorFields() []string {
	var out []string
	list, _ := a.body["errors"].([]any)
	for _, e := range list {
		out = append(out, e.(map[string]any)["field"].(string))
	}
	return out
}

// errorText joins the messages of a 7001 answer's errors array.
func (a answer) errorText() string {
	var out []string
	list, _ := a.body["errors"].([]any)
	for _, e := range list {
		out = append(out, e.(map[string]any)["message"].(string))
	}
	return strings.Join(out, " | ")
}

func (a answer) code() int {
	n, _ := a.body["code"].(float64)
	return int(n)
}

// call makes one HTTP request and decodes a JSON answer when there is one.
func call(t *testing.T, req *http.Request) answer {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading answer: %v", err)
	}
	a := answer{status: resp.StatusCode, header: resp.Header, raw: raw}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &a.body); err != nil {
			t.Fatalf("%s %s answered %d with non-JSON body %q", req.Method, req.URL.Path, resp.StatusCode, raw)
		}
	}
	return a
}

// newRequest builds a request; body is JSON-encoded unless it is already a string.
func newRequest(t *testing.T, method, url, token string, body any) *http.Request {
	t.Helper()
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, url, reader)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return req
}

// fetchToken gets a token with the sandbox credentials, grant_type in the query.
func fetchToken(t *testing.T, s *Server) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.TokenURL()+"?grant_type=client_credentials", nil)
	req.SetBasicAuth(ClientID, ClientSecret)
	a := call(t, req)
	if a.status != http.StatusOK {
		t.Fatalf("token request answered %d: %s", a.status, a.raw)
	}
	return a.body["access_token"].(string)
}

// sendEnvelope is a valid send body to the general channel; tests change one thing.
func sendEnvelope() map[string]any {
	return map[string]any{
		"robot_jid":  RobotJID,
		"to_jid":     ChannelGeneral,
		"account_id": AccountID,
		"user_jid":   UserJID,
		"content":    map[string]any{"head": map[string]any{"text": "Hello"}},
	}
}

// send posts a send body and returns the answer.
// withField returns body with key set to value, or removed when value is nil.
func withField(body map[string]any, key string, value any) map[string]any {
	if value == nil {
		delete(body, key)
	} else {
		body[key] = value
	}
	return body
}

func send(t *testing.T, s *Server, token string, body any) answer {
	t.Helper()
	return call(t, newRequest(t, http.MethodPost, s.APIURL()+"/im/chat/messages", token, body))
}

// mustSend sends a valid message and returns its id.
func mustSend(t *testing.T, s *Server, token string) string {
	t.Helper()
	a := send(t, s, token, sendEnvelope())
	if a.status != http.StatusCreated {
		t.Fatalf("send answered %d: %s", a.status, a.raw)
	}
	return a.body["message_id"].(string)
}

func deleteURL(s *Server, id string, query url.Values) string {
	return s.APIURL() + "/im/chat/messages/" + id + "?" + query.Encode()
}

func deleteQuery() url.Values {
	return url.Values{"account_id": {AccountID}, "robot_jid": {RobotJID}, "user_jid": {UserJID}}
}

// fakeClock is a settable clock for SetClock; safe for concurrent reads.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock(at time.Time) *fakeClock { return &fakeClock{now: at} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func mustParseURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
