package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// eventsOptions are the inputs of `zoompose events`.
type eventsOptions struct {
	*Common
	JSON   bool
	Listen string // webhook address; "" means Zoom's WebSocket

	// Tests shorten the heartbeat and the reconnect waits, and learn when events can come.
	heartbeat, minBackoff time.Duration
	ready                 func(webhookURL string)
}

func newEventsCmd(common *Common, code *int) *cobra.Command {
	o := &eventsOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "events [--json] [--listen ADDR]",
		Short: "Print the bot's Zoom events as they arrive, and keep them in the history",
		Long: `Receive the events Zoom sends the bot — a link shared (team_chat.link_shared), a message
to the bot (bot_notification), a click or a pick on a card (interactive_message_*) — and
print one line each: time, event, who, where, what. --json prints one JSON object per line:
the event as Zoom sent it plus "received_at" and "source". Every event is kept in the
history (the last 10,000; one delivered twice is kept once): zoompose history --events.

By default the events come over Zoom's WebSocket, which needs no public URL: set
ZOOM_EVENT_SUBSCRIPTION_ID (Marketplace → the app → Feature → Event Subscriptions, method
WebSockets) and, for another endpoint, ZOOM_EVENTS_URL (default wss://ws.zoom.us/ws).
With --listen ADDR it serves Zoom's webhook instead on any path, checking each event's
signature with ZOOM_WEBHOOK_SECRET_TOKEN; Zoom needs a public https URL for it, e.g.
through a tunnel: cloudflared tunnel --url http://localhost:8080.

It runs until interrupted. Exit 1 when Zoom refuses the connection at the start (bad
credentials or subscription), with Zoom's reason; later drops are retried.`,
		Example: `  zoompose events
  zoompose events --json | jq -c 'select(.event == "team_chat.link_shared")'
  ZOOM_WEBHOOK_SECRET_TOKEN=… zoompose events --listen 127.0.0.1:8080
  zoompose events --sandbox   # then: curl -d link=https://example.com <sandbox>/sandbox/share-link`,
		Args: cobra.NoArgs,
		RunE: runner(common, code, func(ctx context.Context) error { return runEvents(ctx, o) }),
	}
	f := cmd.Flags()
	f.BoolVar(&o.JSON, "json", false, "print one JSON object per event: Zoom's event plus received_at and source")
	f.StringVar(&o.Listen, "listen", "", "serve Zoom's webhook on ADDR (HOST:PORT) instead of using the WebSocket")
	return cmd
}

func runEvents(ctx context.Context, o *eventsOptions) error {
	if o.Listen != "" && checkListenAddr(o.Listen) != nil {
		return usagef("--listen %s is not an address to listen on: use HOST:PORT, e.g. 127.0.0.1:8080 (or :8080 for every interface)", zoom.QuoteClipped(o.Listen))
	}
	cfg, cleanup, err := o.loadConfig()
	if err != nil {
		return err
	}
	defer cleanup()
	if err := o.checkEventSettings(cfg); err != nil {
		return err
	}
	// The history is opened for each event, not held: other commands (an unfurl of the
	// link that just came in) and the app need it in between. It must open now, though.
	store, err := openHistory(cfg, "no event was received")
	if err != nil {
		return err
	}
	store.Close()
	p := newEventPrinter(o.Out, o.Err, o.JSON, cfg.DB)
	if o.Sandbox {
		base := strings.TrimSuffix(cfg.APIURL, "/v2")
		fmt.Fprintf(o.Err, "sandbox: play the user from another shell, e.g. curl -d link=https://example.com/doc %s/sandbox/share-link\n", base)
	}
	if o.Listen != "" {
		return o.serveWebhook(ctx, cfg, p)
	}
	return o.listenWebSocket(ctx, cfg, p)
}

// checkEventSettings names the setting a way in lacks before anything touches the network.
func (o *eventsOptions) checkEventSettings(cfg Config) error {
	if o.Listen != "" {
		if cfg.WebhookSecretToken == "" {
			return usagef("--listen needs ZOOM_WEBHOOK_SECRET_TOKEN: the app's Secret Token (Marketplace → the app → Feature → Event Subscriptions), to check each event's signature")
		}
		return nil
	}
	if err := cfg.checkIdentities(); err != nil {
		return err
	}
	if cfg.EventSubscriptionID == "" {
		return usagef("ZOOM_EVENT_SUBSCRIPTION_ID is not set: the id of the app's WebSocket event subscription (Marketplace → the app → Feature → Event Subscriptions, method WebSockets); or use --listen ADDR with a webhook (or try --sandbox)")
	}
	return nil
}

func (o *eventsOptions) listenWebSocket(ctx context.Context, cfg Config, p *eventPrinter) error {
	client, err := zoom.New(cfg.ZoomConfig())
	if err != nil {
		return callError(cfg, err)
	}
	ecfg := zoom.EventsConfig{
		URL: cfg.EventsURL, SubscriptionID: cfg.EventSubscriptionID,
		Heartbeat: o.heartbeat, MinBackoff: o.minBackoff,
		OnState: func(s zoom.ConnState) {
			p.state(s)
			if s.Phase == zoom.PhaseConnected && o.ready != nil {
				o.ready("")
			}
		},
	}
	err = client.ListenEvents(ctx, ecfg, func(e zoom.Event) { _ = p.handle(e) })
	var refused *zoom.EventsRefusedError
	if errors.As(err, &refused) {
		return fmt.Errorf("%w (ZOOM_EVENT_SUBSCRIPTION_ID from %s)", err, cfg.Origin("ZOOM_EVENT_SUBSCRIPTION_ID"))
	}
	if err != nil {
		return callError(cfg, err)
	}
	return nil
}

