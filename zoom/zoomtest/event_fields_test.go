package zoomtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// Each field list below is the one facts names for the event kind, section by section, and
// the play events must carry exactly these fields: none missing, none invented.
var (
	// facts §5, OAS-EV's example: top level, payload, and payload.object. The example's
	// object.reply_main_message_id is the parent of a reply in a thread; the sandbox's users
	// share links in the conversation itself.
	linkSharedTop     = []string{"event", "event_ts", "response_url", "payload"}
	linkSharedPayload = []string{"account_id", "operator_id", "operator", "operator_member_id", "by_external_user", "object"}
	linkSharedObject  = []string{"message_id", "type", "link", "trigger_id", "date_time", "timestamp"}
	// facts §5: object.type to_channel carries channel_id and channel_name (OAS-EV's
	// example); "contact_id and contact_member_id appear for contacts".
	inChannel = []string{"channel_id", "channel_name"}
	toContact = []string{"contact_id", "contact_member_id"}

	// facts §5.1: bot_notification's payload (OAS-EV, RIVET), plus what D-CAP adds.
	botNotificationPayload = []string{"accountId", "channelName", "cmd", "name", "robotJid", "timestamp", "toJid", "userId", "userJid", "userName",
		"triggerId", "userMemberId", "userStatus"}
	// facts §5.1: interactive_message_*: messageId, original, the answer, "plus user and
	// channel fields" (those bot_notification has: accountId, channelName, robotJid,
	// timestamp, toJid, userId, userJid, userName), and callback_url and callback_token.
	interactivePayload = []string{"messageId", "original", "accountId", "channelName", "robotJid", "timestamp", "toJid", "userId", "userJid", "userName",
		"callback_url", "callback_token"}
	eventTop = []string{"event", "event_ts", "payload"}
)

func keysOf(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func sorted(lists ...[]string) []string {
	out := slices.Concat(lists...)
	slices.Sort(out)
	return out
}

func assertFields(t *testing.T, what string, raw json.RawMessage, want []string) {
	t.Helper()
	if got := keysOf(t, raw); !slices.Equal(got, want) {
		t.Errorf("%s fields = %v\nwant (facts) %v", what, got, want)
	}
}

// field returns the raw value at the path of object keys.
func field(t *testing.T, raw json.RawMessage, path ...string) json.RawMessage {
	t.Helper()
	for _, k := range path {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		raw = m[k]
	}
	return raw
}

func str(t *testing.T, raw json.RawMessage, path ...string) string {
	t.Helper()
	var s string
	_ = json.Unmarshal(field(t, raw, path...), &s)
	return s
}

func TestPlayEventsCarryExactlyTheFieldsFactsLists(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	card := map[string]any{"head": map[string]any{"text": "Vote"}, "body": []any{
		map[string]any{"type": "actions", "items": []any{map[string]any{"text": "Yes", "value": "yes"}}},
		map[string]any{"type": "select", "text": "Size", "select_items": []any{map[string]any{"text": "Large", "value": "L"}}},
	}}
	sendTo := func(to string) string {
		a := send(t, s, token, withField(withField(sendEnvelope(), "content", card), "to_jid", to))
		if a.status != http.StatusCreated {
			t.Fatalf("send: %d %s", a.status, a.raw)
		}
		return a.body["message_id"].(string)
	}
	inGeneral, toBob := sendTo(ChannelGeneral), sendTo(UserBob)
	must := func(raw []byte, err error) json.RawMessage {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	shared := func(l LinkShare) json.RawMessage {
		raw, _, err := s.ShareLink(l)
		return must(raw, err)
	}

	t.Run("team_chat.link_shared in a channel", func(t *testing.T) {
		for name, ev := range map[string]json.RawMessage{
			"played": shared(LinkShare{Link: "https://example.com/a"}),
			"demo":   DemoLinkSharedEvent(s.URL, time.Now()),
		} {
			assertFields(t, name+" event", ev, sorted(linkSharedTop))
			assertFields(t, name+" payload", field(t, ev, "payload"), sorted(linkSharedPayload))
			assertFields(t, name+" object", field(t, ev, "payload", "object"), sorted(linkSharedObject, inChannel))
			if m := str(t, ev, "payload", "operator_member_id"); strings.Contains(m, "@") || len(m) <= len(str(t, ev, "payload", "operator_id")) {
				t.Errorf("%s operator_member_id %q is not a member id (facts §6: longer than a user id, not a JID)", name, m)
			}
		}
	})
	t.Run("team_chat.link_shared to a contact", func(t *testing.T) {
		ev := shared(LinkShare{Link: "https://example.com/b", ContactJID: UserBob})
		assertFields(t, "object", field(t, ev, "payload", "object"), sorted(linkSharedObject, toContact))
		if m := str(t, ev, "payload", "object", "contact_member_id"); strings.Contains(m, "@") || m == str(t, ev, "payload", "object", "contact_id") {
			t.Errorf("contact_member_id %q is not a member id", m)
		}
	})
	t.Run("bot_notification", func(t *testing.T) {
		for _, channel := range []string{"", ChannelGeneral} {
			ev := must(s.MessageBot("hello", channel, UserBob))
			assertFields(t, "event", ev, sorted(eventTop))
			assertFields(t, "payload", field(t, ev, "payload"), sorted(botNotificationPayload))
			if m := str(t, ev, "payload", "userMemberId"); strings.Contains(m, "@") {
				t.Errorf("userMemberId %q is a JID", m)
			}
		}
	})
	t.Run("interactive_message_actions and _select", func(t *testing.T) {
		for _, msg := range []struct{ id, toJid string }{
			{inGeneral, ChannelGeneral},
			{toBob, UserBob + "/robot_" + RobotJID}, // facts §6: a DM's toJid in interactive events
		} {
			click := must(s.ClickButton(msg.id, "Yes", UserBob))
			pick := must(s.PickItem(msg.id, "L", UserBob))
			assertFields(t, "actions payload", field(t, click, "payload"), sorted(interactivePayload, []string{"actionItem"}))
			assertFields(t, "select payload", field(t, pick, "payload"), sorted(interactivePayload, []string{"selectedItems"}))
			for _, ev := range []json.RawMessage{click, pick} {
				assertFields(t, "event", ev, sorted(eventTop))
				if got := str(t, ev, "payload", "toJid"); got != msg.toJid {
					t.Errorf("toJid = %q, want %q", got, msg.toJid)
				}
				if u := str(t, ev, "payload", "callback_url"); !strings.HasPrefix(u, s.URL+"/v2/im/chat/callback/") {
					t.Errorf("callback_url = %q", u)
				}
			}
		}
	})
}
