//go:build !linux

package history

import bolt "go.etcd.io/bbolt"

// releaseMapped is a no-op where the kernel keeps a mapped file's pages
// reclaimable without being told.
func releaseMapped(*bolt.DB, *bolt.Tx) {}
