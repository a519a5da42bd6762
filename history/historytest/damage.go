package historytest

import (
	"encoding/binary"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// DamageMessagesPage overwrites the root page of the messages bucket of a
// closed history with garbage, as a failing disk would: the file opens, and
// the next write to that bucket finds the damage. The bucket needs a page of
// its own (a few messages in it).
func DamageMessagesPage(t testing.TB, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	var page uint64
	pageSize := db.Info().PageSize
	err = db.View(func(tx *bolt.Tx) error {
		page = uint64(tx.Bucket([]byte("messages")).Root())
		return nil
	})
	db.Close()
	if err != nil || page == 0 {
		t.Fatalf("the messages bucket has no page of its own (%v): send more first", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	garbage := make([]byte, pageSize)
	for i := range garbage {
		garbage[i] = byte(i*7 + 3)
	}
	if _, err := f.WriteAt(garbage, int64(page)*int64(pageSize)); err != nil {
		t.Fatal(err)
	}
}

// FlipBits flips n bits chosen by seed among the span bytes of the closed
// file at path that start at offset, as a failing disk or memory would. The
// same seed flips the same bits, so a test names the damage it reproduces.
func FlipBits(tb testing.TB, path string, seed uint64, offset, span, n int) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if offset < 0 || offset+span > len(data) {
		tb.Fatalf("FlipBits: bytes %d to %d are outside the %d-byte file %s", offset, offset+span, len(data), path)
	}
	rng := rand.New(rand.NewPCG(seed, 0))
	for range n {
		bit := rng.IntN(span * 8)
		data[offset+bit/8] ^= 1 << (bit % 8)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
}

// FreelistPage returns the page of the closed bbolt file at path that holds
// its list of free pages (the newest of its two meta pages names it), for
// tests that damage that list. A file of 4 KiB pages.
func FreelistPage(tb testing.TB, path string) int {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	const pageSize, header = 4096, 16
	var newest, list uint64
	for page := range 2 {
		meta := data[page*pageSize+header:]
		if txid := binary.NativeEndian.Uint64(meta[48:]); txid >= newest {
			newest, list = txid, binary.NativeEndian.Uint64(meta[32:])
		}
	}
	if list < 2 || list >= uint64(len(data)/pageSize) {
		tb.Fatalf("%s has no list of free pages in it (meta names page %d)", path, list)
	}
	return int(list)
}

// ListPageInUse damages the list of free pages of the closed bbolt file at
// path the way one flipped bit can: one of its entries becomes the id of a
// leaf page the tree uses, keeping the list in order, so nothing but the
// tree itself shows it is wrong. bbolt would give that page out to a later
// write while it still holds records, or free it twice. It returns the page.
// bbolt lays pages out in an order of its own, so the page differs between
// runs; the damage is always of this kind.
func ListPageInUse(tb testing.TB, path string) int {
	tb.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	var free, leaves []int
	err = db.View(func(tx *bolt.Tx) error {
		roots := map[int]bool{}
		_ = tx.ForEach(func(_ []byte, b *bolt.Bucket) error { roots[int(b.Root())] = true; return nil })
		for id := 2; ; id++ {
			info, err := tx.Page(id)
			if err != nil || info == nil {
				return err
			}
			switch {
			case info.Type == "free":
				free = append(free, id)
			case info.Type == "leaf" && !roots[id]:
				leaves = append(leaves, id)
			}
		}
	})
	_ = db.Close()
	if err != nil {
		tb.Fatal(err)
	}
	// The list holds the free pages in order; entry i becomes a leaf between
	// entries i-1 and i+1.
	for i, id := range free {
		lo, hi := 1, int(^uint(0)>>1)
		if i > 0 {
			lo = free[i-1]
		}
		if i+1 < len(free) {
			hi = free[i+1]
		}
		for _, leaf := range leaves {
			if leaf > lo && leaf < hi && leaf != id {
				writeListEntry(tb, path, i, uint64(leaf))
				return leaf
			}
		}
	}
	tb.Fatalf("%s has no free page with a leaf in use between its neighbours in the list (free %v, leaves %v)", path, free, leaves)
	return 0
}

// writeListEntry sets entry i of the list of free pages of the closed file
// at path (a list of fewer than 65535 entries) to id.
func writeListEntry(tb testing.TB, path string, i int, id uint64) {
	tb.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var entry [8]byte
	binary.NativeEndian.PutUint64(entry[:], id)
	if _, err := f.WriteAt(entry[:], int64(FreelistPage(tb, path)*4096+16+8*i)); err != nil {
		tb.Fatal(err)
	}
}
