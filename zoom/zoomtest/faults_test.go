package zoomtest

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

func TestSetLatency(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	s.SetLatency(120 * time.Millisecond)
	start := time.Now()
	if a := send(t, s, token, sendEnvelope()); a.status != 201 {
		t.Fatalf("send answered %d", a.status)
	}
	if took := time.Since(start); took < 120*time.Millisecond {
		t.Errorf("send took %v, want at least the 120ms latency", took)
	}
	s.SetLatency(0)
	start = time.Now()
	send(t, s, token, sendEnvelope())
	if took := time.Since(start); took > 100*time.Millisecond {
		t.Errorf("after SetLatency(0) a send took %v", took)
	}
}

func TestLatencyGivenUpByClientStillApplies(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	s.SetLatency(2 * time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req := newRequest(t, http.MethodPost, s.APIURL()+"/im/chat/messages", token, sendEnvelope()).WithContext(ctx)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("the client should have timed out during the latency")
	}
	deadline := time.Now().Add(time.Second)
	for len(s.Messages()) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if len(s.Messages()) != 1 {
		t.Fatal("a request the client gave up on was not applied")
	}
}

func TestFailNext(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	s.FailNext(2, http.StatusServiceUnavailable)
	for i := range 2 {
		a := send(t, s, token, sendEnvelope())
		if a.status != 503 || a.code() != 503 || a.header.Get("x-zm-trackingid") == "" {
			t.Fatalf("call %d: %d %s, want 503 with a JSON body and a tracking id", i, a.status, a.raw)
		}
	}
	if n := len(s.Messages()); n != 0 {
		t.Fatalf("failed calls stored %d messages", n)
	}
	if a := send(t, s, token, sendEnvelope()); a.status != 201 {
		t.Fatalf("third call answered %d, want the fault spent", a.status)
	}
	if a := send(t, s, "", sendEnvelope()); a.status != 401 {
		t.Fatalf("faults must not disable authentication; got %d", a.status)
	}
}

func TestFailNextOutOfRangeStatusIs500(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	s.FailNext(1, 200)
	if a := send(t, s, token, sendEnvelope()); a.status != 500 || a.code() != 500 {
		t.Fatalf("FailNext(1, 200) answered %d %s, want 500", a.status, a.raw)
	}
}

func TestFailNextSkipsTokenRequests(t *testing.T) {
	s := startServer(t, nil)
	s.FailNext(1, http.StatusInternalServerError)
	token := fetchToken(t, s) // not failed: faults are for API calls
	if a := send(t, s, token, sendEnvelope()); a.status != 500 {
		t.Fatalf("API call answered %d, want the armed 500", a.status)
	}
}

func TestRateLimitNextRetryAfterVerbatim(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	tests := []struct {
		retryAfter, kind, message string
	}{
		{"2", "QPS", msgQPSLimit},
		{"Sat, 01 Jan 2000 00:00:00 GMT", "Daily-limit", msgDailyLimit},
		{"2030-05-31T00:00:00Z", "Daily-limit", msgDailyLimit},
	}
	for _, tt := range tests {
		t.Run(tt.retryAfter, func(t *testing.T) {
			s.RateLimitNext(2, tt.retryAfter)
			for range 2 {
				a := send(t, s, token, sendEnvelope())
				if a.status != 429 || a.header.Get("Retry-After") != tt.retryAfter || a.header.Get("X-RateLimit-Type") != tt.kind {
					t.Fatalf("got %d Retry-After %q type %q, want 429 %q %q", a.status, a.header.Get("Retry-After"), a.header.Get("X-RateLimit-Type"), tt.retryAfter, tt.kind)
				}
				if a.body["message"] != tt.message || a.header.Get("X-RateLimit-Remaining") != "0" {
					t.Errorf("body %s remaining %q", a.raw, a.header.Get("X-RateLimit-Remaining"))
				}
			}
			if a := send(t, s, token, sendEnvelope()); a.status != 201 {
				t.Fatalf("after the burst: %d", a.status)
			}
		})
	}
}

