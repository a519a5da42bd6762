package zoom

import (
	"testing"
	"time"
)

func TestParseEventKeepsZoomsJSONAndAddsReceivedAtAndSource(t *testing.T) {
	at := time.Date(2026, 11, 30, 1, 2, 3, 0, time.UTC)
	e, err := ParseEvent([]byte(" {\"event\": \"bot_notification\", \"event_ts\": 1696914490200, \"payload\": {\"cmd\": \"hi\"}}\n"), SourceWebhook, at)
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != EventBotNotification || e.TS != 1696914490200 {
		t.Errorf("event = %+v", e)
	}
	want := `{"event":"bot_notification","event_ts":1696914490200,"payload":{"cmd":"hi"},"received_at":"2026-11-30T01:02:03Z","source":"webhook"}`
	if got := string(e.JSON()); got != want {
		t.Errorf("JSON() = %s\nwant %s", got, want)
	}
	for _, bad := range []string{``, `[]`, `"x"`, `{"event":1}`, `{"payload":{}}`, `{"event":"x"`} {
		if _, err := ParseEvent([]byte(bad), SourceWebhook, at); err == nil {
			t.Errorf("ParseEvent(%q) accepted", bad)
		}
	}
}

func TestEventSummaryOfCardAnswers(t *testing.T) {
	cases := []struct{ raw, what, where, msg string }{
		{`{"event":"interactive_message_actions","payload":{"messageId":"m1","userName":"Alice","toJid":"c@conference.xmpp.zoom.us","channelName":"general","actionItem":{"text":"Approve","value":"ok"}}}`, "clicked Approve", "general", "m1"},
		{`{"event":"interactive_message_select","payload":{"messageId":"m2","userName":"Bob","toJid":"bob@xmpp.zoom.us","selectedItems":[{"value":"v1"},{"text":"Two","value":"v2"}]}}`, "picked v1, Two", "direct message", "m2"},
		{`{"event":"interactive_message_fields_editable","payload":{"messageId":"m3","fieldEditItem":{"key":"k","newValue":"n"}}}`, "edited a field", "", "m3"},
		{`{"event":"bot_notification","payload":{"cmd":"deploy now","userName":"Alice","channelName":"ops"}}`, "deploy now", "ops", ""},
		{`{"event":"bot_notification","payload":"not an object"}`, "", "", ""},
	}
	for _, c := range cases {
		e, err := ParseEvent([]byte(c.raw), SourceWebSocket, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		s := e.Summary()
		if s.What != c.what || s.Where != c.where || s.MessageID != c.msg {
			t.Errorf("%s: summary %+v", c.raw, s)
		}
	}
}
