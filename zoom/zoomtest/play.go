package zoomtest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// "Playing the user": what a person in the simulated account does that makes Zoom send the
// bot an event. Each function builds the event Zoom would send (facts §5, §5.1), emits it
// (EmitEvent: the event WebSocket and the webhook targets) and returns it.

// sandboxUserIDs are the Zoom user ids of the fixture's users (a JID is the lower-cased user
// id at xmpp.zoom.us); Alice's is the id of the demo link-shared event.
var sandboxUserIDs = map[string]string{
	UserAlice: DemoUnfurlUserID,
	UserBob:   "R7QMZX2LW0SbenHV5tj3UA",
	UserJID:   "SandboxAdmin0000000001",
}

// BotName is the sandbox bot's name, as bot_notification's "name" carries it.
const BotName = "zoompose sandbox bot"

// person is a user of the fixture as events name them.
type person struct{ id, jid, memberID, name, email string }

func (h *Handler) person(jid string) (person, error) {
	if jid == "" {
		jid = UserAlice
	}
	f := h.Fixture()
	name, ok := f.Users[jid]
	if !ok {
		return person{}, fmt.Errorf("%q is not a user of the sandbox; users: %s", jid, strings.Join(namedList(f.Users), ", "))
	}
	id := sandboxUserIDs[jid]
	if id == "" {
		id, _, _ = strings.Cut(jid, "@")
	}
	email := strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.com"
	return person{id: id, jid: jid, memberID: memberID(jid), name: name, email: email}, nil
}

// memberID is a user's member id: an opaque id longer than the user id, not a JID (facts §6:
// "member_id is longer (R4VM29Oj0fVM2hhEm…)", OAS-EV). The sandbox derives a stable 48-character
// one from the JID.
func memberID(jid string) string {
	sum := sha256.Sum256([]byte("zoomtest member " + jid))
	return hex.EncodeToString(sum[:24])
}

// LinkShare is a person sharing a link: in a channel (ChannelJID, default general) or, when
// ContactJID is set, in a direct message to that user.
type LinkShare struct {
	Link       string
	ChannelJID string
	ContactJID string
	UserJID    string // who shares it; default Alice
}

// ShareLink emits team_chat.link_shared for the link with a fresh trigger id, which the
// unfurl endpoint then accepts for the sharing user's id (payload.operator_id).
func (h *Handler) ShareLink(s LinkShare) (event []byte, triggerID string, err error) {
	if !strings.HasPrefix(s.Link, "http://") && !strings.HasPrefix(s.Link, "https://") {
		return nil, "", fmt.Errorf("link %q is not an http(s) URL", s.Link)
	}
	who, err := h.person(s.UserJID)
	if err != nil {
		return nil, "", err
	}
	messageID := newMessageID()
	h.NoteMessageID(messageID) // the user's message: the bot may reply to it
	object := map[string]any{
		"message_id": messageID, "link": s.Link, "date_time": h.clock().UTC().Format(time.RFC3339),
		"timestamp": h.clock().UnixMilli(),
	}
	if s.ContactJID != "" {
		contact, err := h.person(s.ContactJID)
		if err != nil {
			return nil, "", err
		}
		// facts §5: "contact_id and contact_member_id appear for contacts": the user id and
		// the member id (not the JID).
		object["type"], object["contact_id"], object["contact_member_id"] = "to_contact", contact.id, contact.memberID
	} else {
		jid, name, err := h.channel(s.ChannelJID)
		if err != nil {
			return nil, "", err
		}
		channelID, _, _ := strings.Cut(jid, "@")
		object["type"], object["channel_id"], object["channel_name"] = "to_channel", channelID, name
	}
	triggerID = h.IssueTrigger(who.id)
	object["trigger_id"] = triggerID
	// The fields of facts §5's OAS-EV example, less object.reply_main_message_id: the
	// example's differs from its message_id, the parent of a reply in a thread, and the
	// sandbox's users share links in the conversation itself, not in threads.
	event = h.emit(map[string]any{
		"event": "team_chat.link_shared", "event_ts": h.clock().UnixMilli(),
		"response_url": h.baseURL() + "/v2/im/chat/users/" + who.id + "/unfurls/" + triggerID,
		"payload": map[string]any{
			"account_id": h.Fixture().AccountID, "operator_id": who.id, "operator": who.email,
			"operator_member_id": who.memberID, "by_external_user": false, "object": object,
		},
	})
	return event, triggerID, nil
}

