package zoomtest

import (
	"encoding/json"
	"net/http"
	"strings"
)

// Messages Zoom puts in chatbot error bodies (chatbot-api-spec.md, facts §4.1, F-7010).
const (
	msgInvalidBody      = "Invalid Request Body format."
	msgMissingAuth      = "Missing Authorization header."
	msgInvalidToken     = "Invalid authorization token."
	msgExpiredToken     = "Access token is expired."
	msgBadRobotJID      = "Invalid robot_jid value specified in the Request Body."
	msgUnknownRobot     = "No Chatbot can be found with the given robot_jid value."
	msgNotAuthorized    = "Not authorized."
	msgUnknownToJID     = "No channel or user can be found with the given to_jid value."
	msgInvalidMessageID = "Invalid message_id value." // edit
	msgDeleteInvalidID  = "Invalid message_id."       // delete
	msgInvalidUnfurlID  = "Invalid unfurl_id."
	msgQPSLimit         = "You have reached the maximum per-second rate limit for this API. Try again later."
	msgDailyLimit       = "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request."
)

// Zoom's numeric error codes for the chatbot endpoints (facts §4.1).
const (
	codeInvalidBody      = 7001
	codeBadRobotJID      = 7002
	codeUnknownRobot     = 7003
	codeNotAuthorized    = 7004
	codeInvalidToken     = 7010
	codeExpiredToken     = 124
	codeInvalidMessageID = 8001
	codeInvalidUnfurlID  = 8002
)

// response is an answer built in memory, so it can be recorded, delayed or dropped
// (DropNext) after the request has been applied.
type response struct {
	status int
	header http.Header
	body   []byte
	notes  []string // what Zoom would not render as the card says (renderNotes), for the log
}

// fieldError is one entry of Zoom's "errors" array: which field is wrong and why.
type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// apiErrorBody is the chatbot error body: {"code","message","result":false,"errors":[…]}.
type apiErrorBody struct {
	Code    int          `json:"code"`
	Message string       `json:"message"`
	Result  *bool        `json:"result,omitempty"`
	Errors  []fieldError `json:"errors,omitempty"`
}

func jsonResponse(status int, v any) *response {
	body, err := json.Marshal(v)
	if err != nil {
		// Every value passed here is built by this package from plain types.
		panic("zoomtest: cannot encode response: " + err.Error())
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json;charset=UTF-8")
	return &response{status: status, header: h, body: body}
}

// apiError builds a chatbot error answer carrying "result": false as Zoom's chatbot
// endpoints do, with optional field details.
func apiError(status, code int, message string, details ...fieldError) *response {
	result := false
	return jsonResponse(status, apiErrorBody{Code: code, Message: message, Result: &result, Errors: details})
}

// invalidBody is the 400/7001 answer with the details that say which field is wrong.
func invalidBody(details ...fieldError) *response {
	return apiError(http.StatusBadRequest, codeInvalidBody, msgInvalidBody, details...)
}

// plainError is the gateway-level error body {"code","message"} used for 404/405/429/5xx.
func plainError(status, code int, message string) *response {
	return jsonResponse(status, apiErrorBody{Code: code, Message: message})
}

func noContent() *response {
	return &response{status: http.StatusNoContent, header: http.Header{}}
}

func methodNotAllowed(method, path string, allowed []string) *response {
	resp := plainError(http.StatusMethodNotAllowed, http.StatusMethodNotAllowed,
		"Method "+method+" is not allowed on "+path+"; use "+strings.Join(allowed, ", ")+".")
	resp.header.Set("Allow", strings.Join(allowed, ", "))
	return resp
}

func notFound(method, path string) *response {
	return plainError(http.StatusNotFound, http.StatusNotFound,
		"Not found: the Zoom chatbot API has no "+method+" "+path+".")
}
