package history

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bucketScheduled holds the scheduled sends: id -> JSON Scheduled. It is
// created by the first Schedule, so a history written before scheduled sends
// existed needs no migration; readers treat a missing bucket as none.
var bucketScheduled = []byte("scheduled")

// ScheduleState says where a scheduled send stands. A send that fired has
// no Scheduled record any more: it is a message (see BeginScheduledSend).
type ScheduleState string

// The states of a scheduled send.
const (
	// ScheduleWaiting: it waits for its due time (or, overdue, for a run or
	// for the admin).
	ScheduleWaiting ScheduleState = "scheduled"
	// ScheduleCancelled: the admin cancelled it; it is kept, and never sent.
	ScheduleCancelled ScheduleState = "cancelled"
)

// Scheduled is a send recorded for later: the whole message as it will be
// sent (envelope, identities, profile and its one card) and when.
type Scheduled struct {
	ID          string        `json:"id"` // a local id; the message keeps it (as an alias once Zoom answers)
	State       ScheduleState `json:"state"`
	Due         time.Time     `json:"due"`
	CreatedAt   time.Time     `json:"created_at"`
	CancelledAt time.Time     `json:"cancelled_at,omitzero"`
	Message     Message       `json:"message"` // ToJID, envelope, identities, Profile, one revision
}

// NotScheduledError means a scheduled send is not waiting any more: it was
// cancelled, or it fired (SentAs names the message it became), or another
// runner took it a moment ago.
type NotScheduledError struct {
	ID     string
	State  ScheduleState // "" when the record is gone (it fired)
	SentAs string        // the message it became, when known
}

// Error says what became of it.
func (e *NotScheduledError) Error() string {
	switch {
	case e.State == ScheduleCancelled:
		return fmt.Sprintf("the scheduled send %s was cancelled", e.ID)
	case e.SentAs != "":
		return fmt.Sprintf("the scheduled send %s is not waiting any more: it fired as message %s", e.ID, e.SentAs)
	}
	return fmt.Sprintf("there is no scheduled send %s", e.ID)
}

// Schedule records m to be sent at due, under a new local id, and is durable
// on return. m needs its ToJID and one revision (the card), as BeginSend.
func (s *Store) Schedule(m Message, due, at time.Time) (Scheduled, error) {
	sc, err := newScheduled(m, due, at)
	if err != nil {
		return Scheduled{}, err
	}
	err = s.update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(bucketScheduled); err != nil {
			return fmt.Errorf("could not create the %s bucket: %w", bucketScheduled, err)
		}
		return putJSON(tx, bucketScheduled, []byte(sc.ID), sc)
	})
	return sc, err
}

// ScheduleBroadcast records the copies of a broadcast to be sent at due, in
// one transaction, and is durable on return: a scheduled send per copy (a
// new local id each, all of one new group) and the group's index. Each copy
// fires on its own when due (BeginScheduledSend keeps its group), and joins
// the group's listing (Group) as it does; a copy cancelled never does. Each
// message needs its ToJID and one revision, as for Schedule.
func (s *Store) ScheduleBroadcast(copies []Message, due, at time.Time) (string, []Scheduled, error) {
	if err := checkCopyCount(len(copies)); err != nil {
		return "", nil, err
	}
	group := NewGroupID()
	out := make([]Scheduled, len(copies))
	for i, m := range copies {
		m.Revisions = append([]Revision(nil), m.Revisions...) // the copies must not share a revision
		m.Group = group
		sc, err := newScheduled(m, due, at)
		if err != nil {
			return "", nil, fmt.Errorf("copy %d of the broadcast: %w", i+1, err)
		}
		out[i] = sc
	}
	err := s.update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(bucketScheduled); err != nil {
			return fmt.Errorf("could not create the %s bucket: %w", bucketScheduled, err)
		}
		index, err := tx.CreateBucketIfNotExists(bucketGroups)
		if err != nil {
			return fmt.Errorf("could not create the %s bucket: %w", bucketGroups, err)
		}
		for i, sc := range out {
			if err := putJSON(tx, bucketScheduled, []byte(sc.ID), sc); err != nil {
				return err
			}
			if err := index.Put(groupKey(group, i), []byte(sc.ID)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	return group, out, nil
}

// newScheduled is m waiting to be sent at due, under a new local id.
func newScheduled(m Message, due, at time.Time) (Scheduled, error) {
	if m.ToJID == "" || len(m.Revisions) != 1 {
		return Scheduled{}, fmt.Errorf("a scheduled send needs a recipient and one card before it can be recorded")
	}
	if due.IsZero() {
		return Scheduled{}, fmt.Errorf("a scheduled send needs its due time")
	}
	sc := Scheduled{ID: NewLocalID(), State: ScheduleWaiting, Due: due, CreatedAt: at, Message: m}
	sc.Message.ID, sc.Message.Status, sc.Message.Op = sc.ID, StatusSending, nil
	sc.Message.SentAt, sc.Message.Revisions[0].At = due, due
	if err := normalise(&sc.Message); err != nil {
		return Scheduled{}, err
	}
	return sc, nil
}

// ScheduledSends returns the scheduled sends, earliest due first; with all,
// the cancelled ones too. Damaged records are skipped and reported by
// Warnings.
func (s *Store) ScheduledSends(all bool) ([]Scheduled, error) {
	var out []Scheduled
	err := s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketScheduled) == nil {
			return nil
		}
		return eachJSON(s, tx, bucketScheduled, func(sc Scheduled) error {
			if all || sc.State == ScheduleWaiting {
				out = append(out, sc)
			}
			return nil
		})
	})
	slices.SortStableFunc(out, func(a, b Scheduled) int {
		return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.ID, b.ID))
	})
	return out, err
}

