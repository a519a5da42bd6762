package history

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// bbolt keeps the list of its free pages in the file, and trusts it: a page
// the list names is handed out to the next write, even when the tree still
// uses it, and a page freed twice panics in the middle of a commit. A few
// flipped bits in that list pass Open and the first write, and fail a later
// one: after the intent of a send, once Zoom has answered (issue 9). So the
// store checks the list before its first write (see writable), where a
// damaged history still stops a send before the network.
//
// The check reads from the file the active meta page, the list, and the
// branch pages of every bucket's tree (not the leaves, about 99% of the
// pages), which name every page in use but the overflow pages of leaves: at
// 100 000 messages it adds about 6 ms to the first write of a Store
// (BenchmarkOpenFreelist: 5.6 ms min, 6.3 ms median, against 32/40 µs for
// Open alone), once per process. A damaged list names a page outside the
// file, out of order, twice, one of its own, or one in use: a page a branch
// names, or an overflow page of the page named just below it. The
// alternative, bbolt's NoFreelistSync, rebuilds the list from every page of
// the file (leaves included, with a check of their keys) at every open, 61
// ms min, 101 ms median at 100 000 messages, and panics in a goroutine of
// its own on the damage it finds, which no recover catches. Damage the check
// cannot see (a page written wrong after the list was checked, a disk
// failing between intent and answer) still leaves the intent on disk, and
// ops keeps Zoom's answer beside the history (Keep).

// The bits of bbolt's file format the check reads (go.etcd.io/bbolt's
// internal/common: the page header, the meta page and the list page).
const (
	pageHeaderSize   = 16 // id u64, flags u16, count u16, overflow u32
	freelistPageFlag = 0x10
	noFreelist       = ^uint64(0) // the meta of a file written with NoFreelistSync
	metaRootOffset   = 16         // in the meta: magic, version, page size, flags u32, then the root bucket's page
	metaListOffset   = 32         // the list's page
	metaHighOffset   = 40         // the first page past the end of the tree (high water mark)
	metaTxidOffset   = 48
	branchPageFlag   = 0x01
	branchElemSize   = 16 // pos u32, ksize u32, page u64
)

// freelistCheck is one check of the list, in a read transaction.
type freelistCheck struct {
	pageSize int
	txid     uint64
	roots    map[uint64]string // page -> what starts there
	f        io.ReaderAt
	high     uint64   // the first page past the end of the tree
	free     []uint64 // the list, in order
	// below[i] is the highest page in use the walk saw below free[i] and
	// above free[i-1]: free[i] may be one of its overflow pages.
	below []uint64
}

// writable checks, once per Store, that bbolt's list of free pages is
// consistent before the first write: a damaged one is the store's "damaged"
// error, noted (Damaged), and no write of this Store starts (broken), so the
// check is not repeated either.
func (s *Store) writable() error {
	s.checkMu.Lock()
	defer s.checkMu.Unlock()
	if s.listChecked {
		return nil
	}
	err := s.view(func(tx *bolt.Tx) error {
		c := freelistCheck{pageSize: tx.DB().Info().PageSize, txid: uint64(tx.ID()), roots: map[uint64]string{}}
		err := tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if root := uint64(b.Root()); root != 0 { // 0: the bucket lives inline in its parent's page
				c.roots[root] = fmt.Sprintf("the root of bucket %q", name)
			}
			return nil
		})
		if err != nil {
			return err
		}
		return c.run(s.path)
	})
	var d *DamagedError
	if errors.As(err, &d) {
		s.broken.Store(s.noteDamage(d))
	}
	if err != nil {
		return err
	}
	s.listChecked = true
	return nil
}

// run reads the meta page of the transaction, the list it names and the
// branch pages of the tree from the file at path. A read transaction is open
// meanwhile, so bbolt overwrites none of them.
func (c *freelistCheck) run(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("could not read the history file %s to check it: %w", path, err)
	}
	defer f.Close()
	c.f = f
	meta, err := c.activeMeta()
	if err != nil {
		return c.damaged(path, err)
	}
	list := binary.NativeEndian.Uint64(meta[metaListOffset:])
	c.high = binary.NativeEndian.Uint64(meta[metaHighOffset:])
	if list == noFreelist {
		return nil // bbolt rebuilt the list from the pages when it opened the file
	}
	c.roots[binary.NativeEndian.Uint64(meta[metaRootOffset:])] = "the root of the tree"
	if err := c.readList(list); err != nil {
		return c.damaged(path, err)
	}
	c.below = make([]uint64, len(c.free))
	for root := range c.roots {
		if err := c.use(root); err != nil {
			return c.damaged(path, err)
		}
		if _, err := c.walk(root, 0); err != nil {
			return c.damaged(path, err)
		}
	}
	return c.damaged(path, c.checkOverflows())
}

func (c *freelistCheck) damaged(path string, err error) error {
	if err == nil {
		return nil
	}
	return damagedError(path, fmt.Errorf("its list of free pages is inconsistent: %w", err))
}

// activeMeta is the meta page (without its page header) the transaction
// started from: of bbolt's two, the one with its transaction id.
func (c *freelistCheck) activeMeta() ([]byte, error) {
	for page := range int64(2) {
		buf := make([]byte, c.pageSize)
		if _, err := c.f.ReadAt(buf, page*int64(c.pageSize)); err != nil {
			return nil, fmt.Errorf("meta page %d cannot be read: %w", page, err)
		}
		meta := buf[pageHeaderSize:]
		if binary.NativeEndian.Uint64(meta[metaTxidOffset:]) == c.txid {
			return meta, nil
		}
	}
	return nil, fmt.Errorf("no meta page holds transaction %d", c.txid)
}

