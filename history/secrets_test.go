package history

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history/historytest"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// TestFullFlowWritesNoSecret records every kind of record from a real send,
// edit, delete and unfurl against the simulator, then scans the file's bytes
// for the client secret and every access token the client used.
func TestFullFlowWritesNoSecret(t *testing.T) {
	srv := zoomtest.NewServer()
	defer srv.Close()
	client, err := zoom.New(simulatorConfig(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	s, path := openTemp(t)
	ctx := context.Background()
	id := recordFullFlow(t, ctx, client, s, srv)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	if !historytest.Contains(t, path, id) || !historytest.Contains(t, path, zoomtest.ChannelGeneral) {
		t.Fatal("the scan cannot see the records it should be checking")
	}
	secrets := append([]string{zoomtest.ClientSecret}, accessTokens(srv)...)
	if len(secrets) < 2 {
		t.Fatal("the simulator saw no access token; the flow did not run")
	}
	historytest.AssertNoSecrets(t, path, secrets...)
}

func recordFullFlow(t *testing.T, ctx context.Context, client *zoom.Client, s *Store, srv *zoomtest.Server) string {
	t.Helper()
	content := card("Quarterly numbers", "are in")
	prepared, err := client.PrepareSend(zoom.SendRequest{ToJID: zoomtest.ChannelGeneral, Content: content})
	if err != nil {
		t.Fatal(err)
	}
	sent, err := client.Send(ctx, zoom.SendRequest{ToJID: zoomtest.ChannelGeneral, Content: content})
	if err != nil {
		t.Fatal(err)
	}
	mustPut(t, s, fromZoom(sent, content, "# Quarterly numbers"))
	edited := card("Quarterly numbers", "are in, corrected")
	if _, err := client.Edit(ctx, zoom.EditRequest{MessageID: sent.MessageID, Content: edited}); err != nil {
		t.Fatal(err)
	}
	trigger := srv.IssueTrigger(zoomtest.UserAlice)
	unfurl := card("Link preview", "example.com")
	if err := client.Unfurl(ctx, zoom.UnfurlRequest{UserID: zoomtest.UserAlice, TriggerID: trigger, Content: unfurl}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Delete(ctx, zoom.DeleteRequest{MessageID: sent.MessageID}); err != nil {
		t.Fatal(err)
	}
	_, errRev := s.AddRevision(sent.MessageID, Revision{Content: edited, Source: "corrected"})
	_, errDel := s.MarkDeleted(sent.MessageID, time.Time{})
	steps := []error{
		errRev, errDel,
		s.PutUnfurl(Unfurl{UserID: zoomtest.UserAlice, TriggerID: trigger, Content: unfurl}),
		s.TouchRecipient(zoomtest.ChannelGeneral, time.Time{}),
		s.SetRecipientLabel(zoomtest.ChannelGeneral, "#general"),
		s.SaveDraft(Draft{Name: "current", Source: "next announcement"}),
		s.SaveTemplate(Template{Name: "numbers", Source: "Numbers for {{.quarter}}"}),
		s.PutOutbox(OutboxEntry{Op: "send", Envelope: prepared.Body, Err: "outcome unknown"}),
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	return sent.MessageID
}

// accessTokens returns every bearer token the simulator received.
func accessTokens(srv *zoomtest.Server) []string {
	seen := map[string]bool{}
	var tokens []string
	for _, r := range srv.Requests() {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if ok && token != "" && !seen[token] {
			seen[token] = true
			tokens = append(tokens, token)
		}
	}
	return tokens
}
