package zoomtest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// dialEvents opens the event WebSocket with the given query, as a Zoom client does.
// dialEvents connects to the event WebSocket and, when that succeeds, waits until the
// simulator counts the connection: the handshake's answer reaches the client a moment
// before the server files the connection, and an event emitted in between reaches no one.
func dialEvents(t *testing.T, s *Server, token, subscription string) (*websocket.Conn, *http.Response, error) {
	t.Helper()
	q := url.Values{"subscriptionId": {subscription}, "access_token": {token}}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	before := s.EventConnections()
	conn, resp, err := websocket.Dial(ctx, s.EventsURL()+"?"+q.Encode(), nil)
	for err == nil && s.EventConnections() <= before && ctx.Err() == nil {
		time.Sleep(time.Millisecond)
	}
	return conn, resp, err
}

func TestEventsEndpointRefusesLikeZoom(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	cases := []struct {
		name, token, sub string
		status           int
		reason           string
	}{
		{"no token", "", SubscriptionID, 401, msgInvalidToken},
		{"unknown token", "not-a-token", SubscriptionID, 401, msgInvalidToken},
		{"unknown subscription", token, "other", 404, "Subscription not found"},
	}
	for _, c := range cases {
		_, resp, err := dialEvents(t, s, c.token, c.sub)
		if err == nil || resp == nil || resp.StatusCode != c.status {
			t.Errorf("%s: err %v, resp %v; want %d", c.name, err, resp, c.status)
			continue
		}
		var body struct{ Message string }
		if json.NewDecoder(resp.Body).Decode(&body) != nil || !strings.Contains(body.Message, c.reason) {
			t.Errorf("%s: reason %q, want %q", c.name, body.Message, c.reason)
		}
	}
	s.ExpireTokens()
	if _, resp, _ := dialEvents(t, s, token, SubscriptionID); resp == nil || resp.StatusCode != 401 {
		t.Errorf("expired token: %v", resp)
	}
}

