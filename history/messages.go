package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/zoompose/zoompose/compose"
)

// Status is the state of a sent message as zoompose last saw it.
type Status string

// The statuses a Message can have.
const (
	StatusSent           Status = "sent"
	StatusEdited         Status = "edited"
	StatusDeleted        Status = "deleted"
	StatusOutcomeUnknown Status = "outcome-unknown" // the request may have reached Zoom; never re-sent automatically
	StatusSending        Status = "sending"         // a send's intent is recorded and its request is on the network
	StatusFailed         Status = "failed"          // a send Zoom certainly did not apply; it waits in the outbox
)

// Statuses lists every status, in the order a filter offers them.
var Statuses = []Status{StatusSent, StatusEdited, StatusDeleted, StatusOutcomeUnknown, StatusFailed, StatusSending}

// Valid reports whether st is one of Statuses.
func (st Status) Valid() bool {
	switch st {
	case StatusSent, StatusEdited, StatusDeleted, StatusOutcomeUnknown, StatusSending, StatusFailed:
		return true
	}
	return false
}

// Revision is one version of a message's content: the JSON exactly as sent,
// the card source that produced it, and when it was sent.
type Revision struct {
	Content  json.RawMessage `json:"content"`
	Source   string          `json:"source,omitempty"`
	Markdown bool            `json:"markdown,omitempty"`
	// MarkdownAuto says Markdown was the card's own answer (compose.Card.Auto),
	// not the admin's choice. Revisions written before it was kept have it
	// false: their flag counts as chosen.
	MarkdownAuto bool      `json:"markdown_auto,omitempty"`
	At           time.Time `json:"at"`
}

// Message is one chatbot message and every revision of it.
type Message struct {
	ID            string     `json:"id"`
	Profile       string     `json:"profile,omitempty"`
	AccountID     string     `json:"account_id,omitempty"`
	RobotJID      string     `json:"robot_jid,omitempty"`
	ToJID         string     `json:"to_jid"`
	UserJID       string     `json:"user_jid,omitempty"`
	ReplyTo       string     `json:"reply_to,omitempty"`
	VisibleToUser string     `json:"visible_to_user,omitempty"`
	Markdown      bool       `json:"markdown,omitempty"`
	ZoomSentTime  string     `json:"zoom_sent_time,omitempty"` // as Zoom sent it
	SentAt        time.Time  `json:"sent_at"`                  // local clock; orders the history
	Status        Status     `json:"status"`
	DeletedAt     time.Time  `json:"deleted_at,omitzero"`
	Revisions     []Revision `json:"revisions"` // oldest first; the last is live
	// Op is the operation on this message that is not settled yet: in
	// flight, failed, or of unknown outcome. nil once Zoom's answer (or the
	// admin) settled it.
	Op *Operation `json:"op,omitempty"`
	// LastTries counts the requests of the last operation Zoom applied
	// (see Operation.Tries); zero for records written before it was counted.
	LastTries Tries `json:"last_tries,omitzero"`
	// Group is the broadcast this message is one copy of (see groups.go);
	// "" for a message sent alone. Records written before groups have none.
	Group string `json:"group,omitempty"`
}

// SentWithMarkdown is revision i's is_markdown_support. Each revision
// records its own; Message.Markdown is the first send's, so it speaks for
// revision 0 too (a record written before revisions kept the flag).
func (m Message) SentWithMarkdown(i int) bool {
	return m.Revisions[i].Markdown || (i == 0 && m.Markdown)
}

// LiveMarkdown is the live revision's is_markdown_support: what Zoom shows
// now, and what an edit keeps unless the admin says otherwise.
func (m Message) LiveMarkdown() bool {
	if len(m.Revisions) == 0 {
		return m.Markdown
	}
	return m.SentWithMarkdown(len(m.Revisions) - 1)
}

// LiveMarkdownMode is the markdown mode an edit of the message is built in
// unless the admin says otherwise: the live revision's flag where the admin
// chose it, MarkdownAuto where the card chose it (a plain card sent in auto
// mode went with markdown off, and an edit that adds **bold** should not go
// out with its stars).
func (m Message) LiveMarkdownMode() compose.MarkdownMode {
	if len(m.Revisions) > 0 && m.Live().MarkdownAuto {
		return compose.MarkdownAuto
	}
	return compose.MarkdownModeOf(m.LiveMarkdown())
}

// Live returns the current revision, or a zero Revision when there is none.
func (m Message) Live() Revision {
	if len(m.Revisions) == 0 {
		return Revision{}
	}
	return m.Revisions[len(m.Revisions)-1]
}

// OnZoom reports whether Zoom holds the message and zoompose can ask Zoom to
// change it: it has the id Zoom gave it (a local id is a send that never got
// one: failed, unknown or waiting) and it is not deleted. It is what an edit
// or a delete, of one message or of a group's copies, can act on.
func (m Message) OnZoom() bool { return m.Status != StatusDeleted && !IsLocalID(m.ID) }

