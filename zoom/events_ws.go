package zoom

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/coder/websocket"
)

// DefaultEventsURL is Zoom's WebSocket endpoint for event subscriptions (facts §5.2).
const DefaultEventsURL = "wss://ws.zoom.us/ws"

// Defaults of EventsConfig.
const (
	DefaultHeartbeat  = 30 * time.Second
	DefaultMinBackoff = time.Second
	DefaultMaxBackoff = time.Minute
)

// stableConnection is how long a connection must last for the backoff to start
// again from its minimum.
const stableConnection = 30 * time.Second

// EventsConfig says where and how to receive events over Zoom's WebSocket.
type EventsConfig struct {
	URL            string // default DefaultEventsURL; ws, wss, http or https
	SubscriptionID string // the event subscription's id (Marketplace → Event Subscriptions)

	Heartbeat              time.Duration // how often {"module":"heartbeat"} is sent; default 30 s
	MinBackoff, MaxBackoff time.Duration // reconnect waits, doubled from Min up to Max, with jitter

	// OnState, when set, is told every change of the connection. It is called
	// on the listening goroutine and must not block.
	OnState func(ConnState)
}

// ConnPhase is the state of the event connection.
type ConnPhase string

// The phases a connection goes through.
const (
	PhaseConnecting   ConnPhase = "connecting"
	PhaseConnected    ConnPhase = "connected"
	PhaseReconnecting ConnPhase = "reconnecting"
	PhaseRefused      ConnPhase = "refused"
	PhaseStopped      ConnPhase = "stopped"
)

// ConnState is one change of the event connection. Reason is Zoom's text or the
// network error, with every secret removed.
type ConnState struct {
	Phase  ConnPhase
	Wait   time.Duration // PhaseReconnecting: how long until the next try
	Reason string        // why the last connection ended or was refused
	At     time.Time
}

// String is one line for a status bar: "connected", "reconnecting in 4s (…)".
func (s ConnState) String() string {
	text := string(s.Phase)
	if s.Phase == PhaseReconnecting {
		text += " in " + s.Wait.Round(time.Second).String()
	}
	if s.Reason != "" {
		text += " (" + s.Reason + ")"
	}
	return text
}

// EventsRefusedError is Zoom refusing the event connection: a bad token, an
// unknown subscription id, a subscription that is not a WebSocket one.
type EventsRefusedError struct {
	Status int    // the handshake's HTTP status, or 0 when Zoom closed the connection
	Code   int    // the close code, when Zoom closed the connection
	Reason string // Zoom's text, secrets removed
}

func (e *EventsRefusedError) Error() string {
	what := "Zoom refused the event connection"
	if e.Status != 0 {
		what += " (" + statusText(e.Status) + ")"
	}
	if e.Reason != "" {
		what += ": " + e.Reason
	}
	return what + "; check ZOOM_EVENT_SUBSCRIPTION_ID (Marketplace → the app → Event Subscriptions, method WebSockets), ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET"
}

// ListenEvents connects to Zoom's event WebSocket and calls deliver with every
// event, in order, until ctx ends (it then returns nil). A connection that ends
// is made again after a backoff with jitter, with a fresh access token. When
// Zoom refuses the very first connection, or no token can be had for it,
// ListenEvents returns the error (*EventsRefusedError, *TokenError); later
// refusals are retried and reported through cfg.OnState.
func (c *Client) ListenEvents(ctx context.Context, cfg EventsConfig, deliver func(Event)) error {
	cfg, err := eventsDefaults(cfg)
	if err != nil {
		return err
	}
	l := &listener{c: c, cfg: cfg, deliver: deliver}
	return l.run(ctx)
}

func eventsDefaults(cfg EventsConfig) (EventsConfig, error) {
	if cfg.URL == "" {
		cfg.URL = DefaultEventsURL
	}
	u, err := url.Parse(cfg.URL)
	if err != nil || u.Host == "" || !strings.Contains(" ws wss http https ", " "+u.Scheme+" ") || u.User != nil {
		return cfg, &InvalidRequestError{Field: "EventsURL", Reason: "is not a ws(s) URL: use e.g. " + DefaultEventsURL}
	}
	if strings.TrimSpace(cfg.SubscriptionID) == "" {
		return cfg, &MissingFieldError{Field: "EventSubscriptionID"}
	}
	if cfg.Heartbeat <= 0 {
		cfg.Heartbeat = DefaultHeartbeat
	}
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = DefaultMinBackoff
	}
	if cfg.MaxBackoff < cfg.MinBackoff {
		cfg.MaxBackoff = max(DefaultMaxBackoff, cfg.MinBackoff)
	}
	return cfg, nil
}

type listener struct {
	c       *Client
	cfg     EventsConfig
	deliver func(Event)
}

func (l *listener) state(s ConnState) {
	if l.cfg.OnState != nil {
		s.At = time.Now()
		l.cfg.OnState(s)
	}
}

