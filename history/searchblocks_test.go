package history

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

var blockWords = strings.Fields("apple banana cherry damson elder fig grape hazel ivy juniper kiwi lime mango nectar olive")

// churn writes n messages in an order a real history sees: mostly newest
// last, some back-dated, some rewritten with new text and a new time, some
// removed, so that blocks are started, re-keyed and overfilled.
func churn(t *testing.T, s *Store, rng *rand.Rand, n int) {
	t.Helper()
	words := func() string {
		var w []string
		for range 3 + rng.IntN(6) {
			w = append(w, blockWords[rng.IntN(len(blockWords))])
		}
		return strings.Join(w, " ")
	}
	err := s.update(func(tx *bolt.Tx) error {
		for i := range n {
			id := fmt.Sprintf("c%04d", i)
			at := minute(i)
			switch r := rng.IntN(20); {
			case r == 0:
				at = minute(-1000 - i) // older than everything
			case r == 1:
				at = minute(rng.IntN(i + 1)) // back-dated among the others
			case r == 2 && i > 0:
				id = fmt.Sprintf("c%04d", rng.IntN(i)) // rewrite an earlier one
			case r == 3 && i > 0:
				if err := s.removeMessage(tx, fmt.Sprintf("c%04d", rng.IntN(i))); err != nil {
					return err
				}
				continue
			}
			m := message(id, "a@x", at, words(), words()+fmt.Sprintf(" tag%d", i))
			if err := s.rewrite(tx, m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// scanOracle is what a text search must return: every message whose search
// text holds needle, newest first, found by reading every search entry.
func scanOracle(t *testing.T, s *Store, needle string) []string {
	t.Helper()
	var out []string
	_ = s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketSearch).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			if bytes.Contains(v, []byte(needle)) {
				out = append(out, idOf(k))
			}
		}
		return nil
	})
	return out
}

// TestSearchBlocksFindWhatAScanFinds holds the search blocks to their
// promise: a search that skips blocks finds exactly what reading every entry
// finds, after inserts in and out of order, rewrites and removals, with and
// without a Since bound, page by page.
func TestSearchBlocksFindWhatAScanFinds(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { searchMatchesScan(t, seed) })
	}
}

func searchMatchesScan(t *testing.T, seed uint64) {
	s, _ := openTemp(t)
	churn(t, s, rand.New(rand.NewPCG(7, seed)), 1500)
	needles := []string{"kiwi", "mango olive", "tag77", "tag1499", "tag3", "ivy", "zzz-absent", "ap", "pple b"}
	for _, needle := range needles {
		want := scanOracle(t, s, needle)
		var got []string
		q := Query{Text: needle, Limit: 37}
		for {
			page, err := s.List(q)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, ids(page.Messages)...)
			if q.Cursor = page.Next; q.Cursor == "" {
				break
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("search %q: %d found, a scan finds %d\n got %v\nwant %v", needle, len(got), len(want), got, want)
		}
	}
	page, err := s.List(Query{Text: "kiwi", Since: minute(1200), Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range page.Messages {
		if m.SentAt.Before(minute(1200)) {
			t.Errorf("search with Since returned %s sent at %v", m.ID, m.SentAt)
		}
	}
	if n := blockCount(t, s); n < 1500/searchBlockSize/2 {
		t.Errorf("%d search blocks for 1500 messages; the search reads too much at once", n)
	}
}

// TestSearchSkipsBlocks checks that a rare word reads a small part of the
// search bucket: the point of the blocks.
func TestSearchSkipsBlocks(t *testing.T) {
	s, _ := openTemp(t)
	churn(t, s, rand.New(rand.NewPCG(1, 1)), 1500)
	var read int
	_ = s.view(func(tx *bolt.Tx) error {
		w := walker{s: s, tx: tx, q: Query{Text: "tag1234"}, needle: []byte("tag1234"), pages: &pageBudget{}}
		p := &pager{w: w, limit: DefaultLimit, take: func([]byte, bool) (bool, error) { return true, nil }}
		w.collect(nil, p)
		read = p.visited
		return nil
	})
	if read == 0 || read > 1500/4 {
		t.Errorf("a search for one message's tag read %d of 1500 entries", read)
	}
}

// TestDamagedSearchBlockIsReadInFull: a block value of the wrong size may hold
// anything, so its entries are read, and writes next to it keep working.
func TestDamagedSearchBlockIsReadInFull(t *testing.T) {
	s, path := openTemp(t)
	churn(t, s, rand.New(rand.NewPCG(3, 3)), 300)
	want := scanOracle(t, s, "tag42")
	_ = s.Close()
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketSearchBlocks).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if err := tx.Bucket(bucketSearchBlocks).Put(bytes.Clone(k), []byte("garbage")); err != nil {
				return err
			}
		}
		return nil
	})
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustPut(t, s, message("after", "a@x", minute(-5000), "tag42 old", "body"), message("newest", "a@x", minute(9000), "tag42 new", "body"))
	want = append(append([]string{"newest"}, want...), "after")
	page, err := s.List(Query{Text: "tag42", Limit: 1000})
	if err != nil || !slices.Equal(ids(page.Messages), want) {
		t.Errorf("search over damaged blocks = %v, %v; want %v", ids(page.Messages), err, want)
	}
}

