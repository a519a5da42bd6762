package zoom

import (
	"encoding/json"
	"strings"
)

// EventSummary is what a person needs from an event at a glance, read from the
// payload fields facts §5 and §5.1 list. Every field is outside text: sanitize
// it before it reaches a terminal.
type EventSummary struct {
	Who       string // the person's name, else their email, else their user id
	UserID    string // operator_id (link_shared) or userId (bot and card events)
	UserJID   string // userJid, when the event has one
	Where     string // channel name, or "direct message"
	ToJID     string // toJid: where a reply to a bot_notification goes
	What      string // the link, the command, the button or the items picked
	MessageID string // the message the event is about (messageId or object.message_id)
	TriggerID string // object.trigger_id (link_shared) or triggerId (bot_notification)
	Link      string // object.link of a link_shared event
	// ResponseURL is link_shared's response_url: where the unfurl may be posted.
	ResponseURL string
}

// eventPayload holds the fields of every event kind zoompose reads; Zoom's
// link_shared event uses snake_case, the bot and card events camelCase.
type eventPayload struct {
	ResponseURL string `json:"response_url"`
	Payload     struct {
		OperatorID string `json:"operator_id"`
		Operator   string `json:"operator"`
		Object     struct {
			MessageID   string `json:"message_id"`
			Type        string `json:"type"`
			ChannelID   string `json:"channel_id"`
			ChannelName string `json:"channel_name"`
			ContactID   string `json:"contact_id"`
			Link        string `json:"link"`
			TriggerID   string `json:"trigger_id"`
		} `json:"object"`

		UserID        string          `json:"userId"`
		UserName      string          `json:"userName"`
		UserJID       string          `json:"userJid"`
		ToJID         string          `json:"toJid"`
		ChannelName   string          `json:"channelName"`
		Cmd           string          `json:"cmd"`
		TriggerID     string          `json:"triggerId"`
		MessageID     string          `json:"messageId"`
		ActionItem    *cardItem       `json:"actionItem"`
		SelectedItems []cardItem      `json:"selectedItems"`
		EditItem      json.RawMessage `json:"editItem"`
		FieldEditItem json.RawMessage `json:"fieldEditItem"`
	} `json:"payload"`
}

// cardItem is a button (actionItem) or a picked item (selectedItems).
type cardItem struct {
	Text  string `json:"text"`
	Value string `json:"value"`
}

func (i cardItem) label() string {
	if i.Text != "" {
		return i.Text
	}
	return i.Value
}

// Summary reads the event's payload. Fields the event does not carry are empty;
// a payload of an unexpected shape gives an empty summary, never an error.
func (e Event) Summary() EventSummary {
	var p eventPayload
	if json.Unmarshal(e.Raw, &p) != nil {
		return EventSummary{}
	}
	pl := p.Payload
	if e.Name == EventLinkShared {
		o := pl.Object
		where := o.ChannelName
		if o.Type == "to_contact" || (where == "" && o.ContactID != "") {
			where = "direct message"
		}
		return EventSummary{
			Who: firstNonEmpty(pl.Operator, pl.OperatorID), UserID: pl.OperatorID, Where: where,
			ToJID: firstNonEmpty(o.ChannelID, o.ContactID), What: o.Link, MessageID: o.MessageID,
			TriggerID: o.TriggerID, Link: o.Link, ResponseURL: p.ResponseURL,
		}
	}
	s := EventSummary{
		Who: firstNonEmpty(pl.UserName, pl.UserJID, pl.UserID), UserID: pl.UserID, UserJID: pl.UserJID,
		Where: pl.ChannelName, ToJID: pl.ToJID, MessageID: pl.MessageID, TriggerID: pl.TriggerID,
	}
	if s.Where == "" && pl.ToJID != "" && !strings.HasSuffix(pl.ToJID, "@conference.xmpp.zoom.us") {
		s.Where = "direct message"
	}
	s.What = interactionWhat(pl.Cmd, pl.ActionItem, pl.SelectedItems, pl.EditItem, pl.FieldEditItem)
	return s
}

// interactionWhat says what the person did: the command they typed, the button
// they clicked, the items they picked, or that they edited a field.
func interactionWhat(cmd string, action *cardItem, selected []cardItem, edit, fieldEdit json.RawMessage) string {
	switch {
	case action != nil:
		return "clicked " + action.label()
	case len(selected) > 0:
		labels := make([]string, len(selected))
		for i, it := range selected {
			labels[i] = it.label()
		}
		return "picked " + strings.Join(labels, ", ")
	case len(edit) > 0 && string(edit) != "null", len(fieldEdit) > 0 && string(fieldEdit) != "null":
		return "edited a field"
	default:
		return cmd
	}
}
