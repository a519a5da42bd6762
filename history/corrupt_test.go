package history

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/zoompose/zoompose/history/historytest"
)

// damage plants a value that is not JSON under key in bucket of a closed
// history file.
func damage(t *testing.T, path string, bucket, key []byte) {
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket(bucket).Put(key, []byte("\x00\xffnot json"))
	})
}

func TestCorruptMessageIsSkippedWithAWarning(t *testing.T) {
	s, path := openTemp(t)
	mustPut(t, s,
		message("m1", "a@x", minute(1), "one", "fine"),
		message("m2", "a@x", minute(2), "two", "fine"),
		message("m3", "a@x", minute(3), "three", "fine"),
	)
	_ = s.Close()
	damage(t, path, bucketMessages, []byte("m2"))
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	for _, q := range []Query{{}, {Text: "fine"}, {To: "a@x"}} {
		page, err := s.List(q)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(page.Messages); !reflect.DeepEqual(got, []string{"m3", "m1"}) {
			t.Errorf("List(%+v) = %v, want m3, m1", q, got)
		}
	}
	var out bytes.Buffer
	if err := s.Export(&out); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), `"id":"m2"`) || strings.Count(out.String(), "\n") != 2 {
		t.Errorf("Export did not skip exactly the damaged record:\n%s", out.String())
	}
	if _, err := s.Get("m2"); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Get(m2) = %v, want ErrCorrupt", err)
	}
	warnings := s.Warnings()
	if len(warnings) != 1 || !strings.Contains(warnings[0], `messages record "m2"`) || !strings.Contains(warnings[0], "skipped") {
		t.Errorf("Warnings() = %q, want one sentence about m2, reported once", warnings)
	}
	// Sending again under the same id repairs the record.
	mustPut(t, s, message("m2", "a@x", minute(4), "two", "repaired"))
	if page, _ := s.List(Query{}); !reflect.DeepEqual(ids(page.Messages), []string{"m2", "m3", "m1"}) {
		t.Errorf("after repair List = %v", ids(page.Messages))
	}
}

func TestIndexEntryWithoutMessageIsSkipped(t *testing.T) {
	s, path := openTemp(t)
	mustPut(t, s, message("m1", "a@x", minute(1), "one", "fine"))
	_ = s.Close()
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketByTime).Put(orderedKey(minute(2), "ghost"), []byte("sent\na@x"))
	})
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	page, err := s.List(Query{})
	if err != nil || !reflect.DeepEqual(ids(page.Messages), []string{"m1"}) {
		t.Fatalf("List = %v, %v; want m1 only", ids(page.Messages), err)
	}
	if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0], "ghost") {
		t.Errorf("Warnings() = %q, want one naming ghost", w)
	}
}

func TestCorruptSideRecordsAreSkipped(t *testing.T) {
	outbox := func(s *Store) (int, error) { v, err := s.Outbox(); return len(v), err }
	badUnfurl := orderedKey(minute(9), "bad")
	tests := []struct {
		name    string
		bucket  []byte
		key     []byte
		pending []byte // when not nil, the pending index also lists the record (see pending.go)
		read    func(*Store) (int, error)
	}{
		{"draft", bucketDrafts, []byte("bad"), nil, func(s *Store) (int, error) { d, err := s.Drafts(); return len(d), err }},
		{"template", bucketTemplates, []byte("bad"), nil, func(s *Store) (int, error) { v, err := s.Templates(); return len(v), err }},
		{"outbox message", bucketMessages, []byte("bad"), []byte("fm"), outbox},
		{"outbox unfurl", bucketUnfurls, badUnfurl, append([]byte("xu"), badUnfurl...), outbox},
		{"recipient", bucketRecipients, []byte("bad@x"), nil, func(s *Store) (int, error) { v, err := s.Recipients(); return len(v), err }},
		{"unfurl", bucketUnfurls, badUnfurl, nil, func(s *Store) (int, error) { v, err := s.Unfurls(0); return len(v), err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, path := openTemp(t)
			writeOneOfEach(t, s)
			_ = s.Close()
			damage(t, path, tt.bucket, tt.key)
			if tt.pending != nil {
				rawUpdate(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketPending).Put([]byte("bad"), tt.pending) })
			}
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			n, err := tt.read(s)
			if err != nil || n != 1 {
				t.Errorf("read %d good records (err %v), want the 1 undamaged one", n, err)
			}
			if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0], `"bad`) {
				t.Errorf("Warnings() = %q, want one naming the bad record", w)
			}
			var out bytes.Buffer
			if err := s.Export(&out); err != nil || strings.Count(out.String(), "\n") != 6 {
				t.Errorf("Export wrote %d lines (err %v), want the 6 good records", strings.Count(out.String(), "\n"), err)
			}
		})
	}
}

