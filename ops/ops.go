// Package ops holds the Zoom operations both front ends of zoompose perform —
// the interactive app and the subcommands — and is the one place that does
// intent → request → resolution:
//
//  1. the intent is recorded in the history, durably, with the whole
//     envelope and card (no record, no request: a *HistoryError says
//     nothing was sent);
//  2. the request goes to Zoom;
//  3. the answer settles the record: applied, failed (kept in the outbox
//     when worth retrying), or outcome-unknown when no answer came.
//
// A process killed at any instant leaves either nothing sent, or a record.
// A request that may have reached Zoom is never repeated unless the caller
// says the admin accepted the risk of a duplicate.
package ops

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
)

// Ops performs Zoom operations and records them. Client must be set. With
// a nil Store nothing is recorded (the subcommands' --no-history, for
// emergencies). Ops is safe for concurrent use when Client and Store are.
type Ops struct {
	Client  *zoom.Client
	Store   *history.Store
	Profile string           // config profile name recorded with every record
	Now     func() time.Time // the clock; nil means time.Now
}

// Envelope is where a new message goes.
type Envelope struct {
	ToJID         string `json:"to_jid"`
	ReplyTo       string `json:"reply_to,omitempty"`
	VisibleToUser string `json:"visible_to_user,omitempty"`
}

func (o *Ops) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// HistoryError means the intent could not be recorded, so the request never
// went out.
type HistoryError struct {
	Op   history.OpKind
	Path string // the history file
	Err  error
}

// Error says nothing was sent, which file failed and why.
func (e *HistoryError) Error() string {
	return fmt.Sprintf("nothing was sent: the %s could not be recorded first in the history file %s (%v); zoompose does not call Zoom with what it cannot record",
		e.Op, e.Path, strings.TrimRight(e.Err.Error(), ". "))
}

// Unwrap returns the history's error.
func (e *HistoryError) Unwrap() error { return e.Err }

// unrecordable is the error of an intent the history did not take: its
// refusal as it is (the record's state does not allow the operation), any
// other failure as a *HistoryError.
func (o *Ops) unrecordable(op history.OpKind, err error) error {
	if history.Refused(err) {
		return err
	}
	return &HistoryError{Op: op, Path: o.Store.Path(), Err: err}
}

// RecordError means Zoom applied the request but the history could not
// record the answer. The intent is on disk, so the record says "sending"
// (or shows as outcome-unknown after a restart) rather than nothing.
type RecordError struct {
	Op  history.OpKind
	ID  string // the message id, or the trigger id of an unfurl
	Err error  // why the history write failed
	// Kept is the file beside the history that keeps Zoom's answer instead
	// (history.Keep), "" when that failed too.
	Kept string
}

// Error says which operation succeeded and why its record is not settled.
func (e *RecordError) Error() string {
	return fmt.Sprintf("%s %s succeeded, but the history could not record Zoom's answer (%v); its record will show the outcome as unknown: resolve it as arrived%s",
		e.Op, e.ID, e.Err, e.KeptNote())
}

// KeptNote is "; what Zoom answered is kept in FILE" when it was, else "".
func (e *RecordError) KeptNote() string {
	if e.Kept == "" {
		return ""
	}
	return "; what Zoom answered is kept in " + e.Kept
}

// recordError is the error of an operation Zoom applied whose answer the
// history could not record: the answer is kept beside the history
// (history.Keep) so that what was sent is known even when the history is
// damaged for good.
func (o *Ops) recordError(op history.OpKind, id string, k history.Kept, err error) *RecordError {
	k.Op, k.At, k.Err = op, o.now(), err.Error()
	kept, keepErr := history.Keep(o.Store.Path(), k)
	if keepErr != nil {
		err = errors.Join(err, keepErr)
	}
	return &RecordError{Op: op, ID: id, Err: err, Kept: kept}
}

// Unwrap returns the history's error.
func (e *RecordError) Unwrap() error { return e.Err }

// OutboxError is a failed operation kept in the outbox for a retry: Zoom
// certainly did not apply it.
type OutboxError struct {
	EntryID string
	Err     error
}

