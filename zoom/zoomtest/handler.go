package zoomtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// maxBodyBytes bounds a request body; larger bodies are answered 400/7001.
const maxBodyBytes = 4 << 20

// Handler is the simulator as an http.Handler. It is safe for concurrent use: all state
// sits behind one mutex, and an answer is computed in memory before it is written.
type Handler struct {
	mu       sync.Mutex
	fixture  Fixture
	now      func() time.Time
	logfn    func(format string, args ...any)
	tokens   map[string]*accessToken
	lifetime time.Duration // real token lifetime; 0 means fixture.TokenTTL
	messages map[string]*Message
	order    []string // message ids in send order
	// seen holds message ids the simulator's users posted, as carried by the events it
	// emits: real bots reply to those (reply_to), not only to their own messages.
	seen     map[string]bool
	triggers map[string]map[string]bool
	unfurls  []Unfurl
	requests []Request
	tokenReq int
	faults   faults
	hostile  bool // SetHostile: answers carry escape sequences
	// tokenSuffix is appended to the access tokens issued (SetTokenSuffix).
	tokenSuffix string
	limiter     limiter
	events      *eventHub // event WebSocket, webhooks and "play the user" (events.go, play.go)
}

// NewHandler returns a simulator of one Zoom account as described by f. Zero TokenTTL
// means one hour; zero PerSecond or Daily means that limit is off.
func NewHandler(f Fixture) *Handler {
	f = f.withDefaults()
	h := &Handler{
		fixture:  f,
		now:      time.Now,
		tokens:   map[string]*accessToken{},
		messages: map[string]*Message{},
		seen:     map[string]bool{DemoMessageID: true},
		triggers: map[string]map[string]bool{},
		limiter:  limiter{perSecond: f.PerSecond, daily: f.Daily},
		events:   newEventHub(),
	}
	for trigger, user := range f.Triggers {
		h.AddTrigger(user, trigger)
	}
	return h
}

// Fixture returns the world the handler simulates (a copy).
func (h *Handler) Fixture() Fixture {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.fixture.withDefaults()
}

// SetClock replaces the handler's clock (time.Now by default; nil restores it), so tests
// can move time through token expiry, the per-second bucket and the UTC day boundary.
func (h *Handler) SetClock(now func() time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if now == nil {
		now = time.Now
	}
	h.now = now
}

// ServeHTTP reads the whole request, applies it, records it, and then answers — or, when
// DropNext is armed, closes the connection without answering. HoldNext holds the answer
// (or the drop) after the request is applied and recorded.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.serveEventSide(w, r) {
		return
	}
	started := time.Now()
	body, readErr := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if isAPIPath(r.URL.Path) {
		h.waitLatency(r.Context())
	}

	h.mu.Lock()
	resp, drop, hold := h.serve(r, body, readErr)
	notes := resp.notes
	if h.hostile {
		resp = hostileAnswer(resp)
	}
	resp.header.Set("x-zm-trackingid", newTrackingID())
	if isAPIPath(r.URL.Path) {
		h.limiter.setHeaders(resp.header, h.now())
	}
	h.record(r, body, resp.status, drop)
	logfn := h.logfn
	h.mu.Unlock()

	if logfn != nil {
		logfn("%s", logLine(r, resp.status, time.Since(started), drop)+noteLines(notes))
	}
	if hold != nil {
		select {
		case <-hold:
		case <-r.Context().Done():
		}
	}
	if drop {
		dropConnection(w)
		return
	}
	writeResponse(w, resp)
}

// serve routes one request and computes its answer, and says whether to drop the
// connection instead and what gate to wait on before answering; h.mu is held.
func (h *Handler) serve(r *http.Request, body []byte, readErr error) (resp *response, drop bool, hold <-chan struct{}) {
	if r.URL.Path == tokenPath {
		return h.serveToken(r, body), false, nil
	}
	rt, ok := matchRoute(r.URL.Path)
	if !ok {
		return notFound(r.Method, r.URL.Path), false, nil
	}
	if !rt.allows(r.Method) {
		return methodNotAllowed(r.Method, r.URL.Path, rt.methods), false, nil
	}
	drop, hold = h.faults.takeDrop(), h.faults.takeHold()
	return h.serveAPI(r, rt, body, readErr), drop, hold
}

// serveAPI answers a call on a known route and method: faults, authentication and rate
// limits first, then the operation itself; h.mu is held.
func (h *Handler) serveAPI(r *http.Request, rt route, body []byte, readErr error) *response {
	if resp := h.faults.takeFailure(); resp != nil {
		return resp
	}
	account, resp := h.authenticate(r)
	if resp != nil {
		return resp
	}
	if resp := h.limiter.admit(h.now()); resp != nil {
		return resp
	}
	if readErr != nil {
		return invalidBody(fieldError{Field: "body", Message: "The request body is larger than 4 MiB or could not be read."})
	}
	call := apiCall{r: r, body: body, account: account, params: rt.params}
	switch {
	case rt.name == routeMessages:
		return h.sendMessage(call)
	case rt.name == routeMessage && r.Method == http.MethodPut:
		return h.editMessage(call)
	case rt.name == routeMessage:
		return h.deleteMessage(call)
	default:
		return h.unfurl(call)
	}
}

// apiCall is an authenticated, admitted API request.
type apiCall struct {
	r       *http.Request
	body    []byte
	account string
	params  []string
}

// waitLatency sleeps for the configured latency. A client that gives up early only
// shortens the wait: the request has reached the simulator and is still applied, as it
// could be on Zoom.
func (h *Handler) waitLatency(ctx context.Context) {
	h.mu.Lock()
	d := h.faults.latency
	h.mu.Unlock()
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

func writeResponse(w http.ResponseWriter, resp *response) {
	for k, v := range resp.header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.status)
	if len(resp.body) > 0 {
		_, _ = w.Write(resp.body)
	}
}

// dropConnection closes the client's connection without writing a byte of the answer.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if ok {
		conn, _, err := hj.Hijack()
		if err == nil {
			_ = conn.Close()
			return
		}
	}
	// Not hijackable (e.g. HTTP/2): aborting the handler resets the stream instead.
	panic(http.ErrAbortHandler)
}

func isAPIPath(path string) bool { return strings.HasPrefix(path, "/v2/") }

func newTrackingID() string { return "zsbx-" + randomHex(16) }

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(errors.New("zoomtest: no randomness: " + err.Error()))
	}
	return hex.EncodeToString(b)
}
