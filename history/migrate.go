package history

import (
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
	if err := createBuckets(tx); err != nil {
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
	return tx.Bucket(bucketMeta).Put(keySchema, encodeVersion(SchemaVersion))
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
