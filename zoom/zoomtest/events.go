package zoomtest

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// EventsPath is where the simulator serves Zoom's event WebSocket (wss://ws.zoom.us/ws).
const EventsPath = "/ws"

// SubscriptionID is the event subscription id the simulator accepts on EventsPath.
const SubscriptionID = "sbx-event-subscription-0001"

// WebhookSecretToken is the secret token the sandbox signs its webhooks with by default.
const WebhookSecretToken = "sandbox-webhook-secret-token"

// eventHub holds the event side of the simulator: open WebSocket connections, webhook
// targets and every event emitted. It has its own lock so that a slow connection never
// holds up the REST API.
type eventHub struct {
	mu         sync.Mutex
	conns      map[*websocket.Conn]context.CancelFunc
	heartbeats int
	webhooks   []webhookTarget
	emitted    []json.RawMessage
	client     *http.Client
	base       string // the simulator's base URL, for response_url
}

type webhookTarget struct{ url, secret string }

func newEventHub() *eventHub {
	return &eventHub{conns: map[*websocket.Conn]context.CancelFunc{}, client: &http.Client{Timeout: 5 * time.Second}}
}

// wsRefusal is how the simulator refuses an event connection: the handshake is answered
// with an HTTP error and a JSON body, as Zoom's API answers a bad token (facts §5.2 does not
// document the WebSocket's own refusal; this is the simulator's assumption).
type wsRefusal struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// serveEvents answers GET /ws?subscriptionId=…&access_token=…: a token this simulator issued
// and has not expired, and the fixture's subscription id, or the handshake is refused.
func (h *Handler) serveEvents(w http.ResponseWriter, r *http.Request) {
	status, refusal := h.checkEventsRequest(r)
	h.mu.Lock()
	h.record(r, nil, max(status, http.StatusSwitchingProtocols), false)
	h.mu.Unlock()
	if status != 0 {
		body, _ := json.Marshal(refusal)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
		h.logf("GET %s %d (event connection refused)", EventsPath, status)
		return
	}
	conn, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	h.logf("GET %s 101 (event connection open)", EventsPath)
	ctx, cancel := context.WithCancel(r.Context())
	hub := h.events
	hub.mu.Lock()
	others := len(hub.conns)
	hub.conns[conn] = cancel
	hub.mu.Unlock()
	if others > 0 {
		// Zoom may close the earlier connection (facts §5.2: "One connection per
		// subscription"); unverified, so the simulator keeps both and says so.
		h.logf("warning: %d other event connection(s) open on the subscription: Zoom may close the earlier one (facts §5.2)", others)
	}
	defer func() {
		hub.mu.Lock()
		delete(hub.conns, conn)
		hub.mu.Unlock()
		cancel()
		_ = conn.CloseNow()
	}()
	for {
		_, data, err := conn.Read(ctx)
		if err != nil {
			return
		}
		var f struct{ Module string }
		if json.Unmarshal(data, &f) == nil && f.Module == "heartbeat" {
			hub.mu.Lock()
			hub.heartbeats++
			hub.mu.Unlock()
		}
	}
}

func (h *Handler) checkEventsRequest(r *http.Request) (int, wsRefusal) {
	if r.Method != http.MethodGet {
		return http.StatusMethodNotAllowed, wsRefusal{Code: 405, Message: "The event endpoint only accepts a WebSocket GET."}
	}
	q := r.URL.Query()
	h.mu.Lock()
	tok, known := h.tokens[q.Get("access_token")]
	expired := known && !h.now().Before(tok.expires)
	h.mu.Unlock()
	switch {
	case q.Get("access_token") == "" || !known:
		return http.StatusUnauthorized, wsRefusal{Code: codeInvalidToken, Message: msgInvalidToken}
	case expired:
		return http.StatusUnauthorized, wsRefusal{Code: codeExpiredToken, Message: msgExpiredToken}
	case q.Get("subscriptionId") != SubscriptionID:
		return http.StatusNotFound, wsRefusal{Code: 404, Message: "Subscription not found: the subscriptionId is not a WebSocket event subscription of this app."}
	}
	return 0, wsRefusal{}
}

