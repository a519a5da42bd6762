package zoomtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// Request is one request the simulator received, as it arrived on the wire.
// Header holds the raw headers, credentials included: assert on them, never print them.
type Request struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
	// Status is the status the simulator answered, or would have answered when Dropped.
	Status int
	Time   time.Time
	// Dropped reports that DropNext closed the connection instead of answering.
	Dropped bool
}

// Message is a chatbot message the simulator holds. Contents has one entry per revision,
// oldest first: the sent content, then each edit. A deleted message keeps its contents.
type Message struct {
	ID, ToJID, RobotJID, UserJID, ReplyTo, VisibleToUser string
	AccountID                                            string
	Markdown                                             bool
	Contents                                             []json.RawMessage
	Deleted                                              bool
	Sent                                                 time.Time
	DeletedAt                                            time.Time
	// Notes say what Zoom would not render as the latest content says (see notes.go).
	Notes []string
}

// Unfurl is an accepted link unfurl. Content is the card object decoded from the
// request's JSON string.
type Unfurl struct {
	UserID, TriggerID string
	Content           json.RawMessage
	Time              time.Time
}

// maxRecordedRequests bounds the request log of a long-running sandbox; the oldest
// requests are forgotten first.
const maxRecordedRequests = 10000

// Requests returns the requests received so far (the most recent 10 000), token requests
// included, in arrival order.
func (h *Handler) Requests() []Request {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]Request, len(h.requests))
	for i, r := range h.requests {
		r.Header = r.Header.Clone()
		r.Body = slices.Clone(r.Body)
		out[i] = r
	}
	return out
}

// TokenRequests counts the requests made to the token endpoint, successful or not.
func (h *Handler) TokenRequests() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.tokenReq
}

// Message returns the message with that id, deleted or not, and whether it exists.
func (h *Handler) Message(id string) (Message, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	m, ok := h.messages[id]
	if !ok {
		return Message{}, false
	}
	return m.clone(), true
}

// Messages returns every message sent so far, deleted ones included, in send order.
func (h *Handler) Messages() []Message {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]Message, 0, len(h.order))
	for _, id := range h.order {
		out = append(out, h.messages[id].clone())
	}
	return out
}

// Unfurls returns every accepted unfurl, in arrival order.
func (h *Handler) Unfurls() []Unfurl {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]Unfurl, len(h.unfurls))
	for i, u := range h.unfurls {
		u.Content = slices.Clone(u.Content)
		out[i] = u
	}
	return out
}

// SetLogf sets a function that receives one line per request, such as
// "POST /v2/im/chat/messages 201 3ms". Lines never hold a query, header, body, secret or token.
func (h *Handler) SetLogf(logf func(format string, args ...any)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.logfn = logf
}

func (h *Handler) logf(format string, args ...any) {
	h.mu.Lock()
	logfn := h.logfn
	h.mu.Unlock()
	if logfn != nil {
		logfn(format, args...)
	}
}

// record appends the request to the log; h.mu is held.
func (h *Handler) record(r *http.Request, body []byte, status int, dropped bool) {
	if len(h.requests) >= maxRecordedRequests {
		h.requests = slices.Delete(h.requests, 0, len(h.requests)-maxRecordedRequests+1)
	}
	h.requests = append(h.requests, Request{
		Method:   r.Method,
		Path:     r.URL.Path,
		RawQuery: r.URL.RawQuery,
		Header:   r.Header.Clone(),
		Body:     slices.Clone(body),
		Status:   status,
		Time:     h.now(),
		Dropped:  dropped,
	})
}

// logLine is the one-line summary of a request: method, path, status and duration. The
// path holds only ids (message, user, trigger), never a credential; it is written
// percent-encoded, as it came on the wire, so that a control character in an id (such as
// an ESC, sent as %1B) cannot reach the log's terminal.
func logLine(r *http.Request, status int, took time.Duration, dropped bool) string {
	line := fmt.Sprintf("%s %s %d %dms", r.Method, r.URL.EscapedPath(), status, took.Milliseconds())
	if dropped {
		line += " (connection dropped before the answer)"
	}
	return line
}

func (m *Message) clone() Message {
	out := *m
	out.Contents = make([]json.RawMessage, len(m.Contents))
	for i, c := range m.Contents {
		out.Contents[i] = slices.Clone(c)
	}
	out.Notes = slices.Clone(m.Notes)
	return out
}
