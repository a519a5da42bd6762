package history

import (
	"errors"
	"fmt"
	"time"
)

// ErrLocked is matched (errors.Is) by the error Open returns when another
// process, or another Store in this process, holds the history file.
var ErrLocked = errors.New("history file in use")

// ErrNotHistory is matched (errors.Is) by the error Open returns when the
// file exists but is not a zoompose history: not a bbolt file at all, or a
// bbolt file without the zoompose marker.
var ErrNotHistory = errors.New("not a zoompose history file")

// ErrNoHistory is matched (errors.Is) by the error OpenExisting returns when
// there is no file at the path.
var ErrNoHistory = errors.New("no history file")

// ErrNewerSchema is matched (errors.Is) by the error Open returns when the file
// was written by a newer zoompose whose layout this build does not know.
var ErrNewerSchema = errors.New("history written by a newer zoompose")

// ErrNotFound is matched (errors.Is) by the error returned when an id names no
// record.
var ErrNotFound = errors.New("not found")

// ErrCorrupt is matched (errors.Is) by the error Get returns when the record
// exists but cannot be decoded. List and Export skip such records and report
// them through Warnings instead.
var ErrCorrupt = errors.New("corrupt history record")

// LockedError says which file is held. Its message is a complete sentence
// that tells the user what to do.
type LockedError struct{ Path string }

// Error says the file is in use and to close the other zoompose.
func (e *LockedError) Error() string {
	return fmt.Sprintf("the history file %s is in use by another zoompose process; close it and try again", e.Path)
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// NotHistoryError says which file is foreign and why.
type NotHistoryError struct {
	Path   string
	Reason string
}

// Error names the file and why it is not a history.
func (e *NotHistoryError) Error() string {
	return fmt.Sprintf("%s is not a zoompose history file (%s); set ZOOMPOSE_DB to another path or move the file away", e.Path, e.Reason)
}

// Is makes errors.Is(err, ErrNotHistory) true.
func (e *NotHistoryError) Is(target error) bool { return target == ErrNotHistory }

// NoHistoryError says there is no history at Path: OpenExisting creates none.
type NoHistoryError struct{ Path string }

// Error names the path that holds nothing.
func (e *NoHistoryError) Error() string {
	return fmt.Sprintf("no history at %s", e.Path)
}

// Is makes errors.Is(err, ErrNoHistory) true.
func (e *NoHistoryError) Is(target error) bool { return target == ErrNoHistory }

// NewerSchemaError names the schema version found in the file.
type NewerSchemaError struct {
	Path    string
	Version uint64
}

// Error says to upgrade zoompose.
func (e *NewerSchemaError) Error() string {
	return fmt.Sprintf("the history file %s has layout version %d but this zoompose knows only up to %d; upgrade zoompose to read it",
		e.Path, e.Version, SchemaVersion)
}

// Is makes errors.Is(err, ErrNewerSchema) true.
func (e *NewerSchemaError) Is(target error) bool { return target == ErrNewerSchema }

// NotFoundError names the missing record.
type NotFoundError struct {
	Kind string // "message", "draft", "outbox entry", "template"
	ID   string
}

// Error names the missing record.
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("there is no %s %q in the history", e.Kind, e.ID)
}

// Is makes errors.Is(err, ErrNotFound) true.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// CorruptError names a record that exists but cannot be decoded.
type CorruptError struct {
	Bucket string
	Key    string
	Err    error
}

// Error names the damaged record and says it is skipped.
func (e *CorruptError) Error() string {
	return fmt.Sprintf("the %s record %q in the history is damaged and cannot be read (%v); it is skipped", e.Bucket, e.Key, e.Err)
}

// Is makes errors.Is(err, ErrCorrupt) true.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// Unwrap returns the decoding error.
func (e *CorruptError) Unwrap() error { return e.Err }

// SettledError means an operation was asked of a record whose last operation
// is already settled: it was sent, discarded or resolved, from this screen or
// another (or another command).
type SettledError struct {
	ID     string
	Status Status
}

// Error says the record needs nothing more.
func (e *SettledError) Error() string {
	return fmt.Sprintf("%s has nothing left to settle: it is %s now (it was settled elsewhere, or already resolved)", e.ID, e.Status)
}

// BusyError means a change was asked of a message that has an unsettled
// operation: that one must be settled first, so the record stays true.
type BusyError struct {
	ID string
	Op *Operation
}

