package historytest

import (
	"os"
	"testing"

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
