package zoom

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// eventLog collects what ListenEvents reports, for tests to wait on.
type eventLog struct {
	mu     sync.Mutex
	events []Event
	states []ConnState
	change chan struct{}
}

func newEventLog() *eventLog { return &eventLog{change: make(chan struct{}, 1)} }

func (l *eventLog) deliver(e Event) {
	l.mu.Lock()
	l.events = append(l.events, e)
	l.mu.Unlock()
	l.poke()
}

func (l *eventLog) state(s ConnState) {
	l.mu.Lock()
	l.states = append(l.states, s)
	l.mu.Unlock()
	l.poke()
}

func (l *eventLog) poke() {
	select {
	case l.change <- struct{}{}:
	default:
	}
}

// waitFor polls cond on every change, failing the test after five seconds.
func (l *eventLog) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for !cond() {
		select {
		case <-l.change:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func (l *eventLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.events)
}

func (l *eventLog) phases() []ConnPhase {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []ConnPhase
	for _, s := range l.states {
		out = append(out, s.Phase)
	}
	return out
}

// listen runs ListenEvents against s on a goroutine; stop ends it and returns its error.
func listen(t *testing.T, s *zoomtest.Server, cfg EventsConfig) (log *eventLog, stop func() error) {
	t.Helper()
	c := newClient(t, sandboxConfig(s))
	log = newEventLog()
	cfg.OnState = log.state
	if cfg.URL == "" {
		cfg.URL = s.EventsURL()
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.ListenEvents(ctx, cfg, log.deliver) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() { cancel(); err = <-done })
		return err
	}
	t.Cleanup(func() { _ = stop() })
	return log, stop
}

func TestListenEventsDeliversUnwrappedEvents(t *testing.T) {
	s := newSandbox(t)
	log, stop := listen(t, s, EventsConfig{SubscriptionID: zoomtest.SubscriptionID})
	log.waitFor(t, "a connection", func() bool { return s.EventConnections() == 1 })

	before := time.Now()
	raw, trigger, err := s.ShareLink(zoomtest.LinkShare{Link: "https://example.com/a"})
	if err != nil {
		t.Fatal(err)
	}
	log.waitFor(t, "the event", func() bool { return log.count() == 1 })
	if err := stop(); err != nil {
		t.Fatalf("ListenEvents after cancel = %v, want nil", err)
	}
	e := log.events[0]
	if e.Name != EventLinkShared || e.Source != SourceWebSocket || e.ReceivedAt.Before(before) || e.TS == 0 {
		t.Errorf("event = %+v", e)
	}
	if string(e.Raw) != string(raw) {
		t.Errorf("Raw = %s\nwant what the simulator sent: %s", e.Raw, raw)
	}
	sum := e.Summary()
	if sum.TriggerID != trigger || sum.UserID != zoomtest.DemoUnfurlUserID || sum.Link != "https://example.com/a" || sum.Where != "general" {
		t.Errorf("Summary = %+v", sum)
	}
	var out map[string]any
	if err := json.Unmarshal(e.JSON(), &out); err != nil || out["source"] != "websocket" || out["received_at"] == nil || out["event"] != EventLinkShared {
		t.Errorf("JSON() = %s (%v)", e.JSON(), err)
	}
	phases := log.phases()
	if phases[0] != PhaseConnecting || phases[1] != PhaseConnected || phases[len(phases)-1] != PhaseStopped {
		t.Errorf("phases = %v", phases)
	}
}

func TestListenEventsSendsHeartbeats(t *testing.T) {
	s := newSandbox(t)
	log, stop := listen(t, s, EventsConfig{SubscriptionID: zoomtest.SubscriptionID, Heartbeat: 20 * time.Millisecond})
	log.waitFor(t, "three heartbeats", func() bool { return s.Heartbeats() >= 3 })
	_ = stop()
}

