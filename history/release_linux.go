//go:build linux

package history

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped returns a function that tells the kernel the pages of the
// history file that tx has read may leave this process's memory. bbolt reads
// the file through a read-only shared mapping, and the kernel counts every
// page a walk touched in the process's resident set until the process
// unmaps it: a text search that reads the whole search bucket would keep
// about 40 MB of it, and history --json over 100 000 messages the whole
// 216 MB file. MADV_DONTNEED on a shared file mapping only drops this
// process's page-table entries for clean pages: the data stays in the page
// cache, slices still pointing into the mapping stay valid, and the next read
// of a page is a minor fault (no disk read).
//
// The faults are the price, and it is not small: a search that reads every
// entry of the search bucket of 100 000 messages costs about 1.4 times as
// much with releases as with its pages left mapped (docs/performance.md,
// "History at 100k records"). So walks release only while they read a lot
// (see pageBudget): a first page, a filter over the summaries or a search
// the search blocks narrow down keeps its pages for the next query, while
// a full scan, history --json or export stays flat instead of growing with
// the file.
func (s *Store) releaseMapped(tx *bolt.Tx) func() {
	return func() {
		// An error leaves things as they were.
		syscall.Syscall(syscall.SYS_MADVISE, s.db.Info().Data, uintptr(tx.Size()), syscall.MADV_DONTNEED)
	}
}
