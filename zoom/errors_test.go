package zoom

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// errorCase is one way to make Zoom (the simulator) answer with an error.
type errorCase struct {
	name       string
	setup      func(t *testing.T, s *zoomtest.Server, cfg *Config)
	call       func(t *testing.T, c *Client) error
	wantStatus int
	wantCode   int
}

func send(req SendRequest) func(t *testing.T, c *Client) error {
	return func(t *testing.T, c *Client) error {
		if req.ToJID == "" {
			req.ToJID = zoomtest.ChannelGeneral
		}
		if req.Content == nil {
			req.Content = testCard
		}
		_, err := c.Send(t.Context(), req)
		return err
	}
}

// documentedErrors drives every chatbot error code of the spec and facts §4.1.
func documentedErrors() []errorCase {
	noSetup := func(*testing.T, *zoomtest.Server, *Config) {}
	return []errorCase{
		{"7001 reply to an unknown message", noSetup, send(SendRequest{ReplyTo: "NO-SUCH-PARENT"}), 400, 7001},
		{"7001 card Zoom rejects", noSetup, send(SendRequest{Content: []byte(`{"body":[{"type":"no-such-element"}]}`)}), 400, 7001},
		{"7002 malformed robot JID", func(_ *testing.T, _ *zoomtest.Server, cfg *Config) { cfg.RobotJID = "not-a-jid" },
			send(SendRequest{}), 404, 7002},
		{"7003 unknown robot", func(_ *testing.T, _ *zoomtest.Server, cfg *Config) { cfg.RobotJID = "v1someotherbot@xmpp.zoom.us" },
			send(SendRequest{}), 403, 7003},
		{"7004 unknown recipient", noSetup, send(SendRequest{ToJID: "nobody0000@xmpp.zoom.us"}), 403, 7004},
		{"7004 another account", func(_ *testing.T, _ *zoomtest.Server, cfg *Config) { cfg.AccountID = "OTHERACCOUNT" },
			send(SendRequest{}), 403, 7004},
		{"7010 token from another Zoom", func(t *testing.T, _ *zoomtest.Server, cfg *Config) { cfg.TokenURL = newSandbox(t).TokenURL() },
			send(SendRequest{}), 401, 7010},
		{"124 token always expired", func(_ *testing.T, s *zoomtest.Server, _ *Config) { s.SetTokenLifetime(time.Nanosecond) },
			send(SendRequest{}), 401, 124},
		{"8001 edit unknown message", noSetup, func(t *testing.T, c *Client) error {
			_, err := c.Edit(t.Context(), EditRequest{MessageID: "NO-SUCH-MESSAGE", Content: testCard})
			return err
		}, 404, 8001},
		{"8001 delete unknown message", noSetup, func(t *testing.T, c *Client) error {
			_, err := c.Delete(t.Context(), DeleteRequest{MessageID: "NO-SUCH-MESSAGE"})
			return err
		}, 404, 8001},
		{"8001 delete twice", noSetup, func(t *testing.T, c *Client) error {
			m := sendOne(t, c)
			if _, err := c.Delete(t.Context(), DeleteRequest{MessageID: m.MessageID}); err != nil {
				t.Fatal(err)
			}
			_, err := c.Delete(t.Context(), DeleteRequest{MessageID: m.MessageID})
			return err
		}, 404, 8001},
		{"8002 unknown trigger", noSetup, func(t *testing.T, c *Client) error {
			return c.Unfurl(t.Context(), UnfurlRequest{UserID: "U1", TriggerID: "never-issued", Content: testCard})
		}, 404, 8002},
		{"429 after every attempt", func(_ *testing.T, s *zoomtest.Server, _ *Config) { s.RateLimitNext(10, "1") },
			send(SendRequest{}), 429, 429},
		{"503 from Zoom", func(_ *testing.T, s *zoomtest.Server, _ *Config) { s.FailNext(1, 503) },
			send(SendRequest{}), 503, 503},
		{"500 on edit", func(_ *testing.T, s *zoomtest.Server, _ *Config) { s.FailNext(1, 500) }, func(t *testing.T, c *Client) error {
			_, err := c.Edit(t.Context(), EditRequest{MessageID: "ANY", Content: testCard})
			return err
		}, 500, 500},
		{"404 wrong API base URL", func(_ *testing.T, s *zoomtest.Server, cfg *Config) { cfg.APIURL = s.URL + "/v1" },
			send(SendRequest{}), 404, 404},
	}
}

func TestDocumentedErrorCodes(t *testing.T) {
	for _, tt := range documentedErrors() {
		t.Run(tt.name, func(t *testing.T) {
			s := newSandbox(t)
			cfg := sandboxConfig(s)
			tt.setup(t, s, &cfg)
			err := tt.call(t, newClient(t, cfg))
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want an APIError", err)
			}
			if apiErr.Status != tt.wantStatus || apiErr.Code != tt.wantCode {
				t.Errorf("got %d/%d, want %d/%d: %v", apiErr.Status, apiErr.Code, tt.wantStatus, tt.wantCode, err)
			}
			if apiErr.Message == "" || apiErr.TrackingID == "" || apiErr.Hint() == "" {
				t.Errorf("message %q, tracking id %q, hint %q: want all three", apiErr.Message, apiErr.TrackingID, apiErr.Hint())
			}
			assertOneLine(t, err)
		})
	}
}

