package history

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Unfurl is one link unfurl sent in answer to a link-shared event.
type Unfurl struct {
	ID        string          `json:"id"`
	Profile   string          `json:"profile,omitempty"`
	UserID    string          `json:"user_id"`
	TriggerID string          `json:"trigger_id"`
	Content   json.RawMessage `json:"content"`
	Source    string          `json:"source,omitempty"`
	At        time.Time       `json:"at"`
	// Status is "" or "sent" once Zoom applied it; "sending", "failed" or
	// "outcome-unknown" while Op is unsettled.
	Status Status     `json:"status,omitempty"`
	Op     *Operation `json:"op,omitempty"`
	// LastTries counts the requests of the attempts that posted it.
	LastTries Tries `json:"last_tries,omitzero"`
}

// Posted reports whether Zoom is known to have applied the unfurl.
func (u Unfurl) Posted() bool { return u.Status == "" || u.Status == StatusSent }

// PutUnfurl records u and is durable on return. An empty ID gets NewLocalID,
// a zero At becomes now. Unfurls are kept in time order: ID and At together
// identify a record, so putting the same unfurl again replaces it. It fails
// without writing when Content is not JSON.
func (s *Store) PutUnfurl(u Unfurl) error {
	if !json.Valid(u.Content) {
		return fmt.Errorf("the content of the unfurl for trigger %s is not valid JSON, so it was not recorded", u.TriggerID)
	}
	if u.ID == "" {
		u.ID = NewLocalID()
	}
	if u.At.IsZero() {
		u.At = time.Now()
	}
	return s.update(func(tx *bolt.Tx) error { return writeUnfurl(tx, u) })
}

// BeginUnfurl records the intent to post u before its request goes out:
// status "sending" under a new local id, with an in-flight operation.
// SettleUnfurl settles it with what came back.
func (s *Store) BeginUnfurl(u Unfurl, at time.Time) (Unfurl, error) {
	u.ID, u.At, u.Status = NewLocalID(), at, StatusSending
	u.Op = newOperation(OpUnfurl, at)
	return u, s.PutUnfurl(u)
}

// SettleUnfurl settles the unsettled unfurl id: state "" means Zoom applied
// it; OpFailed or OpUnknown keep it for the admin with reason; forget (with
// OpFailed) drops a record Zoom certainly did not apply and that is not
// worth retrying. retry (with OpInFlight) records a new attempt, with card
// replacing its content when not nil. tries are the requests of the attempt
// being settled (none for a retry's start).
func (s *Store) SettleUnfurl(id string, state OpState, reason string, forget bool, tries Tries) (Unfurl, error) {
	return s.modifyUnfurl(id, func(u *Unfurl) (bool, error) {
		u.Op.add(tries)
		switch state {
		case "":
			u.Status, u.LastTries, u.Op = StatusSent, *u.Op.Tries, nil
		case OpInFlight:
			if !u.Op.NeedsAction() {
				return false, &SettledError{ID: id, Status: u.Status}
			}
			u.Status, u.Op.State, u.Op.Err, u.Op.At = StatusSending, OpInFlight, "", time.Now()
			u.Op.Attempts++
		default:
			if forget {
				return true, nil
			}
			u.Status, u.Op.State, u.Op.Err = StatusFailed, state, reason
			if state == OpUnknown {
				u.Status = StatusOutcomeUnknown
			}
		}
		return false, nil
	})
}

// modifyUnfurl changes the unsettled unfurl id in one transaction, or
// removes it when change says so.
func (s *Store) modifyUnfurl(id string, change func(*Unfurl) (remove bool, err error)) (Unfurl, error) {
	var u Unfurl
	err := s.update(func(tx *bolt.Tx) error {
		ref, ok := decodePending([]byte(id), tx.Bucket(bucketPending).Get([]byte(id)))
		if !ok || ref.unfurlKey == nil {
			return &NotFoundError{Kind: "unsettled unfurl", ID: id}
		}
		var err error
		if u, err = loadUnfurl(tx, ref.unfurlKey); err != nil {
			return err
		}
		if u.Op == nil {
			return &SettledError{ID: id, Status: u.Status}
		}
		remove, err := change(&u)
		if err != nil {
			return err
		}
		if remove {
			if err := tx.Bucket(bucketPending).Delete([]byte(id)); err != nil {
				return err
			}
			return tx.Bucket(bucketUnfurls).Delete(ref.unfurlKey)
		}
		return writeUnfurl(tx, u)
	})
	return u, err
}

// writeUnfurl stores u under its ordered key and keeps its pending entry in
// step with its operation.
func writeUnfurl(tx *bolt.Tx, u Unfurl) error {
	key := orderedKey(u.At, u.ID)
	appendOrdered(tx, bucketUnfurls)
	if err := putJSON(tx, bucketUnfurls, key, u); err != nil {
		return err
	}
	return indexPending(tx, u.ID, u.Op, key)
}

func loadUnfurl(tx *bolt.Tx, key []byte) (Unfurl, error) {
	var u Unfurl
	data := tx.Bucket(bucketUnfurls).Get(key)
	if data == nil {
		return u, &NotFoundError{Kind: "unfurl", ID: idOf(key)}
	}
	return u, decodeJSON(bucketUnfurls, key, data, &u)
}

// Unfurls returns the newest unfurls first, at most limit of them
// (DefaultLimit when limit ≤ 0), reading only those records. Damaged records
// are skipped and reported by Warnings.
func (s *Store) Unfurls(limit int) ([]Unfurl, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	var out []Unfurl
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketUnfurls).Cursor()
		for k, v := c.Last(); k != nil && len(out) < limit; k, v = c.Prev() {
			var u Unfurl
			if err := decodeJSON(bucketUnfurls, k, v, &u); err != nil {
				s.warn(err)
				continue
			}
			out = append(out, u)
		}
		return nil
	})
	return out, err
}
