package zoomtest

import (
	"encoding/json"
	"net/http"
	"strings"
)

// Zoom's sent_time layouts: send answers without a zone, edit and delete with "+0000"
// (chatbot-api-spec.md examples, facts §6).
const (
	sentTimeLayout   = "2006-01-02 15:04:05"
	editedTimeLayout = "2006-01-02 15:04:05 -0700"
)

// messageAnswer is the body of a successful send, edit or delete.
type messageAnswer struct {
	MessageID string `json:"message_id"`
	RobotJID  string `json:"robot_jid"`
	SentTime  string `json:"sent_time"`
	ToJID     string `json:"to_jid"`
	UserJID   string `json:"user_jid,omitempty"`
}

// sendMessage answers POST /v2/im/chat/messages.
func (h *Handler) sendMessage(call apiCall) *response {
	env, resp := readEnvelope(call)
	if resp != nil {
		return resp
	}
	env.rejectUnknown("robot_jid", "to_jid", "account_id", "user_jid", "content",
		"reply_to", "visible_to_user", "is_markdown_support")
	m := &Message{
		RobotJID:      env.str("robot_jid", true),
		ToJID:         env.str("to_jid", true),
		AccountID:     env.str("account_id", true),
		UserJID:       env.str("user_jid", true),
		ReplyTo:       env.str("reply_to", false),
		VisibleToUser: env.str("visible_to_user", false),
		Markdown:      env.boolean("is_markdown_support"),
	}
	content := env.object("content")
	if resp := env.problem(); resp != nil {
		return resp
	}
	if resp := h.checkSender(m.RobotJID, m.AccountID, call.account); resp != nil {
		return resp
	}
	if !h.knowsRecipient(m.ToJID) {
		return apiError(http.StatusForbidden, codeNotAuthorized, msgUnknownToJID)
	}
	if resp := checkContent(content); resp != nil {
		return resp
	}
	if resp := h.checkReplyTo(m.ReplyTo); resp != nil {
		return resp
	}
	m.ID = h.mintMessageID()
	m.Sent = h.now()
	m.Contents = []json.RawMessage{content}
	m.Notes = renderNotes(content, m.Markdown)
	h.messages[m.ID] = m
	h.order = append(h.order, m.ID)
	resp = jsonResponse(http.StatusCreated, messageAnswer{
		MessageID: m.ID, RobotJID: m.RobotJID, SentTime: m.Sent.UTC().Format(sentTimeLayout),
		ToJID: m.ToJID, UserJID: m.UserJID,
	})
	resp.notes = m.Notes
	return resp
}

// checkSender applies Zoom's robot and account rules: a malformed robot_jid is 404/7002,
// a robot the account does not have is 403/7003, another account's id is 403/7004.
func (h *Handler) checkSender(robotJID, accountID, tokenAccount string) *response {
	if !wellFormedJID(robotJID) {
		return apiError(http.StatusNotFound, codeBadRobotJID, msgBadRobotJID)
	}
	if robotJID != h.fixture.RobotJID {
		return apiError(http.StatusForbidden, codeUnknownRobot, msgUnknownRobot)
	}
	if accountID != tokenAccount {
		return apiError(http.StatusForbidden, codeNotAuthorized, msgNotAuthorized)
	}
	return nil
}

// knowsRecipient accepts a channel or user of the fixture, or the bot's direct-message
// conversation with a known user, "<userJid>/robot_<botJid>" (the toJid of interactive events).
func (h *Handler) knowsRecipient(toJID string) bool {
	if user, robot, ok := strings.Cut(toJID, "/robot_"); ok {
		_, known := h.fixture.Users[user]
		return known && robot == h.fixture.RobotJID
	}
	return h.fixture.knowsRecipient(toJID)
}

// JID domains the simulator accepts, as zoompose's own JID check does: Zoom mints JIDs at
// xmpp.zoom.us and conference.xmpp.zoom.us (facts §6); Zoom for Government is the same
// service on zoomgov.com, so its bots sit at xmpp.zoomgov.com. The simulator is a separate
// party from the client, so it keeps its own list rather than importing the client's.
var robotDomains = []string{"@xmpp.zoom.us", "@xmpp.zoomgov.com"}

// wellFormedJID accepts "<local>@xmpp.zoom.us" (or the Zoom for Government domain) with a
// non-empty local part.
func wellFormedJID(jid string) bool {
	for _, domain := range robotDomains {
		if local, ok := strings.CutSuffix(jid, domain); ok {
			return local != "" && !strings.ContainsAny(local, "@/ ")
		}
	}
	return false
}

