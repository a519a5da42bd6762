package zoom

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

const (
	opSend   = "send"
	opEdit   = "edit"
	opDelete = "delete"
	opUnfurl = "unfurl"
)

// SendRequest is one chatbot message to post.
type SendRequest struct {
	ToJID         string          // required: a user or channel JID
	Content       json.RawMessage // required, a JSON object (the card)
	ReplyTo       string          // parent message id for a threaded reply
	VisibleToUser string          // only this user sees the message in the channel
	Markdown      bool            // is_markdown_support
	UserJID       string          // optional override of Config.UserJID
}

// EditRequest replaces the content of a message the bot sent.
type EditRequest struct {
	MessageID string
	Content   json.RawMessage // required, a JSON object
	Markdown  bool
	UserJID   string // optional override of Config.UserJID
}

// DeleteRequest deletes a message the bot sent.
type DeleteRequest struct {
	MessageID string
	UserJID   string // optional override of Config.UserJID
}

// UnfurlRequest answers a team_chat.link_shared event with a preview card.
type UnfurlRequest struct {
	UserID, TriggerID string
	Content           json.RawMessage // the card object; sent as a JSON string on the wire
}

// Message is Zoom's answer to send, edit and delete.
type Message struct {
	MessageID  string
	RobotJID   string
	ToJID      string
	UserJID    string
	SentTime   string    // as Zoom sent it
	Sent       time.Time // SentTime parsed, in UTC; zero if Zoom's format was unknown
	TrackingID string    // x-zm-trackingid
}

// Send posts a chatbot message. Zoom answers 201 (older docs: 200). A send
// whose request may have reached Zoom is never repeated: such failures are
// *OutcomeUnknownError.
func (c *Client) Send(ctx context.Context, r SendRequest) (*Message, error) {
	p, err := c.PrepareSend(r)
	if err != nil {
		return nil, err
	}
	return c.doMessage(ctx, p)
}

// Edit replaces a message's content; Zoom answers 200.
func (c *Client) Edit(ctx context.Context, r EditRequest) (*Message, error) {
	p, err := c.PrepareEdit(r)
	if err != nil {
		return nil, err
	}
	return c.doMessage(ctx, p)
}

// Delete removes a message; Zoom answers 200 with the deletion time in SentTime.
func (c *Client) Delete(ctx context.Context, r DeleteRequest) (*Message, error) {
	p, err := c.PrepareDelete(r)
	if err != nil {
		return nil, err
	}
	return c.doMessage(ctx, p)
}

// Unfurl posts a link preview card; Zoom answers 204 No Content.
func (c *Client) Unfurl(ctx context.Context, r UnfurlRequest) error {
	p, err := c.PrepareUnfurl(r)
	if err != nil {
		return err
	}
	_, err = c.do(ctx, p)
	return err
}

// messageBody is the JSON Zoom returns for send, edit and delete.
type messageBody struct {
	MessageID string `json:"message_id"`
	RobotJID  string `json:"robot_jid"`
	ToJID     string `json:"to_jid"`
	UserJID   string `json:"user_jid"`
	SentTime  string `json:"sent_time"`
}

func (c *Client) doMessage(ctx context.Context, p *PreparedRequest) (*Message, error) {
	res, err := c.do(ctx, p)
	if err != nil {
		return nil, err
	}
	var body messageBody
	if err := json.Unmarshal(res.body, &body); err != nil || body.MessageID == "" {
		// The operation succeeded but its id is unknown, so the caller must
		// look before repeating it.
		return nil, &OutcomeUnknownError{Op: p.Op, Err: errUnreadableAnswer{status: res.status}}
	}
	return &Message{
		MessageID:  body.MessageID,
		RobotJID:   body.RobotJID,
		ToJID:      body.ToJID,
		UserJID:    body.UserJID,
		SentTime:   body.SentTime,
		Sent:       parseSentTime(body.SentTime),
		TrackingID: res.trackingID,
	}, nil
}