// Changeable reports whether an edit or a delete of m can start now: it is
// on Zoom and no operation of it is unsettled (a failed edit or delete may be
// superseded; anything else is a *BusyError from BeginChange).
func (m Message) Changeable() bool {
	return m.OnZoom() && (m.Op == nil || (m.Op.State == OpFailed && m.Op.Kind != OpSend))
}

// PutMessage inserts m or replaces the message with the same ID, and returns
// only once the record is on disk. A zero SentAt becomes now, an empty Status
// becomes "sent", a revision without At gets SentAt. It fails without writing
// when ID is empty, Status is unknown or a revision's content is not JSON.
func (s *Store) PutMessage(m Message) error {
	if err := normalise(&m); err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		if err := s.unindex(tx, m.ID); err != nil {
			return err
		}
		return writeMessage(tx, m)
	})
}

// Get returns the message id, a NotFoundError (ErrNotFound) when there is
// none, or a CorruptError (ErrCorrupt) when its record is damaged.
func (s *Store) Get(id string) (Message, error) {
	var m Message
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		m, err = loadMessage(tx, id)
		return err
	})
	return m, err
}

// loadMessage reads message id. The local id of a send that Zoom since
// answered names the message under Zoom's id.
func loadMessage(tx *bolt.Tx, id string) (Message, error) {
	var m Message
	data := tx.Bucket(bucketMessages).Get([]byte(id))
	if data == nil {
		if zoomID := tx.Bucket(bucketAliases).Get([]byte(id)); zoomID != nil {
			return loadMessage(tx, string(zoomID))
		}
		return m, &NotFoundError{Kind: "message", ID: id}
	}
	err := decodeJSON(bucketMessages, []byte(id), data, &m)
	return m, err
}

// writeMessage stores the record, its two ordered entries (filter summary
// and search text) under the same time key, the search text's trigrams in
// its search block, and its pending entry while an operation on it is
// unsettled.
func writeMessage(tx *bolt.Tx, m Message) error {
	if err := putJSON(tx, bucketMessages, []byte(m.ID), m); err != nil {
		return err
	}
	if err := indexPending(tx, m.ID, m.Op, nil); err != nil {
		return err
	}
	key := orderedKey(m.SentAt, m.ID)
	if err := appendOrdered(tx, bucketByTime).Put(key, encodeSummary(m)); err != nil {
		return err
	}
	text := searchText(m)
	if err := indexSearchBlock(tx, key, text); err != nil {
		return err
	}
	return appendOrdered(tx, bucketSearch).Put(key, text)
}

// unindex removes the ordered entries of an existing message before it is
// replaced, since its SentAt (and so its key) may change. When the old record
// is damaged its key is found by a scan; that is rare and still correct.
func (s *Store) unindex(tx *bolt.Tx, id string) error {
	old, err := loadMessage(tx, id)
	switch {
	case err == nil:
		key := orderedKey(old.SentAt, id)
		if err := tx.Bucket(bucketByTime).Delete(key); err != nil {
			return err
		}
		return tx.Bucket(bucketSearch).Delete(key)
	case errors.Is(err, ErrNotFound):
		return nil
	}
	return unindexByScan(tx, id)
}

func unindexByScan(tx *bolt.Tx, id string) error {
	var stale [][]byte
	err := tx.Bucket(bucketByTime).ForEach(func(k, _ []byte) error {
		if idOf(k) == id {
			stale = append(stale, bytes.Clone(k))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range stale {
		if err := tx.Bucket(bucketByTime).Delete(k); err != nil {
			return err
		}
		if err := tx.Bucket(bucketSearch).Delete(k); err != nil {
			return err
		}
	}
	return nil
}

func normalise(m *Message) error {
	if m.ID == "" {
		return fmt.Errorf("a message needs an ID before it can be recorded; use the message_id Zoom returned or NewLocalID")
	}
	if m.Status == "" {
		m.Status = StatusSent
	}
	if !m.Status.Valid() {
		return fmt.Errorf("message %s has status %q; use one of %v", m.ID, m.Status, Statuses)
	}
	if m.SentAt.IsZero() {
		m.SentAt = time.Now()
	}
	for i := range m.Revisions {
		if err := validContent(m.ID, m.Revisions[i].Content); err != nil {
			return err
		}
		if m.Revisions[i].At.IsZero() {
			m.Revisions[i].At = m.SentAt
		}
	}
	return nil
}

func validContent(id string, content json.RawMessage) error {
	if !json.Valid(content) {
		return fmt.Errorf("the content of message %s is not valid JSON, so it was not recorded", id)
	}
	return nil
}

// RevisionOf is card as a revision made at at.
func RevisionOf(card compose.Card, at time.Time) Revision {
	return Revision{Content: card.Content, Source: card.Source, Markdown: card.Markdown, MarkdownAuto: card.Auto, At: at}
}

// Card is the revision's card.
func (r Revision) Card() compose.Card {
	return compose.Card{Source: r.Source, Content: r.Content, Markdown: r.Markdown, Auto: r.MarkdownAuto}
}