// TestOpenMigratesV3File builds the search blocks of a version 3 file (one
// without them) and searches with them.
func TestOpenMigratesV3File(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	churn(t, s, rand.New(rand.NewPCG(5, 5)), 400)
	want := scanOracle(t, s, "tag3")
	_ = s.Close()
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketSearchBlocks); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("3"))
	})
	s, err = Open(path)
	if err != nil {
		t.Fatalf("Open(v3 file): %v", err)
	}
	defer s.Close()
	assertSchema(t, s, SchemaVersion)
	if n := blockCount(t, s); n != (400+searchBlockSize-1)/searchBlockSize && n != 400/searchBlockSize {
		t.Errorf("migration built %d blocks", n)
	}
	page, err := s.List(Query{Text: "tag3", Limit: 1000})
	if err != nil || !slices.Equal(ids(page.Messages), want) {
		t.Errorf("search after migration = %v, %v; want %v", ids(page.Messages), err, want)
	}
	if err := checkConsistent(s); err != nil {
		t.Error(err)
	}
}

// TestSettlingDoesNotRewriteTheBlock: a send's resolution rewrites the
// message with the same text, which must not rewrite its block (one more
// page in every fsync).
func TestSettlingDoesNotRewriteTheBlock(t *testing.T) {
	s, _ := openTemp(t)
	m, err := s.BeginSend(newSend("a@x", "Lunch", "at noon"), minute(1))
	if err != nil {
		t.Fatal(err)
	}
	before := blockBytesAt(t, s)
	if _, err := s.Applied(m.ID, Answer{MessageID: "zoom-1", At: minute(1).Add(time.Second)}); err != nil {
		t.Fatal(err)
	}
	if after := blockBytesAt(t, s); !bytes.Equal(before, after) {
		t.Error("settling the send changed its search block")
	}
	if page, _ := s.List(Query{Text: "noon"}); !slices.Equal(ids(page.Messages), []string{"zoom-1"}) {
		t.Errorf("search after settling = %v", ids(page.Messages))
	}
}

func blockCount(t *testing.T, s *Store) int {
	t.Helper()
	n := 0
	_ = s.view(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketSearchBlocks).Stats().KeyN
		return nil
	})
	return n
}

func blockBytesAt(t *testing.T, s *Store) []byte {
	t.Helper()
	var out []byte
	_ = s.view(func(tx *bolt.Tx) error {
		_, v := tx.Bucket(bucketSearchBlocks).Cursor().First()
		out = bytes.Clone(v)
		return nil
	})
	return out
}
