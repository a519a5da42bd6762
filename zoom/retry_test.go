package zoom

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2020, 5, 30, 23, 59, 0, 0, time.UTC)
	tests := []struct {
		value  string
		want   time.Duration
		wantOK bool
	}{
		{"2", 2 * time.Second, true},
		{" 10 ", 10 * time.Second, true},
		{"0", 0, true},
		{"1.5", 1500 * time.Millisecond, true},
		{"2020-05-31T00:00:00Z", time.Minute, true},
		{"2020-05-31T00:00:00", time.Minute, true},
		{"2020-05-31T02:00:00+02:00", time.Minute, true},
		{"Sun, 31 May 2020 00:00:00 GMT", time.Minute, true},
		{"Sunday, 31-May-20 00:00:00 GMT", time.Minute, true},
		{"2020-05-30T00:00:00Z", 0, true}, // in the past: no wait
		{"", 0, false},
		{"-3", 0, false},
		{"soon", 0, false},
		{"NaN", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.value, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.value, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestDefaultWaitForADailyLimitIsMidnightUTC(t *testing.T) {
	now := time.Date(2026, 11, 26, 22, 30, 0, 0, time.UTC)
	if got := defaultWait("Daily-limit", now); got != 90*time.Minute {
		t.Errorf("daily wait = %v, want 1h30m", got)
	}
	if got := defaultWait("QPS", now); got != time.Second {
		t.Errorf("QPS wait = %v, want 1s", got)
	}
}

// rateLimitedClient returns a sandbox and a client whose sleeps and
// OnRateLimit reports are recorded.
func rateLimitedClient(t *testing.T) (*zoomtest.Server, *Client, *sleepRecorder, *[]RateLimitWait) {
	s := newSandbox(t)
	sleeps := &sleepRecorder{}
	var mu sync.Mutex
	var reports []RateLimitWait
	cfg := sandboxConfig(s)
	cfg.Sleep = sleeps.Sleep
	cfg.OnRateLimit = func(w RateLimitWait) {
		mu.Lock()
		defer mu.Unlock()
		reports = append(reports, w)
	}
	return s, newClient(t, cfg), sleeps, &reports
}

func TestRateLimitWithSecondsIsWaitedAndRetried(t *testing.T) {
	s, c, sleeps, reports := rateLimitedClient(t)
	s.RateLimitNext(2, "2")
	sendOne(t, c)

	if got := sleeps.Waits(); !slices.Equal(got, []time.Duration{2 * time.Second, 2 * time.Second}) {
		t.Errorf("waits = %v, want [2s 2s]", got)
	}
	if len(*reports) != 2 || (*reports)[0].Attempt != 1 || (*reports)[1].Attempt != 2 ||
		(*reports)[0].Op != "send" || (*reports)[0].Type != "QPS" || (*reports)[0].Wait != 2*time.Second {
		t.Errorf("OnRateLimit reports = %+v", *reports)
	}
	if until := (*reports)[0].Until; time.Until(until) > 2*time.Second || time.Until(until) < 0 {
		t.Errorf("Until = %v, want about 2s from the report", until)
	}
	if n := len(apiRequests(s)); n != 3 {
		t.Errorf("API requests = %d, want 3", n)
	}
}

func TestRateLimitWithADateIsWaitedUntilThatDate(t *testing.T) {
	tests := []struct {
		name   string
		format func(time.Time) string
	}{
		{"ISO 8601", func(at time.Time) string { return at.UTC().Format("2006-01-02T15:04:05Z") }},
		{"HTTP date", func(at time.Time) string { return at.UTC().Format(http.TimeFormat) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, c, sleeps, _ := rateLimitedClient(t)
			at := time.Now().Add(30 * time.Second).Truncate(time.Second)
			s.RateLimitNext(1, tt.format(at))
			sendOne(t, c)
			waits := sleeps.Waits()
			if len(waits) != 1 || waits[0] < 28*time.Second || waits[0] > 30*time.Second {
				t.Errorf("waits = %v, want one of about 30s", waits)
			}
		})
	}
}

func TestRateLimitExhaustionReturnsThe429(t *testing.T) {
	s, c, sleeps, _ := rateLimitedClient(t)
	s.RateLimitNext(5, "1")
	_, err := c.Send(t.Context(), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 429 || apiErr.RetryAfter != time.Second || apiErr.RateLimitType != "QPS" {
		t.Fatalf("err = %#v, want a QPS 429 with RetryAfter 1s", err)
	}
	if n := len(apiRequests(s)); n != DefaultMaxAttempts {
		t.Errorf("API requests = %d, want %d", n, DefaultMaxAttempts)
	}
	if n := len(sleeps.Waits()); n != DefaultMaxAttempts-1 {
		t.Errorf("waits = %d, want %d", n, DefaultMaxAttempts-1)
	}
	assertOneLine(t, err)
}

// A daily limit resets at midnight: sleeping through it would freeze the app.
func TestLongRateLimitIsNotSlept(t *testing.T) {
	s, c, sleeps, reports := rateLimitedClient(t)
	s.RateLimitNext(1, time.Now().Add(5*time.Hour).UTC().Format("2006-01-02T15:04:05Z"))
	_, err := c.Send(t.Context(), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 429 || apiErr.RateLimitType != "Daily-limit" {
		t.Fatalf("err = %#v, want a daily 429", err)
	}
	if apiErr.RetryAfter < 4*time.Hour {
		t.Errorf("RetryAfter = %v, want about 5h", apiErr.RetryAfter)
	}
	if len(sleeps.Waits()) != 0 || len(*reports) != 0 {
		t.Errorf("slept %v and reported %v for a 5h wait", sleeps.Waits(), *reports)
	}
	if n := len(apiRequests(s)); n != 1 {
		t.Errorf("API requests = %d, want 1", n)
	}
}

func TestCancellationStopsTheRateLimitWait(t *testing.T) {
	s := newSandbox(t)
	cfg := sandboxConfig(s)
	cfg.Sleep = nil // the real timer
	ctx, cancel := context.WithCancel(t.Context())
	cfg.OnRateLimit = func(RateLimitWait) { time.AfterFunc(20*time.Millisecond, cancel) }
	c := newClient(t, cfg)
	s.RateLimitNext(1, "30")
	start := time.Now()
	_, err := c.Send(ctx, SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("cancellation took %v", elapsed)
	}
	if n := len(apiRequests(s)); n != 1 {
		t.Errorf("API requests = %d, want 1", n)
	}
}

// The simulator's own per-second limiter, not an armed fault.
func TestRealPerSecondLimitIsRetried(t *testing.T) {
	f := zoomtest.DefaultFixture()
	f.PerSecond = 1
	s := newSandboxWith(t, f)
	cfg := sandboxConfig(s)
	cfg.Sleep = nil // real waits: the bucket refills in about a second
	c := newClient(t, cfg)
	sendOne(t, c)
	sendOne(t, c)
	var statuses []int
	for _, r := range apiRequests(s) {
		statuses = append(statuses, r.Status)
	}
	if !slices.Equal(statuses, []int{201, 429, 201}) {
		t.Errorf("statuses = %v, want [201 429 201]", statuses)
	}
}

// Every request of one operation is counted in the Tries on its context:
// the two 429s and the try that succeeded, three in all.
func TestTriesCountEveryRequestOfAnOperation(t *testing.T) {
	s, c, _, _ := rateLimitedClient(t)
	s.RateLimitNext(2, "1")
	var tries Tries
	if _, err := c.Send(WithTries(t.Context(), &tries), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard}); err != nil {
		t.Fatal(err)
	}
	if want := (Tries{Requests: 3, RateLimited: 2}); tries != want || len(apiRequests(s)) != 3 {
		t.Fatalf("tries = %+v after %d API requests, want %+v", tries, len(apiRequests(s)), want)
	}

	s.RateLimitNext(5, "1")
	tries = Tries{}
	if _, err := c.Send(WithTries(t.Context(), &tries), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard}); err == nil {
		t.Fatal("a send rate limited past its attempts succeeded")
	}
	if want := (Tries{Requests: DefaultMaxAttempts, RateLimited: DefaultMaxAttempts}); tries != want {
		t.Fatalf("exhausted: tries = %+v, want %+v", tries, want)
	}
}

// A 401 answered with a fresh token counts both requests; a send without a
// counter on its context works as before.
func TestTriesCountTheRequestAfterATokenRefresh(t *testing.T) {
	s, c, _, _ := rateLimitedClient(t)
	sendOne(t, c) // a token is cached
	s.ExpireTokens()
	var tries Tries
	if _, err := c.Send(WithTries(t.Context(), &tries), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard}); err != nil {
		t.Fatal(err)
	}
	if want := (Tries{Requests: 2}); tries != want {
		t.Fatalf("tries = %+v, want %+v", tries, want)
	}
}
