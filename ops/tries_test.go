package ops

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// withRetries lets the client try a 429 three times without sleeping.
func withRetries(cfg *zoom.Config) {
	cfg.MaxAttempts = 3
	cfg.Sleep = func(context.Context, time.Duration) error { return nil }
}

// Three rate-limited tries inside one send are three tries in its outbox
// entry, and a retry that gets through after one more 429 adds two, kept
// on the sent record.
func TestRateLimitedTriesAreCountedInTheRecord(t *testing.T) {
	o, srv := setup(t)
	o.Client = newClient(t, srv, withRetries)
	srv.RateLimitNext(3, "1")
	_, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("Busy"))
	var kept *OutboxError
	if !errors.As(err, &kept) {
		t.Fatalf("want an *OutboxError, got %T %v", err, err)
	}
	if n := posts(srv); n != 3 {
		t.Fatalf("the simulator saw %d sends, want 3", n)
	}
	e := onlyEntry(t, o, kept.EntryID)
	if want := (history.Tries{Requests: 3, RateLimited: 3}); e.Tries != want || e.Attempts != 1 {
		t.Fatalf("outbox entry: %d attempts, tries %+v; want 1 attempt, %+v", e.Attempts, e.Tries, want)
	}

	srv.RateLimitNext(1, "1")
	m, err := o.Retry(context.Background(), kept.EntryID, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := (history.Tries{Requests: 5, RateLimited: 4}); m.LastTries != want || get(t, o, m.ID).LastTries != want {
		t.Fatalf("sent record keeps tries %+v, want %+v", m.LastTries, want)
	}
}

// Edit, delete and unfurl count their tries too.
func TestChangesAndUnfurlsCountTheirTries(t *testing.T) {
	o, srv := setup(t)
	o.Client = newClient(t, srv, withRetries)
	sent, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("First"))
	if err != nil {
		t.Fatal(err)
	}
	srv.RateLimitNext(3, "1")
	if _, err := o.Edit(context.Background(), sent.ID, card("Second")); err == nil {
		t.Fatal("an edit rate limited past its tries succeeded")
	}
	if m := get(t, o, sent.ID); m.Op == nil || m.Op.Counted() != (history.Tries{Requests: 3, RateLimited: 3}) {
		t.Fatalf("failed edit record: %+v", m.Op)
	}

	srv.RateLimitNext(2, "1")
	u, err := o.Unfurl(context.Background(), "alice", srv.IssueTrigger("alice"), card("Preview"))
	if err != nil {
		t.Fatal(err)
	}
	if want := (history.Tries{Requests: 3, RateLimited: 2}); u.LastTries != want {
		t.Fatalf("unfurl tries %+v, want %+v", u.LastTries, want)
	}
}
