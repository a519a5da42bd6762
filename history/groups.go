package history

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bucketGroups indexes the copies of each broadcast: group id + 0 + the
// copy's position (2 bytes, big-endian) -> the copy's local record id. A
// local id keeps naming the copy once Zoom's answer moves it to Zoom's id
// (aliases), so the index is written once, with the intents. It is created
// by the first broadcast; a history without it has no groups.
var bucketGroups = []byte("groups")

// MaxGroupCopies is how many copies one broadcast may hold.
const MaxGroupCopies = 1000

// NewGroupID returns a new broadcast id: "grp-", the time in base 36 and 8
// random hex digits, so ids sort roughly by creation and never look like a
// message id or a local record id.
func NewGroupID() string {
	var random [4]byte
	_, _ = rand.Read(random[:])
	return "grp-" + strconv.FormatInt(time.Now().UnixNano(), 36) + "-" + hex.EncodeToString(random[:])
}

// IsGroupID reports whether id names a broadcast (NewGroupID), not a message.
func IsGroupID(id string) bool { return strings.HasPrefix(id, "grp-") }

// QueuedReason is the outbox reason of a broadcast copy whose turn has not
// come: the copy was certainly not sent, so sending it is safe.
func QueuedReason(group string) string {
	return "not sent yet: it waits its turn in broadcast " + group +
		"; if it is still here, the broadcast stopped before sending it, and sending it is safe"
}

// BeginBroadcast records every copy of a broadcast, in one transaction,
// before any of their requests goes out, and returns the group id and the
// records in the order given. Each copy is a send of group that is queued:
// failed, with no attempt yet and QueuedReason, so it sits in the outbox
// until its own intent (BeginRetry) starts it. A process that stops part way
// (a crash, a cancel, a rate limit) leaves the copies it never reached in the
// outbox, where sending them is safe, and never loses one. Each message needs
// its ToJID and one revision.
func (s *Store) BeginBroadcast(copies []Message, at time.Time) (string, []Message, error) {
	if err := checkCopyCount(len(copies)); err != nil {
		return "", nil, err
	}
	group := NewGroupID()
	out := make([]Message, len(copies))
	for i, m := range copies {
		if m.ToJID == "" || len(m.Revisions) != 1 {
			return "", nil, fmt.Errorf("copy %d of a broadcast needs a recipient and one card before it can be recorded", i+1)
		}
		m.Revisions = append([]Revision(nil), m.Revisions...)
		m.ID, m.SentAt, m.Status, m.Group = NewLocalID(), at, StatusFailed, group
		m.Revisions[0].At = at
		m.Op = &Operation{Kind: OpSend, State: OpFailed, At: at, Err: QueuedReason(group), Tries: &Tries{}}
		if err := normalise(&m); err != nil {
			return "", nil, err
		}
		out[i] = m
	}
	err := s.update(func(tx *bolt.Tx) error {
		index, err := tx.CreateBucketIfNotExists(bucketGroups)
		if err != nil {
			return fmt.Errorf("could not create the %s bucket: %w", bucketGroups, err)
		}
		for i, m := range out {
			if err := writeMessage(tx, m); err != nil {
				return err
			}
			if err := index.Put(groupKey(group, i), []byte(m.ID)); err != nil {
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

// checkCopyCount refuses a broadcast of no copies or of more than a group
// holds, before anything is recorded.
func checkCopyCount(n int) error {
	if n == 0 || n > MaxGroupCopies {
		return fmt.Errorf("a broadcast takes 1 to %d copies, not %d", MaxGroupCopies, n)
	}
	return nil
}

func groupKey(group string, i int) []byte {
	return binary.BigEndian.AppendUint16(groupPrefix(group), uint16(i))
}

func groupPrefix(group string) []byte { return append([]byte(group), 0) }

// Group returns the copies of broadcast id as they are now, in the order
// they were sent (a send moved to Zoom's id is found through its local id).
// A copy whose record is gone (a send Zoom refused as wrong leaves none) is
// left out; a damaged one is skipped with a warning. An id that names no
// broadcast is a *NotFoundError.
func (s *Store) Group(id string) ([]Message, error) {
	var out []Message
	found := false
	err := s.view(func(tx *bolt.Tx) error {
		index := tx.Bucket(bucketGroups)
		if index == nil {
			return nil
		}
		prefix := groupPrefix(id)
		c := index.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			found = true
			m, err := loadMessage(tx, string(v))
			switch {
			case err == nil:
				out = append(out, m)
			case isNotFound(err):
			default:
				s.warn(err)
			}
		}
		return nil
	})
	if err == nil && !found {
		err = &NotFoundError{Kind: "broadcast group", ID: id}
	}
	return out, err
}

// GroupScheduled returns the copies of broadcast id that are still
// scheduled sends (waiting, or cancelled before they went out), in the
// group's order. Group lists only the copies that became messages, so a
// scheduled broadcast none of whose copies has fired has an empty Group and
// all its copies here. An id that names no broadcast has none.
func (s *Store) GroupScheduled(id string) ([]Scheduled, error) {
	var out []Scheduled
	err := s.view(func(tx *bolt.Tx) error {
		index, scheduled := tx.Bucket(bucketGroups), tx.Bucket(bucketScheduled)
		if index == nil || scheduled == nil {
			return nil
		}
		prefix := groupPrefix(id)
		c := index.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			data := scheduled.Get(v)
			if data == nil {
				continue // it fired: a message now, in Group
			}
			var sc Scheduled
			if err := decodeJSON(bucketScheduled, v, data, &sc); err != nil {
				s.warn(err)
				continue
			}
			out = append(out, sc)
		}
		return nil
	})
	return out, err
}
