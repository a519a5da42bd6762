package zoomtest

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"slices"
	"sort"
)

// readEnvelope checks that the call declares a JSON body, as Zoom requires, and decodes it
// as one JSON object; otherwise it returns the 400/7001 answer.
func readEnvelope(call apiCall) (*envelope, *response) {
	if resp := requireJSON(call.r); resp != nil {
		return nil, resp
	}
	return decodeEnvelope(call.body)
}

// requireJSON checks that the request declares a JSON body.
func requireJSON(r *http.Request) *response {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "application/json" {
		return invalidBody(fieldError{Field: "Content-Type",
			Message: "The Content-Type header must be application/json, not " + quoteOrNone(r.Header.Get("Content-Type")) + "."})
	}
	return nil
}

func quoteOrNone(s string) string {
	if s == "" {
		return "missing"
	}
	return `"` + s + `"`
}

// envelope is a request body decoded as a JSON object, with the field errors found while
// reading it. Each accessor records a problem instead of failing, so one answer can name
// every wrong field.
type envelope struct {
	raw  map[string]json.RawMessage
	errs []fieldError
}

// decodeEnvelope parses body as one JSON object, or returns the 400/7001 answer.
func decodeEnvelope(body []byte) (*envelope, *response) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, invalidBody(fieldError{Field: "body", Message: "The request body is empty; send a JSON object."})
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil || raw == nil {
		return nil, invalidBody(fieldError{Field: "body", Message: "The request body must be one JSON object."})
	}
	for k, v := range raw {
		if string(v) == "null" {
			delete(raw, k) // an explicit null is treated as an absent field
		}
	}
	return &envelope{raw: raw}, nil
}

func (e *envelope) fail(field, message string) {
	e.errs = append(e.errs, fieldError{Field: field, Message: message})
}

// str reads a string field; required fields must be present and non-empty.
func (e *envelope) str(name string, required bool) string {
	v, ok := e.raw[name]
	if !ok {
		if required {
			e.fail(name, name+" is required.")
		}
		return ""
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		e.fail(name, name+" must be a string.")
		return ""
	}
	if required && s == "" {
		e.fail(name, name+" must not be empty.")
	}
	return s
}

// boolean reads an optional boolean field.
func (e *envelope) boolean(name string) bool {
	v, ok := e.raw[name]
	if !ok {
		return false
	}
	var b bool
	if err := json.Unmarshal(v, &b); err != nil {
		e.fail(name, name+" must be true or false.")
	}
	return b
}

// object reads a required JSON-object field and returns it compacted.
func (e *envelope) object(name string) json.RawMessage {
	v, ok := e.raw[name]
	if !ok {
		e.fail(name, name+" is required.")
		return nil
	}
	if len(v) == 0 || v[0] != '{' {
		e.fail(name, name+" must be a JSON object.")
		return nil
	}
	var out bytes.Buffer
	if err := json.Compact(&out, v); err != nil {
		e.fail(name, name+" must be a JSON object.")
		return nil
	}
	return out.Bytes()
}

// rejectUnknown records every field the operation does not define, so a misspelt optional
// field (which Zoom would silently ignore) does not go unnoticed.
func (e *envelope) rejectUnknown(allowed ...string) {
	var unknown []string
	for k := range e.raw {
		if !slices.Contains(allowed, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		e.fail(k, k+" is not a field of this request.")
	}
}

// problem returns the 400/7001 answer when any field was wrong.
func (e *envelope) problem() *response {
	if len(e.errs) == 0 {
		return nil
	}
	return invalidBody(e.errs...)
}