type errUnreadableAnswer struct{ status int }

func (e errUnreadableAnswer) Error() string {
	return "Zoom answered " + statusText(e.status) + " without a readable message id"
}

// sentTimeLayouts are the formats Zoom's documentation shows for sent_time.
var sentTimeLayouts = []string{
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05 -0700",
	time.RFC3339,
}

// parseSentTime reads sent_time in any documented format; a time without a
// zone is UTC, as the docs say.
func parseSentTime(s string) time.Time {
	for _, layout := range sentTimeLayouts {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

type sendBody struct {
	RobotJID          string          `json:"robot_jid"`
	ToJID             string          `json:"to_jid"`
	AccountID         string          `json:"account_id"`
	UserJID           string          `json:"user_jid"`
	Content           json.RawMessage `json:"content"`
	ReplyTo           string          `json:"reply_to,omitempty"`
	VisibleToUser     string          `json:"visible_to_user,omitempty"`
	IsMarkdownSupport bool            `json:"is_markdown_support"`
}

type editBody struct {
	RobotJID          string          `json:"robot_jid"`
	AccountID         string          `json:"account_id"`
	UserJID           string          `json:"user_jid"`
	Content           json.RawMessage `json:"content"`
	IsMarkdownSupport bool            `json:"is_markdown_support"`
}

// unfurlBody.Content holds the card as a JSON-encoded string, as the API
// documents ({"content": "{\"head\":…}"}).
type unfurlBody struct {
	Content string `json:"content"`
}

func (c *Client) sendBody(r SendRequest) (*sendBody, error) {
	if strings.TrimSpace(r.ToJID) == "" {
		return nil, &InvalidRequestError{Op: opSend, Field: "ToJID", Reason: "is empty: give the recipient's JID (a user …@xmpp.zoom.us or a channel …@conference.xmpp.zoom.us)"}
	}
	content, err := jsonObject(opSend, r.Content)
	if err != nil {
		return nil, err
	}
	return &sendBody{
		RobotJID:          c.cfg.RobotJID,
		ToJID:             r.ToJID,
		AccountID:         c.cfg.AccountID,
		UserJID:           firstNonEmpty(r.UserJID, c.cfg.UserJID),
		Content:           content,
		ReplyTo:           r.ReplyTo,
		VisibleToUser:     r.VisibleToUser,
		IsMarkdownSupport: r.Markdown,
	}, nil
}

func (c *Client) editBody(r EditRequest) (*editBody, error) {
	if err := requireMessageID(opEdit, r.MessageID); err != nil {
		return nil, err
	}
	content, err := jsonObject(opEdit, r.Content)
	if err != nil {
		return nil, err
	}
	return &editBody{
		RobotJID:          c.cfg.RobotJID,
		AccountID:         c.cfg.AccountID,
		UserJID:           firstNonEmpty(r.UserJID, c.cfg.UserJID),
		Content:           content,
		IsMarkdownSupport: r.Markdown,
	}, nil
}

// requireMessageID refuses an empty message id before edit or delete.
func requireMessageID(op, id string) error {
	if strings.TrimSpace(id) == "" {
		return &InvalidRequestError{Op: op, Field: "MessageID", Reason: "is empty: give the id Zoom returned when the message was sent"}
	}
	return nil
}

func newUnfurlBody(r UnfurlRequest) (*unfurlBody, error) {
	if strings.TrimSpace(r.UserID) == "" {
		return nil, &InvalidRequestError{Op: opUnfurl, Field: "UserID", Reason: "is empty: give the operator_id of the team_chat.link_shared event"}
	}
	if strings.TrimSpace(r.TriggerID) == "" {
		return nil, &InvalidRequestError{Op: opUnfurl, Field: "TriggerID", Reason: "is empty: give the trigger_id of the team_chat.link_shared event"}
	}
	content, err := jsonObject(opUnfurl, r.Content)
	if err != nil {
		return nil, err
	}
	return &unfurlBody{Content: string(content)}, nil
}
