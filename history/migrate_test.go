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
	if out, err := s.Outbox(); err != nil || len(out) != 0 {
		t.Errorf("Outbox after migration = %+v, %v; want empty (version 1 had none)", out, err)
	}
	assertOperationsWork(t, s)
	if err := checkConsistent(s); err != nil {
		t.Error(err)
	}
}

func TestMigratedFileReopensWithoutMigrating(t *testing.T) {
	tests := map[string]struct {
		layout   func(*bolt.Tx) error
		messages int
	}{
		"v1": {writeV1Layout, 3}, // the damaged one is skipped
		"v2": {writeV2Layout, 5}, // with the two failed sends of its outbox
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "history.db")
			rawUpdate(t, path, tt.layout)
			for i := range 2 {
				s, err := Open(path)
				if err != nil {
					t.Fatal(err)
				}
				assertSchema(t, s, SchemaVersion)
				if page, _ := s.List(Query{}); len(page.Messages) != tt.messages {
					t.Errorf("List = %v, want the %d readable messages", ids(page.Messages), tt.messages)
				}
				if want := int64(1 - i); s.writes.Load() != want {
					t.Errorf("Open number %d made %d write transactions, want %d", i+1, s.writes.Load(), want)
				}
				_ = s.Close()
			}
		})
	}
}

// writeV2Layout writes what zoompose's version 2 wrote: by_time values are
// filter summaries, recipients are JSON, and the outbox bucket holds copies
// of failed sends (ops kept only sends there), their envelope the request
// body without a credential. One entry is damaged and one is not a send.
func writeV2Layout(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketMeta, bucketMessages, bucketByTime, bucketSearch, bucketUnfurls,
		bucketDrafts, bucketRecipients, bucketOutbox, bucketTemplates} {
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	put := func(bucket []byte, key, value string) error { return tx.Bucket(bucket).Put([]byte(key), []byte(value)) }
	messages := []Message{
		message("v2-a", "general@conf", minute(1), "Standup", "moved to 10:00"),
		message("v2-b", "ada@x", minute(2), "Hi Ada", "lunch?"),
		message("v2-c", "general@conf", minute(3), "Standup", "cancelled today"),
	}
	steps := []error{
		put(bucketMeta, "magic", Marker),
		put(bucketMeta, "schema", "2"),
		put(bucketRecipients, "general@conf", `{"label":"#general","last_used":"2026-03-14T09:03:00Z","uses":2}`),
		put(bucketRecipients, "ada@x", `{"last_used":"2026-03-14T09:02:00Z","uses":1}`),
		put(bucketOutbox, v2Outbox[0].id, v2Outbox[0].json),
		put(bucketOutbox, v2Outbox[1].id, v2Outbox[1].json),
		put(bucketOutbox, "local-broken", `{"id":"local-broken","op":"send","envelope":{"to_jid":`),
		put(bucketOutbox, "local-edit", `{"id":"local-edit","op":"edit","envelope":{"message_id":"v2-a"},"at":"2026-03-14T09:09:00Z","attempts":1}`),
	}
	for _, m := range messages {
		data, err := json.Marshal(m)
		if err != nil {
			return err
		}
		key := string(orderedKey(m.SentAt, m.ID))
		steps = append(steps, put(bucketMessages, m.ID, string(data)),
			put(bucketByTime, key, string(m.Status)+"\n"+m.ToJID), put(bucketSearch, key, string(searchText(m))))
	}
	return errors.Join(steps...)
}

// v2Outbox is the version 2 outbox of writeV2Layout, oldest last.
var v2Outbox = []struct{ id, json string }{
	{"local-late", `{"id":"local-late","profile":"work","op":"send","envelope":{"to_jid":"general@conf","reply_to":"v2-a","visible_to_user":"ada@x","content":{"head":{"text":"Late"}},"markdown":true},"source":"# Late","err":"Zoom answered 503 Service Unavailable","at":"2026-03-14T09:05:00Z","attempts":2}`},
	{"local-early", `{"id":"local-early","op":"send","envelope":{"to_jid":"ada@x","content":{"body":[{"type":"message","text":"see you"}]}},"err":"dial tcp: connection refused","at":"2026-03-14T09:04:00Z","attempts":1}`},
}

