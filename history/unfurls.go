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
}

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
	return s.update(func(tx *bolt.Tx) error {
		appendOrdered(tx, bucketUnfurls)
		return putJSON(tx, bucketUnfurls, orderedKey(u.At, u.ID), u)
	})
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
