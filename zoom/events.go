package zoom

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"time"
)

// Event sources: how an event reached zoompose.
const (
	SourceWebSocket = "websocket"
	SourceWebhook   = "webhook"
)

// Event names zoompose acts on (facts §5, §5.1).
const (
	EventLinkShared      = "team_chat.link_shared"
	EventBotNotification = "bot_notification"
	EventActions         = "interactive_message_actions"
	EventSelect          = "interactive_message_select"
	EventEditable        = "interactive_message_editable"
	EventFieldsEditable  = "interactive_message_fields_editable"
	EventURLValidation   = "endpoint.url_validation"
)

// maxEventBytes bounds one event, over either way in.
const maxEventBytes = 1 << 20

const receivedAtTimeEncoding = time.RFC3339Nano

// Event is one event Zoom delivered, over the WebSocket or a webhook. Raw is the
// event JSON exactly as Zoom sent it (compacted); Name and TS are read from it.
type Event struct {
	Raw        json.RawMessage
	Name       string // "event", e.g. "team_chat.link_shared"
	TS         int64  // "event_ts", milliseconds since the epoch (0 when absent)
	ReceivedAt time.Time
	Source     string // SourceWebSocket or SourceWebhook
}

// errNotEvent says a body was not an event object.
var errNotEvent = errors.New(`not a Zoom event: a JSON object with a string "event" is expected`)

// ParseEvent reads one event JSON as Zoom sends it. It fails when raw is not a
// JSON object with a string "event", or is larger than 1 MiB.
func ParseEvent(raw []byte, source string, receivedAt time.Time) (Event, error) {
	if len(raw) > maxEventBytes {
		return Event{}, errors.New("event larger than 1 MiB")
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil || !bytes.HasPrefix(compact.Bytes(), []byte("{")) {
		return Event{}, errNotEvent
	}
	var head struct {
		Event   *string     `json:"event"`
		EventTS json.Number `json:"event_ts"`
	}
	if json.Unmarshal(compact.Bytes(), &head) != nil || head.Event == nil {
		return Event{}, errNotEvent
	}
	ts, _ := strconv.ParseInt(head.EventTS.String(), 10, 64)
	return Event{Raw: compact.Bytes(), Name: *head.Event, TS: ts, ReceivedAt: receivedAt, Source: source}, nil
}

// JSON is the event as Zoom sent it with "received_at" (RFC 3339, UTC) and
// "source" added as its last keys: the line `zoompose events --json` prints.
func (e Event) JSON() []byte {
	extra, _ := json.Marshal(struct {
		ReceivedAt string `json:"received_at"`
		Source     string `json:"source"`
	}{e.ReceivedAt.UTC().Format(receivedAtTimeEncoding), e.Source})
	raw := bytes.TrimSpace(e.Raw)
	if len(raw) < 2 || raw[0] != '{' {
		return extra
	}
	out := make([]byte, 0, len(raw)+len(extra))
	out = append(out, raw[:len(raw)-1]...)
	if len(bytes.TrimSpace(raw[1:len(raw)-1])) > 0 {
		out = append(out, ',')
	}
	return append(out, extra[1:]...)
}

// IsInteraction reports whether the event is a person answering a card
// (interactive_message_actions, _select, _editable or _fields_editable).
func (e Event) IsInteraction() bool {
	switch e.Name {
	case EventActions, EventSelect, EventEditable, EventFieldsEditable:
		return true
	}
	return false
}
