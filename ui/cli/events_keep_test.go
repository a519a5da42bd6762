package cli

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
)

// holdHistory opens the history as another process (the app) would, holding bbolt's lock
// until release is called.
func (h *harness) holdHistory(t *testing.T) (release func()) {
	t.Helper()
	held, err := history.Open(h.env["ZOOMPOSE_DB"])
	if err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release = func() { once.Do(func() { held.Close() }) }
	t.Cleanup(release)
	return release
}

// startWebhookEvents runs `zoompose events --listen` and returns the URL Zoom would POST to.
func (h *harness) startWebhookEvents(t *testing.T, json bool) (*liveEvents, string) {
	t.Helper()
	const secret = "hook-secret-keep-0123456789"
	h.env["ZOOM_WEBHOOK_SECRET_TOKEN"] = secret
	h.secrets = append(h.secrets, secret)
	live := h.startEvents(t, func(o *eventsOptions) { o.Listen, o.JSON = "127.0.0.1:0", json })
	return live, live.waitReady(t) + "/zoom"
}

func botEvent(cmd string) []byte {
	return fmt.Appendf(nil, `{"event":"bot_notification","event_ts":1700000000000,"payload":{"cmd":%q,"userName":"Alice","userId":"u1","toJid":"u1@xmpp.zoom.us","timestamp":1700000000000}}`, cmd)
}

// An event that could not be kept (the app holds the history) is answered 500 in both
// output modes, so that Zoom sends it again; the resent event is then kept, once.
func TestEventsListenAnswers500ForAnEventNotKept(t *testing.T) {
	for _, json := range []bool{false, true} {
		t.Run(fmt.Sprintf("json=%v", json), func(t *testing.T) {
			h := newHarness(t)
			live, hook := h.startWebhookEvents(t, json)
			release := h.holdHistory(t)
			status, err := h.server.PostWebhook(hook, h.env["ZOOM_WEBHOOK_SECRET_TOKEN"], botEvent("not kept"))
			if err != nil || status != 500 {
				t.Fatalf("webhook while the history is held: %d %v, want 500 (Zoom retries)", status, err)
			}
			if !strings.Contains(live.errOut.String(), "could not be kept") {
				t.Errorf("stderr = %q", live.errOut.String())
			}
			release()
			status, err = h.server.PostWebhook(hook, h.env["ZOOM_WEBHOOK_SECRET_TOKEN"], botEvent("not kept"))
			if err != nil || status != 200 {
				t.Fatalf("Zoom's retry: %d %v, want 200", status, err)
			}
			if code := live.stop(); code != 0 {
				t.Fatalf("exit %d: %s", code, live.errOut.String())
			}
			kept := h.exec("", "history", "--events", "--json")
			if strings.Count(kept.stdout, "not kept") != 1 {
				t.Errorf("kept = %q", kept.stdout)
			}
		})
	}
}

// Webhooks arriving together while the app holds the history are all answered within
// Zoom's 3 s (facts §5.1), each with 500 since none could be kept; Zoom's retries, once the
// history is free, are kept.
func TestEventsListenAnswersConcurrentWebhooksWithin3sWhileTheHistoryIsHeld(t *testing.T) {
	h := newHarness(t)
	live, hook := h.startWebhookEvents(t, true)
	secret := h.env["ZOOM_WEBHOOK_SECRET_TOKEN"]
	release := h.holdHistory(t)
	const n = 5
	post := func() (statuses []int, took []time.Duration) {
		statuses, took = make([]int, n), make([]time.Duration, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				start := time.Now()
				status, err := h.server.PostWebhook(hook, secret, botEvent(fmt.Sprintf("together %d", i)))
				if err != nil {
					t.Errorf("webhook %d: %v", i, err)
				}
				statuses[i], took[i] = status, time.Since(start)
			})
		}
		wg.Wait()
		return statuses, took
	}
	statuses, took := post()
	t.Logf("%d webhooks with the history held: statuses %v, answered after %v", n, statuses, took)
	for i := range n {
		if statuses[i] != 500 || took[i] > 3*time.Second {
			t.Errorf("webhook %d: %d after %v, want 500 within 3 s", i, statuses[i], took[i])
		}
	}
	release()
	statuses, took = post()
	t.Logf("Zoom's retries with the history free: statuses %v, answered after %v", statuses, took)
	for i := range n {
		if statuses[i] != 200 || took[i] > 3*time.Second {
			t.Errorf("retry %d: %d after %v, want 200 within 3 s", i, statuses[i], took[i])
		}
	}
	if code := live.stop(); code != 0 {
		t.Fatalf("exit %d: %s", code, live.errOut.String())
	}
	if kept := h.exec("", "history", "--events", "--json"); strings.Count(kept.stdout, "together") != n {
		t.Errorf("kept %q", kept.stdout)
	}
}

// Over the WebSocket, with the history held, lines are printed (with a warning) without
// each waiting the whole history.LockTimeout.
func TestEventsWebSocketLinesWhileTheHistoryIsHeld(t *testing.T) {
	h := newHarness(t)
	live := h.startEvents(t, func(o *eventsOptions) { o.JSON = true })
	h.waitConnected(t, live)
	h.holdHistory(t)
	const n = 5
	start := time.Now()
	for i := range n {
		if _, err := h.server.MessageBot(fmt.Sprintf("held %d", i), "", ""); err != nil {
			t.Fatal(err)
		}
	}
	live.out.lines(t, n)
	took := time.Since(start)
	t.Logf("%d WebSocket events printed %v after the first was emitted, with the history held", n, took)
	if took > 2500*time.Millisecond { // 1 s for the first open, 100 ms for each after; 5 s before
		t.Errorf("%d lines took %v: each waited for the history", n, took)
	}
}
