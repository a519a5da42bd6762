//go:build linux

package history

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped tells the kernel that the pages of the history file that a
// scan has read may leave this process's memory. bbolt reads the file
// through a read-only shared mapping, so a text search over a large history
// would otherwise keep every page of the search bucket resident (about
// 40 MB at 100 000 messages) long after it is done. Dropped pages are read
// back from the page cache on the next access, so nothing changes for the
// reader, including slices still pointing into the mapping.
func releaseMapped(db *bolt.DB, tx *bolt.Tx) {
	// MADV_DONTNEED on a shared file mapping only discards this process's
	// view of clean pages; an error leaves things as they were.
	syscall.Syscall(syscall.SYS_MADVISE, db.Info().Data, uintptr(tx.Size()), syscall.MADV_DONTNEED)
}
