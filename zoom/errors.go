package zoom

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// APIError is an answer from the chatbot API with a non-2xx status. Message
// is Zoom's text with any secret removed; Hint says what to check.
type APIError struct {
	Op         string // "send", "edit", "delete" or "unfurl"
	Status     int    // HTTP status
	Code       int    // Zoom's "code", 0 when the body had none
	Message    string // Zoom's "message"
	TrackingID string // x-zm-trackingid, for Zoom support

	// RetryAfter is set on a 429 that was not (or no longer) retried: how
	// long Zoom asked the caller to wait.
	RetryAfter time.Duration

	// RateLimitType is X-RateLimit-Type on a 429: "QPS", "Daily-limit" or "".
	RateLimitType string

	// Fields are the per-field problems of Zoom's "errors" array, if any.
	Fields []FieldProblem
}

// FieldProblem is one entry of Zoom's "errors" array.
type FieldProblem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// maxFieldsShown bounds how many field problems Error lists.
const maxFieldsShown = 3

// Error is one line: "send: Zoom said 404 (code 8001): Invalid message_id value. — <hint>".
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: Zoom said %d", e.Op, e.Status)
	if e.Code != 0 && e.Code != e.Status {
		fmt.Fprintf(&b, " (code %d)", e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if len(e.Fields) > 0 {
		var parts []string
		for _, f := range e.Fields[:min(len(e.Fields), maxFieldsShown)] {
			parts = append(parts, f.Field+": "+f.Message)
		}
		if len(e.Fields) > maxFieldsShown {
			parts = append(parts, fmt.Sprintf("and %d more", len(e.Fields)-maxFieldsShown))
		}
		b.WriteString(" (" + strings.Join(parts, "; ") + ")")
	}
	if hint := e.Hint(); hint != "" {
		b.WriteString(" — " + hint)
	}
	return b.String()
}

// Hint is one sentence saying what to check for the documented codes (7001,
// 7002, 7003, 7004, 7010, 124, 8001, 8002), for 429 and for 5xx; other
// answers get a hint by status.
func (e *APIError) Hint() string {
	if hint, ok := codeHints[e.Code]; ok {
		return hint
	}
	switch {
	case e.Status == http.StatusTooManyRequests:
		return e.rateLimitHint()
	case e.Status >= 500:
		return "Zoom had a problem on its side; wait a minute and try again (check the channel first if this was a send)."
	case e.Status == http.StatusUnauthorized:
		return "Zoom refused the access token even after a fresh one was fetched; check that ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET belong to a Team Chat app."
	case e.Status == http.StatusForbidden:
		return "The bot is not allowed to do this; check ZOOM_BOT_JID, ZOOM_ACCOUNT_ID and that the app is installed."
	case e.Status == http.StatusNotFound:
		return "Zoom found nothing at this address; check ZOOM_API_URL (normally " + DefaultAPIURL + ") and the ids you passed."
	case e.Status == http.StatusBadRequest:
		return "Zoom could not accept the request; check the card JSON and the JIDs."
	}
	return ""
}

var codeHints = map[int]string{
	7001: "Zoom could not read the request body; check that the card is a valid JSON object with the fields Zoom expects (a dry run shows the exact payload).",
	7002: "Zoom does not accept this bot JID; check ZOOM_BOT_JID against the Chat Subscription section of your Marketplace app's Features tab.",
	7003: "No chatbot has this bot JID; check ZOOM_BOT_JID and that the app is activated and installed on the account in ZOOM_ACCOUNT_ID.",
	7004: "The bot may not post to this recipient; check the to JID (a user …@xmpp.zoom.us or a channel …@conference.xmpp.zoom.us), that the bot is in that channel or installed for that user, and ZOOM_ACCOUNT_ID.",
	7010: "Zoom refused the access token even after a fresh one was fetched; check that ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET belong to a Team Chat (chatbot) app, not an OAuth or Server-to-Server app.",
	124:  "Zoom says the access token is invalid or expired even after a fresh one was fetched; check that ZOOM_TOKEN_URL and ZOOM_API_URL belong to the same Zoom and that this machine's clock is right.",
	8001: "Zoom has no message with this id for this bot; it may have been deleted already or sent by another bot or account.",
	8002: "Zoom does not know this trigger id for this user; use the trigger id and user id from the team_chat.link_shared event, which are valid only for that shared link.",
}

func (e *APIError) rateLimitHint() string {
	scope := "Zoom's per-account rate limit was reached (shared by every app on the account)"
	if e.RateLimitType == "Daily-limit" {
		scope = "Zoom's daily rate limit for this account was reached"
	}
	if e.RetryAfter > 0 {
		return scope + "; try again in " + humanDuration(e.RetryAfter) + "."
	}
	return scope + "; wait a little and try again."
}

// ErrOutcomeUnknown is matched by errors.Is for every *OutcomeUnknownError.
var ErrOutcomeUnknown = errors.New("outcome unknown")

// OutcomeUnknownError means the request may have reached Zoom and been
// applied, but no answer arrived. The client never retries it; the caller
// must check the channel (or the message) before sending again.
type OutcomeUnknownError struct {
	Op  string
	Err error // what broke: a timeout, a reset, an unreadable answer
}

func (e *OutcomeUnknownError) Error() string {
	what := map[string]string{
		"send":   "the message may or may not have been sent",
		"edit":   "the message may or may not have been edited",
		"delete": "the message may or may not have been deleted",
		"unfurl": "the unfurl may or may not have been posted",
	}[e.Op]
	if what == "" {
		what = "the request may or may not have been applied"
	}
	return e.Op + ": the request reached Zoom but no usable answer came back (" + describeNetError(e.Err) +
		"): " + what + "; check the channel or the history before retrying"
}

// Is makes errors.Is(err, ErrOutcomeUnknown) true.
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }

