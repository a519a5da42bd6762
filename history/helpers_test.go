package history

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// base is the fixed clock of the tests: every seeded time is base plus minutes.
var base = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)

func minute(n int) time.Time { return base.Add(time.Duration(n) * time.Minute) }

// openTemp opens a fresh history in t.TempDir and closes it at cleanup.
func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "history.db")
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, path
}

// card returns a small content object like the ones compose produces.
func card(head, body string) json.RawMessage {
	data, err := json.Marshal(map[string]any{
		"head": map[string]any{"text": head},
		"body": []any{map[string]any{"type": "message", "text": body}},
	})
	if err != nil {
		panic(err)
	}
	return data
}

// message builds a sent message with one revision.
func message(id, to string, at time.Time, head, body string) Message {
	return Message{
		ID: id, Profile: "default", AccountID: "ACCT", RobotJID: "bot@xmpp.zoom.us",
		ToJID: to, UserJID: "admin@xmpp.zoom.us", ZoomSentTime: at.Format("2006-01-02 15:04:05"),
		SentAt: at, Status: StatusSent,
		Revisions: []Revision{{Content: card(head, body), Source: "# " + head + "\n\n" + body, At: at}},
	}
}

func mustPut(t testing.TB, s *Store, ms ...Message) {
	t.Helper()
	for _, m := range ms {
		if err := s.PutMessage(m); err != nil {
			t.Fatalf("PutMessage(%s): %v", m.ID, err)
		}
	}
}

func ids(ms []Message) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}

// rawUpdate closes nothing: it opens the closed file with bbolt directly to
// plant damage a Store would never write.
func rawUpdate(t testing.TB, path string, fn func(*bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatalf("raw open: %v", err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatalf("raw update: %v", err)
	}
}

// checkConsistent runs bbolt's page-by-page consistency check. It is a test
// helper, not Store API: on a truly damaged file bbolt's checker panics in a
// goroutine of its own, which no caller could recover.
func checkConsistent(s *Store) error {
	return s.db.View(func(tx *bolt.Tx) error {
		var problems []error
		for err := range tx.Check() {
			problems = append(problems, err)
		}
		return errors.Join(problems...)
	})
}

// bulkPut writes n messages m000… in one transaction (one fsync).
func bulkPut(t testing.TB, s *Store, n int) {
	t.Helper()
	err := s.update(func(tx *bolt.Tx) error {
		for i := range n {
			if err := writeMessage(tx, message(fmt.Sprintf("m%03d", i), "a@x", minute(i), "head", "body")); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
