package ops

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// setup returns Ops wired to a fresh simulator and a history file in a temp dir.
func setup(t *testing.T) (*Ops, *zoomtest.Server) {
	t.Helper()
	srv := zoomtest.NewServer()
	t.Cleanup(srv.Close)
	client, err := zoom.New(zoom.Config{
		ClientID: zoomtest.ClientID, ClientSecret: zoomtest.ClientSecret, AccountID: zoomtest.AccountID,
		RobotJID: zoomtest.RobotJID, UserJID: zoomtest.UserJID, APIURL: srv.APIURL(), TokenURL: srv.TokenURL(),
		MaxAttempts: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	store, err := history.Open(filepath.Join(t.TempDir(), "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return &Ops{Client: client, Store: store, Profile: "test"}, srv
}

func card(text string) Card {
	content, _ := json.Marshal(map[string]any{"head": map[string]string{"text": text}})
	return Card{Source: "---\nhead: " + text + "\n---\n", Content: content}
}

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
	got, err := o.Store.Get(m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ToJID != zoomtest.ChannelGeneral || got.Status != history.StatusSent || got.Profile != "test" ||
		len(got.Revisions) != 1 || got.Live().Source != card("Hello").Source || got.ZoomSentTime == "" {
		t.Fatalf("recorded %+v", got)
	}
	rs, err := o.Store.Recipients()
	if err != nil || len(rs) != 1 || rs[0].JID != zoomtest.ChannelGeneral {
		t.Fatalf("recipients %+v, %v", rs, err)
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
	if edited.Status != history.StatusEdited || len(edited.Revisions) != 2 {
		t.Fatalf("after edit: %+v", edited)
	}
	if sim, _ := srv.Message(m.ID); len(sim.Contents) != 2 {
		t.Fatalf("simulator saw %d revisions", len(sim.Contents))
	}
	deleted, err := o.Delete(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if deleted.Status != history.StatusDeleted || len(deleted.Revisions) != 2 || deleted.DeletedAt.IsZero() {
		t.Fatalf("after delete: %+v", deleted)
	}
	var apiErr *zoom.APIError
	if _, err := o.Edit(ctx, m.ID, card("v3")); !errors.As(err, &apiErr) || apiErr.Code != 8001 {
		t.Fatalf("edit after delete: %v", err)
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
	if len(srv.Unfurls()) != 1 {
		t.Fatalf("simulator saw %d unfurls", len(srv.Unfurls()))
	}
}

func TestRetryableFailureGoesToOutboxAndRetrySucceeds(t *testing.T) {
	o, srv := setup(t)
	ctx := context.Background()
	srv.FailNext(1, 503)
	_, err := o.Send(ctx, Envelope{ToJID: zoomtest.ChannelGeneral, ReplyTo: ""}, card("Outage"))
	var kept *OutboxError
	if !errors.As(err, &kept) {
		t.Fatalf("want an OutboxError, got %v", err)
	}
	entries, err := o.Store.Outbox()
	if err != nil || len(entries) != 1 || entries[0].ID != kept.EntryID || entries[0].Attempts != 1 {
		t.Fatalf("outbox %+v, %v", entries, err)
	}
	m, err := o.RetryOutbox(ctx, entries[0])
	if err != nil {
		t.Fatal(err)
	}
	if m.TrackingID == "" {
		t.Error("a retried send has no tracking id")
	}
	if _, err := o.Store.Get(m.ID); err != nil {
		t.Fatalf("retried send not recorded: %v", err)
	}
	if entries, _ := o.Store.Outbox(); len(entries) != 0 {
		t.Fatalf("outbox not emptied: %+v", entries)
	}
}

func TestOutcomeUnknownIsKeptNotResent(t *testing.T) {
	o, srv := setup(t)
	srv.DropNext(1)
	_, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("Maybe"))
	if !errors.Is(err, zoom.ErrOutcomeUnknown) {
		t.Fatalf("want outcome unknown, got %v", err)
	}
	posts := 0
	for _, r := range srv.Requests() {
		if r.Method == "POST" && r.Path == "/v2/im/chat/messages" {
			posts++
		}
	}
	if posts != 1 {
		t.Fatalf("the send reached the simulator %d times; it must never be re-sent", posts)
	}
	if entries, _ := o.Store.Outbox(); len(entries) != 1 {
		t.Fatalf("outcome-unknown send not kept: %+v", entries)
	}
}

func TestRejectedSendIsNotKept(t *testing.T) {
	o, _ := setup(t)
	_, err := o.Send(context.Background(), Envelope{ToJID: "nobody@xmpp.zoom.us"}, card("Lost"))
	var apiErr *zoom.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != 7004 {
		t.Fatalf("want 7004, got %v", err)
	}
	if entries, _ := o.Store.Outbox(); len(entries) != 0 {
		t.Fatalf("a rejected send was kept: %+v", entries)
	}
}

// Zoom applied the operation but the history cannot be written: the caller
// gets a *RecordError naming the id, and the result still carries the id.
func TestRecordFailureStillReportsTheID(t *testing.T) {
	cases := []struct {
		name string
		// run sends what the case needs, closes the store, then performs the
		// operation under test; it returns the id the result carries and the
		// id the RecordError should name.
		run func(t *testing.T, o *Ops, srv *zoomtest.Server) (got, want string, err error)
	}{
		{"send", func(t *testing.T, o *Ops, _ *zoomtest.Server) (string, string, error) {
			o.Store.Close()
			m, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("Unrecorded"))
			return m.ID, m.ID, err
		}},
		{"edit", func(t *testing.T, o *Ops, _ *zoomtest.Server) (string, string, error) {
			id := sendThenClose(t, o)
			m, err := o.Edit(context.Background(), id, card("v2"))
			return m.ID, id, err
		}},
		{"delete", func(t *testing.T, o *Ops, _ *zoomtest.Server) (string, string, error) {
			id := sendThenClose(t, o)
			m, err := o.Delete(context.Background(), id)
			return m.ID, id, err
		}},
		{"unfurl", func(t *testing.T, o *Ops, srv *zoomtest.Server) (string, string, error) {
			trigger := srv.IssueTrigger("alice")
			o.Store.Close()
			u, err := o.Unfurl(context.Background(), "alice", trigger, card("Preview"))
			return u.TriggerID, trigger, err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o, srv := setup(t)
			got, want, err := tc.run(t, o, srv)
			var rec *RecordError
			if !errors.As(err, &rec) || want == "" || got != want || rec.ID != want || rec.Op != tc.name {
				t.Fatalf("want a %s RecordError naming %q and a result carrying it; got %v (result id %q)", tc.name, want, err, got)
			}
		})
	}
}

// sendThenClose sends a message, then closes the store so that the next
// history write fails; it returns the message id.
func sendThenClose(t *testing.T, o *Ops) string {
	t.Helper()
	m, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("v1"))
	if err != nil {
		t.Fatal(err)
	}
	o.Store.Close()
	return m.ID
}