// Error is the failure followed by where it is kept and what to do.
func (e *OutboxError) Error() string {
	return strings.TrimRight(e.Err.Error(), ". ") + ". It is kept in the outbox (f4), where you can retry or discard it."
}

// Unwrap returns the failure.
func (e *OutboxError) Unwrap() error { return e.Err }

// UnknownError is an operation whose answer never came: it may have been
// applied. Its record says outcome-unknown until the admin resolves it.
type UnknownError struct {
	RecordID string
	Err      error
}

// Error is the failure followed by what was recorded and what to do.
func (e *UnknownError) Error() string {
	return strings.TrimRight(e.Err.Error(), ". ") + fmt.Sprintf(". It is recorded as outcome unknown (%s): look in Zoom, then say whether it arrived in the outbox (f4) or with zoompose history resolve %s --arrived|--not-arrived.",
		e.RecordID, e.RecordID)
}

// Unwrap returns the failure.
func (e *UnknownError) Unwrap() error { return e.Err }

// ErrMayDuplicate is returned when a retry of an unknown outcome was asked
// without the admin's yes: it may post a second copy.
var ErrMayDuplicate = errors.New("its first request may have reached Zoom, so sending it again may post a duplicate; ask the admin first")

// Retryable reports whether a failure is worth keeping in the outbox: the
// network failed, Zoom failed (5xx) or the rate limit outlasted the retries,
// on the way to the API or to the token endpoint.
// Requests Zoom rejected as wrong (4xx) are not: the card or the
// configuration must change first. Neither is a request the caller cancelled
// before it was written.
func Retryable(err error) bool {
	var apiErr *zoom.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Status >= 500 || apiErr.Status == 429
	}
	var tokErr *zoom.TokenError
	if errors.As(err, &tokErr) {
		// No token, so no request went out: worth a retry when the token
		// endpoint, or the way to it, failed.
		return tokErr.Status >= 500 || tokErr.Status == 429 || (tokErr.Err != nil && !errors.Is(tokErr.Err, context.Canceled))
	}
	var netErr *zoom.NetworkError
	return errors.As(err, &netErr) && !errors.Is(netErr.Err, context.Canceled)
}

// settleFailure records how an operation on record id failed and returns
// the error the caller reports. keep means the record stays in the outbox
// whatever the failure was: it was already waiting there (a retry), or it is
// a scheduled send, whose card exists nowhere else. tries, the requests the
// attempt made, are counted in the same transaction.
func (o *Ops) settleFailure(id string, keep bool, err error, kind history.OpKind, tries zoom.Tries) error {
	var serr error
	var result error
	t := triesOf(tries)
	switch {
	case errors.Is(err, zoom.ErrOutcomeUnknown):
		serr = o.settle(id, kind, history.OpUnknown, err.Error(), false, t)
		result = &UnknownError{RecordID: id, Err: err}
	case Retryable(err) || keep:
		serr = o.settle(id, kind, history.OpFailed, err.Error(), false, t)
		result = &OutboxError{EntryID: id, Err: err}
	default:
		serr = o.settle(id, kind, history.OpFailed, err.Error(), true, t)
		result = err
	}
	if serr != nil {
		// The intent stays in flight on disk: the next start shows it as an
		// unknown outcome, which is true enough, and says so.
		return fmt.Errorf("%w; the history could not record this failure either (%v), so its record will show as outcome unknown", err, serr)
	}
	return result
}

// settle writes a failed or unknown outcome; forget drops the operation.
func (o *Ops) settle(id string, kind history.OpKind, state history.OpState, reason string, forget bool, tries history.Tries) error {
	if kind == history.OpUnfurl {
		_, err := o.Store.SettleUnfurl(id, state, reason, forget, tries)
		return err
	}
	var err error
	switch {
	case state == history.OpUnknown:
		_, err = o.Store.Unknown(id, reason, tries)
	default:
		_, err = o.Store.NotApplied(id, reason, !forget, tries)
	}
	return err
}
