package history

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// migrateV1 rewrites a version 1 file as version 2 inside the caller's write
// transaction, so a crash part-way leaves the file at version 1.
//
// Version 1 kept the message id as the by_time value, had no search,
// unfurls, outbox or templates buckets, and stored a recipient as its bare
// label. Version 2 rebuilds by_time and search from the message records and
// derives each recipient's last-used time and use count from the messages
// sent to it. Damaged message records are left in place (Get still reports
// them) but not indexed, with a warning.
func (s *Store) migrateV1(tx *bolt.Tx) error {
	if tx.Bucket(bucketByTime) != nil {
		if err := tx.DeleteBucket(bucketByTime); err != nil {
			return err
		}
	}
	if err := createBuckets(tx, bucketsV3); err != nil {
		return err
	}
	usage := map[string]recipientRecord{}
	err := eachJSON(s, tx, bucketMessages, func(m Message) error {
		r := usage[m.ToJID]
		r.Uses++
		if m.SentAt.After(r.LastUsed) {
			r.LastUsed = m.SentAt
		}
		usage[m.ToJID] = r
		return writeMessage(tx, m)
	})
	if err != nil {
		return err
	}
	if err := migrateRecipientsV1(tx, usage); err != nil {
		return err
	}
	return nil
}

// migrateRecipientsV1 turns bare labels into recipient records, adding every
// JID that appears only in messages.
func migrateRecipientsV1(tx *bolt.Tx, usage map[string]recipientRecord) error {
	b := tx.Bucket(bucketRecipients)
	err := b.ForEach(func(k, v []byte) error {
		r := usage[string(k)]
		r.Label = string(v)
		usage[string(k)] = r
		return nil
	})
	if err != nil {
		return err
	}
	for jid, r := range usage {
		if jid == "" {
			continue
		}
		if err := putJSON(tx, bucketRecipients, []byte(jid), r); err != nil {
			return err
		}
	}
	return nil
}

// v2OutboxEntry is the outbox record of version 2: a copy of a failed send.
type v2OutboxEntry struct {
	ID       string `json:"id"`
	Profile  string `json:"profile,omitempty"`
	Op       string `json:"op"`
	Envelope struct {
		ToJID         string          `json:"to_jid"`
		ReplyTo       string          `json:"reply_to,omitempty"`
		VisibleToUser string          `json:"visible_to_user,omitempty"`
		Content       json.RawMessage `json:"content"`
		Markdown      bool            `json:"markdown,omitempty"`
	} `json:"envelope"`
	Source   string    `json:"source,omitempty"`
	Err      string    `json:"err,omitempty"`
	At       time.Time `json:"at"`
	Attempts int       `json:"attempts"`
}

// migrateV2 rewrites a version 2 file (or a version 1 file just brought to
// version 2) as version 3 inside the caller's write transaction. Each outbox
// entry becomes the failed send it stood for, with its card and envelope, so
// the outbox (now a view of the records that need action) still lists it.
// An entry that cannot be read stays out with a warning.
func (s *Store) migrateV2(tx *bolt.Tx) error {
	if err := createBuckets(tx, bucketsV3); err != nil {
		return err
	}
	if tx.Bucket(bucketOutbox) != nil {
		err := eachJSON(s, tx, bucketOutbox, func(e v2OutboxEntry) error {
			if e.Op != string(OpSend) {
				// Version 2 kept only sends there; anything else cannot
				// become a message record without inventing one.
				s.warn(fmt.Errorf("the outbox entry %q (a %s) could not be kept: only failed sends carry over to this version", e.ID, e.Op))
				return nil
			}
			if e.ID == "" || tx.Bucket(bucketMessages).Get([]byte(e.ID)) != nil {
				e.ID = NewLocalID() // never a record without a key, never over a sent message
			}
			return writeMessage(tx, failedSendOf(e))
		})
		if err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketOutbox); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketMeta).Put(keySchema, encodeVersion(3))
}

// migrateV3 rewrites a version 3 file as version 4 inside the caller's write
// transaction: it builds the search blocks from the search bucket (about a
// second for 100 000 messages, once).
func migrateV3(tx *bolt.Tx) error {
	if err := rebuildSearchBlocks(tx); err != nil {
		return fmt.Errorf("could not index the history for search: %w", err)
	}
	return tx.Bucket(bucketMeta).Put(keySchema, encodeVersion(4))
}

func failedSendOf(e v2OutboxEntry) Message {
	env := e.Envelope
	if !json.Valid(env.Content) {
		env.Content = json.RawMessage("{}")
	}
	return Message{
		ID: e.ID, Profile: e.Profile, ToJID: env.ToJID, ReplyTo: env.ReplyTo, VisibleToUser: env.VisibleToUser,
		Markdown: env.Markdown, SentAt: e.At, Status: StatusFailed,
		Revisions: []Revision{{Content: env.Content, Source: e.Source, Markdown: env.Markdown, At: e.At}},
		Op:        &Operation{Kind: OpSend, State: OpFailed, At: e.At, Err: e.Err, Attempts: e.Attempts},
	}
}