// checkReplyTo accepts a thread parent the simulator knows: a message this bot sent (to
// any conversation, deleted or not) or a message a user posted, as carried by an event
// (NoteMessageID). Real bots reply to users' messages, whose ids come from events, and
// Zoom's docs say nothing of refusing a parent elsewhere or deleted (facts §1.1): where
// Zoom's behaviour is unknown the simulator accepts. An id it has never seen cannot be a
// message, and is refused as an invalid body.
func (h *Handler) checkReplyTo(replyTo string) *response {
	if replyTo == "" || h.seen[replyTo] {
		return nil
	}
	if _, ok := h.messages[replyTo]; ok {
		return nil
	}
	return invalidBody(fieldError{Field: "reply_to", Message: "reply_to names no message this chatbot sent or received."})
}

// NoteMessageID records id as a message a user posted (an event carried it), so that
// replies to it are accepted.
func (h *Handler) NoteMessageID(id string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seen[id] = true
}

// editMessage answers PUT /v2/im/chat/messages/{message_id}; each edit adds a revision.
func (h *Handler) editMessage(call apiCall) *response {
	env, resp := readEnvelope(call)
	if resp != nil {
		return resp
	}
	env.rejectUnknown("robot_jid", "account_id", "user_jid", "content", "is_markdown_support")
	robotJID := env.str("robot_jid", true)
	accountID := env.str("account_id", true)
	userJID := env.str("user_jid", false)
	markdown := env.boolean("is_markdown_support")
	content := env.object("content")
	if resp := env.problem(); resp != nil {
		return resp
	}
	if accountID != call.account {
		return apiError(http.StatusForbidden, codeNotAuthorized, msgNotAuthorized)
	}
	m, ok := h.liveMessage(call.params[0], robotJID)
	if !ok {
		return apiError(http.StatusNotFound, codeInvalidMessageID, msgInvalidMessageID)
	}
	if resp := checkContent(content); resp != nil {
		return resp
	}
	m.Contents = append(m.Contents, content)
	m.Markdown = markdown
	m.Notes = renderNotes(content, markdown)
	resp = h.messageAnswer(http.StatusOK, m, userJID)
	resp.notes = m.Notes
	return resp
}

// deleteMessage answers DELETE /v2/im/chat/messages/{message_id}?account_id=&robot_jid=&user_jid=.
func (h *Handler) deleteMessage(call apiCall) *response {
	q := call.r.URL.Query()
	var missing []fieldError
	for _, name := range []string{"account_id", "robot_jid"} {
		if q.Get(name) == "" {
			missing = append(missing, fieldError{Field: name, Message: "The " + name + " query parameter is required."})
		}
	}
	if len(missing) > 0 {
		return invalidBody(missing...)
	}
	if q.Get("account_id") != call.account {
		return apiError(http.StatusForbidden, codeNotAuthorized, msgNotAuthorized)
	}
	m, ok := h.liveMessage(call.params[0], q.Get("robot_jid"))
	if !ok {
		return apiError(http.StatusNotFound, codeInvalidMessageID, msgDeleteInvalidID)
	}
	m.Deleted = true
	m.DeletedAt = h.now()
	return h.messageAnswer(http.StatusOK, m, q.Get("user_jid"))
}

// liveMessage finds an undeleted message sent by robotJID; anything else is "invalid id".
func (h *Handler) liveMessage(id, robotJID string) (*Message, bool) {
	m, ok := h.messages[id]
	if !ok || m.Deleted || m.RobotJID != robotJID {
		return nil, false
	}
	return m, true
}

// messageAnswer is the edit/delete answer: sent_time is now, with a "+0000" zone.
func (h *Handler) messageAnswer(status int, m *Message, userJID string) *response {
	if userJID == "" {
		userJID = m.UserJID
	}
	return jsonResponse(status, messageAnswer{
		MessageID: m.ID, RobotJID: m.RobotJID, SentTime: h.now().UTC().Format(editedTimeLayout),
		ToJID: m.ToJID, UserJID: userJID,
	})
}

// newMessageID mints an upper-case UUID, the shape of Zoom's send example.
func newMessageID() string {
	s := strings.ToUpper(randomHex(16))
	return s[0:8] + "-" + s[8:12] + "-4" + s[13:16] + "-" + s[16:20] + "-" + s[20:32]
}
