package cli

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// lines waits until the buffer holds n lines and returns them.
func (b *syncBuffer) lines(t *testing.T, n int) []string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
		if b.String() != "" && len(lines) >= n {
			return lines
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %d lines; have %q", n, b.String())
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// liveEvents is `zoompose events` running on a goroutine.
type liveEvents struct {
	out, errOut *syncBuffer
	ready       chan string // the webhook URL, or "" once the WebSocket is connected
	stop        func() int  // cancels the command and returns its exit code
}

func (h *harness) startEvents(t *testing.T, configure func(*eventsOptions)) *liveEvents {
	t.Helper()
	h.env["ZOOM_EVENTS_URL"] = h.server.EventsURL()
	if _, ok := h.env["ZOOM_EVENT_SUBSCRIPTION_ID"]; !ok {
		h.env["ZOOM_EVENT_SUBSCRIPTION_ID"] = zoomtest.SubscriptionID
	}
	live := &liveEvents{out: &syncBuffer{}, errOut: &syncBuffer{}, ready: make(chan string, 1)}
	env := h.env
	o := &eventsOptions{
		Common:     &Common{Streams: Streams{In: strings.NewReader(""), Out: live.out, Err: live.errOut, Getenv: func(k string) string { return env[k] }}},
		heartbeat:  time.Hour,
		minBackoff: time.Millisecond,
	}
	o.ready = func(u string) {
		select {
		case live.ready <- u:
		default:
		}
	}
	if configure != nil {
		configure(o)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- report(runEvents(ctx, o), live.errOut) }()
	var once sync.Once
	code := 0
	live.stop = func() int {
		once.Do(func() { cancel(); code = <-done })
		return code
	}
	t.Cleanup(func() { live.stop() })
	return live
}

func (l *liveEvents) waitReady(t *testing.T) string {
	t.Helper()
	select {
	case u := <-l.ready:
		return u
	case <-time.After(5 * time.Second):
		t.Fatalf("events never got ready; stderr: %s", l.errOut.String())
		return ""
	}
}

// waitConnected waits until the command is connected and the simulator has the connection
// on its list (events emitted before that are lost, as on Zoom).
func (h *harness) waitConnected(t *testing.T, live *liveEvents) {
	t.Helper()
	live.waitReady(t)
	for deadline := time.Now().Add(5 * time.Second); h.server.EventConnections() == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the simulator never saw the event connection")
		}
	}
}

// wsTokens are the access tokens the event connections carried in their query.
func (h *harness) wsTokens() []string {
	var tokens []string
	for _, r := range h.server.Requests() {
		if q, err := url.ParseQuery(r.RawQuery); err == nil && q.Get("access_token") != "" {
			tokens = append(tokens, q.Get("access_token"))
		}
	}
	return tokens
}

func TestEventsJSONPrintsZoomsEventAndKeepsItOnce(t *testing.T) {
	h := newHarness(t)
	live := h.startEvents(t, func(o *eventsOptions) { o.JSON = true })
	h.waitConnected(t, live)

	raw, _, err := h.server.ShareLink(zoomtest.LinkShare{Link: "https://example.com/spec"})
	if err != nil {
		t.Fatal(err)
	}
	h.server.EmitEvent(raw) // Zoom delivering the same event twice
	bot, err := h.server.MessageBot("status", "general", zoomtest.UserBob)
	if err != nil {
		t.Fatal(err)
	}
	lines := live.out.lines(t, 2)
	if code := live.stop(); code != 0 {
		t.Fatalf("exit %d; stderr: %s", code, live.errOut.String())
	}
	if len(lines) != 2 {
		t.Fatalf("printed %d lines, want 2 (the duplicate once): %q", len(lines), lines)
	}
	for i, want := range [][]byte{raw, bot} {
		var got map[string]json.RawMessage
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatalf("line %d is not JSON: %s", i, lines[i])
		}
		if string(got["source"]) != `"websocket"` || got["received_at"] == nil {
			t.Errorf("line %d lacks source or received_at: %s", i, lines[i])
		}
		trimmed := strings.TrimSuffix(string(want), "}")
		if !strings.HasPrefix(lines[i], trimmed+",") {
			t.Errorf("line %d does not start with Zoom's event as sent:\n%s\n%s", i, lines[i], want)
		}
	}
	if !strings.Contains(live.errOut.String(), "events: connected") {
		t.Errorf("stderr does not show the connection: %s", live.errOut.String())
	}
	h.secrets = append(h.secrets, h.wsTokens()...)
	h.assertNoSecret(result{stdout: live.out.String(), stderr: live.errOut.String()})

	kept := h.exec("", "history", "--events", "--json")
	if kept.code != 0 || strings.Count(kept.stdout, "\n") != 2 || !strings.HasPrefix(kept.stdout, lines[0]+"\n") {
		t.Errorf("history --events --json = %d %q\nwant the same lines: %q", kept.code, kept.stdout, lines)
	}
	human := h.exec("", "history", "--events")
	if !strings.Contains(human.stdout, "team_chat.link_shared") || !strings.Contains(human.stdout, "https://example.com/spec") ||
		!strings.Contains(human.stdout, "Bob Example") || !strings.Contains(human.stdout, "#general") {
		t.Errorf("history --events = %q", human.stdout)
	}
}