// writeOneOfEach stores one record of every kind.
func writeOneOfEach(t *testing.T, s *Store) {
	t.Helper()
	mustPut(t, s, message("m1", "a@x", minute(1), "h", "b"), failedSend("o1", "a@x", minute(4)))
	steps := []error{
		s.SaveDraft(Draft{Name: "draft", Source: "draft text", UpdatedAt: minute(2)}),
		s.SaveTemplate(Template{Name: "tmpl", Source: "Hi {{.name}}", UpdatedAt: minute(3)}),
		s.TouchRecipient("a@x", minute(1)),
		s.PutUnfurl(Unfurl{ID: "u1", UserID: "user", TriggerID: "trig", Content: card("u", "b"), At: minute(5)}),
	}
	if err := errors.Join(steps...); err != nil {
		t.Fatal(err)
	}
}

// failedSend is the record of a send Zoom did not apply, waiting in the
// outbox, with a fixed id (BeginSend makes a new one each time).
func failedSend(id, to string, at time.Time) Message {
	return Message{
		ID: id, Profile: "default", ToJID: to, SentAt: at, Status: StatusFailed,
		Revisions: []Revision{{Content: card("retry", "me"), Source: "# retry\n\nme", At: at}},
		Op:        &Operation{Kind: OpSend, State: OpFailed, At: at, Err: "Zoom answered 503", Attempts: 1},
	}
}

// A file whose pages are overwritten (disk damage, not a bad record) gives a
// sentence from Open or List, never a panic.
func TestDamagedPagesGiveASentenceNotAPanic(t *testing.T) {
	for _, firstPage := range []int{2, 4} {
		t.Run(fmt.Sprintf("from page %d", firstPage), func(t *testing.T) {
			s, path := openTemp(t)
			bulkPut(t, s, 200)
			_ = s.Close()
			overwritePages(t, path, firstPage)
			s, err := Open(path)
			if err == nil {
				defer s.Close()
				_, err = s.List(Query{Limit: 1000})
			}
			if err == nil || !strings.Contains(err.Error(), "is damaged") || !strings.Contains(err.Error(), "move it away") {
				t.Errorf("got %v, want a sentence saying the file is damaged", err)
			}
		})
	}
}

