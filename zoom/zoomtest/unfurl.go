package zoomtest

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// unfurl answers POST /v2/im/chat/users/{userId}/unfurls/{triggerId}: the body is
// {"content": "<a JSON string holding a card object>"}, and the trigger must have been
// issued for that user. Success is 204 with no body.
func (h *Handler) unfurl(call apiCall) *response {
	env, resp := readEnvelope(call)
	if resp != nil {
		return resp
	}
	env.rejectUnknown("content")
	raw, present := env.raw["content"]
	var text string
	switch {
	case !present:
		env.fail("content", "content is required.")
	case json.Unmarshal(raw, &text) != nil:
		env.fail("content", "content must be a JSON string holding the card, e.g. \"{\\\"head\\\":{\\\"text\\\":\\\"Hi\\\"}}\", not a JSON object.")
	case text == "":
		env.fail("content", "content must not be empty.")
	}
	if resp := env.problem(); resp != nil {
		return resp
	}
	userID, triggerID := call.params[0], call.params[1]
	if !h.triggers[userID][triggerID] {
		return apiError(http.StatusNotFound, codeInvalidUnfurlID, msgInvalidUnfurlID)
	}
	card, resp := decodeCardString(text)
	if resp != nil {
		return resp
	}
	if resp := checkContent(card); resp != nil {
		return resp
	}
	h.unfurls = append(h.unfurls, Unfurl{UserID: userID, TriggerID: triggerID, Content: card, Time: h.now()})
	return noContent()
}

// decodeCardString parses the text of an unfurl's content string as a card object.
func decodeCardString(text string) (json.RawMessage, *response) {
	var out bytes.Buffer
	trimmed := bytes.TrimSpace([]byte(text))
	if len(trimmed) == 0 || trimmed[0] != '{' || json.Compact(&out, trimmed) != nil {
		return nil, invalidBody(fieldError{Field: "content",
			Message: "content must be a string whose text is a JSON card object."})
	}
	return out.Bytes(), nil
}

// IssueTrigger returns a new trigger id for userID, as a team_chat.link_shared event would
// deliver; an unfurl for that user and trigger is then accepted.
func (h *Handler) IssueTrigger(userID string) string {
	id := "zsbxtrg" + randomHex(8)
	h.AddTrigger(userID, id)
	return id
}

// AddTrigger makes triggerID valid for unfurls by userID. Triggers stay valid after use.
func (h *Handler) AddTrigger(userID, triggerID string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.triggers[userID] == nil {
		h.triggers[userID] = map[string]bool{}
	}
	h.triggers[userID][triggerID] = true
}