// MessageBot emits bot_notification: the user typed cmd to the bot, in a channel
// (channelJID) or, when it is empty, in a direct message.
func (h *Handler) MessageBot(cmd, channelJID, userJID string) ([]byte, error) {
	who, err := h.person(userJID)
	if err != nil {
		return nil, err
	}
	toJID, channelName := who.jid, ""
	if channelJID != "" {
		if toJID, channelName, err = h.channel(channelJID); err != nil {
			return nil, err
		}
	}
	// facts §5.1: bot_notification carries accountId, channelName, cmd, name, robotJid,
	// timestamp, toJid, userId, userJid, userName (OAS-EV, RIVET); D-CAP adds triggerId,
	// userMemberId and userStatus "authorized". What "name" holds is not documented there:
	// the sandbox gives the bot's name. The toJid of a direct message stays the user's JID:
	// facts §6 gives the "<userJid>/robot_<botJid>" form for interactive events only.
	payload := h.userFields(who, toJID, channelName)
	payload["cmd"], payload["name"] = cmd, BotName
	payload["triggerId"], payload["userMemberId"], payload["userStatus"] = "zsbxtrg"+randomHex(8), who.memberID, "authorized"
	return h.emit(map[string]any{"event": "bot_notification", "event_ts": h.clock().UnixMilli(), "payload": payload}), nil
}

// ClickButton emits interactive_message_actions: the user clicked the button whose text or
// value is button on the bot's message messageID (its latest revision).
func (h *Handler) ClickButton(messageID, button, userJID string) ([]byte, error) {
	return h.answerCard(messageID, userJID, "interactive_message_actions", func(card map[string]any) (string, any, bool) {
		item, ok := findItem(card, "actions", "items", button)
		return "actionItem", item, ok
	})
}

// PickItem emits interactive_message_select: the user picked the item whose text or value
// is item in a select of the bot's message messageID.
func (h *Handler) PickItem(messageID, item, userJID string) ([]byte, error) {
	return h.answerCard(messageID, userJID, "interactive_message_select", func(card map[string]any) (string, any, bool) {
		picked, ok := findItem(card, "select", "select_items", item)
		return "selectedItems", []any{picked}, ok
	})
}

// answerCard builds an interactive_message_* event on a message the bot sent; find names
// the payload key and value of what the user did, or reports it is not on the card.
func (h *Handler) answerCard(messageID, userJID, name string, find func(map[string]any) (string, any, bool)) ([]byte, error) {
	who, err := h.person(userJID)
	if err != nil {
		return nil, err
	}
	msg, ok := h.Message(messageID)
	if !ok || msg.Deleted || len(msg.Contents) == 0 {
		return nil, fmt.Errorf("the bot has no message %q (sent messages only, not deleted)", messageID)
	}
	original := msg.Contents[len(msg.Contents)-1]
	var card map[string]any
	if json.Unmarshal(original, &card) != nil {
		return nil, fmt.Errorf("message %q holds no card", messageID)
	}
	key, value, found := find(card)
	if !found {
		return nil, fmt.Errorf("message %q has no such button or item", messageID)
	}
	// facts §5.1: messageId, original (the card), the answer (actionItem, selectedItems,
	// …), the user and channel fields, and in the newer docs callback_url and
	// callback_token. In a direct message toJid is "<userJid>/robot_<botJid>" (facts §6).
	f := h.Fixture()
	toJID, channelName := msg.ToJID, f.Channels[msg.ToJID]
	if _, isUser := f.Users[msg.ToJID]; isUser {
		toJID = msg.ToJID + "/robot_" + f.RobotJID
	}
	payload := h.userFields(who, toJID, channelName)
	payload["messageId"], payload["original"], payload[key] = messageID, json.RawMessage(original), value
	callbackID := randomHex(12)
	payload["callback_url"] = h.baseURL() + "/v2/im/chat/callback/" + callbackID
	payload["callback_token"] = "zsbxcb" + randomHex(16)
	return h.emit(map[string]any{"event": name, "event_ts": h.clock().UnixMilli(), "payload": payload}), nil
}