func TestDropNextAppliesThenCloses(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	s.DropNext(1)
	resp, err := http.DefaultClient.Do(newRequest(t, http.MethodPost, s.APIURL()+"/im/chat/messages", token, sendEnvelope()))
	if err == nil {
		resp.Body.Close()
		t.Fatalf("dropped call got an answer: %d", resp.StatusCode)
	}
	msgs := s.Messages()
	if len(msgs) != 1 {
		t.Fatalf("the dropped send was not applied: %d messages", len(msgs))
	}
	reqs := s.Requests()
	last := reqs[len(reqs)-1]
	if !last.Dropped || last.Status != 201 {
		t.Errorf("last request recorded as status %d dropped %v, want 201 dropped", last.Status, last.Dropped)
	}

	s.DropNext(1)
	del := newRequest(t, http.MethodDelete, deleteURL(s, msgs[0].ID, deleteQuery()), token, nil)
	if resp, err := http.DefaultClient.Do(del); err == nil {
		resp.Body.Close()
		t.Fatal("dropped delete got an answer")
	}
	if m, _ := s.Message(msgs[0].ID); !m.Deleted {
		t.Error("the dropped delete was not applied")
	}
	if a := send(t, s, token, sendEnvelope()); a.status != 201 {
		t.Fatalf("after the drop: %d", a.status)
	}
}

// waitFor polls cond every few milliseconds for up to two seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Second); !cond(); time.Sleep(2 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
	}
}

func TestHoldNextAppliesThenWaitsForRelease(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	release := s.HoldNext(1)
	type result struct {
		status int
		body   map[string]any
		err    error
	}
	answered := make(chan result, 1)
	req := newRequest(t, http.MethodPost, s.APIURL()+"/im/chat/messages", token, sendEnvelope())
	go func() { // no t.Fatal off the test goroutine
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- result{err: err}
			return
		}
		defer resp.Body.Close()
		var body map[string]any
		err = json.NewDecoder(resp.Body).Decode(&body)
		answered <- result{resp.StatusCode, body, err}
	}()
	waitFor(t, "the held send is applied", func() bool { return len(s.Messages()) == 1 })
	reqs := s.Requests()
	if last := reqs[len(reqs)-1]; last.Status != 201 || last.Dropped {
		t.Fatalf("held call recorded as %d dropped %v, want 201 recorded before its answer", last.Status, last.Dropped)
	}
	select {
	case a := <-answered:
		t.Fatalf("a held call was answered %d (%v) before release", a.status, a.err)
	case <-time.After(30 * time.Millisecond):
	}
	release()
	release() // harmless
	if a := <-answered; a.err != nil || a.status != 201 || a.body["message_id"] != s.Messages()[0].ID {
		t.Fatalf("after release: %d %v %v", a.status, a.body, a.err)
	}
	start := time.Now()
	if a := send(t, s, token, sendEnvelope()); a.status != 201 || time.Since(start) > time.Second {
		t.Fatalf("the next call was held too, or failed: %d after %v", a.status, time.Since(start))
	}
}

func TestHoldNextClientGivingUpKeepsTheRequestApplied(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	defer s.HoldNext(1)()
	ctx, cancel := context.WithCancel(context.Background())
	done := doAsync(newRequest(t, http.MethodPost, s.APIURL()+"/im/chat/messages", token, sendEnvelope()).WithContext(ctx))
	waitFor(t, "the held send is applied", func() bool { return len(s.Messages()) == 1 })
	cancel()
	if err := <-done; err == nil {
		t.Fatal("a cancelled held call got an answer")
	}
	if n := len(s.Messages()); n != 1 {
		t.Fatalf("%d messages after the client gave up, want the one applied", n)
	}
}

func TestHoldNextThenDropClosesAfterRelease(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	release := s.HoldNext(1)
	s.DropNext(1)
	done := doAsync(newRequest(t, http.MethodPost, s.APIURL()+"/im/chat/messages", token, sendEnvelope()))
	waitFor(t, "the held send is applied", func() bool { return len(s.Messages()) == 1 })
	release()
	if err := <-done; err == nil {
		t.Fatal("a held and dropped call got an answer")
	}
}

// doAsync sends req on a goroutine; the channel gets its error (nil once an
// answer arrived).
func doAsync(req *http.Request) <-chan error {
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	return done
}
