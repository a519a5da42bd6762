package history

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// OutboxEntry is a request zoompose has not seen succeed: a send that failed
// or whose outcome is unknown. It survives restarts so the user can retry or
// discard it. Envelope is the request body, never a credential.
type OutboxEntry struct {
	ID       string          `json:"id"`
	Profile  string          `json:"profile,omitempty"`
	Op       string          `json:"op"` // send, edit, delete or unfurl
	Envelope json.RawMessage `json:"envelope,omitempty"`
	Source   string          `json:"source,omitempty"`
	Err      string          `json:"err,omitempty"`
	At       time.Time       `json:"at"`
	Attempts int             `json:"attempts"`
}

// PutOutbox stores e, replacing the entry with the same ID, and is durable on
// return. An empty ID gets NewLocalID (find it again through Outbox); a zero
// At becomes now. It fails without writing for an unknown Op or an Envelope
// that is not JSON.
func (s *Store) PutOutbox(e OutboxEntry) error {
	switch e.Op {
	case "send", "edit", "delete", "unfurl":
	default:
		return fmt.Errorf("outbox entry %s has operation %q; use send, edit, delete or unfurl", e.ID, e.Op)
	}
	if len(e.Envelope) > 0 && !json.Valid(e.Envelope) {
		return fmt.Errorf("the envelope of outbox entry %s is not valid JSON, so it was not stored", e.ID)
	}
	if e.ID == "" {
		e.ID = NewLocalID()
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	return s.putNamed(bucketOutbox, "outbox entry", e.ID, e)
}

// Outbox returns every entry, oldest first (the order to retry them in).
// Damaged records are skipped and reported by Warnings.
func (s *Store) Outbox() ([]OutboxEntry, error) {
	entries, err := allOf[OutboxEntry](s, bucketOutbox)
	slices.SortStableFunc(entries, func(a, b OutboxEntry) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ID, b.ID))
	})
	return entries, err
}

// DeleteOutbox removes the entry; a NotFoundError (ErrNotFound) when there is
// none.
func (s *Store) DeleteOutbox(id string) error {
	return s.deleteNamed(bucketOutbox, "outbox entry", id)
}