func TestEventsEndpointWrapsEventsAndCountsHeartbeats(t *testing.T) {
	s := startServer(t, nil)
	conn, _, err := dialEvents(t, s, fetchToken(t, s), SubscriptionID)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.CloseNow()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := conn.Write(ctx, websocket.MessageText, []byte(`{"module":"heartbeat"}`)); err != nil {
		t.Fatal(err)
	}
	event, err := s.MessageBot("status please", "announcements", UserBob)
	if err != nil {
		t.Fatal(err)
	}
	_, data, err := conn.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var frame struct{ Module, Content string }
	if err := json.Unmarshal(data, &frame); err != nil || frame.Module != "message" || frame.Content != string(event) {
		t.Fatalf("frame = %s", data)
	}
	var ev struct {
		Event   string         `json:"event"`
		EventTS int64          `json:"event_ts"`
		Payload map[string]any `json:"payload"`
	}
	_ = json.Unmarshal(event, &ev)
	for _, key := range []string{"accountId", "channelName", "cmd", "robotJid", "timestamp", "toJid", "userId", "userJid", "userName", "triggerId", "userMemberId", "userStatus"} {
		if _, ok := ev.Payload[key]; !ok {
			t.Errorf("bot_notification lacks %s (facts §5.1)", key)
		}
	}
	if ev.Event != "bot_notification" || ev.EventTS == 0 || ev.Payload["toJid"] != ChannelAnnouncements {
		t.Errorf("event = %s", event)
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.Heartbeats() != 1 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if s.Heartbeats() != 1 {
		t.Errorf("heartbeats = %d", s.Heartbeats())
	}
}

func TestSharedLinkTriggerIsAcceptedByUnfurl(t *testing.T) {
	s := startServer(t, nil)
	event, trigger, err := s.ShareLink(LinkShare{Link: "https://example.com/1234", ChannelJID: "random"})
	if err != nil {
		t.Fatal(err)
	}
	var ev struct {
		ResponseURL string `json:"response_url"`
		Payload     struct {
			OperatorID string `json:"operator_id"`
			Object     map[string]any
		}
	}
	if err := json.Unmarshal(event, &ev); err != nil {
		t.Fatal(err)
	}
	o := ev.Payload.Object
	if o["trigger_id"] != trigger || o["link"] != "https://example.com/1234" || o["type"] != "to_channel" || o["channel_name"] != "random" {
		t.Errorf("object = %v", o)
	}
	if ev.ResponseURL != s.APIURL()+"/im/chat/users/"+ev.Payload.OperatorID+"/unfurls/"+trigger {
		t.Errorf("response_url = %s", ev.ResponseURL)
	}
	body := map[string]any{"content": `{"head":{"text":"Doc 1234"}}`}
	a := call(t, newRequest(t, http.MethodPost, ev.ResponseURL, fetchToken(t, s), body))
	if a.status != http.StatusNoContent || len(s.Unfurls()) != 1 {
		t.Errorf("unfurl at response_url answered %d: %s", a.status, a.raw)
	}
}

func TestPlayEndpointsClickAndPickOnACardTheBotSent(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	card := map[string]any{"head": map[string]any{"text": "Vote"}, "body": []any{
		map[string]any{"type": "actions", "items": []any{map[string]any{"text": "Yes", "value": "yes", "style": "Primary"}}},
		map[string]any{"type": "select", "text": "Size", "select_items": []any{map[string]any{"text": "Large", "value": "L"}}},
	}}
	id := func() string {
		a := send(t, s, token, withField(sendEnvelope(), "content", card))
		if a.status != http.StatusCreated {
			t.Fatalf("send: %d %s", a.status, a.raw)
		}
		return a.body["message_id"].(string)
	}()
	post := func(action string, form url.Values) answer {
		req, _ := http.NewRequest(http.MethodPost, s.URL+PlayPath+action, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return call(t, req)
	}
	a := post("click", url.Values{"message_id": {id}, "button": {"Yes"}, "user": {UserBob}})
	if a.status != 200 || a.body["event"] != "interactive_message_actions" {
		t.Fatalf("click: %d %s", a.status, a.raw)
	}
	p := a.body["payload"].(map[string]any)
	if p["messageId"] != id || p["actionItem"].(map[string]any)["value"] != "yes" || p["userJid"] != UserBob || p["original"] == nil || p["channelName"] != "general" {
		t.Errorf("click payload = %v", p)
	}
	a = post("pick", url.Values{"message_id": {id}, "item": {"L"}})
	if a.status != 200 || a.body["event"] != "interactive_message_select" {
		t.Fatalf("pick: %d %s", a.status, a.raw)
	}
	items := a.body["payload"].(map[string]any)["selectedItems"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["text"] != "Large" {
		t.Errorf("selectedItems = %v", items)
	}
	for _, bad := range []struct {
		action string
		form   url.Values
	}{
		{"click", url.Values{"message_id": {id}, "button": {"No"}}},
		{"click", url.Values{"message_id": {"nope"}, "button": {"Yes"}}},
		{"share-link", url.Values{"link": {"ftp://x"}}},
		{"message-bot", url.Values{"text": {"hi"}, "user": {"stranger@xmpp.zoom.us"}}},
	} {
		if a := post(bad.action, bad.form); a.status != 400 || a.body["message"] == "" {
			t.Errorf("%s %v: %d %s", bad.action, bad.form, a.status, a.raw)
		}
	}
	if got := len(s.EmittedEvents()); got != 2 {
		t.Errorf("emitted %d events, want 2", got)
	}
}

func TestDropEventConnectionsClosesThem(t *testing.T) {
	s := startServer(t, nil)
	conn, _, err := dialEvents(t, s, fetchToken(t, s), SubscriptionID)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.CloseNow()
	for s.EventConnections() != 1 {
		time.Sleep(time.Millisecond)
	}
	s.DropEventConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, _, err := conn.Read(ctx); err == nil || ctx.Err() != nil {
		t.Errorf("read after drop: %v", err)
	}
}

// A second connection on the subscription is accepted (what Zoom does is unverified) with
// a warning in the simulator's log, and both receive the events.
func TestSecondEventConnectionIsAcceptedWithAWarning(t *testing.T) {
	s := startServer(t, nil)
	logged := captureLog(s)
	token := fetchToken(t, s)
	var conns []*websocket.Conn
	for range 2 {
		conn, _, err := dialEvents(t, s, token, SubscriptionID)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.CloseNow() })
		conns = append(conns, conn)
	}
	warned := 0
	for _, l := range logged() {
		if strings.Contains(l, "may close the earlier one") {
			warned++
		}
	}
	if warned != 1 {
		t.Errorf("log = %q, want one warning for the second connection", logged())
	}
	if got := s.EmitEvent([]byte(`{"event":"bot_notification","event_ts":1,"payload":{}}`)); got != 2 {
		t.Errorf("delivered to %d connections, want both", got)
	}
	for _, c := range conns {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if _, _, err := c.Read(ctx); err != nil {
			t.Errorf("read: %v", err)
		}
		cancel()
	}
}