// findItem finds, in the card's elements of kind (also inside sections), the entry of list
// whose text or value is want.
func findItem(card map[string]any, kind, list, want string) (map[string]any, bool) {
	for _, el := range cardElements(card) {
		if el["type"] != kind {
			continue
		}
		items, _ := el[list].([]any)
		for _, it := range items {
			item, _ := it.(map[string]any)
			if item != nil && (item["text"] == want || item["value"] == want) {
				return map[string]any{"text": item["text"], "value": item["value"]}, true
			}
		}
	}
	return nil, false
}

// cardElements are the card's body elements, with those of sections flattened in.
func cardElements(card map[string]any) []map[string]any {
	var out []map[string]any
	var walk func([]any)
	walk = func(list []any) {
		for _, e := range list {
			el, _ := e.(map[string]any)
			if el == nil {
				continue
			}
			out = append(out, el)
			if sections, ok := el["sections"].([]any); ok {
				walk(sections)
			}
		}
	}
	body, _ := card["body"].([]any)
	walk(body)
	return out
}

// userFields are the user and place fields bot and card events share (facts §5.1's
// bot_notification list less cmd and name; bot_installed has the same user fields).
func (h *Handler) userFields(who person, toJID, channelName string) map[string]any {
	f := h.Fixture()
	return map[string]any{
		"accountId": f.AccountID, "robotJid": f.RobotJID, "timestamp": h.clock().UnixMilli(),
		"toJid": toJID, "channelName": channelName, "userId": who.id, "userJid": who.jid,
		"userName": who.name,
	}
}

// channel resolves a channel JID, or a channel's name, to its JID and name (default general).
func (h *Handler) channel(jidOrName string) (jid, name string, err error) {
	f := h.Fixture()
	if jidOrName == "" {
		jidOrName = ChannelGeneral
	}
	for jid, name := range f.Channels {
		if jid == jidOrName || strings.EqualFold(name, strings.TrimPrefix(jidOrName, "#")) {
			return jid, name, nil
		}
	}
	return "", "", fmt.Errorf("%q is not a channel of the sandbox; channels: %s", jidOrName, strings.Join(namedList(f.Channels), ", "))
}

func (h *Handler) emit(event map[string]any) []byte {
	raw, _ := json.Marshal(event)
	h.EmitEvent(raw)
	return raw
}

func (h *Handler) clock() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.now()
}

func namedList(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k, v := range m {
		keys = append(keys, v+" ("+k+")")
	}
	slices.Sort(keys)
	return keys
}

// DemoMessageID is the id of Alice's message in DemoLinkSharedEvent (OAS-EV's example id); a
// reply to it is accepted like one to any message an event carried.
const DemoMessageID = "5DD614F4-DD19-4C39-8D03-93C4D0A0C839"

// DemoLinkSharedEvent is the team_chat.link_shared event behind the fixture's demo trigger
// (Alice shared https://example.com/welcome in #general: DemoUnfurlUserID,
// DemoUnfurlTriggerID), for a simulator whose base URL is base. The sandbox keeps it in its
// throw-away history, so the Events screen offers an unfurl before any event arrived.
func DemoLinkSharedEvent(base string, at time.Time) []byte {
	channelID, _, _ := strings.Cut(ChannelGeneral, "@")
	event, _ := json.Marshal(map[string]any{
		"event": "team_chat.link_shared", "event_ts": at.UnixMilli(),
		"response_url": base + "/v2/im/chat/users/" + DemoUnfurlUserID + "/unfurls/" + DemoUnfurlTriggerID,
		"payload": map[string]any{
			"account_id": AccountID, "operator_id": DemoUnfurlUserID, "operator": "alice.example@example.com",
			"operator_member_id": memberID(UserAlice), "by_external_user": false,
			"object": map[string]any{
				"message_id": DemoMessageID, "type": "to_channel",
				"channel_id": channelID, "channel_name": "general", "link": "https://example.com/welcome",
				"trigger_id": DemoUnfurlTriggerID, "date_time": at.UTC().Format(time.RFC3339), "timestamp": at.UnixMilli(),
			},
		},
	})
	return event
}
