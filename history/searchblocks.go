package history

import (
	"bytes"

	bolt "go.etcd.io/bbolt"
)

// Search blocks let a text search skip most of the search bucket.
//
// The search bucket's entries are grouped, in key order, into blocks of about
// searchBlockSize consecutive entries. Each block has one entry in the
// search_blocks bucket, keyed by the ordered key the block starts at (a block
// holds the entries from its key up to the next block's key), whose value is
// a bit set of every three-byte sequence (trigram) of every search text in
// the block: a Bloom filter with one hash. A needle of three bytes or more
// can only occur in a block whose set has the bits of all its trigrams, so a
// search tests a few bits per block and reads only the blocks that pass
// (about 4 % of a 100 000-message history for a word that occurs in a
// handful of them). Bits are only ever set: a message rewritten or removed
// leaves its bits, which can cost a block read, never a missed match.
//
// The blocks are written in the same transaction as the search entries they
// summarise (writeMessage), and a damaged block value is read as "may hold
// anything", so the index can make a search slower but never wrong.
const (
	// searchBlockSize is how many entries a block gets before the next
	// newest message starts a new one: 64 messages of the fixture's cards
	// set 8 % of blockBits, and a word of seven letters then passes one
	// block in millions that does not hold it.
	searchBlockSize = 64
	// blockBytes is the size of a block's bit set: 1.5 KiB, so that two
	// blocks with their keys fit one 4 KiB bbolt page at the bucket's fill
	// percent. Adding a message to a block dirties one page, and a search
	// reads 3.2 MB of sets at 100 000 messages.
	blockBytes = 1536
	blockBits  = blockBytes * 8
)

// trigramBit is the bit of a block's set for the trigram abc.
func trigramBit(a, b, c byte) uint32 {
	t := uint32(a)<<16 | uint32(b)<<8 | uint32(c)
	h := t * 0x9E3779B1                        // Fibonacci hashing spreads the trigrams over 32 bits…
	return uint32(uint64(h) * blockBits >> 32) // …and this maps them onto the set
}

// trigramBits is the bits a block needs for needle to occur in it, or nil
// when needle is shorter than a trigram (its search reads every entry).
func trigramBits(needle []byte) []uint32 {
	if len(needle) < 3 {
		return nil
	}
	bits := make([]uint32, 0, len(needle)-2)
	for i := 0; i+3 <= len(needle); i++ {
		bits = append(bits, trigramBit(needle[i], needle[i+1], needle[i+2]))
	}
	return bits
}

// mayHold reports whether a block's set has every bit of probe. A value of
// the wrong size is damage: the block may hold anything.
func mayHold(set []byte, probe []uint32) bool {
	if len(set) != blockBytes {
		return true
	}
	for _, bit := range probe {
		if set[bit>>3]&(1<<(bit&7)) == 0 {
			return false
		}
	}
	return true
}

// addTrigrams sets the bits of text's trigrams in set and reports whether
// any was new.
func addTrigrams(set, text []byte) bool {
	changed := false
	for i := 0; i+3 <= len(text); i++ {
		bit := trigramBit(text[i], text[i+1], text[i+2])
		if mask := byte(1 << (bit & 7)); set[bit>>3]&mask == 0 {
			set[bit>>3] |= mask
			changed = true
		}
	}
	return changed
}

// indexSearchBlock adds the search text of the entry about to be stored
// under key to its block. It runs before the entry is put, inside the write
// transaction that puts it. A file whose layout predates the blocks has no
// bucket yet: its migration builds them from the search bucket afterwards.
func indexSearchBlock(tx *bolt.Tx, key, text []byte) error {
	blocks := tx.Bucket(bucketSearchBlocks)
	if blocks == nil {
		return nil
	}
	blocks.FillPercent = appendFillPercent
	c := blocks.Cursor()
	start, set := seekAtOrBelow(c, key)
	switch {
	case start == nil:
		return startFirstBlock(blocks, c, key, text)
	case startsNewBlock(tx, start, key):
		return putBlock(blocks, key, nil, text)
	case len(set) != blockBytes:
		return nil // damaged: searches already read the whole block
	}
	return putBlock(blocks, start, set, text)
}

