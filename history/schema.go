package history

import (
	"encoding/binary"
	"math"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the layout this build writes. Open migrates older files to
// it in one transaction and refuses newer ones.
//
//	v1: meta, messages, by_time (time key -> id), drafts, recipients (jid -> label).
//	v2: by_time values become a filter summary; adds search, unfurls, outbox,
//	    templates; recipients become JSON with last-used time and use count.
//	v3: write-ahead operations: messages and unfurls carry their unsettled
//	    operation (op) and new statuses; adds pending (the index of unsettled
//	    records) and aliases (local id -> Zoom's message id); the outbox
//	    bucket's entries become failed message records.
//	v4: adds search_blocks (see searchblocks.go), built from search.
const SchemaVersion = 4

// Marker is stored under meta/magic so a bbolt file from another program is
// never mistaken for a history.
const Marker = "zoompose"

// Bucket names. Keys in byTime and search are timeKey(SentAt)+id so a
// reverse cursor walks newest first and can stop as soon as a page is full.
var (
	bucketMeta         = []byte("meta")
	bucketMessages     = []byte("messages")      // id -> JSON Message
	bucketByTime       = []byte("by_time")       // timeKey+id -> summary (status, to JID)
	bucketSearch       = []byte("search")        // timeKey+id -> lower-cased text
	bucketUnfurls      = []byte("unfurls")       // timeKey+id -> JSON Unfurl
	bucketDrafts       = []byte("drafts")        // name -> JSON Draft
	bucketRecipients   = []byte("recipients")    // jid -> JSON recipient
	bucketOutbox       = []byte("outbox")        // v2 only: id -> JSON outbox entry
	bucketTemplates    = []byte("templates")     // name -> JSON Template
	bucketPending      = []byte("pending")       // record id -> state and locator (see pending.go)
	bucketAliases      = []byte("aliases")       // local id of a settled send -> Zoom's message id
	bucketSearchBlocks = []byte("search_blocks") // first key of a block of search entries -> trigram bit set

	keyMagic  = []byte("magic")
	keySchema = []byte("schema")
)

// bucketsV3 lists every bucket of the version 3 layout, which the migrations
// from versions 1 and 2 create before migrateV3 adds the search blocks.
var bucketsV3 = [][]byte{
	bucketMeta, bucketMessages, bucketByTime, bucketSearch, bucketUnfurls,
	bucketDrafts, bucketRecipients, bucketTemplates, bucketPending, bucketAliases,
}

// bucketsV4 lists every bucket of the current layout.
var bucketsV4 = append(bucketsV3[:len(bucketsV3):len(bucketsV3)], bucketSearchBlocks)

// timeKeyLen is the length of the big-endian time prefix of ordered keys.
const timeKeyLen = 8

// timeKey encodes t so that byte order equals time order, including times
// before 1970 (the sign bit is flipped). Times outside UnixNano's range are
// clamped rather than wrapped.
func timeKey(t time.Time) []byte {
	var nanos int64
	switch {
	case t.IsZero():
		nanos = 0
	case t.Year() < 1678:
		nanos = math.MinInt64
	case t.Year() > 2261:
		nanos = math.MaxInt64
	default:
		nanos = t.UnixNano()
	}
	key := make([]byte, timeKeyLen)
	binary.BigEndian.PutUint64(key, uint64(nanos)^(1<<63))
	return key
}

// appendFillPercent is how full bbolt packs the pages of the time-ordered
// buckets. New messages almost always land at the end, and bbolt's default
// (0.5) would leave every page of an append-only bucket half empty, doubling
// the pages a search has to read.
const appendFillPercent = 0.9

// appendOrdered returns a time-ordered bucket set up for appends. FillPercent
// is not stored in the file, so it is set on every write transaction.
func appendOrdered(tx *bolt.Tx, name []byte) *bolt.Bucket {
	b := tx.Bucket(name)
	b.FillPercent = appendFillPercent
	return b
}

// orderedKey is timeKey(t) followed by id.
func orderedKey(t time.Time, id string) []byte {
	return append(timeKey(t), id...)
}

// idOf returns the id part of an ordered key.
func idOf(key []byte) string {
	if len(key) < timeKeyLen {
		return ""
	}
	return string(key[timeKeyLen:])
}

// encodeVersion and decodeVersion store the schema version as decimal text so
// the meta bucket reads plainly in `bbolt` tooling.
func encodeVersion(v uint64) []byte { return []byte(strconv.FormatUint(v, 10)) }

func decodeVersion(b []byte) (uint64, error) { return strconv.ParseUint(string(b), 10, 64) }
