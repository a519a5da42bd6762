package history

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// DefaultLimit is the page size List uses when Query.Limit is zero or less.
const DefaultLimit = 50

// Query selects messages for List. Zero fields do not filter.
type Query struct {
	Limit  int       // page size; DefaultLimit when ≤ 0
	Cursor string    // Page.Next of the previous page; "" for the first page
	To     string    // exact recipient JID
	Status Status    // exact status
	Since  time.Time // SentAt ≥ Since
	Until  time.Time // SentAt < Until
	Text   string    // case-insensitive substring of the live content's text or its card source
}

// Page is one page of List, newest first.
type Page struct {
	Messages []Message
	Next     string // cursor for the next page; "" when this is the last one
}

// List returns messages newest first (by SentAt, then id) that match every
// filter of q, at most q.Limit of them. It walks an ordered index from the
// cursor and stops as soon as the page is full, so paging costs the same on
// a large history as on a small one; a text search reads only the compact
// search bucket until it finds matches. Damaged records are skipped and
// reported by Warnings.
func (s *Store) List(q Query) (Page, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	start, err := upperBound(q)
	if err != nil {
		return Page{}, err
	}
	var page Page
	err = s.view(func(tx *bolt.Tx) error {
		w := walker{s: s, tx: tx, q: q, needle: []byte(strings.ToLower(strings.TrimSpace(q.Text)))}
		page = w.collect(start, limit)
		return nil
	})
	return page, err
}

// upperBound is the exclusive key List starts below: the cursor or Until,
// whichever is earlier; nil means the newest record.
func upperBound(q Query) ([]byte, error) {
	var start []byte
	if q.Cursor != "" {
		key, err := base64.RawURLEncoding.DecodeString(q.Cursor)
		if err != nil || len(key) <= timeKeyLen {
			return nil, fmt.Errorf("the page cursor %q was not made by this history; start again from the first page", q.Cursor)
		}
		start = key
	}
	if !q.Until.IsZero() {
		if until := timeKey(q.Until); start == nil || bytes.Compare(until, start) < 0 {
			start = until
		}
	}
	return start, nil
}

// walker runs one List query inside a read transaction.
type walker struct {
	s      *Store
	tx     *bolt.Tx
	q      Query
	needle []byte
}

// releaseEvery is how many search entries a text search reads between two
// releases of the file pages it has read (see releaseMapped).
const releaseEvery = 2048

// collect gathers up to limit messages below start, looking one further to
// know whether another page exists.
func (w walker) collect(start []byte, limit int) Page {
	var page Page
	var lastKey []byte
	bucket := bucketByTime
	if len(w.needle) > 0 {
		bucket = bucketSearch
		defer releaseMapped(w.s.db, w.tx)
	}
	since := timeKey(w.q.Since)
	c := w.tx.Bucket(bucket).Cursor()
	read := 0
	for k, v := seekBelow(c, start); k != nil; k, v = c.Prev() {
		if read++; len(w.needle) > 0 && read%releaseEvery == 0 {
			releaseMapped(w.s.db, w.tx)
		}
		if !w.q.Since.IsZero() && bytes.Compare(k[:min(len(k), timeKeyLen)], since) < 0 {
			break
		}
		m, ok := w.match(k, v)
		if !ok {
			continue
		}
		if len(page.Messages) == limit {
			page.Next = base64.RawURLEncoding.EncodeToString(lastKey)
			break
		}
		page.Messages = append(page.Messages, m)
		lastKey = bytes.Clone(k)
	}
	return page
}

// seekBelow positions c on the last key strictly below start (the last key
// of all when start is nil).
func seekBelow(c *bolt.Cursor, start []byte) ([]byte, []byte) {
	if start == nil {
		return c.Last()
	}
	if k, _ := c.Seek(start); k == nil {
		return c.Last()
	}
	return c.Prev()
}

// match applies the cheap filters to the index value first and loads the
// record only for candidates.
func (w walker) match(key, value []byte) (Message, bool) {
	summary := value
	if len(w.needle) > 0 {
		if !bytes.Contains(value, w.needle) {
			return Message{}, false
		}
		summary = w.tx.Bucket(bucketByTime).Get(key)
	}
	if status, to, ok := decodeSummary(summary); ok && !w.wants(status, to) {
		return Message{}, false
	}
	m, err := loadMessage(w.tx, idOf(key))
	if errors.Is(err, ErrNotFound) {
		err = &CorruptError{Bucket: string(bucketByTime), Key: idOf(key), Err: errors.New("index entry without a message")}
	}
	if err != nil {
		w.s.warn(err)
		return Message{}, false
	}
	return m, w.wants(m.Status, m.ToJID)
}

func (w walker) wants(status Status, to string) bool {
	return (w.q.To == "" || w.q.To == to) && (w.q.Status == "" || w.q.Status == status)
}
