package zoomtest

import (
	"encoding/json"
	"slices"
)

// HostileText is what hostile mode (SetHostile) puts into the simulator's answers: an
// OSC 52 clipboard write, a screen clear, an OSC 8 hyperlink, SGR colours and a C1
// control (U+009B, the 8-bit CSI). A client that prints any of it raw lets the server
// write the user's clipboard, wipe the screen, disguise a link or recolour the output.
const HostileText = "\x1b]52;c;aGFja2Vk\x07\x1b[2J\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\\x1b[1;31mred\x1b[0m\u009b2J"

// HostileIDSuffix is what hostile mode appends to the message ids it mints: the escapes of
// HostileText that fit in a URL path segment (no "/"), so that the client can still edit
// and delete the message by the id it was given.
const HostileIDSuffix = "\x1b]52;c;aGFja2Vk\x07\x1b[2J\x1b]8;;evil\x1b\\\x1b[31m\u009b2J"

// A link-shared event that hostile mode adds to the fixture: a user id and a trigger id
// holding escapes, as a compromised event source might deliver them. Unfurls for this
// pair are accepted while hostile mode is on.
const (
	HostileUnfurlUserID    = "KdYKjnimT4KPd8KKdQt9FQ\x1b]52;c;aGFja2Vk\x07"
	HostileUnfurlTriggerID = "sbx-link-shared-\x1b[2J\x1b[31m\u009b2J"
)

// hostileFields are the string fields of an answer that hostile mode fills with
// HostileText: error messages (the API's and the token endpoint's, both of its shapes)
// and the fields of a message answer. message_id is left alone: in hostile mode the
// message is stored under a hostile id, so edit and delete find it by what was returned.
var hostileFields = []string{
	"message", "reason", "error", "error_description",
	"robot_jid", "to_jid", "user_jid", "sent_time",
}

// SetHostile turns hostile mode on or off. In hostile mode the simulator behaves as before
// (every request is applied, recorded and answered with the same status), but its answers
// carry escape sequences (HostileText) in every error message, in the token endpoint's
// error, error_description and reason, and in the robot_jid, to_jid, user_jid and
// sent_time of message answers; message ids are minted with HostileIDSuffix; and the
// HostileUnfurlUserID / HostileUnfurlTriggerID pair is accepted for unfurls. It is for
// testing that a client shows such text and never lets the terminal act on it.
func (h *Handler) SetHostile(on bool) {
	h.mu.Lock()
	h.hostile = on
	h.mu.Unlock()
	if on {
		h.AddTrigger(HostileUnfurlUserID, HostileUnfurlTriggerID)
	}
}

// mintMessageID returns a new message id, hostile in hostile mode; h.mu is held.
func (h *Handler) mintMessageID() string {
	if h.hostile {
		return newMessageID() + HostileIDSuffix
	}
	return newMessageID()
}

// hostileAnswer returns resp with HostileText in the hostileFields of its JSON body (and
// in each message of an "errors" array); a body that is not a JSON object is left alone.
func hostileAnswer(resp *response) *response {
	var body map[string]any
	if len(resp.body) == 0 || json.Unmarshal(resp.body, &body) != nil {
		return resp
	}
	for _, k := range hostileFields {
		if s, ok := body[k].(string); ok {
			body[k] = s + " " + HostileText
		}
	}
	if list, ok := body["errors"].([]any); ok {
		for _, e := range list {
			if fe, ok := e.(map[string]any); ok {
				if s, ok := fe["message"].(string); ok {
					fe["message"] = s + " " + HostileText
				}
			}
		}
	}
	data, err := json.Marshal(body)
	if err != nil {
		return resp
	}
	out := *resp
	out.header = resp.header.Clone()
	out.body = slices.Clip(data)
	return &out
}
