package ops

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// The intent is in the history before the request reaches Zoom: while the
// simulator already holds the message and has not answered, the same Store
// (the file is locked to it) shows the "sending" record.
func TestIntentIsRecordedBeforeZoomHasTheMessage(t *testing.T) {
	o, srv := setup(t)
	release := srv.HoldNext(1)
	defer release()
	done := async(func() (Sent, error) {
		return o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("Announcement"))
	})
	waitFor(t, "the simulator holds the message", func() bool { return len(srv.Messages()) == 1 })

	ids := listed(t, o, history.Query{Status: history.StatusSending})
	if len(ids) != 1 {
		t.Fatalf("while Zoom holds the message and has not answered, the history lists %v as sending; want the send's record", ids)
	}
	m := get(t, o, ids[0])
	if m.ID == srv.Messages()[0].ID || m.Op == nil || m.Op.Kind != history.OpSend || m.Op.State != history.OpInFlight ||
		m.ToJID != zoomtest.ChannelGeneral || m.Live().Source != card("Announcement").Source {
		t.Fatalf("the in-flight record is %+v (op %+v)", m, m.Op)
	}
	if entries := outbox(t, o); len(entries) != 0 {
		t.Fatalf("an operation still in flight is in the outbox: %+v", entries)
	}

	release()
	res := <-done
	if res.err != nil {
		t.Fatal(res.err)
	}
	if zoomID := srv.Messages()[0].ID; res.v.ID != zoomID {
		t.Fatalf("the send settled as %s, Zoom's id is %s", res.v.ID, zoomID)
	}
	if got := get(t, o, m.ID); got.ID != res.v.ID || got.Status != history.StatusSent || got.Op != nil {
		t.Fatalf("the local id %s does not lead to the settled record: %+v", m.ID, got)
	}
	if ids := listed(t, o, history.Query{Status: history.StatusSending}); len(ids) != 0 {
		t.Fatalf("still sending after the answer: %v", ids)
	}
}

// The same with latency holding the request: a second goroutine sees the
// record while the request is on its way and before Zoom applied it.
func TestIntentIsVisibleWhileTheRequestIsInFlight(t *testing.T) {
	o, srv := setup(t)
	srv.SetLatency(500 * time.Millisecond)
	done := async(func() (Sent, error) {
		return o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("Slow"))
	})
	var ids []string
	waitFor(t, "the history lists the send as sending", func() bool {
		ids = listed(t, o, history.Query{Status: history.StatusSending})
		return len(ids) == 1
	})
	if n := len(srv.Messages()); n != 0 {
		t.Logf("the simulator already held %d messages when the record was seen (slow machine?)", n)
	}
	if m := get(t, o, ids[0]); m.Status != history.StatusSending || m.Op.State != history.OpInFlight {
		t.Fatalf("in flight: %+v", m)
	}
	res := <-done
	if res.err != nil {
		t.Fatal(res.err)
	}
	if got := get(t, o, ids[0]); got.Status != history.StatusSent || got.ID != res.v.ID {
		t.Fatalf("after the answer: %+v", got)
	}
}