func (l *listener) run(ctx context.Context) error {
	defer l.state(ConnState{Phase: PhaseStopped})
	backoff := l.cfg.MinBackoff
	retriedToken, everConnected := false, false
	for {
		l.state(ConnState{Phase: PhaseConnecting})
		started := time.Now()
		connected, err := l.session(ctx)
		if ctx.Err() != nil {
			return nil
		}
		var refused *EventsRefusedError
		var tokenErr *TokenError
		// A token Zoom refused although it had not expired by the clock is retried
		// at once with a fresh one (session dropped it), as the REST calls do.
		if errors.As(err, &refused) && refused.Status == http.StatusUnauthorized && !retriedToken {
			retriedToken = true
			continue
		}
		everConnected = everConnected || connected
		if !everConnected && (errors.As(err, &refused) || errors.As(err, &tokenErr)) {
			l.state(ConnState{Phase: PhaseRefused, Reason: err.Error()})
			return err
		}
		if connected {
			retriedToken = false
		}
		if connected && time.Since(started) >= stableConnection {
			backoff = l.cfg.MinBackoff
		}
		wait := jitter(backoff)
		backoff = min(backoff*2, l.cfg.MaxBackoff)
		l.state(ConnState{Phase: PhaseReconnecting, Wait: wait, Reason: reasonOf(err)})
		if l.c.cfg.Sleep(ctx, wait) != nil {
			return nil
		}
	}
}

// jitter picks a wait between half and all of d, so that many clients
// dropped at once do not come back at once.
func jitter(d time.Duration) time.Duration {
	return d/2 + rand.N(d/2+1)
}

func reasonOf(err error) string {
	if err == nil {
		return ""
	}
	var refused *EventsRefusedError
	if errors.As(err, &refused) {
		return "refused: " + firstNonEmpty(refused.Reason, statusText(refused.Status))
	}
	return err.Error()
}

// session makes one connection and reads it until it ends. connected says
// whether the handshake succeeded. Each session asks for a fresh token: the
// one the last connection used is dropped first.
func (l *listener) session(ctx context.Context) (connected bool, err error) {
	token, err := l.c.tokens.Token(ctx)
	if err != nil {
		return false, err
	}
	defer l.c.tokens.Invalidate(token)
	conn, err := l.dial(ctx, token)
	if err != nil {
		return false, err
	}
	defer conn.CloseNow()
	conn.SetReadLimit(maxEventBytes + 4096)
	l.state(ConnState{Phase: PhaseConnected})
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go l.heartbeat(ctx, conn)
	return true, l.read(ctx, conn)
}

func (l *listener) dial(ctx context.Context, token string) (*websocket.Conn, error) {
	u, _ := url.Parse(l.cfg.URL)
	q := u.Query()
	q.Set("subscriptionId", l.cfg.SubscriptionID)
	q.Set("access_token", token)
	u.RawQuery = q.Encode()
	conn, resp, err := websocket.Dial(ctx, u.String(), &websocket.DialOptions{
		HTTPClient: l.c.http,
		HTTPHeader: http.Header{"User-Agent": {l.c.userAgent}},
	})
	if err == nil {
		return conn, nil
	}
	if resp != nil && resp.StatusCode >= 400 && resp.StatusCode < 500 {
		return nil, &EventsRefusedError{Status: resp.StatusCode, Reason: l.c.tokens.secrets.scrub(refusalText(resp), 200)}
	}
	if resp != nil {
		return nil, fmt.Errorf("Zoom's event endpoint answered %s", statusText(resp.StatusCode))
	}
	return nil, fmt.Errorf("could not reach Zoom's event endpoint at %s: %s", u.Host, describeNetError(l.c.tokens.secrets.scrubError(withoutURL(err))))
}

// refusalText is Zoom's reason from a refused handshake: the "message",
// "reason" or "error" of a JSON body, else the body's text.
func refusalText(resp *http.Response) string {
	if resp.Body == nil {
		return ""
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
	var fields struct{ Message, Reason, Error string }
	if json.Unmarshal(body, &fields) == nil {
		if r := firstNonEmpty(fields.Message, fields.Reason, fields.Error); r != "" {
			return r
		}
	}
	return strings.TrimSpace(string(body))
}

// heartbeat sends {"module":"heartbeat"} every cfg.Heartbeat until ctx ends or
// a write fails (the read loop then sees the connection end).
func (l *listener) heartbeat(ctx context.Context, conn *websocket.Conn) {
	t := time.NewTicker(l.cfg.Heartbeat)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err := conn.Write(wctx, websocket.MessageText, []byte(`{"module":"heartbeat"}`))
		cancel()
		if err != nil {
			_ = conn.CloseNow()
			return
		}
	}
}

// frame is one WebSocket message from Zoom.
type frame struct {
	Module  string `json:"module"`
	Content string `json:"content"`
}

// read delivers each {"module":"message"} frame's event until the connection
// ends, and returns why it ended. A close with a policy or auth code is a
// refusal. Frames that are not events are skipped.
func (l *listener) read(ctx context.Context, conn *websocket.Conn) error {
	for {
		_, data, err := conn.Read(ctx)
		if err != nil {
			return l.closeReason(err)
		}
		var f frame
		if json.Unmarshal(data, &f) != nil || f.Module != "message" {
			continue
		}
		ev, err := ParseEvent([]byte(f.Content), SourceWebSocket, time.Now())
		if err != nil {
			continue
		}
		l.deliver(ev)
	}
}

func (l *listener) closeReason(err error) error {
	var ce websocket.CloseError
	if errors.As(err, &ce) {
		reason := l.c.tokens.secrets.scrub(ce.Reason, 200)
		if ce.Code == websocket.StatusPolicyViolation || ce.Code >= 4000 {
			return &EventsRefusedError{Code: int(ce.Code), Reason: reason}
		}
		return fmt.Errorf("Zoom closed the event connection (%d %s)", int(ce.Code), reason)
	}
	return errors.New("the event connection dropped: " + describeNetError(l.c.tokens.secrets.scrubError(withoutURL(err))))
}
