package history

import (
	"context"
	"encoding/json"
	"fmt"
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

// recordFullFlow runs every operation the way ops does (intent first,
// then the request, then Zoom's answer settles the record) and leaves one
// send of unknown outcome and one failed send waiting in the outbox.
func recordFullFlow(t *testing.T, ctx context.Context, client *zoom.Client, s *Store, srv *zoomtest.Server) string {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	content := card("Quarterly numbers", "are in")
	intent, err := s.BeginSend(Message{ToJID: zoomtest.ChannelGeneral, Revisions: []Revision{{Content: content, Source: "# Quarterly numbers"}}}, time.Now())
	must(err)
	sent, err := client.Send(ctx, zoom.SendRequest{ToJID: zoomtest.ChannelGeneral, Content: content})
	must(err)
	_, err = s.Applied(intent.ID, answerOf(sent))
	must(err)

	edited := card("Quarterly numbers", "are in, corrected")
	_, err = s.BeginChange(sent.MessageID, OpEdit, &Revision{Content: edited, Source: "corrected"}, time.Now())
	must(err)
	answer, err := client.Edit(ctx, zoom.EditRequest{MessageID: sent.MessageID, Content: edited})
	must(err)
	_, err = s.Applied(sent.MessageID, answerOf(answer))
	must(err)

	trigger := srv.IssueTrigger(zoomtest.UserAlice)
	unfurl := card("Link preview", "example.com")
	u, err := s.BeginUnfurl(Unfurl{UserID: zoomtest.UserAlice, TriggerID: trigger, Content: unfurl}, time.Now())
	must(err)
	must(client.Unfurl(ctx, zoom.UnfurlRequest{UserID: zoomtest.UserAlice, TriggerID: trigger, Content: unfurl}))
	_, err = s.SettleUnfurl(u.ID, "", "", false, Tries{})
	must(err)

	_, err = s.BeginChange(sent.MessageID, OpDelete, nil, time.Now())
	must(err)
	answer, err = client.Delete(ctx, zoom.DeleteRequest{MessageID: sent.MessageID})
	must(err)
	_, err = s.Applied(sent.MessageID, answerOf(answer))
	must(err)

	// The request bodies of two more sends: their records keep the card of
	// what was (perhaps) sent, and the error seen instead of an answer.
	for i, settle := range []func(id string) (Message, error){
		func(id string) (Message, error) {
			return s.Unknown(id, "the connection dropped after the request was written", Tries{})
		},
		func(id string) (Message, error) { return s.NotApplied(id, "Zoom answered 503", true, Tries{}) },
	} {
		prepared, err := client.PrepareSend(zoom.SendRequest{ToJID: zoomtest.ChannelGeneral, Content: content})
		must(err)
		var body struct {
			Content json.RawMessage `json:"content"`
		}
		must(json.Unmarshal(prepared.Body, &body))
		m, err := s.BeginSend(Message{ToJID: zoomtest.ChannelGeneral, Revisions: []Revision{{Content: body.Content, Source: fmt.Sprint("pending ", i)}}}, time.Now())
		must(err)
		_, err = settle(m.ID)
		must(err)
	}
	if out, _ := s.Outbox(); len(out) != 2 {
		t.Fatalf("Outbox = %+v, want the unknown and the failed send", out)
	}

	must(s.SetRecipientLabel(zoomtest.ChannelGeneral, "#general"))
	must(s.SaveDraft(Draft{Name: "current", Source: "next announcement"}))
	must(s.SaveTemplate(Template{Name: "numbers", Source: "Numbers for {{.quarter}}"}))
	return sent.MessageID
}

// answerOf is what ops records of Zoom's answer.
func answerOf(z *zoom.Message) Answer {
	return Answer{MessageID: z.MessageID, RobotJID: z.RobotJID, ToJID: z.ToJID, UserJID: z.UserJID, SentTime: z.SentTime}
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
