package ops

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// hostile serves the simulator but rewrites the JIDs of every message answer,
// as a broken or hostile server could.
func hostile(t *testing.T, jid string) (*httptest.Server, *zoomtest.Handler) {
	t.Helper()
	sim := zoomtest.NewHandler(zoomtest.DefaultFixture())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		sim.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		var answer map[string]any
		if r.URL.Path != "/oauth/token" && json.Unmarshal(body, &answer) == nil && answer["message_id"] != nil {
			answer["to_jid"], answer["robot_jid"], answer["user_jid"] = jid, jid, jid
			body, _ = json.Marshal(answer)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv, sim
}

func TestAnsweredJIDsThatAreNotJIDsAreNotRecorded(t *testing.T) {
	for _, jid := range []string{"evil\x1b[2J@xmpp.zoom.us", "a@xmpp.zoom.us b@xmpp.zoom.us", "someone@example.com", "not-a-jid"} {
		t.Run(jid, func(t *testing.T) {
			srv, _ := hostile(t, jid)
			client, err := zoom.New(simulatorConfig(srv.URL))
			if err != nil {
				t.Fatal(err)
			}
			o := &Ops{Client: client, Store: openStore(t, filepath.Join(t.TempDir(), "history.db")), Profile: "test"}

			sent, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("Hi"))
			if err != nil {
				t.Fatal(err)
			}
			if sent.ToJID != zoomtest.ChannelGeneral || sent.RobotJID != zoomtest.RobotJID || sent.UserJID != zoomtest.UserJID {
				t.Errorf("recorded to=%q robot=%q user=%q; want the JIDs it was sent with", sent.ToJID, sent.RobotJID, sent.UserJID)
			}
			recipients, err := o.Store.Recipients()
			if err != nil || len(recipients) != 1 || recipients[0].JID != zoomtest.ChannelGeneral {
				t.Errorf("recipients = %+v, %v; want only the general channel", recipients, err)
			}
			if _, err := o.Edit(context.Background(), sent.ID, card("Hi again")); err != nil {
				t.Fatal(err)
			}
			if m, _ := o.Store.Get(sent.ID); m.ToJID != zoomtest.ChannelGeneral {
				t.Errorf("after the edit, to=%q", m.ToJID)
			}
		})
	}
}

func TestSendRefusesAMalformedEnvelopeBeforeRecording(t *testing.T) {
	for _, tt := range []struct {
		env   Envelope
		field string
	}{
		{Envelope{ToJID: "not-a-jid"}, "ToJID"},
		{Envelope{ToJID: "a@xmpp.zoom.us\nb@xmpp.zoom.us"}, "ToJID"},
		{Envelope{ToJID: zoomtest.ChannelGeneral, VisibleToUser: zoomtest.ChannelRandom}, "VisibleToUser"},
		{Envelope{ToJID: zoomtest.ChannelGeneral, VisibleToUser: "alice"}, "VisibleToUser"},
		{Envelope{ToJID: zoomtest.ChannelGeneral, ReplyTo: "MSG 1"}, "ReplyTo"},
	} {
		t.Run(tt.field, func(t *testing.T) {
			o, srv := setup(t)
			_, err := o.Send(context.Background(), tt.env, card("Hi"))
			var invalid *zoom.InvalidRequestError
			if !errors.As(err, &invalid) || invalid.Field != tt.field {
				t.Fatalf("Send = %v; want an invalid %s", err, tt.field)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests reached the simulator", n)
			}
			page, _ := o.Store.List(history.Query{Limit: 5})
			recipients, _ := o.Store.Recipients()
			if len(page.Messages) != 0 || len(recipients) != 0 {
				t.Errorf("recorded %+v, recipients %+v", page.Messages, recipients)
			}
		})
	}
}

// A record kept from before JIDs were checked, with a malformed recipient, is never sent
// by a retry: it stays in the outbox, for the admin to discard.
func TestRetryOfAMalformedRecordSendsNothing(t *testing.T) {
	o, srv := setup(t)
	rev := history.RevisionOf(card("Old"), time.Now())
	m, err := o.Store.BeginSend(history.Message{ToJID: "general", Revisions: []history.Revision{rev}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.Store.NotApplied(m.ID, "the network failed", true, history.Tries{}); err != nil {
		t.Fatal(err)
	}
	_, err = o.Retry(context.Background(), m.ID, nil, false)
	var invalid *zoom.InvalidRequestError
	if !errors.As(err, &invalid) || invalid.Field != "ToJID" {
		t.Fatalf("Retry = %v; want an invalid ToJID", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests reached the simulator", n)
	}
	if recipients, _ := o.Store.Recipients(); len(recipients) != 0 {
		t.Errorf("recipients = %+v", recipients)
	}
	if entries, _ := o.Store.Outbox(); len(entries) != 1 {
		t.Errorf("outbox = %+v, want the record kept", entries)
	}
}