func TestEveryDocumentedCodeHasItsOwnHint(t *testing.T) {
	codes := []struct{ status, code int }{
		{400, 7001}, {404, 7002}, {403, 7003}, {403, 7004}, {401, 7010}, {401, 124},
		{404, 8001}, {404, 8002}, {429, 429}, {500, 500}, {502, 0}, {503, 503},
		{401, 0}, {403, 0}, {404, 404}, {400, 300},
	}
	seen := map[string]int{}
	for _, c := range codes {
		e := &APIError{Op: "send", Status: c.status, Code: c.code, Message: "m"}
		hint := e.Hint()
		if hint == "" || !strings.HasSuffix(hint, ".") {
			t.Errorf("%d/%d: hint %q is not a sentence", c.status, c.code, hint)
		}
		if prev, dup := seen[hint]; dup && c.status < 500 {
			t.Errorf("%d/%d shares its hint with code %d", c.status, c.code, prev)
		}
		seen[hint] = c.code
	}
}

func TestAPIErrorText(t *testing.T) {
	tests := []struct {
		err  *APIError
		want string
	}{
		{&APIError{Op: "edit", Status: 404, Code: 8001, Message: "Invalid message_id value."},
			"edit: Zoom said 404 (code 8001): Invalid message_id value. — " + codeHints[8001]},
		{&APIError{Op: "send", Status: 502},
			"send: Zoom said 502 — Zoom had a problem on its side; wait a minute and try again (check the channel first if this was a send)."},
		{&APIError{Op: "send", Status: 429, Code: 429, Message: "Slow down.", RetryAfter: 90 * time.Minute, RateLimitType: "Daily-limit"},
			"send: Zoom said 429: Slow down. — Zoom's daily rate limit for this account was reached; try again in 1h30m."},
		{&APIError{Op: "unfurl", Status: 429, RetryAfter: 3 * time.Second},
			"unfurl: Zoom said 429 — Zoom's per-account rate limit was reached (shared by every app on the account); try again in 3s."},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
}

func TestHumanDuration(t *testing.T) {
	tests := map[time.Duration]string{
		300 * time.Millisecond:    "a second",
		2500 * time.Millisecond:   "3s",
		90 * time.Second:          "2m",
		5*time.Hour + time.Second: "5h01m",
	}
	for d, want := range tests {
		if got := humanDuration(d); got != want {
			t.Errorf("humanDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestOutcomeUnknownMatchesTheSentinel(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", &OutcomeUnknownError{Op: "send", Err: errors.New("boom")})
	if !errors.Is(err, ErrOutcomeUnknown) {
		t.Error("errors.Is(err, ErrOutcomeUnknown) = false")
	}
	if errors.Is(&NetworkError{Op: "send", Err: errors.New("x")}, ErrOutcomeUnknown) {
		t.Error("a network error claims an unknown outcome")
	}
}

// Zoom's "errors" array says which field is wrong; the user must see it.
func TestFieldProblemsAreShown(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	_, err := c.Send(t.Context(), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard, ReplyTo: "NO-SUCH-PARENT"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || len(apiErr.Fields) == 0 || apiErr.Fields[0].Field != "reply_to" {
		t.Fatalf("err = %#v, want a 7001 naming reply_to", err)
	}
	if !strings.Contains(err.Error(), "(reply_to: ") {
		t.Errorf("err = %q, want the field problem in the text", err)
	}
}

func TestFieldProblemsAreBounded(t *testing.T) {
	e := &APIError{Op: "send", Status: 400, Code: 7001, Message: "Invalid Request Body format."}
	for i := range 5 {
		e.Fields = append(e.Fields, FieldProblem{Field: fmt.Sprintf("f%d", i), Message: "bad"})
	}
	if got := e.Error(); !strings.Contains(got, "(f0: bad; f1: bad; f2: bad; and 2 more)") {
		t.Errorf("err = %q", got)
	}
}

func TestHintIsEmptyForUndocumentedAnswers(t *testing.T) {
	if hint := (&APIError{Op: "send", Status: 418}).Hint(); hint != "" {
		t.Errorf("418 hint = %q, want none", hint)
	}
}

func TestCodeNumberAcceptsNumbersAndStrings(t *testing.T) {
	tests := []struct {
		body string
		want int
	}{
		{`{"code":7010}`, 7010},
		{`{"code":"8001"}`, 8001},
		{`{"code":"abc"}`, 0},
		{`{"code":null}`, 0},
		{`{}`, 0},
	}
	for _, tt := range tests {
		var body errorBody
		if err := json.Unmarshal([]byte(tt.body), &body); err != nil {
			t.Fatal(err)
		}
		if got := codeNumber(body.Code); got != tt.want {
			t.Errorf("code of %s = %d, want %d", tt.body, got, tt.want)
		}
	}
}
