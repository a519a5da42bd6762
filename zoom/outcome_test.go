package zoom

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// A dropped connection after the request was read must not be retried: the
// simulator applied it, as Zoom might have.
func TestDroppedAnswerIsOutcomeUnknownAndNotRetried(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, s *zoomtest.Server, c *Client) func() error
		applied func(s *zoomtest.Server) bool
	}{
		{"send", func(t *testing.T, s *zoomtest.Server, c *Client) func() error {
			return func() error {
				_, err := c.Send(t.Context(), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
				return err
			}
		}, func(s *zoomtest.Server) bool { return len(s.Messages()) == 1 }},
		{"edit", func(t *testing.T, s *zoomtest.Server, c *Client) func() error {
			id := sendOne(t, c).MessageID
			return func() error { _, err := c.Edit(t.Context(), EditRequest{MessageID: id, Content: testCard}); return err }
		}, func(s *zoomtest.Server) bool { return len(s.Messages()[0].Contents) == 2 }},
		{"delete", func(t *testing.T, s *zoomtest.Server, c *Client) func() error {
			id := sendOne(t, c).MessageID
			return func() error { _, err := c.Delete(t.Context(), DeleteRequest{MessageID: id}); return err }
		}, func(s *zoomtest.Server) bool { return s.Messages()[0].Deleted }},
		{"unfurl", func(t *testing.T, s *zoomtest.Server, c *Client) func() error {
			trigger := s.IssueTrigger("U1")
			return func() error {
				return c.Unfurl(t.Context(), UnfurlRequest{UserID: "U1", TriggerID: trigger, Content: testCard})
			}
		}, func(s *zoomtest.Server) bool { return len(s.Unfurls()) == 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSandbox(t)
			c := newClient(t, sandboxConfig(s))
			call := tt.prepare(t, s, c)
			before := len(apiRequests(s))
			s.DropNext(1)
			err := call()
			if !errors.Is(err, ErrOutcomeUnknown) {
				t.Fatalf("err = %v, want ErrOutcomeUnknown", err)
			}
			if n := len(apiRequests(s)) - before; n != 1 {
				t.Errorf("%d requests reached the server, want exactly 1", n)
			}
			if !tt.applied(s) {
				t.Error("the simulator did not apply the dropped request")
			}
			if !strings.Contains(err.Error(), "may or may not have been") || !strings.Contains(err.Error(), "before retrying") {
				t.Errorf("err = %q, want it to say the outcome is unknown and to check first", err)
			}
			assertOneLine(t, err)
		})
	}
}

// A timeout while Zoom is working is as unknown as a dropped connection.
func TestTimeoutAfterWritingIsOutcomeUnknown(t *testing.T) {
	s := newSandbox(t)
	cfg := sandboxConfig(s)
	cfg.HTTPClient = &http.Client{Timeout: 200 * time.Millisecond}
	c := newClient(t, cfg)
	sendOne(t, c) // fetch the token while the simulator is fast
	s.SetLatency(2 * time.Second)
	_, err := c.Send(t.Context(), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
	if !errors.Is(err, ErrOutcomeUnknown) || !strings.Contains(err.Error(), "timed out") {
		t.Fatalf("err = %v, want an unknown outcome after a timeout", err)
	}
	// The simulator applies the send once it notices the client left.
	deadline := time.Now().Add(3 * time.Second)
	for len(s.Messages()) != 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := len(s.Messages()); n != 2 {
		t.Errorf("simulator holds %d messages, want 2 (the slow send was applied)", n)
	}
}

func TestCancelAfterWritingIsOutcomeUnknown(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	sendOne(t, c)
	s.SetLatency(2 * time.Second)
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	_, err := c.Send(ctx, SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
	if !errors.Is(err, ErrOutcomeUnknown) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want an unknown outcome wrapping the deadline", err)
	}
}

// Nothing was written: the error says the network failed and is not "unknown".
func TestUnreachableAPIIsANetworkError(t *testing.T) {
	s := newSandbox(t)
	cfg := sandboxConfig(s)
	cfg.APIURL = closedURL(t) + "/v2"
	_, err := newClient(t, cfg).Send(t.Context(), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
	var netErr *NetworkError
	if !errors.As(err, &netErr) || errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("err = %#v, want a NetworkError", err)
	}
	want := "send: could not reach Zoom at " + strings.TrimPrefix(cfg.APIURL, "http://")
	want = strings.TrimSuffix(want, "/v2") + ": connection refused; check your network or ZOOM_API_URL"
	if err.Error() != want {
		t.Errorf("err = %q\nwant  %q", err, want)
	}
}

func TestUnknownHostIsANetworkError(t *testing.T) {
	s := newSandbox(t)
	cfg := sandboxConfig(s)
	cfg.APIURL = "http://no-such-host.invalid/v2"
	_, err := newClient(t, cfg).Send(t.Context(), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
	var netErr *NetworkError
	if !errors.As(err, &netErr) || !strings.Contains(err.Error(), "no such host no-such-host.invalid") {
		t.Fatalf("err = %v, want a NetworkError naming the host", err)
	}
}

func TestCancelBeforeSendingSaysNothingWasSent(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	sendOne(t, c) // the token is cached, so the cancelled call reaches the API step
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := c.Send(ctx, SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrOutcomeUnknown) || !strings.Contains(err.Error(), "nothing was sent") {
		t.Fatalf("err = %v, want a cancellation that sent nothing", err)
	}
	if n := len(apiRequests(s)); n != 1 {
		t.Errorf("API requests = %d, want 1", n)
	}
}
