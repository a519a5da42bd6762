// Package ops holds the operations both front ends of zoompose perform — the
// interactive app and the subcommands — so that no behaviour lives only in
// one of them: call Zoom, then record the result in the history before
// reporting success.
//
// Order matters: the history write happens after Zoom accepted the request
// and before the caller is told it succeeded. When Zoom accepted it but the
// write failed, the caller gets the result together with a *RecordError, so
// it can still show the message id. Sends that failed for a reason worth
// retrying (network, 5xx, 429 after retries, outcome unknown) are kept in the
// outbox with their card and envelope.
package ops

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
)

// Ops performs Zoom operations and records them. Client and Store must be
// set; Ops is safe for concurrent use when they are.
type Ops struct {
	Client  *zoom.Client
	Store   *history.Store
	Profile string           // config profile name recorded with every record
	Now     func() time.Time // the clock; nil means time.Now
}

// Card is a composed message: the source the author wrote and the content
// JSON object it produced (Zoom's markdown dialect).
type Card struct {
	Source   string
	Content  json.RawMessage
	Markdown bool // is_markdown_support
}

// Envelope is where a new message goes.
type Envelope struct {
	ToJID         string `json:"to_jid"`
	ReplyTo       string `json:"reply_to,omitempty"`
	VisibleToUser string `json:"visible_to_user,omitempty"`
}

// RecordError means Zoom accepted the request but the history could not be
// written; the operation itself succeeded.
type RecordError struct {
	Op  string // send, edit, delete or unfurl
	ID  string // the message id, or the trigger id of an unfurl
	Err error  // why the history write failed
}

// Error says which operation succeeded and why its record is missing.
func (e *RecordError) Error() string {
	return fmt.Sprintf("%s %s succeeded, but the history could not be written (%v); the local record of it is missing",
		e.Op, e.ID, e.Err)
}

// Unwrap returns the history's error.
func (e *RecordError) Unwrap() error { return e.Err }

func (o *Ops) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// Retryable reports whether a failed send is worth keeping in the outbox: the
// network failed, Zoom failed (5xx), the rate limit outlasted the retries, or
// the outcome is unknown. Requests Zoom rejected as wrong (4xx) are not: the
// card or the configuration must change first.
func Retryable(err error) bool {
	var apiErr *zoom.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Status >= 500 || apiErr.Status == 429
	}
	var netErr *zoom.NetworkError
	return errors.Is(err, zoom.ErrOutcomeUnknown) || errors.As(err, &netErr)
}