func (o *eventsOptions) serveWebhook(ctx context.Context, cfg Config, p *eventPrinter) error {
	ln, err := net.Listen("tcp", o.Listen)
	if err != nil {
		return fmt.Errorf("cannot listen on %s (%v); choose another address with --listen", o.Listen, err)
	}
	handler := zoom.NewWebhookHandler(cfg.WebhookSecretToken, p.handle)
	server := &http.Server{Handler: handler, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- server.Serve(ln) }()
	url := "http://" + ln.Addr().String()
	fmt.Fprintf(o.Err, "listening for Zoom's webhooks on %s (any path); Zoom needs a public https URL: e.g. cloudflared tunnel --url %s\n", url, url)
	if o.ready != nil {
		o.ready(url)
	}
	select {
	case err := <-served:
		return fmt.Errorf("the webhook listener stopped: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = server.Shutdown(shutdownCtx)
	return nil
}

// How long an event may wait for the history. Zoom counts a webhook not answered within
// 3 s as failed (facts §5.1): keepBudget leaves a second of that to the network. While
// another process (the app) holds the history, every event would otherwise wait
// history.LockTimeout, and events arriving together would queue behind each other past 3 s;
// after a refused open the next opens wait only contendedWait, until contendedFor passed.
const (
	keepBudget    = 2 * time.Second
	contendedWait = 100 * time.Millisecond
	contendedFor  = 10 * time.Second
)

// eventPrinter keeps each event in the history and then prints it; it is called from the
// WebSocket's goroutine and from concurrent webhook requests.
type eventPrinter struct {
	mu          sync.Mutex // out, errOut, last, lockedAt
	out, errOut io.Writer
	json        bool
	db          string // the history file
	last        zoom.ConnPhase
	lockedAt    time.Time // when an open last found the history held by another process

	// turn lets one event at a time open the history (bbolt locks per open file, so two
	// opens in this process would wait for each other too); it is not held while printing.
	turn chan struct{}
}

func newEventPrinter(out, errOut io.Writer, json bool, db string) *eventPrinter {
	return &eventPrinter{out: out, errOut: errOut, json: json, db: db, turn: make(chan struct{}, 1)}
}

// handle keeps e (once: a duplicate is neither kept nor printed again) and prints it. An
// error means it could not be kept, in either output mode; the webhook then answers 500 so
// that Zoom sends it again. It returns within keepBudget plus the time to print.
func (p *eventPrinter) handle(e zoom.Event) error {
	stored, err := p.keep(e)
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil {
		fmt.Fprintf(p.errOut, "warning: the %s event could not be kept in the history: %s\n", termtext.Line(e.Name), oneLine(err.Error()))
	} else if !stored {
		return nil
	}
	if p.json {
		if werr := writeEventJSON(p.out, e); err == nil {
			return werr
		}
		return err
	}
	fmt.Fprintln(p.out, eventLine(ops.KeptEvent(e), "15:04:05"))
	return err
}

// keep opens the history, keeps e in it and closes it again, within keepBudget: it waits
// for its turn, then for another process's lock (history.LockTimeout, or contendedWait while
// the history was lately found held), and gives up with an error when the budget is spent.
func (p *eventPrinter) keep(e zoom.Event) (stored bool, err error) {
	start := time.Now()
	budget := time.NewTimer(keepBudget)
	defer budget.Stop()
	select {
	case p.turn <- struct{}{}:
	case <-budget.C:
		return false, fmt.Errorf("other events held the history for %v", keepBudget)
	}
	defer func() { <-p.turn }()
	wait := min(p.lockWait(), keepBudget-time.Since(start))
	if wait <= 0 {
		return false, fmt.Errorf("other events held the history for %v", keepBudget)
	}
	store, err := history.OpenWithin(p.db, wait)
	var locked *history.LockedError
	p.mu.Lock()
	switch {
	case errors.As(err, &locked):
		p.lockedAt = time.Now()
	case err == nil:
		p.lockedAt = time.Time{} // released: the next holder gets the full wait again
	}
	p.mu.Unlock()
	if err != nil {
		return false, err
	}
	defer store.Close()
	return store.PutEvent(ops.KeptEvent(e))
}

// lockWait is how long an open may wait for another process to release the history.
func (p *eventPrinter) lockWait() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.lockedAt.IsZero() && time.Since(p.lockedAt) < contendedFor {
		return contendedWait
	}
	return history.LockTimeout
}

// state reports the connection on stderr, once per change of phase (a reconnect every time).
func (p *eventPrinter) state(s zoom.ConnState) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if s.Phase == p.last && s.Phase != zoom.PhaseReconnecting {
		return
	}
	p.last = s.Phase
	if s.Phase == zoom.PhaseConnecting || s.Phase == zoom.PhaseRefused || s.Phase == zoom.PhaseStopped {
		return // "reconnecting in …" came before; the error, or the end, speaks for itself
	}
	fmt.Fprintf(p.errOut, "%s events: %s\n", time.Now().Format("15:04:05"), termtext.Line(s.String()))
}
