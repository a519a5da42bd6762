package history

import (
	"bytes"
	"cmp"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The pending bucket indexes every record with an unsettled operation, so
// that Open finds what a dead process left in flight and the outbox lists
// what needs action without reading the whole history. Its key is the
// record id; its value is the state's letter, then 'm' for a message or 'u'
// followed by the unfurl's ordered key.
const (
	pendingMessage = 'm'
	pendingUnfurl  = 'u'
)

var stateLetters = map[OpState]byte{OpInFlight: 'i', OpFailed: 'f', OpUnknown: 'x'}

// pendingRef locates one record of the pending bucket.
type pendingRef struct {
	id        string
	state     OpState
	unfurlKey []byte // nil for a message
}

// indexPending keeps the pending entry of record id in step with op.
// unfurlKey is the unfurl's ordered key, nil for a message.
func indexPending(tx *bolt.Tx, id string, op *Operation, unfurlKey []byte) error {
	b := tx.Bucket(bucketPending)
	if op == nil {
		return b.Delete([]byte(id))
	}
	v := []byte{stateLetters[op.State], pendingMessage}
	if unfurlKey != nil {
		v = append([]byte{stateLetters[op.State], pendingUnfurl}, unfurlKey...)
	}
	return b.Put([]byte(id), v)
}

func decodePending(k, v []byte) (pendingRef, bool) {
	if len(v) < 2 {
		return pendingRef{}, false
	}
	ref := pendingRef{id: string(k)}
	for state, letter := range stateLetters {
		if v[0] == letter {
			ref.state = state
		}
	}
	if v[1] == pendingUnfurl {
		ref.unfurlKey = bytes.Clone(v[2:])
	}
	return ref, ref.state != ""
}

// pendingRefs returns the pending entries, those in state only when state is
// not "".
func pendingRefs(tx *bolt.Tx, state OpState) []pendingRef {
	var refs []pendingRef
	_ = tx.Bucket(bucketPending).ForEach(func(k, v []byte) error {
		if ref, ok := decodePending(k, v); ok && (state == "" || ref.state == state) {
			refs = append(refs, ref)
		}
		return nil
	})
	return refs
}

// OutboxEntry is a record whose last operation needs the admin: it failed
// (retry or discard it) or its outcome is unknown (say whether it arrived,
// or send it again after being asked). It is a view of the record, not a
// copy: settling the record, from any screen or command, removes it.
type OutboxEntry struct {
	ID       string    `json:"id"` // the record's id (a message's, or an unfurl's)
	Kind     OpKind    `json:"op"`
	State    OpState   `json:"state"`
	Target   string    `json:"target"` // send: the recipient JID; edit, delete: the message id; unfurl: the trigger id
	Card     Revision  `json:"card"`   // the card the operation sends (empty for a delete)
	Err      string    `json:"err,omitempty"`
	At       time.Time `json:"at"`
	Attempts int       `json:"attempts"`
	Tries    Tries     `json:"tries"` // the requests its attempts put on the network
	Profile  string    `json:"profile,omitempty"`
}

// Outbox returns every record that needs action, oldest first (the order
// to retry them in). Damaged records are skipped and reported by Warnings.
func (s *Store) Outbox() ([]OutboxEntry, error) {
	var out []OutboxEntry
	err := s.view(func(tx *bolt.Tx) error {
		for _, ref := range pendingRefs(tx, "") {
			if ref.state == OpInFlight {
				continue
			}
			if e, ok := s.outboxEntry(tx, ref); ok {
				out = append(out, e)
			}
		}
		return nil
	})
	slices.SortStableFunc(out, func(a, b OutboxEntry) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ID, b.ID))
	})
	return out, err
}

func (s *Store) outboxEntry(tx *bolt.Tx, ref pendingRef) (OutboxEntry, bool) {
	if ref.unfurlKey != nil {
		u, err := loadUnfurl(tx, ref.unfurlKey)
		if err != nil || u.Op == nil {
			s.warnIf(err)
			return OutboxEntry{}, false
		}
		return entryOf(u.ID, u.Profile, u.TriggerID, u.Op, Revision{Content: u.Content, Source: u.Source, At: u.At}), true
	}
	m, err := loadMessage(tx, ref.id)
	if err != nil || m.Op == nil {
		s.warnIf(err)
		return OutboxEntry{}, false
	}
	target, card := m.ID, Revision{}
	switch m.Op.Kind {
	case OpSend:
		target, card = m.ToJID, m.Live()
	case OpEdit:
		card = *m.Op.Revision
	}
	return entryOf(m.ID, m.Profile, target, m.Op, card), true
}

func entryOf(id, profile, target string, op *Operation, card Revision) OutboxEntry {
	return OutboxEntry{
		ID: id, Kind: op.Kind, State: op.State, Target: target, Card: card,
		Err: op.Err, At: op.At, Attempts: op.Attempts, Tries: op.Counted(), Profile: profile,
	}
}

func (s *Store) warnIf(err error) {
	if err != nil {
		s.warn(err)
	}
}

// InFlight counts the operations whose request is on its way to Zoom now
// (recorded, not yet answered), by kind. The app refuses to switch profile
// while there is one: its answer must settle the record it began.
func (s *Store) InFlight() (map[OpKind]int, error) {
	kinds := map[OpKind]int{}
	err := s.view(func(tx *bolt.Tx) error {
		for _, ref := range pendingRefs(tx, OpInFlight) {
			if ref.unfurlKey != nil {
				kinds[OpUnfurl]++
				continue
			}
			m, err := loadMessage(tx, ref.id)
			if err != nil || m.Op == nil {
				kinds[OpSend]++ // damaged: counted all the same, as the operation it most likely is
				continue
			}
			kinds[m.Op.Kind]++
		}
		return nil
	})
	return kinds, err
}