// EmitEvent delivers one event JSON to every open event connection, wrapped as Zoom wraps
// it ({"module":"message","content":"<event JSON>"}), and as a signed POST to every webhook
// target. It returns how many connections and webhooks took it.
func (h *Handler) EmitEvent(event []byte) (delivered int) {
	hub := h.events
	frame, _ := json.Marshal(map[string]string{"module": "message", "content": string(event)})
	hub.mu.Lock()
	hub.emitted = append(hub.emitted, bytes.Clone(event))
	conns := make([]*websocket.Conn, 0, len(hub.conns))
	for c := range hub.conns {
		conns = append(conns, c)
	}
	targets := append([]webhookTarget(nil), hub.webhooks...)
	hub.mu.Unlock()
	for _, c := range conns {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if c.Write(ctx, websocket.MessageText, frame) == nil {
			delivered++
		}
		cancel()
	}
	for _, t := range targets {
		if status, err := h.PostWebhook(t.url, t.secret, event); err == nil && status < 300 {
			delivered++
		}
	}
	return delivered
}

// AddWebhook makes EmitEvent also POST every event to url, signed with secret as Zoom signs
// (x-zm-request-timestamp, x-zm-signature).
func (h *Handler) AddWebhook(url, secret string) {
	h.events.mu.Lock()
	defer h.events.mu.Unlock()
	h.events.webhooks = append(h.events.webhooks, webhookTarget{url, secret})
}

// PostWebhook POSTs body to url signed with secret, as Zoom delivers a webhook, and returns
// the status the receiver answered.
func (h *Handler) PostWebhook(url, secret string, body []byte) (int, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("x-zm-request-timestamp", ts)
	req.Header.Set("x-zm-signature", Sign(secret, ts, body))
	resp, err := h.events.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// Sign is Zoom's webhook signature: "v0=" + hex(HMAC-SHA256(secret, "v0:"+ts+":"+body)).
func Sign(secret, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + timestamp + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// SetBaseURL tells the handler the base URL it is served on ("http://127.0.0.1:PORT"), so that
// a link_shared event's response_url points at this simulator. Server sets it.
func (h *Handler) SetBaseURL(base string) {
	h.events.mu.Lock()
	defer h.events.mu.Unlock()
	h.events.base = base
}

func (h *Handler) baseURL() string {
	h.events.mu.Lock()
	defer h.events.mu.Unlock()
	if h.events.base == "" {
		return "https://api.zoom.us"
	}
	return h.events.base
}

// EventConnections counts the open event WebSocket connections.
func (h *Handler) EventConnections() int {
	h.events.mu.Lock()
	defer h.events.mu.Unlock()
	return len(h.events.conns)
}

// Heartbeats counts the {"module":"heartbeat"} frames received on all connections.
func (h *Handler) Heartbeats() int {
	h.events.mu.Lock()
	defer h.events.mu.Unlock()
	return h.events.heartbeats
}

// EmittedEvents returns every event emitted so far, oldest first.
func (h *Handler) EmittedEvents() []json.RawMessage {
	h.events.mu.Lock()
	defer h.events.mu.Unlock()
	out := make([]json.RawMessage, len(h.events.emitted))
	for i, e := range h.events.emitted {
		out[i] = bytes.Clone(e)
	}
	return out
}

// DropEventConnections closes every open event connection without a close frame, as a
// network failure would; clients are expected to reconnect.
func (h *Handler) DropEventConnections() {
	h.events.mu.Lock()
	defer h.events.mu.Unlock()
	for c, cancel := range h.events.conns {
		cancel()
		_ = c.CloseNow()
		// Gone now, not when its reader notices: EventConnections then counts only the
		// connections a client makes after the drop.
		delete(h.events.conns, c)
	}
}

// EventsURL is the event WebSocket's URL, "ws://127.0.0.1:PORT/ws", as ZOOM_EVENTS_URL expects.
func (s *Server) EventsURL() string { return "ws" + strings.TrimPrefix(s.URL, "http") + EventsPath }