// A send whose answer never comes is recorded as outcome unknown, listed and
// kept in the outbox, and never sent again unless the admin accepts a
// possible duplicate.
func TestUnansweredSendIsOutcomeUnknown(t *testing.T) {
	cases := []struct {
		name string
		// arm makes the next send unanswered and returns the ops to use.
		arm func(t *testing.T, o *Ops, srv *zoomtest.Server) *Ops
	}{
		{"connection dropped", func(_ *testing.T, o *Ops, srv *zoomtest.Server) *Ops {
			srv.DropNext(1)
			return o
		}},
		{"client timeout", func(t *testing.T, o *Ops, srv *zoomtest.Server) *Ops {
			srv.SetLatency(2 * time.Second)
			short := *o
			short.Client = newClient(t, srv, func(c *zoom.Config) { c.HTTPClient = &http.Client{Timeout: 200 * time.Millisecond} })
			return &short
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o, srv := setup(t)
			ctx := context.Background()
			_, err := tc.arm(t, o, srv).Send(ctx, Envelope{ToJID: zoomtest.ChannelGeneral}, card("Maybe"))
			id := unknownID(t, err)
			// The simulator applies a request the client gave up on.
			waitFor(t, "the simulator applied the send", func() bool { return len(srv.Messages()) == 1 })
			srv.SetLatency(0)

			m := get(t, o, id)
			if m.Status != history.StatusOutcomeUnknown || m.Op == nil || m.Op.State != history.OpUnknown || m.Op.Err == "" {
				t.Fatalf("recorded %+v (op %+v)", m, m.Op)
			}
			if ids := listed(t, o, history.Query{Status: history.StatusOutcomeUnknown}); len(ids) != 1 || ids[0] != id {
				t.Fatalf("List(outcome-unknown) = %v, want [%s]", ids, id)
			}
			e := onlyEntry(t, o, id)
			if e.State != history.OpUnknown || e.Kind != history.OpSend || e.Target != zoomtest.ChannelGeneral ||
				e.Card.Source != card("Maybe").Source || e.Attempts != 1 || e.Err == "" {
				t.Fatalf("outbox entry %+v", e)
			}
			if posts(srv) != 1 {
				t.Fatalf("the send reached the simulator %d times; it must never be re-sent", posts(srv))
			}

			if _, err := o.Retry(ctx, id, nil, false); !errors.Is(err, ErrMayDuplicate) {
				t.Fatalf("retry without the admin's yes: want ErrMayDuplicate, got %v", err)
			}
			if posts(srv) != 1 || len(srv.Messages()) != 1 {
				t.Fatalf("after a refused retry the simulator got %d sends and holds %d messages; want 1 and 1", posts(srv), len(srv.Messages()))
			}
			if e := onlyEntry(t, o, id); e.State != history.OpUnknown || e.Attempts != 1 {
				t.Fatalf("a refused retry changed the entry: %+v", e)
			}

			sent, err := o.Retry(ctx, id, nil, true)
			if err != nil {
				t.Fatal(err)
			}
			msgs := srv.Messages()
			if len(msgs) != 2 || sent.ID != msgs[1].ID || sent.Status != history.StatusSent {
				t.Fatalf("after the accepted retry: %d messages, record %s %s", len(msgs), sent.ID, sent.Status)
			}
			if entries := outbox(t, o); len(entries) != 0 {
				t.Fatalf("outbox after the accepted retry: %+v", entries)
			}
			if got := get(t, o, id); got.ID != msgs[1].ID || got.Status != history.StatusSent {
				t.Fatalf("the local id leads to %+v", got)
			}
		})
	}
}

// sendThenArm sends card v1, then makes the next API call unanswered.
func sendThenArm(t *testing.T) (*Ops, *zoomtest.Server, string) {
	t.Helper()
	o, srv := setup(t)
	m, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("v1"))
	if err != nil {
		t.Fatal(err)
	}
	srv.DropNext(1)
	return o, srv, m.ID
}

