package zoomtest

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"testing"
	"time"
)

var upperUUID = regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`)

func TestSendCreatesMessage(t *testing.T) {
	s := startServer(t, nil)
	clock := newFakeClock(time.Date(2026, 5, 4, 3, 2, 1, 0, time.FixedZone("X", 3600)))
	s.SetClock(clock.Now)
	token := fetchToken(t, s)
	body := sendEnvelope()
	body["to_jid"] = UserAlice
	body["visible_to_user"] = UserBob
	body["is_markdown_support"] = true

	a := send(t, s, token, body)
	if a.status != http.StatusCreated {
		t.Fatalf("status %d, want 201: %s", a.status, a.raw)
	}
	id, _ := a.body["message_id"].(string)
	if !upperUUID.MatchString(id) {
		t.Errorf("message_id %q is not an upper-case UUID", id)
	}
	want := map[string]any{"robot_jid": RobotJID, "to_jid": UserAlice, "user_jid": UserJID, "sent_time": "2026-05-04 02:02:01"}
	for k, v := range want {
		if a.body[k] != v {
			t.Errorf("%s = %v, want %v", k, a.body[k], v)
		}
	}
	m, ok := s.Message(id)
	if !ok {
		t.Fatalf("Message(%q) not found after send", id)
	}
	if m.ToJID != UserAlice || m.VisibleToUser != UserBob || !m.Markdown || m.AccountID != AccountID || m.Deleted {
		t.Errorf("stored message %+v does not match the request", m)
	}
	if len(m.Contents) != 1 || string(m.Contents[0]) != `{"head":{"text":"Hello"}}` {
		t.Errorf("Contents = %s, want the one compact content object", m.Contents)
	}
}

func TestSendErrors(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)

	with := func(key string, value any) map[string]any { return withField(sendEnvelope(), key, value) }
	tests := []struct {
		name         string
		body         any
		contentType  string
		status, code int
		fields       []string
	}{
		{"not JSON", "robot_jid=x", "", 400, 7001, []string{"body"}},
		{"JSON array", "[]", "", 400, 7001, []string{"body"}},
		{"empty body", "", "", 400, 7001, []string{"body"}},
		{"trailing data", `{"robot_jid":"a"} {}`, "", 400, 7001, []string{"body"}},
		{"form content type", sendEnvelope(), "application/x-www-form-urlencoded", 400, 7001, []string{"Content-Type"}},
		{"missing robot_jid", with("robot_jid", nil), "", 400, 7001, []string{"robot_jid"}},
		{"missing to_jid", with("to_jid", nil), "", 400, 7001, []string{"to_jid"}},
		{"missing account_id", with("account_id", nil), "", 400, 7001, []string{"account_id"}},
		{"missing user_jid", with("user_jid", nil), "", 400, 7001, []string{"user_jid"}},
		{"missing content", with("content", nil), "", 400, 7001, []string{"content"}},
		{"empty to_jid", with("to_jid", ""), "", 400, 7001, []string{"to_jid"}},
		{"content as string", with("content", `{"head":{"text":"x"}}`), "", 400, 7001, []string{"content"}},
		{"markdown flag as string", with("is_markdown_support", "true"), "", 400, 7001, []string{"is_markdown_support"}},
		{"numeric to_jid", with("to_jid", 5), "", 400, 7001, []string{"to_jid"}},
		{"misspelt field", with("is_markdown", true), "", 400, 7001, []string{"is_markdown"}},
		{"malformed robot_jid", with("robot_jid", "v1sandboxbot"), "", 404, 7002, nil},
		{"unknown robot", with("robot_jid", "v1otherbot@xmpp.zoom.us"), "", 403, 7003, nil},
		{"other account", with("account_id", "OTHERACCT"), "", 403, 7004, nil},
		{"unknown to_jid", with("to_jid", "nobody@xmpp.zoom.us"), "", 403, 7004, nil},
		{"DM with another bot", with("to_jid", UserAlice+"/robot_v1otherbot@xmpp.zoom.us"), "", 403, 7004, nil},
		{"DM with an unknown user", with("to_jid", "nobody@xmpp.zoom.us/robot_"+RobotJID), "", 403, 7004, nil},
		{"empty card", with("content", map[string]any{}), "", 400, 7001, []string{"content"}},
		{"bad card element", with("content", map[string]any{"body": []any{map[string]any{"type": "header"}}}), "", 400, 7001, []string{"content.body[0].type"}},
		{"unknown reply_to", with("reply_to", "8C1B0D1E-0000-4000-8000-000000000000"), "", 400, 7001, []string{"reply_to"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := newRequest(t, http.MethodPost, s.APIURL()+"/im/chat/messages", token, tt.body)
			req.Header.Set("Content-Type", "application/json")
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			a := call(t, req)
			if a.status != tt.status || a.code() != tt.code || a.body["result"] != false {
				t.Fatalf("got %d %s, want %d code %d", a.status, a.raw, tt.status, tt.code)
			}
			if tt.fields != nil && !slices.Equal(a.errorFields(), tt.fields) {
				t.Errorf("errors name fields %v, want %v (%s)", a.errorFields(), tt.fields, a.raw)
			}
		})
	}
	if n := len(s.Messages()); n != 0 {
		t.Errorf("%d messages stored, want none", n)
	}
}

func TestSendToEveryKindOfRecipient(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	for _, to := range []string{ChannelGeneral, ChannelAnnouncements, ChannelRandom, UserJID, UserAlice, UserBob, UserAlice + "/robot_" + RobotJID} {
		body := sendEnvelope()
		body["to_jid"] = to
		if a := send(t, s, token, body); a.status != http.StatusCreated || a.body["to_jid"] != to {
			t.Errorf("send to %s answered %d %s", to, a.status, a.raw)
		}
	}
}

func TestSendReplyInThread(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	parent := mustSend(t, s, token)
	body := sendEnvelope()
	body["reply_to"] = parent
	a := send(t, s, token, body)
	if a.status != http.StatusCreated {
		t.Fatalf("reply answered %d: %s", a.status, a.raw)
	}
	if m, _ := s.Message(a.body["message_id"].(string)); m.ReplyTo != parent {
		t.Errorf("ReplyTo = %q, want %q", m.ReplyTo, parent)
	}
}

// TestSendReplyToAnyKnownMessage: real bots reply to users' messages, whose ids come from
// events, and nothing in Zoom's docs refuses a parent in another conversation or a deleted
// one (facts §1.1 lists reply_to as "Parent message ID" only); where Zoom's behaviour is
// unknown the simulator accepts, so zoompose never learns to refuse what Zoom takes.
func TestSendReplyToAnyKnownMessage(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	other := sendEnvelope()
	other["to_jid"] = ChannelRandom
	elsewhere := send(t, s, token, other).body["message_id"].(string)
	deleted := mustSend(t, s, token)
	if a := call(t, newRequest(t, http.MethodDelete, deleteURL(s, deleted, deleteQuery()), token, nil)); a.status != 200 {
		t.Fatalf("delete answered %d", a.status)
	}
	const usersMessage = "20190618205516496_ynICmz8_aw1" // an id shape from interactive events (facts §6)
	s.NoteMessageID(usersMessage)

	for name, parent := range map[string]string{"in another channel": elsewhere, "deleted": deleted, "a user's, from an event": usersMessage} {
		body := sendEnvelope()
		body["reply_to"] = parent
		if a := send(t, s, token, body); a.status != http.StatusCreated {
			t.Errorf("reply to a message %s answered %d: %s", name, a.status, a.raw)
		}
	}
}

// TestZoomForGovernmentRobot: Zoom for Government runs the same service on zoomgov.com, so a
// bot's JID there is well formed (zoom/jid.go takes the same domains).
func TestZoomForGovernmentRobot(t *testing.T) {
	const robot = "v1govbot0000000000@xmpp.zoomgov.com"
	const gov = "0123456789abcdef0123456789abcdef@conference.xmpp.zoomgov.com"
	s := startServer(t, func(f *Fixture) {
		f.RobotJID = robot
		f.Channels = map[string]string{gov: "gov"}
	})
	token := fetchToken(t, s)
	body := sendEnvelope()
	body["robot_jid"], body["to_jid"] = robot, gov
	if a := send(t, s, token, body); a.status != http.StatusCreated {
		t.Fatalf("send from a zoomgov.com bot answered %d: %s", a.status, a.raw)
	}
	body["robot_jid"] = "v1govbot@xmpp.zoomgov.example"
	if a := send(t, s, token, body); a.status != http.StatusNotFound || a.code() != 7002 {
		t.Errorf("robot_jid on another domain answered %d %s, want 404/7002", a.status, a.raw)
	}
}

func edit(t *testing.T, s *Server, token, id string, body any) answer {
	t.Helper()
	return call(t, newRequest(t, http.MethodPut, s.APIURL()+"/im/chat/messages/"+id, token, body))
}

func editEnvelope(text string) map[string]any {
	return map[string]any{
		"robot_jid": RobotJID, "account_id": AccountID, "user_jid": UserJID,
		"content": map[string]any{"head": map[string]any{"text": text}},
	}
}

func TestEditKeepsRevisions(t *testing.T) {
	s := startServer(t, nil)
	clock := newFakeClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	s.SetClock(clock.Now)
	token := fetchToken(t, s)
	id := mustSend(t, s, token)
	clock.Add(30 * time.Minute)

	for _, text := range []string{"First fix", "Second fix"} {
		body := editEnvelope(text)
		body["is_markdown_support"] = true
		a := edit(t, s, token, id, body)
		if a.status != http.StatusOK {
			t.Fatalf("edit answered %d: %s", a.status, a.raw)
		}
		want := map[string]any{"message_id": id, "robot_jid": RobotJID, "to_jid": ChannelGeneral, "user_jid": UserJID, "sent_time": "2026-01-02 03:34:05 +0000"}
		for k, v := range want {
			if a.body[k] != v {
				t.Errorf("%s = %v, want %v", k, a.body[k], v)
			}
		}
	}
	m, _ := s.Message(id)
	var heads []string
	for _, c := range m.Contents {
		var card struct{ Head struct{ Text string } }
		if err := json.Unmarshal(c, &card); err != nil {
			t.Fatal(err)
		}
		heads = append(heads, card.Head.Text)
	}
	if !slices.Equal(heads, []string{"Hello", "First fix", "Second fix"}) || !m.Markdown {
		t.Errorf("revisions %v markdown %v, want [Hello First fix Second fix] and markdown on", heads, m.Markdown)
	}
}

func TestEditAndDeleteWithoutUserJIDAnswerTheSender(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	id := mustSend(t, s, token)
	body := editEnvelope("Fixed")
	delete(body, "user_jid")
	if a := edit(t, s, token, id, body); a.status != 200 || a.body["user_jid"] != UserJID {
		t.Fatalf("edit without user_jid answered %d %s, want 200 with the sender's user_jid", a.status, a.raw)
	}
	q := deleteQuery()
	q.Del("user_jid")
	if a := call(t, newRequest(t, http.MethodDelete, deleteURL(s, id, q), token, nil)); a.status != 200 || a.body["user_jid"] != UserJID {
		t.Fatalf("delete without user_jid answered %d %s, want 200 with the sender's user_jid", a.status, a.raw)
	}
}

func TestEditErrors(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	id := mustSend(t, s, token)
	deleted := mustSend(t, s, token)
	call(t, newRequest(t, http.MethodDelete, deleteURL(s, deleted, deleteQuery()), token, nil))

	with := func(key string, value any) map[string]any { return withField(editEnvelope("Fixed"), key, value) }
	tests := []struct {
		name         string
		id           string
		body         any
		status, code int
		fields       []string
	}{
		{"missing robot_jid", id, with("robot_jid", nil), 400, 7001, []string{"robot_jid"}},
		{"missing account_id", id, with("account_id", nil), 400, 7001, []string{"account_id"}},
		{"missing content", id, with("content", nil), 400, 7001, []string{"content"}},
		{"to_jid is not an edit field", id, with("to_jid", ChannelGeneral), 400, 7001, []string{"to_jid"}},
		{"bad card", id, with("content", map[string]any{"head": map[string]any{}}), 400, 7001, []string{"content.head.text"}},
		{"other account", id, with("account_id", "OTHERACCT"), 403, 7004, nil},
		{"unknown id", "DWQ2A82E-9220-4600-AFB2-A028852E377C", editEnvelope("x"), 404, 8001, nil},
		{"deleted id", deleted, editEnvelope("x"), 404, 8001, nil},
		{"other robot's message", id, with("robot_jid", "v1otherbot@xmpp.zoom.us"), 404, 8001, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := edit(t, s, token, tt.id, tt.body)
			if a.status != tt.status || a.code() != tt.code {
				t.Fatalf("got %d %s, want %d code %d", a.status, a.raw, tt.status, tt.code)
			}
			if tt.status == 404 && a.body["message"] != "Invalid message_id value." {
				t.Errorf("message %q, want Zoom's", a.body["message"])
			}
			if tt.fields != nil && !slices.Equal(a.errorFields(), tt.fields) {
				t.Errorf("errors name fields %v, want %v", a.errorFields(), tt.fields)
			}
		})
	}
	if m, _ := s.Message(id); len(m.Contents) != 1 {
		t.Errorf("failed edits added revisions: %d contents", len(m.Contents))
	}
}

func TestDelete(t *testing.T) {
	s := startServer(t, nil)
	clock := newFakeClock(time.Date(2026, 7, 8, 9, 10, 11, 0, time.UTC))
	s.SetClock(clock.Now)
	token := fetchToken(t, s)
	id := mustSend(t, s, token)
	clock.Add(time.Minute)

	a := call(t, newRequest(t, http.MethodDelete, deleteURL(s, id, deleteQuery()), token, nil))
	if a.status != http.StatusOK || a.body["message_id"] != id || a.body["sent_time"] != "2026-07-08 09:11:11 +0000" || a.body["to_jid"] != ChannelGeneral {
		t.Fatalf("delete answered %d %s", a.status, a.raw)
	}
	m, _ := s.Message(id)
	if !m.Deleted || !m.DeletedAt.Equal(clock.Now()) || len(m.Contents) != 1 {
		t.Errorf("deleted message %+v should be marked deleted at %v and keep its content", m, clock.Now())
	}
	again := call(t, newRequest(t, http.MethodDelete, deleteURL(s, id, deleteQuery()), token, nil))
	if again.status != 404 || again.code() != 8001 || again.body["message"] != "Invalid message_id." {
		t.Errorf("second delete answered %d %s, want 404/8001", again.status, again.raw)
	}
	if e := edit(t, s, token, id, editEnvelope("x")); e.status != 404 || e.code() != 8001 {
		t.Errorf("edit after delete answered %d %s, want 404/8001", e.status, e.raw)
	}
}

func TestDeleteErrors(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	id := mustSend(t, s, token)
	query := func(drop, key, value string) map[string][]string {
		q := deleteQuery()
		q.Del(drop)
		if key != "" {
			q.Set(key, value)
		}
		return q
	}
	tests := []struct {
		name         string
		id           string
		query        map[string][]string
		status, code int
		fields       []string
	}{
		{"missing account_id", id, query("account_id", "", ""), 400, 7001, []string{"account_id"}},
		{"missing robot_jid", id, query("robot_jid", "", ""), 400, 7001, []string{"robot_jid"}},
		{"missing both", id, map[string][]string{}, 400, 7001, []string{"account_id", "robot_jid"}},
		{"user_jid is optional", "NOPE", query("user_jid", "", ""), 404, 8001, nil},
		{"other account", id, query("", "account_id", "OTHERACCT"), 403, 7004, nil},
		{"other robot", id, query("", "robot_jid", "v1otherbot@xmpp.zoom.us"), 404, 8001, nil},
		{"unknown id", "NOPE", deleteQuery(), 404, 8001, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := call(t, newRequest(t, http.MethodDelete, deleteURL(s, tt.id, tt.query), token, nil))
			if a.status != tt.status || a.code() != tt.code {
				t.Fatalf("got %d %s, want %d code %d", a.status, a.raw, tt.status, tt.code)
			}
			if tt.fields != nil && !slices.Equal(a.errorFields(), tt.fields) {
				t.Errorf("errors name fields %v, want %v", a.errorFields(), tt.fields)
			}
		})
	}
	if m, _ := s.Message(id); m.Deleted {
		t.Error("a refused delete deleted the message")
	}
}

// TestSendReplyToASharedLinksMessage: the message a link_shared event carried is one a user
// posted; the bot's threaded reply to it is accepted (the events' ids are "seen").
func TestSendReplyToASharedLinksMessage(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	event, _, err := s.ShareLink(LinkShare{Link: "https://example.com/doc"})
	if err != nil {
		t.Fatal(err)
	}
	var shared struct {
		Payload struct {
			Object struct {
				MessageID string `json:"message_id"`
			} `json:"object"`
		} `json:"payload"`
	}
	if err := json.Unmarshal(event, &shared); err != nil || shared.Payload.Object.MessageID == "" {
		t.Fatalf("event %s: %v", event, err)
	}
	for _, parent := range []string{shared.Payload.Object.MessageID, DemoMessageID} {
		body := sendEnvelope()
		body["reply_to"] = parent
		if a := send(t, s, token, body); a.status != http.StatusCreated {
			t.Errorf("reply to %s answered %d: %s", parent, a.status, a.raw)
		}
	}
}