func TestEventsHumanLinesAreSanitized(t *testing.T) {
	h := newHarness(t)
	live := h.startEvents(t, nil)
	h.waitConnected(t, live)
	evil := `{"event":"bot_notification","event_ts":7,"payload":{"userName":"Mallory\u001b[2J\u001b]0;pwned\u0007","cmd":"hi\u009b31m","channelName":"gen\neral"}}`
	h.server.EmitEvent([]byte(evil))
	lines := live.out.lines(t, 1)
	live.stop()
	if strings.ContainsAny(lines[0], "\x1b\x07\u009b") || len(lines) != 1 {
		t.Errorf("a control character reached the terminal: %q", lines)
	}
	if !strings.Contains(lines[0], "bot_notification") || !strings.Contains(lines[0], "Mallory") {
		t.Errorf("line = %q", lines[0])
	}
}

func TestEventsRefusedAtTheStartIsExit1WithZoomsReason(t *testing.T) {
	h := newHarness(t)
	h.env["ZOOM_EVENT_SUBSCRIPTION_ID"] = "not-this-app"
	h.env["ZOOM_EVENTS_URL"] = h.server.EventsURL()
	res := h.exec("", "events")
	assertOneErrorLine(t, res, ExitAPI, "Subscription not found", "ZOOM_EVENT_SUBSCRIPTION_ID")
	h.secrets = append(h.secrets, h.wsTokens()...)
	h.assertNoSecret(res)
}

func TestEventsUsageErrorsComeBeforeTheNetwork(t *testing.T) {
	h := newHarness(t)
	res := h.exec("", "events")
	assertOneErrorLine(t, res, ExitUsage, "ZOOM_EVENT_SUBSCRIPTION_ID is not set")
	res = h.exec("", "events", "--listen", "127.0.0.1:0")
	assertOneErrorLine(t, res, ExitUsage, "ZOOM_WEBHOOK_SECRET_TOKEN")
	res = h.exec("", "events", "--listen", "nonsense")
	assertOneErrorLine(t, res, ExitUsage, "--listen")
	if n := h.apiRequests(); n != 0 {
		t.Errorf("%d requests reached the simulator", n)
	}
}

func TestEventsWebhookKeepsSignedEventsOnly(t *testing.T) {
	h := newHarness(t)
	h.env["ZOOM_WEBHOOK_SECRET_TOKEN"] = "hook-secret-0123456789"
	h.secrets = append(h.secrets, "hook-secret-0123456789")
	live := h.startEvents(t, func(o *eventsOptions) { o.Listen = "127.0.0.1:0" })
	hook := live.waitReady(t) + "/tunnel/prefix/zoom"

	h.server.AddWebhook(hook, "hook-secret-0123456789")
	if _, _, err := h.server.ShareLink(zoomtest.LinkShare{Link: "https://example.com/hooked"}); err != nil {
		t.Fatal(err)
	}
	forged := []byte(`{"event":"bot_notification","event_ts":1,"payload":{"cmd":"forged"}}`)
	if status, err := h.server.PostWebhook(hook, "wrong-secret", forged); err != nil || status != 401 {
		t.Errorf("forged webhook: %d %v, want 401", status, err)
	}
	lines := live.out.lines(t, 1)
	if code := live.stop(); code != 0 {
		t.Fatalf("exit %d: %s", code, live.errOut.String())
	}
	if len(lines) != 1 || !strings.Contains(lines[0], "https://example.com/hooked") {
		t.Errorf("lines = %q", lines)
	}
	kept := h.exec("", "history", "--events", "--json")
	if strings.Contains(kept.stdout, "forged") || !strings.Contains(kept.stdout, `"source":"webhook"`) {
		t.Errorf("kept = %s", kept.stdout)
	}
	h.assertNoSecret(result{stdout: live.out.String(), stderr: live.errOut.String()})
}