// An edit or delete whose answer never comes: the message is outcome
// unknown, the new card waits in its operation and in the outbox, and the
// admin's word settles it.
func TestUnansweredEditOrDelete(t *testing.T) {
	ctx := context.Background()
	checkUnknownEdit := func(t *testing.T, o *Ops, id string) {
		t.Helper()
		m := get(t, o, id)
		if m.Status != history.StatusOutcomeUnknown || m.Op == nil || m.Op.Kind != history.OpEdit || m.Op.State != history.OpUnknown ||
			m.Op.Revision == nil || m.Op.Revision.Source != card("v2").Source || len(m.Revisions) != 1 {
			t.Fatalf("after an unanswered edit: %+v (op %+v)", m, m.Op)
		}
		e := onlyEntry(t, o, id)
		if e.Kind != history.OpEdit || e.State != history.OpUnknown || e.Target != id ||
			e.Card.Source != card("v2").Source || string(e.Card.Content) != string(card("v2").Content) {
			t.Fatalf("outbox entry %+v", e)
		}
	}

	t.Run("edit arrived", func(t *testing.T) {
		o, srv, id := sendThenArm(t)
		_, err := o.Edit(ctx, id, card("v2"))
		if got := unknownID(t, err); got != id {
			t.Fatalf("the UnknownError names %s, want %s", got, id)
		}
		checkUnknownEdit(t, o, id)
		if _, err := o.Retry(ctx, id, nil, false); !errors.Is(err, ErrMayDuplicate) {
			t.Fatalf("retry without the admin's yes: want ErrMayDuplicate, got %v", err)
		}
		if n := apiCalls(srv, "PUT", "/im/chat/messages/"); n != 1 {
			t.Fatalf("the edit reached the simulator %d times", n)
		}
		r, err := o.Store.Resolve(id, history.Resolution{Arrived: true})
		if err != nil || r.Status != history.StatusEdited {
			t.Fatalf("resolve arrived: %+v, %v", r, err)
		}
		m := get(t, o, id)
		if m.Status != history.StatusEdited || m.Op != nil || len(m.Revisions) != 2 || m.Live().Source != card("v2").Source {
			t.Fatalf("after resolving as arrived: %+v", m)
		}
		if entries := outbox(t, o); len(entries) != 0 {
			t.Fatalf("outbox after resolving: %+v", entries)
		}
	})

	t.Run("edit not arrived, then retried", func(t *testing.T) {
		o, srv, id := sendThenArm(t)
		_, err := o.Edit(ctx, id, card("v2"))
		unknownID(t, err)
		checkUnknownEdit(t, o, id)
		if _, err := o.Store.Resolve(id, history.Resolution{Arrived: false}); err != nil {
			t.Fatal(err)
		}
		m := get(t, o, id)
		if m.Op == nil || m.Op.State != history.OpFailed || m.Status != history.StatusSent || len(m.Revisions) != 1 {
			t.Fatalf("after resolving as not arrived: %+v (op %+v); want the edit failed, the message as it was", m, m.Op)
		}
		if e := onlyEntry(t, o, id); e.State != history.OpFailed || e.Card.Source != card("v2").Source {
			t.Fatalf("outbox entry %+v", e)
		}
		edited, err := o.Retry(ctx, id, nil, false)
		if err != nil {
			t.Fatal(err)
		}
		if edited.Status != history.StatusEdited || len(edited.Revisions) != 2 || edited.Live().Source != card("v2").Source || edited.Op != nil {
			t.Fatalf("after the retry: %+v", edited)
		}
		sim, _ := srv.Message(id)
		if last := sim.Contents[len(sim.Contents)-1]; string(last) != string(card("v2").Content) {
			t.Fatalf("Zoom's live content is %s", last)
		}
		if entries := outbox(t, o); len(entries) != 0 {
			t.Fatalf("outbox after the retry: %+v", entries)
		}
	})

	t.Run("delete arrived", func(t *testing.T) {
		o, srv, id := sendThenArm(t)
		_, err := o.Delete(ctx, id)
		unknownID(t, err)
		m := get(t, o, id)
		if m.Status != history.StatusOutcomeUnknown || m.Op == nil || m.Op.Kind != history.OpDelete || m.Op.State != history.OpUnknown {
			t.Fatalf("after an unanswered delete: %+v (op %+v)", m, m.Op)
		}
		if e := onlyEntry(t, o, id); e.Kind != history.OpDelete || e.State != history.OpUnknown || e.Target != id || len(e.Card.Content) != 0 {
			t.Fatalf("outbox entry %+v", e)
		}
		if sim, _ := srv.Message(id); !sim.Deleted {
			t.Fatal("the simulator did not apply the dropped delete")
		}
		if _, err := o.Store.Resolve(id, history.Resolution{Arrived: true}); err != nil {
			t.Fatal(err)
		}
		if m := get(t, o, id); m.Status != history.StatusDeleted || m.Op != nil || len(m.Revisions) != 1 || m.DeletedAt.IsZero() {
			t.Fatalf("after resolving as arrived: %+v", m)
		}
		if entries := outbox(t, o); len(entries) != 0 {
			t.Fatalf("outbox after resolving: %+v", entries)
		}
	})
}