func TestListenEventsReconnectsWithAFreshToken(t *testing.T) {
	s := newSandbox(t)
	log, stop := listen(t, s, EventsConfig{SubscriptionID: zoomtest.SubscriptionID, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond})
	log.waitFor(t, "a connection", func() bool { return s.EventConnections() == 1 })
	tokensBefore := s.TokenRequests()

	s.DropEventConnections()
	log.waitFor(t, "reconnecting", func() bool { return contains(log.phases(), PhaseReconnecting) })
	log.waitFor(t, "a new connection", func() bool { return s.EventConnections() == 1 })
	if got := s.TokenRequests(); got <= tokensBefore {
		t.Errorf("token requests %d → %d: the reconnect did not fetch a fresh token", tokensBefore, got)
	}
	if _, err := s.MessageBot("hello", "", zoomtest.UserBob); err != nil {
		t.Fatal(err)
	}
	log.waitFor(t, "the event after the reconnect", func() bool { return log.count() == 1 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if sum := log.events[0].Summary(); sum.What != "hello" || sum.ToJID != zoomtest.UserBob || sum.Where != "direct message" {
		t.Errorf("bot_notification summary = %+v", sum)
	}
}

func TestListenEventsRefusedAtTheStart(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	err := c.ListenEvents(context.Background(), EventsConfig{URL: s.EventsURL(), SubscriptionID: "not-mine"}, func(Event) {})
	var refused *EventsRefusedError
	if !errors.As(err, &refused) || refused.Status != 404 || !strings.Contains(err.Error(), "Subscription not found") {
		t.Fatalf("err = %v, want a 404 refusal with Zoom's reason", err)
	}

	bad := sandboxConfig(s)
	bad.ClientSecret = "wrong-secret"
	err = newClient(t, bad).ListenEvents(context.Background(), EventsConfig{URL: s.EventsURL(), SubscriptionID: zoomtest.SubscriptionID}, func(Event) {})
	var tokenErr *TokenError
	if !errors.As(err, &tokenErr) {
		t.Fatalf("err = %v, want the token error", err)
	}
}

func TestListenEventsRetriesARefusedTokenOnceWithAFreshOne(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	if _, err := c.tokens.Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The client still holds its token as fresh, but Zoom has expired it.
	s.ExpireTokens()
	log := newEventLog()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- c.ListenEvents(ctx, EventsConfig{URL: s.EventsURL(), SubscriptionID: zoomtest.SubscriptionID, OnState: log.state}, log.deliver)
	}()
	log.waitFor(t, "a connection with a fresh token", func() bool { return s.EventConnections() == 1 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestListenEventsRefusedTokenAtTheStartIsAnErrorWithZoomsReason(t *testing.T) {
	s := newSandbox(t)
	s.SetTokenLifetime(time.Nanosecond) // every token Zoom issues is already expired
	c := newClient(t, sandboxConfig(s))
	err := c.ListenEvents(context.Background(), EventsConfig{URL: s.EventsURL(), SubscriptionID: zoomtest.SubscriptionID}, func(Event) {})
	var refused *EventsRefusedError
	if !errors.As(err, &refused) || refused.Status != 401 || !strings.Contains(err.Error(), "expired") {
		t.Fatalf("err = %v, want a 401 refusal with Zoom's reason", err)
	}
	tok := lastQueryToken(s)
	if tok == "" || strings.Contains(err.Error(), tok) {
		t.Errorf("the error %q holds the access token (%q)", err, tok)
	}
}

// lastQueryToken is the access_token of the last event connection attempt.
func lastQueryToken(s *zoomtest.Server) string {
	var tok string
	for _, r := range s.Requests() {
		if r.Path == zoomtest.EventsPath {
			tok = r.RawQuery
		}
	}
	_, tok, _ = strings.Cut(tok, "access_token=")
	tok, _, _ = strings.Cut(tok, "&")
	return tok
}

func TestListenEventsErrorsHoldNoToken(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	tok, err := c.tokens.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	log := newEventLog()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	// Nothing listens on this port: every dial fails with an error that quotes the URL.
	cfg := EventsConfig{URL: "ws://127.0.0.1:1/ws", SubscriptionID: zoomtest.SubscriptionID, MinBackoff: time.Millisecond, OnState: log.state}
	go func() { done <- c.ListenEvents(ctx, cfg, log.deliver) }()
	log.waitFor(t, "a reconnect", func() bool { return contains(log.phases(), PhaseReconnecting) })
	cancel()
	<-done
	for _, st := range log.states {
		if strings.Contains(st.Reason, tok[:16]) || strings.Contains(st.Reason, "access_token") {
			t.Errorf("state reason holds the token: %q", st.Reason)
		}
	}
}

func contains(phases []ConnPhase, p ConnPhase) bool {
	for _, q := range phases {
		if q == p {
			return true
		}
	}
	return false
}
