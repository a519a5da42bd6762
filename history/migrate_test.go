package history

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

var writeV1 = flag.Bool("write-v1", false, "regenerate testdata/v1.db, a history in the version 1 layout")

const v1Fixture = "testdata/v1.db"

// TestWriteV1Fixture regenerates the committed version 1 file. It exists so
// the fixture's origin is reviewable; normal runs skip it and test the
// committed bytes.
func TestWriteV1Fixture(t *testing.T) {
	if !*writeV1 {
		t.Skip("run with -write-v1 to regenerate " + v1Fixture)
	}
	_ = os.Remove(v1Fixture)
	rawUpdate(t, v1Fixture, writeV1Layout)
}

// writeV1Layout writes what zoompose's version 1 wrote: by_time values are
// bare ids, recipients are bare labels, there is no search, unfurls, outbox
// or templates bucket, and one message record is damaged.
func writeV1Layout(tx *bolt.Tx) error {
	put := func(bucket, key, value string) error {
		b, err := tx.CreateBucketIfNotExists([]byte(bucket))
		if err != nil {
			return err
		}
		return b.Put([]byte(key), []byte(value))
	}
	messages := []Message{
		message("v1-a", "general@conf", minute(1), "Standup", "moved to 10:00"),
		message("v1-b", "ada@x", minute(2), "Hi Ada", "lunch?"),
		message("v1-c", "general@conf", minute(3), "Standup", "cancelled today"),
	}
	for _, m := range messages {
		data, err := json.Marshal(m)
		if err != nil {
			return err
		}
		if err := errors.Join(put("messages", m.ID, string(data)), put("by_time", string(orderedKey(m.SentAt, m.ID)), m.ID)); err != nil {
			return err
		}
	}
	return errors.Join(
		put("messages", "v1-broken", "{\"id\":\"v1-broken\",\"revisions\":[tru"),
		put("by_time", string(orderedKey(minute(4), "v1-broken")), "v1-broken"),
		put("recipients", "general@conf", "#general"),
		put("recipients", "ada@x", ""),
		put("drafts", "current", `{"name":"current","source":"half-written","updated_at":"2026-03-14T09:05:00Z"}`),
		put("meta", "magic", Marker),
		put("meta", "schema", "1"),
	)
}

func TestOpenMigratesV1File(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	data, err := os.ReadFile(v1Fixture)
	if err != nil {
		t.Fatalf("%v (regenerate with go test -run TestWriteV1Fixture -write-v1)", err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open(v1 file): %v", err)
	}
	defer s.Close()

	assertSchema(t, s, SchemaVersion)
	page, err := s.List(Query{})
	if err != nil || !reflect.DeepEqual(ids(page.Messages), []string{"v1-c", "v1-b", "v1-a"}) {
		t.Errorf("List after migration = %v, %v", ids(page.Messages), err)
	}
	if page, _ := s.List(Query{Text: "cancelled", To: "general@conf"}); !reflect.DeepEqual(ids(page.Messages), []string{"v1-c"}) {
		t.Errorf("search after migration = %v, want v1-c (search bucket built)", ids(page.Messages))
	}
	recipients, _ := s.Recipients()
	want := []Recipient{
		{JID: "general@conf", Label: "#general", LastUsed: minute(3), Uses: 2},
		{JID: "ada@x", LastUsed: minute(2), Uses: 1},
	}
	if !reflect.DeepEqual(recipients, want) {
		t.Errorf("Recipients after migration =\n%+v\nwant\n%+v", recipients, want)
	}
	if drafts, _ := s.Drafts(); len(drafts) != 1 || drafts[0].Source != "half-written" {
		t.Errorf("Drafts after migration = %+v", drafts)
	}
	if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0], "v1-broken") {
		t.Errorf("Warnings = %q, want one about v1-broken", w)
	}
	if err := s.PutOutbox(OutboxEntry{ID: "o", Op: "send"}); err != nil {
		t.Errorf("the new outbox bucket is not usable: %v", err)
	}
	if err := checkConsistent(s); err != nil {
		t.Error(err)
	}
}

func TestMigratedFileReopensWithoutMigrating(t *testing.T) {
	s, path := openTemp(t)
	_ = s.Close()
	_ = os.Remove(path)
	rawUpdate(t, path, writeV1Layout)
	for range 2 {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		assertSchema(t, s, SchemaVersion)
		if page, _ := s.List(Query{}); len(page.Messages) != 3 {
			t.Errorf("List = %v, want the 3 readable messages", ids(page.Messages))
		}
		_ = s.Close()
	}
}

func assertSchema(t *testing.T, s *Store, want uint64) {
	t.Helper()
	_ = s.db.View(func(tx *bolt.Tx) error {
		got, err := decodeVersion(tx.Bucket(bucketMeta).Get(keySchema))
		if err != nil || got != want {
			t.Errorf("schema version = %d (%v), want %d", got, err, want)
		}
		for _, name := range bucketsV2 {
			if tx.Bucket(name) == nil {
				t.Errorf("bucket %s is missing", name)
			}
		}
		return nil
	})
}
