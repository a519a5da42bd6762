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
// search bucket, and of it only the blocks that can hold the text (see
// searchblocks.go). Damaged records are skipped and reported by Warnings.
func (s *Store) List(q Query) (Page, error) {
	var page Page
	next, err := s.Walk(q, func(m Message) error {
		page.Messages = append(page.Messages, m)
		return nil
	})
	page.Next = next
	return page, err
}

// Walk is List handing each message to fn as it is read instead of
// collecting a page, so a caller that writes messages out (history --json)
// holds one at a time whatever q.Limit is. It reads from one consistent
// snapshot, and releases the file pages it has read as it goes (see
// releaseMapped), so its memory stays flat on any history. It returns the
// cursor of the next page ("" when there is none); an error from fn stops the
// walk and is returned as it is.
func (s *Store) Walk(q Query, fn func(Message) error) (next string, err error) {
	return s.walk(q, func(w walker) taker {
		return func(key []byte, _ bool) (bool, error) {
			m, ok := w.load(key)
			if !ok {
				return false, nil
			}
			return true, fn(m)
		}
	})
}

// WalkJSON is Walk handing fn each message as the JSON that encoding it
// with encoding/json (HTML characters as they are, no trailing newline)
// gives, for a caller that only writes it out: history --json at 100 000
// records would spend most of its time decoding records to encode them
// again. A record is stored as exactly that encoding (putJSON), and
// decoding and encoding it again gives the same bytes
// (TestStoredRecordsAreCanonical, with the exception copyableRecord
// checks), so fn gets the stored bytes as they are; any other record is
// decoded and encoded again, or skipped with a warning as Walk skips it. raw
// points into the file and is valid only until fn returns.
func (s *Store) WalkJSON(q Query, fn func(raw []byte) error) (next string, err error) {
	return s.walk(q, func(w walker) taker {
		return func(key []byte, summaryChecked bool) (bool, error) {
			raw := w.tx.Bucket(bucketMessages).Get([]byte(idOf(key)))
			w.pages.add(len(raw))
			if summaryChecked && copyableRecord(raw) {
				return true, fn(raw)
			}
			m, ok := w.load(key)
			if !ok {
				return false, nil
			}
			data, err := encodeRecord(m)
			if err != nil {
				return true, err
			}
			return true, fn(data)
		}
	})
}

// walk runs one query in a read transaction, handing the index entries that
// pass the cheap filters to the taker that newTaker makes.
func (s *Store) walk(q Query, newTaker func(walker) taker) (next string, err error) {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	start, err := upperBound(q)
	if err != nil {
		return "", err
	}
	err = s.view(func(tx *bolt.Tx) error {
		w := walker{s: s, tx: tx, q: q, needle: []byte(strings.ToLower(strings.TrimSpace(q.Text))),
			pages: &pageBudget{release: s.releaseMapped(tx)}}
		p := &pager{w: w, limit: limit, take: newTaker(w), since: timeKey(q.Since)}
		defer w.pages.done()
		w.collect(start, p)
		next = p.next
		return p.err
	})
	return next, err
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
	pages  *pageBudget // what the walk has read of the file
}

// collect hands p the messages below start that match, newest first, until
// p has its page.
func (w walker) collect(start []byte, p *pager) {
	if len(w.needle) == 0 {
		scanRange(w.tx.Bucket(bucketByTime).Cursor(), start, nil, p)
		return
	}
	if probe := trigramBits(w.needle); probe != nil && w.tx.Bucket(bucketSearchBlocks) != nil {
		w.searchBlocks(start, probe, p)
		return
	}
	scanRange(w.tx.Bucket(bucketSearch).Cursor(), start, nil, p)
}

// scanRange visits the entries of c from just below hi (the newest when hi is
// nil) down to lo included (the oldest when lo is nil); it reports whether p
// stopped the walk.
func scanRange(c *bolt.Cursor, hi, lo []byte, p *pager) bool {
	for k, v := seekBelow(c, hi); k != nil; k, v = c.Prev() {
		if lo != nil && bytes.Compare(k, lo) < 0 {
			return false
		}
		if p.visit(k, v) {
			return true
		}
	}
	return false
}

// taker loads the message of an index entry that passed the cheap filters
// and hands it on. summaryChecked says the entry's filter summary was read
// and matched. It reports whether the message matched (and so counts
// towards the page); an error stops the walk.
type taker func(key []byte, summaryChecked bool) (bool, error)

// pager hands the index entries a walk visits to take, up to limit matching
// messages, looking one further to know whether another page exists.
type pager struct {
	w       walker
	limit   int
	take    taker
	since   []byte // timeKey(q.Since); entries below it end the walk
	taken   int
	lastKey []byte
	next    string
	err     error
	visited int // index entries
}

// visit takes one entry of the walk; it reports whether the walk is over.
func (p *pager) visit(k, v []byte) bool {
	p.visited++
	if len(p.w.needle) > 0 {
		p.w.pages.add(len(k) + len(v)) // search text
	} else {
		p.w.pages.addIndex(len(k) + len(v))
	}
	if !p.w.q.Since.IsZero() && bytes.Compare(k[:min(len(k), timeKeyLen)], p.since) < 0 {
		return true
	}
	summaryChecked, ok := p.w.candidate(k, v)
	if !ok {
		return false
	}
	if p.taken == p.limit {
		// One more candidate: the page is full if it is a match. Loading it
		// is how List has always known, and it is one record.
		if _, ok := p.w.load(k); ok {
			p.next = base64.RawURLEncoding.EncodeToString(p.lastKey)
			return true
		}
		return false
	}
	took, err := p.take(k, summaryChecked)
	if err != nil {
		p.err = err
		return true
	}
	if took {
		p.taken++
		p.lastKey = append(p.lastKey[:0], k...)
	}
	return false
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

// candidate applies the cheap filters: the needle to the search text, and
// To and Status to the by_time summary, without loading the record.
// summaryChecked is false when the summary was unreadable (damage), so the
// record's own fields must decide.
func (w walker) candidate(key, value []byte) (summaryChecked, ok bool) {
	summary := value
	if len(w.needle) > 0 {
		if !bytes.Contains(value, w.needle) {
			return false, false
		}
		summary = w.tx.Bucket(bucketByTime).Get(key)
		w.pages.addIndex(len(summary))
	}
	wants, decoded := summaryWants(summary, w.q.Status, w.q.To)
	if decoded && !wants {
		return true, false
	}
	return decoded, true
}

// load decodes the message of a candidate entry and applies the filters to
// the record itself; a damaged or missing record is reported by a warning.
func (w walker) load(key []byte) (Message, bool) {
	w.pages.add(len(w.tx.Bucket(bucketMessages).Get([]byte(idOf(key)))))
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