// readList reads the list at page list into c.free, checking that it is
// one: in the file, with a count its pages hold, its ids in order, in the
// file, and neither its own pages nor a root.
func (c *freelistCheck) readList(list uint64) error {
	if list < 2 || list >= c.high {
		return fmt.Errorf("its page %d is outside the file's %d pages", list, c.high)
	}
	header := make([]byte, pageHeaderSize)
	if _, err := c.f.ReadAt(header, int64(list)*int64(c.pageSize)); err != nil {
		return fmt.Errorf("its page %d cannot be read: %w", list, err)
	}
	id, flags := binary.NativeEndian.Uint64(header), binary.NativeEndian.Uint16(header[8:])
	count, overflow := uint64(binary.NativeEndian.Uint16(header[10:])), uint64(binary.NativeEndian.Uint32(header[12:]))
	if id != list || flags != freelistPageFlag {
		return fmt.Errorf("page %d is not a list of free pages (it says page %d, flags %#x)", list, id, flags)
	}
	if list+overflow >= c.high {
		return fmt.Errorf("its pages %d to %d run past the file's %d pages", list, list+overflow, c.high)
	}
	body := make([]byte, (overflow+1)*uint64(c.pageSize)-pageHeaderSize)
	if _, err := c.f.ReadAt(body, int64(list)*int64(c.pageSize)+pageHeaderSize); err != nil {
		return fmt.Errorf("its pages from %d cannot be read: %w", list, err)
	}
	if count == 0xFFFF { // a longer list keeps its count in its first entry
		count, body = binary.NativeEndian.Uint64(body), body[8:]
	}
	if count > uint64(len(body))/8 {
		return fmt.Errorf("it counts %d pages, more than its %d pages hold", count, overflow+1)
	}
	c.free = make([]uint64, count)
	var prev uint64
	for i := range c.free {
		id := binary.NativeEndian.Uint64(body[i*8:])
		switch {
		case id < 2 || id >= c.high:
			return fmt.Errorf("it names page %d, outside the file's %d pages", id, c.high)
		case id <= prev:
			return fmt.Errorf("it names page %d after page %d, out of order", id, prev)
		case id >= list && id <= list+overflow:
			return fmt.Errorf("it names page %d, one of its own", id)
		case c.roots[id] != "":
			return fmt.Errorf("it names page %d, %s", id, c.roots[id])
		}
		c.free[i], prev = id, id
	}
	return nil
}

// use notes that the tree uses page: the list is damaged if it names it.
func (c *freelistCheck) use(page uint64) error {
	i, found := slices.BinarySearch(c.free, page)
	if found {
		return fmt.Errorf("it names page %d, which the tree uses", page)
	}
	if i < len(c.free) {
		c.below[i] = max(c.below[i], page)
	}
	return nil
}

// maxDepth bounds the walk in a tree whose branches a damaged page turned
// into a loop; bbolt's trees of 100 000 records are 4 levels deep.
const maxDepth = 64

// walk notes the pages the branch pages under page name, and reports
// whether page is a branch. It reads only branch pages: the tree is
// balanced, so the first child's type is every sibling's, and the leaves
// under the last branches are noted without being read.
func (c *freelistCheck) walk(page uint64, depth int) (branch bool, err error) {
	if page < 2 || page >= c.high {
		return false, fmt.Errorf("a page names page %d, outside the file's %d pages", page, c.high)
	}
	if depth > maxDepth {
		return false, fmt.Errorf("page %d lies deeper than any tree: its branches loop", page)
	}
	buf := make([]byte, c.pageSize)
	if _, err := c.f.ReadAt(buf, int64(page)*int64(c.pageSize)); err != nil {
		return false, fmt.Errorf("page %d cannot be read: %w", page, err)
	}
	flags, count := binary.NativeEndian.Uint16(buf[8:]), int(binary.NativeEndian.Uint16(buf[10:]))
	if flags != branchPageFlag || count == 0 {
		return false, nil
	}
	if need := pageHeaderSize + count*branchElemSize; need > len(buf) { // a branch with overflow pages
		buf = make([]byte, need)
		if _, err := c.f.ReadAt(buf, int64(page)*int64(c.pageSize)); err != nil {
			return false, fmt.Errorf("branch page %d cannot be read: %w", page, err)
		}
	}
	child := func(i int) uint64 { return binary.NativeEndian.Uint64(buf[pageHeaderSize+i*branchElemSize+8:]) }
	for i := range count {
		if err := c.use(child(i)); err != nil {
			return true, err
		}
	}
	if branches, err := c.walk(child(0), depth+1); err != nil || !branches {
		return true, err
	}
	for i := 1; i < count; i++ {
		if _, err := c.walk(child(i), depth+1); err != nil {
			return true, err
		}
	}
	return true, nil
}

// checkOverflows says whether a free page is an overflow page of the page in
// use just below it (one header read per free page with one below it).
func (c *freelistCheck) checkOverflows() error {
	header := make([]byte, pageHeaderSize)
	for i, owner := range c.below {
		if owner == 0 {
			continue
		}
		if _, err := c.f.ReadAt(header, int64(owner)*int64(c.pageSize)); err != nil {
			return fmt.Errorf("page %d cannot be read: %w", owner, err)
		}
		if overflow := uint64(binary.NativeEndian.Uint32(header[12:])); c.free[i] <= owner+overflow {
			return fmt.Errorf("it names page %d, part of page %d, which the tree uses", c.free[i], owner)
		}
	}
	return nil
}