func TestHistoryEventsRefusesMessageFilters(t *testing.T) {
	h := newHarness(t)
	res := h.exec("", "history", "--events", "--unfurls")
	assertOneErrorLine(t, res, ExitUsage, "--events", "--unfurls")
}

// TestEventsLatency measures the time from the simulator emitting an event to its line being
// printed by `zoompose events --json`, over repeated events, and holds the median under 1 s.
func TestEventsLatency(t *testing.T) {
	h := newHarness(t)
	live := h.startEvents(t, func(o *eventsOptions) { o.JSON = true })
	h.waitConnected(t, live)
	const runs = 25
	var took []time.Duration
	for i := range runs {
		start := time.Now()
		if _, err := h.server.MessageBot("ping "+string(rune('a'+i)), "", ""); err != nil {
			t.Fatal(err)
		}
		live.out.lines(t, i+1)
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	t.Logf("event → printed line over %d events: min %v, median %v, max %v", runs, took[0], took[runs/2], took[runs-1])
	if took[runs/2] > time.Second {
		t.Errorf("median %v is over the 1 s target", took[runs/2])
	}
}

// The sandbox keeps its demo link-shared event, so the Events screen and history --events
// offer an unfurl before any event arrived.
func TestSandboxKeepsItsDemoLinkSharedEvent(t *testing.T) {
	h := newHarness(t)
	res := h.exec("", "--sandbox", "history", "--events")
	if res.code != 0 || !strings.Contains(res.stdout, "team_chat.link_shared") || !strings.Contains(res.stdout, "https://example.com/welcome") {
		t.Errorf("history --events in the sandbox = %d %q %q", res.code, res.stdout, res.stderr)
	}
}

// The admin's loop from two shells: `zoompose events` prints the shared link while it keeps
// running, and `zoompose unfurl` with the event's ids posts the preview: the history is not
// held between events, so both commands use it.
func TestUnfurlTheLinkWhileEventsRuns(t *testing.T) {
	h := newHarness(t)
	live := h.startEvents(t, func(o *eventsOptions) { o.JSON = true })
	h.waitConnected(t, live)
	if _, _, err := h.server.ShareLink(zoomtest.LinkShare{Link: "https://example.com/live"}); err != nil {
		t.Fatal(err)
	}
	line := live.out.lines(t, 1)[0]
	var ev struct {
		Payload struct {
			OperatorID string `json:"operator_id"`
			Object     struct {
				TriggerID string `json:"trigger_id"`
			} `json:"object"`
		} `json:"payload"`
	}
	if err := json.Unmarshal([]byte(line), &ev); err != nil {
		t.Fatal(err)
	}
	card := h.writeFile("preview.md", "---\nhead: Live doc\n---\n\nA preview.")
	res := h.exec("", "unfurl", "--user-id", ev.Payload.OperatorID, "--trigger-id", ev.Payload.Object.TriggerID, card)
	if res.code != 0 || len(h.server.Unfurls()) != 1 {
		t.Fatalf("unfurl while events runs: %d %s %s", res.code, res.stdout, res.stderr)
	}
	if _, err := h.server.MessageBot("thanks", "", ""); err != nil {
		t.Fatal(err)
	}
	live.out.lines(t, 2) // events still keeps and prints after the other command
	if code := live.stop(); code != 0 {
		t.Fatalf("events exit %d: %s", code, live.errOut.String())
	}
	if kept := h.exec("", "history", "--events", "--json"); strings.Count(kept.stdout, "\n") != 2 {
		t.Errorf("kept %q", kept.stdout)
	}
}

// From a second shell the sandbox can be told to deliver its events to `events --listen`.
func TestSandboxDeliversWebhooksToEventsListen(t *testing.T) {
	h := newHarness(t)
	h.env["ZOOM_WEBHOOK_SECRET_TOKEN"] = zoomtest.WebhookSecretToken
	live := h.startEvents(t, func(o *eventsOptions) { o.Listen = "127.0.0.1:0" })
	hook := live.waitReady(t) + "/zoom"
	resp, err := http.PostForm(h.server.URL+zoomtest.PlayPath+"webhook", url.Values{"url": {hook}})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("add webhook: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, err = http.PostForm(h.server.URL+zoomtest.PlayPath+"message-bot", url.Values{"text": {"via webhook"}})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("message-bot: %v %v", resp, err)
	}
	resp.Body.Close()
	if line := live.out.lines(t, 1)[0]; !strings.Contains(line, "via webhook") {
		t.Errorf("line %q", line)
	}
}
