package ops

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

func TestSendRecordsMessageAndRecipient(t *testing.T) {
	o, srv := setup(t)
	m, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("Hello"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := srv.Message(m.ID); !ok {
		t.Fatalf("simulator has no message %s", m.ID)
	}
	if !strings.HasPrefix(m.TrackingID, "zsbx-") {
		t.Errorf("tracking id %q is not the one the simulator answers with", m.TrackingID)
	}
	got := get(t, o, m.ID)
	if got.ToJID != zoomtest.ChannelGeneral || got.Status != history.StatusSent || got.Profile != "test" ||
		len(got.Revisions) != 1 || got.Live().Source != card("Hello").Source || got.ZoomSentTime == "" || got.Op != nil {
		t.Fatalf("recorded %+v", got)
	}
	if got.AccountID != zoomtest.AccountID || got.RobotJID != zoomtest.RobotJID || got.UserJID != zoomtest.UserJID {
		t.Errorf("identities not recorded: account %q robot %q user %q", got.AccountID, got.RobotJID, got.UserJID)
	}
	rs, err := o.Store.Recipients()
	if err != nil || len(rs) != 1 || rs[0].JID != zoomtest.ChannelGeneral {
		t.Fatalf("recipients %+v, %v", rs, err)
	}
	if entries := outbox(t, o); len(entries) != 0 {
		t.Fatalf("a sent message is in the outbox: %+v", entries)
	}
}

func TestEditAddsRevisionAndDeleteKeepsContent(t *testing.T) {
	o, srv := setup(t)
	ctx := context.Background()
	m, err := o.Send(ctx, Envelope{ToJID: zoomtest.ChannelGeneral}, card("v1"))
	if err != nil {
		t.Fatal(err)
	}
	edited, err := o.Edit(ctx, m.ID, card("v2"))
	if err != nil {
		t.Fatal(err)
	}
	if edited.Status != history.StatusEdited || len(edited.Revisions) != 2 || edited.Live().Source != card("v2").Source || edited.Op != nil {
		t.Fatalf("after edit: %+v", edited)
	}
	if sim, _ := srv.Message(m.ID); len(sim.Contents) != 2 {
		t.Fatalf("simulator saw %d revisions", len(sim.Contents))
	}
	deleted, err := o.Delete(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if deleted.Status != history.StatusDeleted || len(deleted.Revisions) != 2 || deleted.DeletedAt.IsZero() || deleted.Op != nil {
		t.Fatalf("after delete: %+v", deleted)
	}
	// The history knows it is deleted: the edit is refused before any request.
	before := allAPICalls(srv)
	var deletedErr *history.DeletedError
	if _, err := o.Edit(ctx, m.ID, card("v3")); !errors.As(err, &deletedErr) || !history.Refused(err) {
		t.Fatalf("edit after delete: want the history's *DeletedError, got %T %v", err, err)
	}
	if n := allAPICalls(srv) - before; n != 0 {
		t.Fatalf("the refused edit made %d requests", n)
	}
	if got := get(t, o, m.ID); got.Status != history.StatusDeleted || len(got.Revisions) != 2 || got.Op != nil {
		t.Fatalf("the refused edit changed the record: %+v", got)
	}
}

// A message deleted on Zoom behind zoompose's back: Zoom refuses the edit
// (8001), which is not worth retrying, so the record stays as it was.
func TestEditRefusedByZoomLeavesTheRecord(t *testing.T) {
	o, _ := setup(t)
	ctx := context.Background()
	m, err := o.Send(ctx, Envelope{ToJID: zoomtest.ChannelGeneral}, card("v1"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.Client.Delete(ctx, zoom.DeleteRequest{MessageID: m.ID}); err != nil {
		t.Fatal(err)
	}
	var apiErr *zoom.APIError
	if _, err := o.Edit(ctx, m.ID, card("v2")); !errors.As(err, &apiErr) || apiErr.Code != 8001 {
		t.Fatalf("edit of a message deleted on Zoom: want 8001, got %v", err)
	}
	if got := get(t, o, m.ID); got.Status != history.StatusSent || len(got.Revisions) != 1 || got.Op != nil {
		t.Fatalf("after a refused edit: %+v", got)
	}
	if entries := outbox(t, o); len(entries) != 0 {
		t.Fatalf("a refused edit was kept: %+v", entries)
	}
}

func TestUnfurlIsRecorded(t *testing.T) {
	o, srv := setup(t)
	trigger := srv.IssueTrigger("alice")
	u, err := o.Unfurl(context.Background(), "alice", trigger, card("Preview"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := o.Store.Unfurls(10)
	if err != nil || len(got) != 1 || got[0].TriggerID != trigger || got[0].ID != u.ID {
		t.Fatalf("unfurls %+v, %v", got, err)
	}
	if !got[0].Posted() || got[0].Status != history.StatusSent || got[0].Op != nil || got[0].Source != card("Preview").Source {
		t.Fatalf("the unfurl is not settled as sent: %+v", got[0])
	}
	if len(srv.Unfurls()) != 1 {
		t.Fatalf("simulator saw %d unfurls", len(srv.Unfurls()))
	}
	if entries := outbox(t, o); len(entries) != 0 {
		t.Fatalf("a posted unfurl is in the outbox: %+v", entries)
	}
}

// A send Zoom refused as wrong (4xx) needs the card or the configuration to
// change: no record, no outbox entry.
func TestRejectedSendIsNotKept(t *testing.T) {
	o, srv := setup(t)
	_, err := o.Send(context.Background(), Envelope{ToJID: "nobody@xmpp.zoom.us"}, card("Lost"))
	var apiErr *zoom.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != 7004 {
		t.Fatalf("want 7004, got %v", err)
	}
	var kept *OutboxError
	var unknown *UnknownError
	if errors.As(err, &kept) || errors.As(err, &unknown) {
		t.Fatalf("a rejected send is reported as kept: %v", err)
	}
	if entries := outbox(t, o); len(entries) != 0 {
		t.Fatalf("a rejected send was kept: %+v", entries)
	}
	if ids := listed(t, o, history.Query{}); len(ids) != 0 {
		t.Fatalf("a rejected send left records %v", ids)
	}
	if posts(srv) != 1 || len(srv.Messages()) != 0 {
		t.Fatalf("simulator: %d sends, %d messages; want the one refused", posts(srv), len(srv.Messages()))
	}
}

// Zoom applied the operation but the history cannot record the answer: the
// caller gets a *RecordError naming the id, the result still carries it,
// and the record, reopened, shows the outcome as unknown. The store is
// closed while the simulator holds its answer.
func TestRecordFailureStillReportsTheID(t *testing.T) {
	cases := []struct {
		name string
		// prepare does what the operation needs first and returns the id
		// the RecordError should name ("" for a send: Zoom's new id).
		prepare func(t *testing.T, o *Ops, srv *zoomtest.Server) string
		// run performs the operation and returns the id its result carries.
		run func(o *Ops, id string) (string, error)
	}{
		{"send", func(*testing.T, *Ops, *zoomtest.Server) string { return "" },
			func(o *Ops, _ string) (string, error) {
				m, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("Unrecorded"))
				return m.ID, err
			}},
		{"edit", sendFirst, func(o *Ops, id string) (string, error) {
			m, err := o.Edit(context.Background(), id, card("v2"))
			return m.ID, err
		}},
		{"delete", sendFirst, func(o *Ops, id string) (string, error) {
			m, err := o.Delete(context.Background(), id)
			return m.ID, err
		}},
		{"unfurl", func(_ *testing.T, _ *Ops, srv *zoomtest.Server) string { return srv.IssueTrigger("alice") },
			func(o *Ops, trigger string) (string, error) {
				u, err := o.Unfurl(context.Background(), "alice", trigger, card("Preview"))
				return u.TriggerID, err
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o, srv := setup(t)
			want := tc.prepare(t, o, srv)
			calls := allAPICalls(srv)
			release := srv.HoldNext(1)
			done := async(func() (string, error) { return tc.run(o, want) })
			waitFor(t, "the simulator applied it", func() bool { return allAPICalls(srv) == calls+1 })
			if err := o.Store.Close(); err != nil {
				t.Fatal(err)
			}
			release()
			res := <-done
			if want == "" {
				want = srv.Messages()[0].ID
			}
			var rec *RecordError
			if !errors.As(res.err, &rec) || res.v != want || rec.ID != want || string(rec.Op) != tc.name {
				t.Fatalf("want a %s RecordError naming %q and a result carrying it; got %v (result id %q)", tc.name, want, res.err, res.v)
			}
			// The intent stayed in flight; a new start shows it as unknown.
			reopened := openStore(t, o.Store.Path())
			entries, err := reopened.Outbox()
			if err != nil || len(entries) != 1 || entries[0].State != history.OpUnknown || string(entries[0].Kind) != tc.name {
				t.Fatalf("after reopening, the outbox is %+v, %v; want the %s as outcome unknown", entries, err, tc.name)
			}
		})
	}
}

// sendFirst sends a message and returns its id.
func sendFirst(t *testing.T, o *Ops, _ *zoomtest.Server) string {
	t.Helper()
	m, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("v1"))
	if err != nil {
		t.Fatal(err)
	}
	return m.ID
}

func TestRetryableClassifiesFailures(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"5xx", &zoom.APIError{Status: 503}, true},
		{"429", &zoom.APIError{Status: 429}, true},
		{"4xx", &zoom.APIError{Status: 400, Code: 7001}, false},
		{"network", &zoom.NetworkError{Op: "send", Err: errors.New("connection refused")}, true},
		{"cancelled before written", &zoom.NetworkError{Op: "send", Err: context.Canceled}, false},
		{"token endpoint unreachable", &zoom.TokenError{Err: errors.New("connection refused")}, true},
		{"token endpoint 5xx", &zoom.TokenError{Status: 503}, true},
		{"token refused", &zoom.TokenError{Status: 401, ErrorCode: "invalid_client"}, false},
		{"cancelled during the token", &zoom.TokenError{Err: context.Canceled}, false},
		{"outcome unknown", &zoom.OutcomeUnknownError{Op: "send", Err: errors.New("EOF")}, false},
	}
	for _, tt := range tests {
		if got := Retryable(tt.err); got != tt.want {
			t.Errorf("Retryable(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