// overwritePages fills every 4 KiB page from first on with a fixed pattern
// that bbolt cannot mistake for a page, keeping the two meta pages.
func overwritePages(t *testing.T, path string, first int) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := first * 4096; i < len(data); i++ {
		data[i] = byte(i*7 + 13)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Bit flips in a page can send bbolt's reads outside the file's memory
// mapping, a fault Go ends the process on unless the goroutine asked for a
// panic instead (see panicOnFault). The damage is the audit's: 200 random
// bit flips in page 3 of a history of three messages (the seed is one whose
// flips make both the first write and the first read fault). A writer and a
// reader get the "damaged" sentence naming the file; nothing crashes.
func TestBitFlipsThatFaultGiveASentenceNotACrash(t *testing.T) {
	s, path := openTemp(t)
	for i := range 3 {
		mustPut(t, s, message(fmt.Sprintf("m%03d", i), "a@x", minute(i), "head", "body"))
	}
	_ = s.Close()
	historytest.FlipBits(t, path, 19, 3*4096, 4096, 200)

	assertFaulted := func(what string, err error) {
		t.Helper()
		if err == nil || !strings.Contains(err.Error(), path+" is damaged") || !strings.Contains(err.Error(), "memory address") {
			t.Errorf("%s = %v, want the damaged sentence naming %s, from a memory fault", what, err, path)
		}
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.BeginSend(message("", "a@x", minute(9), "head", "body"), minute(9))
	assertFaulted("BeginSend", err)
	if d := s.Damaged(); d == nil || d.Path != path {
		t.Errorf("Damaged() = %v after the write faulted, want the damage noted for the front ends", d)
	}
	_ = s.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.List(Query{})
	assertFaulted("List", err)
	_, err = s.Get("m001")
	assertFaulted("Get", err)
}

// A bit flipped in bbolt's list of free pages that turns a free page's id
// into the id of a page the tree uses passes bbolt's open and its first
// write; a later write gives the page out again or frees
// it twice, after a send's intent, once Zoom has answered (issue 9's audit).
// The store checks the list before its first write: nothing is written, the
// error names the file and the page, and reading still works.
func TestDamagedFreelistStopsTheFirstWrite(t *testing.T) {
	s, path := openTemp(t)
	for i := range 50 {
		mustPut(t, s, message(fmt.Sprintf("m%03d", i), "a@x", minute(i), "head", "body"))
	}
	_ = s.Close()
	inUse := historytest.ListPageInUse(t, path)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := checkConsistent(s); err == nil || !strings.Contains(err.Error(), "reachable freed") {
		t.Fatalf("bbolt's check says %v; want a page in use listed as free", err)
	}
	_, err = s.BeginSend(message("", "a@x", minute(99), "head", "body"), minute(99))
	if err == nil || !strings.Contains(err.Error(), path+" is damaged") || !strings.Contains(err.Error(), "list of free pages") ||
		!strings.Contains(err.Error(), fmt.Sprintf("page %d, which the tree uses", inUse)) {
		t.Errorf("BeginSend = %v, want the damaged sentence about the list of free pages naming page %d, in use", err, inUse)
	}
	if d := s.Damaged(); d == nil || !strings.Contains(d.Error(), "list of free pages") {
		t.Errorf("Damaged() = %v, want the damaged list noted for the front ends", d)
	}
	if s.broken.Load() == nil {
		t.Error("the damaged list does not stop the Store's later writes: each would check the list again")
	}
	_, again := s.BeginSend(message("", "a@x", minute(100), "head", "body"), minute(100))
	if again == nil || again.Error() != err.Error() {
		t.Errorf("a second BeginSend = %v, want the same damaged sentence %v", again, err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the file changed: something was written to a history with a damaged list of free pages")
	}
	if page, err := s.List(Query{Limit: 100}); err != nil || len(page.Messages) != 50 {
		t.Errorf("List = %d messages, %v; want the 50, readable as before", len(page.Messages), err)
	}
}

// The check of the list of free pages finds nothing wrong in a history that
// many writes, deletes and an overflowing record have left with a long list.
func TestFreelistCheckPassesAnIntactHistory(t *testing.T) {
	s, path := openTemp(t)
	bulkPut(t, s, 400)
	big := message("big", "a@x", minute(500), "head", strings.Repeat("a long body ", 2000)) // spans pages
	mustPut(t, s, big)
	for i := 0; i < 400; i += 3 {
		if err := s.update(func(tx *bolt.Tx) error { return s.removeMessage(tx, fmt.Sprintf("m%03d", i)) }); err != nil {
			t.Fatal(err)
		}
	}
	_ = s.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := checkConsistent(s); err != nil {
		t.Fatalf("bbolt's check: %v", err)
	}
	if err := s.writable(); err != nil {
		t.Errorf("writable() = %v on an intact history", err)
	}
	if free := s.db.Stats().FreePageN; free < 10 {
		t.Errorf("the history has %d free pages, want a long list for the check to read", free)
	}
}

// An answer kept beside the history (Keep) is pointed to by every open of
// it until the file is removed.
func TestOpenPointsToKeptAnswers(t *testing.T) {
	s, path := openTemp(t)
	_ = s.Close()
	kept, err := Keep(path, Kept{Op: OpSend, RecordID: "local-1", MessageID: "ZOOM-1", ToJID: "a@x", At: minute(1), Err: "disk full"})
	if err != nil || kept != KeptPath(path) {
		t.Fatalf("Keep = %q, %v", kept, err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0], kept) || !strings.Contains(w[0], "1 operation Zoom applied") {
		t.Errorf("Warnings() = %q, want one naming %s", w, kept)
	}
}