// Cancelling after the request was written may still have sent it: outcome
// unknown, never "failed" (which would make a retry look safe).
func TestCancelAfterWrittenIsOutcomeUnknown(t *testing.T) {
	o, srv := setup(t)
	release := srv.HoldNext(1)
	defer release()
	ctx, cancel := context.WithCancel(context.Background())
	done := async(func() (Sent, error) {
		return o.Send(ctx, Envelope{ToJID: zoomtest.ChannelGeneral}, card("Cancelled late"))
	})
	waitFor(t, "the simulator holds the message", func() bool { return len(srv.Messages()) == 1 })
	cancel()
	res := <-done
	id := unknownID(t, res.err)
	if !errors.Is(res.err, context.Canceled) {
		t.Errorf("the error does not say the caller cancelled: %v", res.err)
	}
	if m := get(t, o, id); m.Status != history.StatusOutcomeUnknown || m.Op.State != history.OpUnknown {
		t.Fatalf("recorded %+v (op %+v), want outcome unknown", m, m.Op)
	}
	if e := onlyEntry(t, o, id); e.State != history.OpUnknown {
		t.Fatalf("outbox entry %+v", e)
	}
	if _, err := o.Retry(context.Background(), id, nil, false); !errors.Is(err, ErrMayDuplicate) {
		t.Fatalf("retry without the admin's yes: want ErrMayDuplicate, got %v", err)
	}
	if posts(srv) != 1 || len(srv.Messages()) != 1 {
		t.Fatalf("simulator: %d sends, %d messages; want 1 and 1", posts(srv), len(srv.Messages()))
	}
}

// Cancelling before the request was written: nothing sent, nothing kept.
func TestCancelBeforeWrittenLeavesNothing(t *testing.T) {
	// assertNothing checks that err is the cancellation and that nothing
	// was added to the history or sent, after sentBefore sends (one record
	// and one API call each).
	assertNothing := func(t *testing.T, o *Ops, srv *zoomtest.Server, err error, sentBefore int) {
		t.Helper()
		var unknown *UnknownError
		var kept *OutboxError
		if !errors.Is(err, context.Canceled) || errors.As(err, &unknown) || errors.As(err, &kept) {
			t.Fatalf("want a cancellation that sent nothing, got %T %v", err, err)
		}
		if ids := listed(t, o, history.Query{}); len(ids) != sentBefore {
			t.Fatalf("the cancelled send left records: %v", ids)
		}
		if entries := outbox(t, o); len(entries) != 0 {
			t.Fatalf("the cancelled send is in the outbox: %+v", entries)
		}
		if n := allAPICalls(srv); n != sentBefore {
			t.Fatalf("the simulator got %d API calls, want %d", n, sentBefore)
		}
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()

	t.Run("cancelled before the call, no token yet", func(t *testing.T) {
		o, srv := setup(t)
		_, err := o.Send(cancelled, Envelope{ToJID: zoomtest.ChannelGeneral}, card("Never"))
		assertNothing(t, o, srv, err, 0)
	})

	t.Run("cancelled before the call, token cached", func(t *testing.T) {
		o, srv := setup(t)
		if _, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("First")); err != nil {
			t.Fatal(err)
		}
		_, err := o.Send(cancelled, Envelope{ToJID: zoomtest.ChannelGeneral}, card("Never"))
		assertNothing(t, o, srv, err, 1)
	})

	t.Run("cancelled while the token request hangs", func(t *testing.T) {
		srv := zoomtest.NewServer()
		t.Cleanup(srv.Close)
		entered, stop := make(chan struct{}, 1), make(chan struct{})
		hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.ReadAll(r.Body) // the server notices a closed connection only once the body is read
			select {
			case entered <- struct{}{}:
			default:
			}
			select {
			case <-r.Context().Done():
			case <-stop:
			}
		}))
		t.Cleanup(hang.Close)
		t.Cleanup(func() { close(stop) }) // runs first: a failed test does not wait on the handler
		client := newClient(t, srv, func(c *zoom.Config) { c.TokenURL = hang.URL + "/oauth/token" })
		o := &Ops{Client: client, Store: openStore(t, t.TempDir()+"/history.db")}
		ctx, cancel := context.WithCancel(context.Background())
		done := async(func() (Sent, error) {
			return o.Send(ctx, Envelope{ToJID: zoomtest.ChannelGeneral}, card("Never"))
		})
		<-entered
		if ids := listed(t, o, history.Query{Status: history.StatusSending}); len(ids) != 1 {
			t.Fatalf("while the token request hangs the intent should be recorded; sending: %v", ids)
		}
		cancel()
		res := <-done
		assertNothing(t, o, srv, res.err, 0)
		if n := len(srv.Requests()); n != 0 {
			t.Fatalf("the simulator got %d requests", n)
		}
	})
}
