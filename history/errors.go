package history

import (
	"errors"
	"fmt"
)

// ErrLocked is matched (errors.Is) by the error Open returns when another
// process, or another Store in this process, holds the history file.
var ErrLocked = errors.New("history file in use")

// ErrNotHistory is matched (errors.Is) by the error Open returns when the
// file exists but is not a zoompose history: not a bbolt file at all, or a
// bbolt file without the zoompose marker.
var ErrNotHistory = errors.New("not a zoompose history file")

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