// Error names the unsettled operation and what to do about it.
func (e *BusyError) Error() string {
	if e.Op.Kind == OpSend && e.Op.State == OpFailed {
		return fmt.Sprintf("message %s never reached Zoom (its send failed); send it again or discard it in the outbox (f4)", e.ID)
	}
	if e.Op.State == OpInFlight {
		return fmt.Sprintf("message %s has a %s on its way to Zoom; wait for its answer", e.ID, e.Op.Kind)
	}
	return fmt.Sprintf("message %s has a %s that is %s; resolve it in the outbox (f4) or with zoompose history resolve %s first",
		e.ID, e.Op.Kind, e.Op.State, e.ID)
}

// DeletedError means a change was asked of a message zoompose deleted: Zoom
// no longer has it, so nothing is sent.
type DeletedError struct {
	ID string
	At time.Time
}

// Error says when it was deleted and that nothing was sent.
func (e *DeletedError) Error() string {
	return fmt.Sprintf("message %s was deleted on %s; Zoom no longer has it, so nothing was sent", e.ID, e.At.Local().Format("Jan 2 15:04"))
}

// Refused reports whether err is a history's refusal to start an operation
// (the record's state does not allow it) rather than a failure to write.
func Refused(err error) bool {
	var busy *BusyError
	var settled *SettledError
	var deleted *DeletedError
	var noID *NoZoomIDError
	var notScheduled *NotScheduledError
	var unsent *UnsentScheduledError
	return errors.As(err, &busy) || errors.As(err, &settled) || errors.As(err, &deleted) || errors.As(err, &noID) ||
		errors.As(err, &notScheduled) || errors.As(err, &unsent)
}

// NoZoomIDError means a change was asked of a message known only by its local
// id (it was resolved as arrived without the id Zoom gave it): Zoom cannot
// be asked to change it, so nothing is sent.
type NoZoomIDError struct{ ID string }

// Error says why and where the message can still be changed.
func (e *NoZoomIDError) Error() string {
	return fmt.Sprintf("%s is recorded without the message id Zoom gave it, so zoompose cannot ask Zoom to change it; nothing was sent (change it in Zoom itself)", e.ID)
}

// UnsentScheduledError means a change was asked of a scheduled send: it is
// waiting for its time (or was cancelled), not a message Zoom has, so there
// is nothing on Zoom to change and nothing is sent. It is changed as a
// scheduled send (rescheduled, its card edited, cancelled).
type UnsentScheduledError struct {
	ID    string
	State ScheduleState
	Due   time.Time
}

// Error says it was never sent, and when it would be.
func (e *UnsentScheduledError) Error() string {
	if e.State == ScheduleCancelled {
		return fmt.Sprintf("%s is a scheduled send that was cancelled, never sent: Zoom has nothing to change; nothing was sent", e.ID)
	}
	return fmt.Sprintf("%s is scheduled for %s, not sent: Zoom has nothing to change yet; nothing was sent", e.ID, e.Due.Local().Format("2006-01-02 15:04"))
}

// IDTakenError means a record was to take a message id that another record
// already has: the history keeps one record per message, so nothing changed.
type IDTakenError struct {
	ID        string // the record that was to take the id
	MessageID string
	Owner     string // the record that has it
}

// Error names both records and says nothing changed.
func (e *IDTakenError) Error() string {
	owner := "record " + e.Owner
	if e.Owner == e.MessageID {
		owner = "the sent message " + e.Owner
	}
	return fmt.Sprintf("the message id %s already belongs to %s in the history, so %s was not changed; look again at the id Zoom shows for it",
		e.MessageID, owner, e.ID)
}

// ErrDamaged is matched (errors.Is) by the error of an open, read or write
// that met a damaged page of the history file.
var ErrDamaged = errors.New("history file damaged")

// DamagedError names the damaged history file and what was found: bbolt's
// panic, a memory fault reading the file, or what the check of the list of
// free pages found (freelist.go).
type DamagedError struct {
	Path  string
	Cause string
	Kept  string // names the file of Zoom's answers kept beside it (unsettled.go); "" when there is none
}

// Error says the file is damaged and what to do.
func (e *DamagedError) Error() string {
	msg := fmt.Sprintf("the history file %s is damaged (%s); move it away and zoompose will start a new one", e.Path, e.Cause)
	if e.Kept != "" {
		msg += "; keep the file beside it: " + e.Kept
	}
	return msg
}

// Is makes errors.Is(err, ErrDamaged) true.
func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }
