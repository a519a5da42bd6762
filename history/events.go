package history

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// MaxEvents is how many events the history keeps; the oldest go first.
const MaxEvents = 10000

// eventLimit is MaxEvents; tests lower it to see the oldest go.
var eventLimit uint64 = MaxEvents

// Event buckets. They are created by the first PutEvent, so a history
// written before events existed needs no migration; readers treat a missing
// bucket as no events.
var (
	bucketEvents        = []byte("events")            // timeKey(ReceivedAt)+identity -> JSON Event
	bucketEventIDs      = []byte("event_ids")         // identity -> ordered key in events
	bucketEventsByMsg   = []byte("events_by_message") // message id + 0 + ordered key -> nothing
	bucketEventCount    = []byte("event_count")       // "n" -> uint64 count of events
	keyEventCount       = []byte("n")
	eventIdentityLength = 16
)

// Event is one event Zoom delivered to the bot, as it arrived. Raw is the event
// JSON exactly as Zoom sent it; the summary fields are the caller's reading of
// it (history does not interpret Zoom's payloads) and are outside text.
type Event struct {
	Name       string          `json:"event"`
	TS         int64           `json:"event_ts"`
	ReceivedAt time.Time       `json:"received_at"`
	Source     string          `json:"source"` // "websocket" or "webhook"
	Raw        json.RawMessage `json:"raw"`

	// MessageID is the bot message the event answers (interactive_message_*),
	// by which Interactions finds it.
	MessageID string `json:"message_id,omitempty"`
	Who       string `json:"who,omitempty"`
	Where     string `json:"where,omitempty"`
	What      string `json:"what,omitempty"`
}

// IsInteraction reports whether the event is a person answering a card.
func (e Event) IsInteraction() bool { return strings.HasPrefix(e.Name, "interactive_message_") }

// identity is what makes two deliveries the same event: its name, event_ts
// and payload. Zoom's retries and a delivery over both ways in share it.
func (e Event) identity() []byte {
	var head struct {
		Payload json.RawMessage `json:"payload"`
	}
	_ = json.Unmarshal(e.Raw, &head)
	var payload bytes.Buffer
	if json.Compact(&payload, head.Payload) != nil {
		payload.Reset()
	}
	sum := sha256.New()
	fmt.Fprintf(sum, "%s\x00%d\x00", e.Name, e.TS)
	sum.Write(payload.Bytes())
	return sum.Sum(nil)[:eventIdentityLength]
}

// PutEvent keeps e and is durable on return. An event already kept (same
// name, event_ts and payload) is not stored again: stored is false. Past
// MaxEvents the oldest events are dropped in the same transaction. It fails
// without writing when Raw is not JSON.
func (s *Store) PutEvent(e Event) (stored bool, err error) {
	if !json.Valid(e.Raw) {
		return false, fmt.Errorf("the %s event is not valid JSON, so it was not kept", e.Name)
	}
	if e.ReceivedAt.IsZero() {
		e.ReceivedAt = time.Now()
	}
	id := e.identity()
	err = s.update(func(tx *bolt.Tx) error {
		buckets, err := eventBuckets(tx)
		if err != nil {
			return err
		}
		if buckets.ids.Get(id) != nil {
			return nil
		}
		n := eventCount(buckets)
		key := append(timeKey(e.ReceivedAt), id...)
		buckets.events.FillPercent = appendFillPercent
		if err := putJSON(tx, bucketEvents, key, e); err != nil {
			return err
		}
		if err := buckets.ids.Put(id, key); err != nil {
			return err
		}
		if e.IsInteraction() && e.MessageID != "" {
			if err := buckets.byMsg.Put(messageIndexKey(e.MessageID, key), nil); err != nil {
				return err
			}
		}
		stored = true
		return trimEvents(buckets, n+1)
	})
	return stored, err
}

type eventBucketSet struct{ events, ids, byMsg, count *bolt.Bucket }

func eventBuckets(tx *bolt.Tx) (eventBucketSet, error) {
	var set eventBucketSet
	for _, b := range []struct {
		name []byte
		to   **bolt.Bucket
	}{{bucketEvents, &set.events}, {bucketEventIDs, &set.ids}, {bucketEventsByMsg, &set.byMsg}, {bucketEventCount, &set.count}} {
		bucket, err := tx.CreateBucketIfNotExists(b.name)
		if err != nil {
			return set, fmt.Errorf("could not create the %s bucket: %w", b.name, err)
		}
		*b.to = bucket
	}
	return set, nil
}

func messageIndexKey(messageID string, eventKey []byte) []byte {
	return append(append([]byte(messageID), 0), eventKey...)
}

// eventCount is how many events are kept: the stored count, or, when it is
// missing or unreadable, a count of the bucket's keys.
func eventCount(b eventBucketSet) uint64 {
	v := b.count.Get(keyEventCount)
	if len(v) != 8 {
		return uint64(b.events.Stats().KeyN)
	}
	return binary.BigEndian.Uint64(v)
}

// trimEvents drops the oldest events until at most eventLimit (MaxEvents) remain, with
// their identity and message index entries, and stores the count.
func trimEvents(b eventBucketSet, n uint64) error {
	c := b.events.Cursor()
	for k, v := c.First(); k != nil && n > eventLimit; k, v = c.First() {
		var e Event
		if json.Unmarshal(v, &e) == nil && e.MessageID != "" {
			if err := b.byMsg.Delete(messageIndexKey(e.MessageID, k)); err != nil {
				return err
			}
		}
		if err := b.ids.Delete(k[timeKeyLen:]); err != nil {
			return err
		}
		if err := c.Delete(); err != nil {
			return err
		}
		n--
	}
	var buf [8]byte
	binary.BigEndian.PutUint64(buf[:], n)
	return b.count.Put(keyEventCount, buf[:])
}

// EachEvent calls fn with every kept event, oldest first, reading one record
// at a time so that a caller can stream them; an error from fn stops the walk
// and is returned. Damaged records are skipped and reported by Warnings.
func (s *Store) EachEvent(fn func(Event) error) error {
	return s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEvents)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var e Event
			if err := decodeJSON(bucketEvents, k, v, &e); err != nil {
				s.warn(err)
				continue
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
}

// RecentEvents returns the newest events first, at most limit of them
// (DefaultLimit when limit ≤ 0).
func (s *Store) RecentEvents(limit int) ([]Event, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	var out []Event
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEvents)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Last(); k != nil && len(out) < limit; k, v = c.Prev() {
			var e Event
			if err := decodeJSON(bucketEvents, k, v, &e); err != nil {
				s.warn(err)
				continue
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// Interactions returns the card answers (interactive_message_* events) kept
// for the bot message messageID, oldest first: who clicked or picked what, when.
func (s *Store) Interactions(messageID string) ([]Event, error) {
	var out []Event
	if messageID == "" {
		return nil, nil
	}
	err := s.view(func(tx *bolt.Tx) error {
		idx, events := tx.Bucket(bucketEventsByMsg), tx.Bucket(bucketEvents)
		if idx == nil || events == nil {
			return nil
		}
		prefix := append([]byte(messageID), 0)
		c := idx.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			key := k[len(prefix):]
			var e Event
			if err := decodeJSON(bucketEvents, key, events.Get(key), &e); err != nil {
				s.warn(err)
				continue
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}