// A version 2 file opens as version 3 with each outbox entry turned into the
// failed send it stood for, card and envelope intact, listed by Outbox.
func TestOpenMigratesV2Outbox(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	rawUpdate(t, path, writeV2Layout)
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open(v2 file): %v", err)
	}
	defer s.Close()
	assertSchema(t, s, SchemaVersion)

	got, err := s.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	want := []OutboxEntry{
		{ID: "local-early", Kind: OpSend, State: OpFailed, Target: "ada@x",
			Card: Revision{Content: json.RawMessage(`{"body":[{"type":"message","text":"see you"}]}`), At: minute(4)},
			Err:  "dial tcp: connection refused", At: minute(4), Attempts: 1, Tries: Tries{Requests: 1}},
		{ID: "local-late", Kind: OpSend, State: OpFailed, Target: "general@conf",
			Card: Revision{Content: json.RawMessage(`{"head":{"text":"Late"}}`), Source: "# Late", Markdown: true, At: minute(5)},
			Err:  "Zoom answered 503 Service Unavailable", At: minute(5), Attempts: 2, Tries: Tries{Requests: 2}, Profile: "work"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Outbox after migration =\n%+v\nwant\n%+v", got, want)
	}
	late, err := s.Get("local-late")
	if err != nil {
		t.Fatal(err)
	}
	if late.Status != StatusFailed || late.ToJID != "general@conf" || late.ReplyTo != "v2-a" || late.VisibleToUser != "ada@x" ||
		!late.Markdown || !late.SentAt.Equal(minute(5)) || len(late.Revisions) != 1 {
		t.Errorf("the migrated send lost part of its envelope: %+v", late)
	}
	if page, _ := s.List(Query{Status: StatusFailed}); !reflect.DeepEqual(ids(page.Messages), []string{"local-late", "local-early"}) {
		t.Errorf("List(failed) = %v, want the two migrated sends", ids(page.Messages))
	}
	if page, _ := s.List(Query{Text: "late"}); !reflect.DeepEqual(ids(page.Messages), []string{"local-late"}) {
		t.Errorf("search for the migrated card = %v, want local-late (indexed)", ids(page.Messages))
	}
	if page, _ := s.List(Query{Status: StatusSent}); !reflect.DeepEqual(ids(page.Messages), []string{"v2-c", "v2-b", "v2-a"}) {
		t.Errorf("List(sent) = %v, want the version 2 messages untouched", ids(page.Messages))
	}
	recipients, _ := s.Recipients()
	wantRecipients := []Recipient{
		{JID: "general@conf", Label: "#general", LastUsed: minute(3), Uses: 2},
		{JID: "ada@x", LastUsed: minute(2), Uses: 1},
	}
	if !reflect.DeepEqual(recipients, wantRecipients) {
		t.Errorf("Recipients = %+v, want them untouched (a failed send is no use)", recipients)
	}
	warnings := strings.Join(s.Warnings(), "\n")
	if len(s.Warnings()) != 2 || !strings.Contains(warnings, "local-broken") || !strings.Contains(warnings, "local-edit") {
		t.Errorf("Warnings = %q, want one for the damaged entry and one for the edit", s.Warnings())
	}

	// The migrated record is an ordinary failed send: retried, it lands
	// under Zoom's id and counts as a use of its recipient.
	if _, err := s.BeginRetry("local-early", nil, minute(10)); err != nil {
		t.Fatal(err)
	}
	sent, err := s.Applied("local-early", Answer{MessageID: "zoom-early", At: minute(10)})
	if err != nil || sent.ID != "zoom-early" || sent.Status != StatusSent || sent.Op.NeedsAction() {
		t.Errorf("Applied after the retry = %+v, %v", sent, err)
	}
	if r, _ := s.Recipients(); len(r) != 2 || r[0].JID != "ada@x" || r[0].Uses != 2 {
		t.Errorf("Recipients after the retry = %+v, want ada@x used twice, most recently", r)
	}
	if err := checkConsistent(s); err != nil {
		t.Error(err)
	}
}

// Colliding or missing ids in a version 2 outbox never overwrite a sent
// message nor stop the migration.
func TestMigrateV2OutboxKeepsIDsApart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		if err := writeV2Layout(tx); err != nil {
			return err
		}
		b := tx.Bucket(bucketOutbox)
		return errors.Join(
			b.Put([]byte("v2-a"), []byte(`{"id":"v2-a","op":"send","envelope":{"to_jid":"x@y","content":{}},"at":"2026-03-14T09:06:00Z"}`)),
			b.Put([]byte("no-id"), []byte(`{"op":"send","envelope":{"to_jid":"x@y","content":{}},"at":"2026-03-14T09:07:00Z"}`)),
		)
	})
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open(v2 file): %v", err)
	}
	defer s.Close()
	if m, err := s.Get("v2-a"); err != nil || m.Status != StatusSent || m.ToJID != "general@conf" {
		t.Errorf("v2-a after migration = %+v, %v; want the sent message untouched", m, err)
	}
	out, _ := s.Outbox()
	var fresh int
	for _, e := range out {
		if e.Target == "x@y" && strings.HasPrefix(e.ID, "local-") {
			fresh++
		}
	}
	if len(out) != 4 || fresh != 2 {
		t.Errorf("Outbox = %+v, want the 2 fixture sends and the 2 odd ones under new local ids", out)
	}
}

// assertOperationsWork sends, edits and deletes through the operations on a
// migrated file: its new buckets are there and usable.
func assertOperationsWork(t *testing.T, s *Store) {
	t.Helper()
	m, err := s.BeginSend(newSend("general@conf", "After", "migration"), minute(20))
	if err != nil {
		t.Fatal(err)
	}
	steps := []func() error{
		func() error { _, err := s.Applied(m.ID, Answer{MessageID: "zoom-after", At: minute(20)}); return err },
		func() error {
			_, err := s.BeginChange(m.ID, OpEdit, &Revision{Content: card("After", "migration, edited")}, minute(21))
			return err
		},
		func() error { _, err := s.Applied("zoom-after", Answer{At: minute(21)}); return err },
		func() error { _, err := s.BeginChange("zoom-after", OpDelete, nil, minute(22)); return err },
		func() error { _, err := s.Applied("zoom-after", Answer{At: minute(22)}); return err },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("operation step %d on the migrated file: %v", i+1, err)
		}
	}
	if got, err := s.Get(m.ID); err != nil || got.ID != "zoom-after" || got.Status != StatusDeleted || len(got.Revisions) != 2 {
		t.Errorf("Get(local id) after send, edit and delete = %+v, %v", got, err)
	}
}

func assertSchema(t *testing.T, s *Store, want uint64) {
	t.Helper()
	_ = s.db.View(func(tx *bolt.Tx) error {
		got, err := decodeVersion(tx.Bucket(bucketMeta).Get(keySchema))
		if err != nil || got != want {
			t.Errorf("schema version = %d (%v), want %d", got, err, want)
		}
		for _, name := range bucketsV4 {
			if tx.Bucket(name) == nil {
				t.Errorf("bucket %s is missing", name)
			}
		}
		if tx.Bucket(bucketOutbox) != nil {
			t.Error("the version 2 outbox bucket is still there")
		}
		return nil
	})
}
