package ops

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// failedSend sends card text while Zoom answers 503 and returns the outbox
// entry id the *OutboxError names.
func failedSend(t *testing.T, o *Ops, srv *zoomtest.Server, text string) string {
	t.Helper()
	srv.FailNext(1, http.StatusServiceUnavailable)
	_, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card(text))
	var kept *OutboxError
	if !errors.As(err, &kept) || kept.EntryID == "" {
		t.Fatalf("want an *OutboxError, got %T %v", err, err)
	}
	var apiErr *zoom.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusServiceUnavailable {
		t.Fatalf("the OutboxError does not carry Zoom's 503: %v", err)
	}
	return kept.EntryID
}

// Retrying a failed send from Retry closes its outbox entry: one message on
// Zoom, the record under Zoom's id, and a second retry of the same id is
// refused as settled without another request.
func TestRetryableFailureGoesToOutboxAndRetrySucceeds(t *testing.T) {
	o, srv := setup(t)
	ctx := context.Background()
	id := failedSend(t, o, srv, "Outage")
	e := onlyEntry(t, o, id)
	if e.Kind != history.OpSend || e.State != history.OpFailed || e.Attempts != 1 || e.Target != zoomtest.ChannelGeneral ||
		e.Card.Source != card("Outage").Source || e.Err == "" || e.Profile != "test" {
		t.Fatalf("outbox entry %+v", e)
	}
	if m := get(t, o, id); m.Status != history.StatusFailed || m.Op.State != history.OpFailed {
		t.Fatalf("the failed send is recorded as %+v", m)
	}
	if len(srv.Messages()) != 0 {
		t.Fatal("a 503 send was applied")
	}

	m, err := o.Retry(ctx, id, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || m.ID != msgs[0].ID || m.Status != history.StatusSent || m.Op != nil {
		t.Fatalf("after the retry: %d messages on Zoom, record %+v", len(msgs), m)
	}
	if entries := outbox(t, o); len(entries) != 0 {
		t.Fatalf("outbox not emptied: %+v", entries)
	}
	if got := get(t, o, id); got.ID != msgs[0].ID || got.Status != history.StatusSent || got.Live().Source != card("Outage").Source {
		t.Fatalf("the entry id leads to %+v, want the record under Zoom's id %s", got, msgs[0].ID)
	}
	if got := get(t, o, msgs[0].ID); got.Status != history.StatusSent {
		t.Fatalf("no record under Zoom's id: %+v", got)
	}
	if rs, err := o.Store.Recipients(); err != nil || len(rs) != 1 {
		t.Fatalf("recipients after the retried send: %+v, %v", rs, err)
	}

	before := posts(srv)
	for _, accept := range []bool{false, true} {
		var settled *history.SettledError
		if _, err := o.Retry(ctx, id, nil, accept); !errors.As(err, &settled) {
			t.Fatalf("a second retry (acceptDuplicate %v): want a *history.SettledError, got %T %v", accept, err, err)
		}
	}
	if posts(srv) != before || len(srv.Messages()) != 1 {
		t.Fatalf("a retry of a settled send reached Zoom: %d sends, %d messages", posts(srv), len(srv.Messages()))
	}
}

// A retry may send a changed card: it replaces the one that failed.
func TestRetryWithAChangedCard(t *testing.T) {
	o, srv := setup(t)
	id := failedSend(t, o, srv, "Typo")
	fixed := card("Fixed")
	m, err := o.Retry(context.Background(), id, &fixed, false)
	if err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || string(msgs[0].Contents[0]) != string(fixed.Content) {
		t.Fatalf("Zoom got %d messages, the first with %s", len(msgs), msgs[0].Contents)
	}
	if len(m.Revisions) != 1 || m.Live().Source != fixed.Source || string(m.Live().Content) != string(fixed.Content) {
		t.Fatalf("the record keeps %+v, want the changed card as its one revision", m.Revisions)
	}
}

// A retry that fails again stays in the outbox with one more attempt,
// whatever the failure: the admin chose to keep it.
func TestRetryFailingAgainStaysInTheOutbox(t *testing.T) {
	o, srv := setup(t)
	ctx := context.Background()
	id := failedSend(t, o, srv, "Again")
	for attempt, status := range []int{http.StatusServiceUnavailable, http.StatusBadRequest} {
		srv.FailNext(1, status)
		var kept *OutboxError
		if _, err := o.Retry(ctx, id, nil, false); !errors.As(err, &kept) || kept.EntryID != id {
			t.Fatalf("retry answered %d: want an *OutboxError for %s, got %T %v", status, id, err, err)
		}
		if e := onlyEntry(t, o, id); e.State != history.OpFailed || e.Attempts != attempt+2 {
			t.Fatalf("after retry %d: %+v", attempt+1, e)
		}
	}
	if _, err := o.Retry(ctx, id, nil, false); err != nil {
		t.Fatal(err)
	}
	if len(srv.Messages()) != 1 || len(outbox(t, o)) != 0 {
		t.Fatalf("%d messages, outbox %+v", len(srv.Messages()), outbox(t, o))
	}
}

// Two retries of one entry at once (two screens, or a screen and a command):
// one goes to Zoom, the other is refused without a request.
func TestConcurrentRetriesSendOnce(t *testing.T) {
	o, srv := setup(t)
	id := failedSend(t, o, srv, "Twice")
	release := srv.HoldNext(1)
	defer release()
	first := async(func() (history.Message, error) { return o.Retry(context.Background(), id, nil, false) })
	waitFor(t, "the first retry reached Zoom", func() bool { return len(srv.Messages()) == 1 })
	if _, err := o.Retry(context.Background(), id, nil, true); !history.Refused(err) {
		t.Fatalf("a second retry while the first is in flight: want the history's refusal, got %T %v", err, err)
	}
	release()
	if res := <-first; res.err != nil {
		t.Fatal(res.err)
	}
	if posts(srv) != 2 || len(srv.Messages()) != 1 {
		t.Fatalf("simulator: %d sends (want the failed one and one retry), %d messages", posts(srv), len(srv.Messages()))
	}
}

func TestRetryOfAnUnknownIDSaysSo(t *testing.T) {
	o, srv := setup(t)
	if _, err := o.Retry(context.Background(), "no-such-record", nil, true); !errors.Is(err, history.ErrNotFound) {
		t.Fatalf("want ErrNotFound, got %v", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("the simulator got %d requests", n)
	}
}

// A history that cannot be written sends nothing: every operation stops at
// its intent with a *HistoryError, and the simulator sees no request.
func TestHistoryUnwritableSendsNothing(t *testing.T) {
	cases := []struct {
		name    string
		prepare func(t *testing.T, o *Ops, srv *zoomtest.Server) string
		run     func(o *Ops, id string) error
	}{
		{"send", func(*testing.T, *Ops, *zoomtest.Server) string { return "" }, func(o *Ops, _ string) error {
			_, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("Unrecordable"))
			return err
		}},
		{"edit", sendFirst, func(o *Ops, id string) error {
			_, err := o.Edit(context.Background(), id, card("v2"))
			return err
		}},
		{"delete", sendFirst, func(o *Ops, id string) error {
			_, err := o.Delete(context.Background(), id)
			return err
		}},
		{"unfurl", func(_ *testing.T, _ *Ops, srv *zoomtest.Server) string { return srv.IssueTrigger("alice") },
			func(o *Ops, trigger string) error {
				_, err := o.Unfurl(context.Background(), "alice", trigger, card("Preview"))
				return err
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o, srv := setup(t)
			id := tc.prepare(t, o, srv)
			requests, messages := len(srv.Requests()), len(srv.Messages())
			if err := o.Store.Close(); err != nil {
				t.Fatal(err)
			}
			err := tc.run(o, id)
			var hErr *HistoryError
			if !errors.As(err, &hErr) || string(hErr.Op) != tc.name {
				t.Fatalf("want a %s *HistoryError, got %T %v", tc.name, err, err)
			}
			if n := len(srv.Requests()); n != requests {
				t.Fatalf("the simulator got %d requests (token or API) after the history failed", n-requests)
			}
			if len(srv.Messages()) != messages || len(srv.Unfurls()) != 0 {
				t.Fatalf("the simulator holds %d messages and %d unfurls", len(srv.Messages()), len(srv.Unfurls()))
			}
		})
	}

	t.Run("retry", func(t *testing.T) {
		o, srv := setup(t)
		id := failedSend(t, o, srv, "Outage")
		requests := len(srv.Requests())
		if err := o.Store.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := o.Retry(context.Background(), id, nil, true); err == nil || !strings.Contains(err.Error(), id) {
			t.Fatalf("a retry with an unreadable history: want an error naming %s, got %v", id, err)
		}
		if n := len(srv.Requests()); n != requests || len(srv.Messages()) != 0 {
			t.Fatalf("the simulator got %d requests and holds %d messages", n-requests, len(srv.Messages()))
		}
	})
}

// A token endpoint that cannot be reached or fails is a network failure like
// any other: nothing reached Zoom, so the send waits in the outbox.
func TestTokenEndpointDownKeepsTheSend(t *testing.T) {
	srv := zoomtest.NewServer()
	t.Cleanup(srv.Close)
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"reason":"maintenance"}`, http.StatusServiceUnavailable)
	}))
	t.Cleanup(down.Close)
	o := &Ops{
		Client: newClient(t, srv, func(c *zoom.Config) { c.TokenURL = down.URL + "/oauth/token" }),
		Store:  openStore(t, t.TempDir()+"/history.db"),
	}
	_, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("Later"))
	var kept *OutboxError
	if !errors.As(err, &kept) {
		t.Fatalf("want an *OutboxError, got %T %v", err, err)
	}
	if e := onlyEntry(t, o, kept.EntryID); e.State != history.OpFailed {
		t.Fatalf("outbox entry %+v", e)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("the simulator got %d requests", n)
	}
}

// An unfurl: the answer settles it; an unanswered one is outcome unknown in
// the outbox, sent again only with the admin's yes.
func TestUnfurlUnanswered(t *testing.T) {
	o, srv := setup(t)
	ctx := context.Background()
	trigger := srv.IssueTrigger("alice")
	srv.DropNext(1)
	_, err := o.Unfurl(ctx, "alice", trigger, card("Preview"))
	id := unknownID(t, err)
	e := onlyEntry(t, o, id)
	if e.Kind != history.OpUnfurl || e.State != history.OpUnknown || e.Target != trigger || e.Card.Source != card("Preview").Source {
		t.Fatalf("outbox entry %+v", e)
	}
	us, err := o.Store.Unfurls(10)
	if err != nil || len(us) != 1 || us[0].Status != history.StatusOutcomeUnknown || us[0].Posted() {
		t.Fatalf("unfurls %+v, %v", us, err)
	}
	if _, err := o.Retry(ctx, id, nil, false); !errors.Is(err, ErrMayDuplicate) {
		t.Fatalf("retry without the admin's yes: want ErrMayDuplicate, got %v", err)
	}
	if n := len(srv.Unfurls()); n != 1 {
		t.Fatalf("the simulator got %d unfurls, want the dropped one", n)
	}
	if _, err := o.Retry(ctx, id, nil, true); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Unfurls()); n != 2 {
		t.Fatalf("the simulator got %d unfurls after the accepted retry", n)
	}
	us, _ = o.Store.Unfurls(10)
	if len(us) != 1 || !us[0].Posted() || us[0].Op != nil || len(outbox(t, o)) != 0 {
		t.Fatalf("after the retry: unfurls %+v, outbox %+v", us, outbox(t, o))
	}
}

func TestUnfurlFailedThenRetried(t *testing.T) {
	o, srv := setup(t)
	ctx := context.Background()
	trigger := srv.IssueTrigger("alice")
	srv.FailNext(1, http.StatusBadGateway)
	_, err := o.Unfurl(ctx, "alice", trigger, card("Preview"))
	var kept *OutboxError
	if !errors.As(err, &kept) {
		t.Fatalf("want an *OutboxError, got %T %v", err, err)
	}
	if e := onlyEntry(t, o, kept.EntryID); e.Kind != history.OpUnfurl || e.State != history.OpFailed {
		t.Fatalf("outbox entry %+v", e)
	}
	// A kept unfurl goes again with its own card: a changed one is refused, not dropped.
	if _, err := o.Retry(ctx, kept.EntryID, &compose.Card{Content: card("Other").Content}, false); err == nil || len(srv.Unfurls()) != 0 {
		t.Fatalf("retry with a changed card = %v, %d unfurls; want a refusal and none", err, len(srv.Unfurls()))
	}
	if _, err := o.Retry(ctx, kept.EntryID, nil, false); err != nil {
		t.Fatal(err)
	}
	if len(srv.Unfurls()) != 1 || len(outbox(t, o)) != 0 {
		t.Fatalf("simulator unfurls %d, outbox %+v", len(srv.Unfurls()), outbox(t, o))
	}
}

// --no-history runs Ops without a Store: a retry, which needs the record's card, says so.
func TestRetryWithoutAHistoryRefuses(t *testing.T) {
	o, srv := setup(t)
	o.Store = nil
	if _, err := o.Retry(context.Background(), "local-x", nil, true); err == nil || !strings.Contains(err.Error(), "needs the history") {
		t.Fatalf("Retry without a store = %v", err)
	}
	if n := allAPICalls(srv); n != 0 {
		t.Errorf("%d API calls, want none", n)
	}
}
