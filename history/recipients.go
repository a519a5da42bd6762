package history

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Recipient is a JID zoompose has sent to, for completion in the send form.
type Recipient struct {
	JID      string    `json:"jid"`
	Label    string    `json:"label,omitempty"` // the user's name for it
	LastUsed time.Time `json:"last_used,omitzero"`
	Uses     int       `json:"uses"`
}

// recipientRecord is the stored value; the JID is the key.
type recipientRecord struct {
	Label    string    `json:"label,omitempty"`
	LastUsed time.Time `json:"last_used,omitzero"`
	Uses     int       `json:"uses"`
}

// TouchRecipient records one use of jid at the given time (now if zero):
// the use count goes up by one and LastUsed moves forward, never back. The
// label is kept. It is durable on return. PutMessage does not call it;
// Applied does, in the transaction that records the sent message.
func (s *Store) TouchRecipient(jid string, at time.Time) error {
	if jid == "" {
		return fmt.Errorf("a recipient needs a JID")
	}
	return s.update(func(tx *bolt.Tx) error { return s.touchRecipient(tx, jid, at) })
}

func (s *Store) touchRecipient(tx *bolt.Tx, jid string, at time.Time) error {
	if at.IsZero() {
		at = time.Now()
	}
	return s.changeRecipientTx(tx, jid, func(r *recipientRecord) {
		r.Uses++
		if at.After(r.LastUsed) {
			r.LastUsed = at
		}
	})
}

// SetRecipientLabel names jid (creating the recipient with no uses if it is
// new); an empty label removes the name. It is durable on return. A label
// another recipient or a list has (case-insensitively), or one with an "@",
// is refused with a *NameError (see names.go); LabelRecipient also refuses
// an empty one.
func (s *Store) SetRecipientLabel(jid, label string) error {
	if label == "" {
		return s.changeRecipient(jid, func(r *recipientRecord) { r.Label = "" })
	}
	return s.LabelRecipient(jid, label)
}

// Recipients returns every recipient, most recently used first, then by JID.
// Damaged records are skipped and reported by Warnings.
func (s *Store) Recipients() ([]Recipient, error) {
	var out []Recipient
	err := s.view(func(tx *bolt.Tx) error {
		return s.eachRecipient(tx, func(r Recipient) error {
			out = append(out, r)
			return nil
		})
	})
	slices.SortStableFunc(out, func(a, b Recipient) int {
		return cmp.Or(b.LastUsed.Compare(a.LastUsed), cmp.Compare(a.JID, b.JID))
	})
	return out, err
}

// eachRecipient calls fn for every recipient in JID order; the JID is the
// key, not part of the stored record. Damaged records are skipped with a
// warning.
func (s *Store) eachRecipient(tx *bolt.Tx, fn func(Recipient) error) error {
	return tx.Bucket(bucketRecipients).ForEach(func(k, v []byte) error {
		var r recipientRecord
		if err := decodeJSON(bucketRecipients, k, v, &r); err != nil {
			s.warn(err)
			return nil
		}
		return fn(Recipient{JID: string(k), Label: r.Label, LastUsed: r.LastUsed, Uses: r.Uses})
	})
}

// changeRecipient applies change to the stored record (a damaged one starts
// over from zero rather than blocking the user).
func (s *Store) changeRecipient(jid string, change func(*recipientRecord)) error {
	if jid == "" {
		return fmt.Errorf("a recipient needs a JID")
	}
	return s.update(func(tx *bolt.Tx) error { return s.changeRecipientTx(tx, jid, change) })
}

func (s *Store) changeRecipientTx(tx *bolt.Tx, jid string, change func(*recipientRecord)) error {
	if jid == "" {
		return nil // a send without a recipient JID is not a use of anyone
	}
	var r recipientRecord
	if data := tx.Bucket(bucketRecipients).Get([]byte(jid)); data != nil {
		if err := decodeJSON(bucketRecipients, []byte(jid), data, &r); err != nil {
			s.warn(err)
			r = recipientRecord{}
		}
	}
	change(&r)
	return putJSON(tx, bucketRecipients, []byte(jid), r)
}