// startFirstBlock handles a key older than every block: the oldest block (if
// any) now starts at key, so that every entry lies in some block.
func startFirstBlock(blocks *bolt.Bucket, c *bolt.Cursor, key, text []byte) error {
	first, set := c.First()
	if first == nil {
		return putBlock(blocks, key, nil, text)
	}
	if len(set) != blockBytes {
		set = nil // damaged: what it summarised is lost, so the block starts over as "anything"
	}
	set = bytes.Clone(set)
	if err := blocks.Delete(first); err != nil {
		return err
	}
	if set == nil {
		return blocks.Put(bytes.Clone(key), []byte{}) // stays damaged: read in full
	}
	addTrigrams(set, text)
	return blocks.Put(bytes.Clone(key), set) // always: the old key is gone
}

// startsNewBlock reports whether the entry at key begins a new block: it is
// newer than every entry already stored (so no older block's entry can fall
// after it) and the newest block, which starts at start, is full.
func startsNewBlock(tx *bolt.Tx, start, key []byte) bool {
	c := tx.Bucket(bucketSearch).Cursor()
	k, _ := c.Last()
	if k != nil && bytes.Compare(k, key) >= 0 {
		return false
	}
	n := 0
	for ; k != nil && bytes.Compare(k, start) >= 0 && n < searchBlockSize; k, _ = c.Prev() {
		n++
	}
	return n >= searchBlockSize
}

// putBlock stores the block at start with text's trigrams added to set (a
// new set when nil). An unchanged set is not written again, so settling an
// operation, which rewrites a message with the same text, costs the block
// nothing.
func putBlock(blocks *bolt.Bucket, start, set, text []byte) error {
	fresh := set == nil
	if fresh {
		set = make([]byte, blockBytes)
	} else {
		set = bytes.Clone(set) // set points into the read-only mapping
	}
	if !addTrigrams(set, text) && !fresh {
		return nil
	}
	return blocks.Put(bytes.Clone(start), set)
}

// seekAtOrBelow positions c on the last key at or below key and returns it,
// or nil when every key is above key.
func seekAtOrBelow(c *bolt.Cursor, key []byte) ([]byte, []byte) {
	k, v := c.Seek(key)
	if k != nil && bytes.Equal(k, key) {
		return k, v
	}
	if k == nil {
		return c.Last()
	}
	return c.Prev()
}

// rebuildSearchBlocks recreates the search_blocks bucket from the search
// bucket: blocks of searchBlockSize consecutive entries, oldest first. The
// migration to version 4 runs it once, in its write transaction.
func rebuildSearchBlocks(tx *bolt.Tx) error {
	if tx.Bucket(bucketSearchBlocks) != nil {
		if err := tx.DeleteBucket(bucketSearchBlocks); err != nil {
			return err
		}
	}
	blocks, err := tx.CreateBucket(bucketSearchBlocks)
	if err != nil {
		return err
	}
	blocks.FillPercent = appendFillPercent
	var start, set []byte
	n := 0
	flush := func() error {
		if start == nil {
			return nil
		}
		return blocks.Put(start, set)
	}
	err = tx.Bucket(bucketSearch).ForEach(func(k, v []byte) error {
		if n%searchBlockSize == 0 {
			if err := flush(); err != nil {
				return err
			}
			start, set = bytes.Clone(k), make([]byte, blockBytes)
		}
		n++
		addTrigrams(set, v)
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// searchBlocks walks the search entries below start newest first, reading
// only the blocks whose set has every bit of probe.
func (w walker) searchBlocks(start []byte, probe []uint32, p *pager) {
	blocks := w.tx.Bucket(bucketSearchBlocks).Cursor()
	entries := w.tx.Bucket(bucketSearch).Cursor()
	hi := start
	for from, set := seekBelow(blocks, hi); from != nil; from, set = blocks.Prev() {
		if mayHold(set, probe) && scanRange(entries, hi, from, p) {
			return
		}
		hi = from
		if !w.q.Since.IsZero() && bytes.Compare(from[:min(len(from), timeKeyLen)], p.since) < 0 {
			return // every older block is older than Since
		}
	}
	// Entries older than the first block exist only if the index is damaged.
	scanRange(entries, hi, nil, p)
}
