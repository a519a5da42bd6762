package e2e

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// TestOneDraftPerTarget types a new message, leaves it for an edit of a
// sent message, goes back and forth with f2 and `e`, quits, and starts the
// binary again on the same history file: each draft keeps its own text the
// whole way, and the drafts list reopens the edit.
func TestOneDraftPerTarget(t *testing.T) {
	bin := buildBinary(t)
	srv := zoomtest.NewServer()
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "history.db")
	const id = "msg-e2e-drafts"
	putMessage(t, db, id, "Deploy finished")
	env := simulatorEnv(srv, dir, db)
	run := bin + " 2>>" + filepath.Join(dir, "stderr")
	term := start(t, env, run)
	term.waitFor("New message", "Preview")
	term.typeText("Lunch is on us today")
	term.waitFor("Lunch is on us today")

	// e on the message: its edit draft, the new message kept aside.
	openEdit := func() {
		term.press("F3")
		term.waitFor("History", "Deploy finished")
		term.press("Enter")
		term.waitFor("zoompose › Message", "id         "+id)
		term.press("e")
		term.waitFor("Editing " + id)
	}
	openEdit()
	term.press("C-End") // the empty line after the card: join it to the card's last line
	term.press("BSpace")
	term.typeText(" at noon")
	term.waitFor("Deploy finished at noon")

	// f2: the new message, with its text.
	term.press("F2")
	term.waitFor("New message", "Lunch is on us today")

	// e again: the unsent edit comes back, not the live card.
	openEdit()
	term.waitFor("Deploy finished at noon", "Restored your edit of "+id)

	term.press("C-c")
	waitForExit(t, db)

	// A new start: the new message at once, the edit in the drafts list.
	term = start(t, env, run)
	term.waitFor("New message", "Lunch is on us today", "Draft restored")
	term.press("C-l")
	term.waitFor("Open drafts", "New message (shown)", "Edit of "+id, "Deploy finished at noon")
	term.press("Down", "Enter")
	term.waitFor("Editing "+id, "Deploy finished at noon")
	term.press("C-c")
	waitForExit(t, db)
}

// putMessage records a sent message in the history file, as a send would.
func putMessage(t *testing.T, db, id, text string) {
	t.Helper()
	store := openHistory(t, db)
	defer store.Close()
	content, _ := json.Marshal(map[string]any{"body": []any{map[string]any{"type": "message", "text": text}}})
	msg := history.Message{ID: id, ToJID: zoomtest.ChannelGeneral, RobotJID: zoomtest.RobotJID, Status: history.StatusSent,
		SentAt: time.Now(), Revisions: []history.Revision{{Content: content, Source: text}}}
	if err := store.PutMessage(msg); err != nil {
		t.Fatal(err)
	}
}

// waitForExit waits until the app has quit and released the history file.
func waitForExit(t *testing.T, db string) {
	t.Helper()
	waitUntil(t, "the app exits and releases the history", func() bool {
		s, err := history.Open(db)
		if err == nil {
			s.Close()
		}
		return err == nil
	})
}
