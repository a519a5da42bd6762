package zoomtest

import (
	"net/http"
	"testing"
	"time"
)

func TestRateLimitHeadersOnEveryAPIAnswer(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	steps := []struct {
		name      string
		req       *http.Request
		status    int
		remaining string
	}{
		{"send", newRequest(t, http.MethodPost, s.APIURL()+"/im/chat/messages", token, sendEnvelope()), 201, "1999"},
		{"refused send still counts", newRequest(t, http.MethodPost, s.APIURL()+"/im/chat/messages", token, map[string]any{}), 400, "1998"},
		{"unauthenticated call is not counted", newRequest(t, http.MethodPost, s.APIURL()+"/im/chat/messages", "bad", sendEnvelope()), 401, "1998"},
		{"unknown path", newRequest(t, http.MethodGet, s.APIURL()+"/nope", token, nil), 404, "1998"},
	}
	for _, st := range steps {
		a := call(t, st.req)
		if a.status != st.status {
			t.Fatalf("%s: status %d, want %d", st.name, a.status, st.status)
		}
		got := [3]string{a.header.Get("X-RateLimit-Category"), a.header.Get("X-RateLimit-Limit"), a.header.Get("X-RateLimit-Remaining")}
		if got != [3]string{"Medium", "2000", st.remaining} {
			t.Errorf("%s: category/limit/remaining = %v, want [Medium 2000 %s]", st.name, got, st.remaining)
		}
		if a.header.Get("X-RateLimit-Type") != "" || a.header.Get("Retry-After") != "" {
			t.Errorf("%s: X-RateLimit-Type or Retry-After set on a non-429 answer", st.name)
		}
	}
}

func TestPerSecondLimit(t *testing.T) {
	s := startServer(t, func(f *Fixture) { f.PerSecond, f.Daily = 2, 0 })
	clock := newFakeClock(time.Date(2026, 2, 3, 10, 0, 0, 0, time.UTC))
	s.SetClock(clock.Now)
	token := fetchToken(t, s)

	expect := func(step string, status int) answer {
		t.Helper()
		a := send(t, s, token, sendEnvelope())
		if a.status != status {
			t.Fatalf("%s: status %d, want %d: %s", step, a.status, status, a.raw)
		}
		return a
	}
	expect("first", 201)
	ok := expect("second", 201)
	if ok.header.Get("X-RateLimit-Limit") != "2" || ok.header.Get("X-RateLimit-Remaining") != "0" {
		t.Errorf("without a daily limit the headers show the per-second bucket; got limit %q remaining %q",
			ok.header.Get("X-RateLimit-Limit"), ok.header.Get("X-RateLimit-Remaining"))
	}
	limited := expect("third in the same second", 429)
	want := map[string]string{"X-RateLimit-Type": "QPS", "Retry-After": "1", "X-RateLimit-Category": "Medium", "X-RateLimit-Limit": "2", "X-RateLimit-Remaining": "0"}
	for k, v := range want {
		if got := limited.header.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if limited.code() != 429 || limited.body["message"] != msgQPSLimit {
		t.Errorf("body %s, want code 429 and Zoom's per-second message", limited.raw)
	}
	clock.Add(500 * time.Millisecond) // refills exactly one request; the refused one did not count
	expect("after half a second", 201)
	expect("bucket empty again", 429)
	if n := len(s.Messages()); n != 3 {
		t.Errorf("%d messages stored, want 3: a 429 must not apply the request", n)
	}
}

func TestDailyLimit(t *testing.T) {
	s := startServer(t, func(f *Fixture) { f.PerSecond, f.Daily, f.TokenTTL = 0, 2, 24*time.Hour })
	clock := newFakeClock(time.Date(2026, 11, 26, 22, 15, 0, 0, time.UTC))
	s.SetClock(clock.Now)
	token := fetchToken(t, s)

	for i, remaining := range []string{"1", "0"} {
		a := send(t, s, token, sendEnvelope())
		if a.status != 201 || a.header.Get("X-RateLimit-Remaining") != remaining {
			t.Fatalf("send %d: status %d remaining %q, want 201 and %s", i, a.status, a.header.Get("X-RateLimit-Remaining"), remaining)
		}
	}
	a := send(t, s, token, sendEnvelope())
	want := map[string]string{"X-RateLimit-Type": "Daily-limit", "Retry-After": "2026-11-27T00:00:00Z", "X-RateLimit-Limit": "2", "X-RateLimit-Remaining": "0"}
	if a.status != 429 || a.body["message"] != msgDailyLimit {
		t.Fatalf("over the daily limit: %d %s, want 429 with Zoom's daily message", a.status, a.raw)
	}
	for k, v := range want {
		if got := a.header.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	clock.Add(2 * time.Hour) // past UTC midnight
	if a := send(t, s, token, sendEnvelope()); a.status != 201 || a.header.Get("X-RateLimit-Remaining") != "1" {
		t.Fatalf("next UTC day: %d remaining %q, want 201 and a fresh counter", a.status, a.header.Get("X-RateLimit-Remaining"))
	}
}

func TestNoLimits(t *testing.T) {
	s := startServer(t, func(f *Fixture) { f.PerSecond, f.Daily = 0, 0 })
	token := fetchToken(t, s)
	for range 30 {
		a := send(t, s, token, sendEnvelope())
		if a.status != 201 {
			t.Fatalf("unlimited account answered %d", a.status)
		}
		if a.header.Get("X-RateLimit-Category") != "Medium" || a.header.Get("X-RateLimit-Limit") != "" {
			t.Fatalf("with no limits only the category is sent; got %v", a.header)
		}
	}
}