func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// NetworkError means the request never reached Zoom (refused connection, DNS
// failure, cancelled before it was written), so retrying is safe.
type NetworkError struct {
	Op   string
	Host string
	Err  error
}

func (e *NetworkError) Error() string {
	if isCallerContextError(e.Err) {
		return e.Op + ": stopped before the request reached Zoom (" + e.Err.Error() + "); nothing was sent"
	}
	return e.Op + ": could not reach Zoom at " + e.Host + ": " + describeNetError(e.Err) +
		"; check your network or ZOOM_API_URL"
}

func (e *NetworkError) Unwrap() error { return e.Err }

// InvalidRequestError is a request rejected locally, before any network I/O.
type InvalidRequestError struct {
	Op     string // empty for configuration errors
	Field  string // the request or Config field, e.g. "ToJID" or "APIURL"
	Reason string // what is wrong and how to fix it
}

func (e *InvalidRequestError) Error() string {
	prefix := "zoom"
	if e.Op != "" {
		prefix = e.Op
	}
	return prefix + ": " + e.Field + " " + e.Reason
}

// describeNetError names the cause of a transport failure in a few words.
// It never prints a URL: delete URLs carry ids in the query.
func describeNetError(err error) string {
	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case err == nil:
		return "no answer"
	case errors.As(err, &dnsErr):
		return "no such host " + dnsErr.Name
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.As(err, &netErr) && netErr.Timeout():
		return "timed out"
	case isContextError(err):
		return err.Error()
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return "the connection closed without an answer"
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return describeNetError(urlErr.Err)
	}
	return oneLine(err.Error(), 160)
}

func isContextError(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// isCallerContextError reports the caller's own context ending, as opposed
// to the HTTP client's timeout, which also matches context.DeadlineExceeded
// but means the network was too slow.
func isCallerContextError(err error) bool {
	return err == context.Canceled || err == context.DeadlineExceeded
}

func hostOf(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil && u.Host != "" {
		return u.Host
	}
	return "(invalid URL)"
}

func statusText(status int) string {
	if text := http.StatusText(status); text != "" {
		return strconv.Itoa(status) + " " + text
	}
	return strconv.Itoa(status)
}

// oneLine folds whitespace so an error stays on one line, and cuts it to max runes.
func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	return s
}

func humanDuration(d time.Duration) string {
	switch {
	case d < time.Second:
		return "a second"
	case d < time.Minute:
		return strconv.Itoa(int((d+time.Second-1)/time.Second)) + "s"
	case d < time.Hour:
		return strconv.Itoa(int((d+time.Minute-1)/time.Minute)) + "m"
	}
	minutes := int((d + time.Minute - 1) / time.Minute)
	return fmt.Sprintf("%dh%02dm", minutes/60, minutes%60)
}