// GetScheduled returns the scheduled send id, or a *NotScheduledError when
// there is none (saying which message it became, when it fired).
func (s *Store) GetScheduled(id string) (Scheduled, error) {
	var sc Scheduled
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		sc, err = loadScheduled(tx, id)
		return err
	})
	return sc, err
}

// CancelScheduled cancels the waiting send id: it is kept, as cancelled,
// and never sent. Cancelling one that fired or was cancelled already is a
// *NotScheduledError.
func (s *Store) CancelScheduled(id string, at time.Time) (Scheduled, error) {
	return s.changeScheduled(id, func(sc *Scheduled) error {
		sc.State, sc.CancelledAt = ScheduleCancelled, at
		return nil
	})
}

// Reschedule moves the waiting send id to due. card, when not nil, replaces
// its card (the admin edited it).
func (s *Store) Reschedule(id string, due time.Time, card *Revision) (Scheduled, error) {
	if due.IsZero() {
		return Scheduled{}, fmt.Errorf("a scheduled send needs its due time")
	}
	return s.changeScheduled(id, func(sc *Scheduled) error {
		sc.Due, sc.Message.SentAt = due, due
		if card != nil {
			if err := validContent(id, card.Content); err != nil {
				return err
			}
			rev := *card
			rev.At = due
			sc.Message.Revisions = []Revision{rev}
			sc.Message.Markdown = rev.Markdown
		}
		sc.Message.Revisions[0].At = due
		return nil
	})
}

// BeginScheduledSend turns the waiting send id into an in-flight send in one
// transaction, before its request goes out: the Scheduled record goes and a
// message with the same id, status "sending" and an in-flight send
// operation takes its place, exactly as BeginSend writes one. Because the
// check and the change are one bbolt write transaction, two runners that
// share a Store (or take turns at the file lock) can never both begin it:
// the second gets a *NotScheduledError. It refuses a send not due at at.
func (s *Store) BeginScheduledSend(id string, at time.Time) (Message, error) {
	var m Message
	err := s.update(func(tx *bolt.Tx) error {
		sc, err := loadScheduled(tx, id)
		if err != nil {
			return err
		}
		if sc.State != ScheduleWaiting {
			return &NotScheduledError{ID: id, State: sc.State}
		}
		if sc.Due.After(at) {
			return fmt.Errorf("the scheduled send %s is not due before %s", id, sc.Due.Format(time.RFC3339))
		}
		m = sc.Message
		m.ID, m.SentAt, m.Status = id, at, StatusSending
		m.Revisions[0].At = at
		m.Op = newOperation(OpSend, at)
		if err := tx.Bucket(bucketScheduled).Delete([]byte(id)); err != nil {
			return err
		}
		if err := s.unindex(tx, id); err != nil {
			return err
		}
		return writeMessage(tx, m)
	})
	return m, err
}

// changeScheduled applies change to the waiting send id in one transaction.
func (s *Store) changeScheduled(id string, change func(*Scheduled) error) (Scheduled, error) {
	var sc Scheduled
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		if sc, err = loadScheduled(tx, id); err != nil {
			return err
		}
		if sc.State != ScheduleWaiting {
			return &NotScheduledError{ID: id, State: sc.State}
		}
		if err := change(&sc); err != nil {
			return err
		}
		return putJSON(tx, bucketScheduled, []byte(id), sc)
	})
	return sc, err
}

// loadScheduled reads the scheduled send id. One that is gone fired: the
// error names the message it became when the history has it.
func loadScheduled(tx *bolt.Tx, id string) (Scheduled, error) {
	var sc Scheduled
	var data []byte
	if b := tx.Bucket(bucketScheduled); b != nil {
		data = b.Get([]byte(id))
	}
	if data == nil {
		notScheduled := &NotScheduledError{ID: id}
		if m, err := loadMessage(tx, id); err == nil {
			notScheduled.SentAs = m.ID
		}
		return sc, notScheduled
	}
	return sc, decodeJSON(bucketScheduled, []byte(id), data, &sc)
}
