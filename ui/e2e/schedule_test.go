package e2e

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// TestScheduleFromTheApp schedules a card a few seconds ahead from the send
// form of the real binary, and sees the simulator receive it from the app
// itself, when it falls due, while the app runs. (The app reads no injected
// clock, so the time is a real one: an RFC 3339 time with seconds.)
func TestScheduleFromTheApp(t *testing.T) {
	bin := buildBinary(t)
	srv := zoomtest.NewServer()
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "history.db")
	env := simulatorEnv(srv, dir, db)
	term := start(t, env, bin+" 2>"+filepath.Join(dir, "stderr"))
	term.waitFor("New message", "Preview")
	term.typeText("The maintenance starts now.")
	term.waitFor("The maintenance starts now.")
	term.press("C-s")
	term.waitFor("Send the card", "Send at")
	term.typeText(zoomtest.ChannelGeneral)
	term.press("Tab", "Tab", "Tab")
	due := time.Now().Add(8 * time.Second).Truncate(time.Second)
	term.typeText(due.Format(time.RFC3339))
	term.press("C-s")
	screen := term.waitFor("Scheduled local-")
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("scheduling posted %d messages at once:\n%s", n, screen)
	}

	// The history lists it as scheduled until it goes.
	term.press("F3")
	term.waitFor("Scheduled (1)")
	term.press("Tab", "Tab")
	term.waitFor("[Scheduled (1)]", "scheduled", "The maintenance starts now.")

	deadline := time.Now().Add(20 * time.Second)
	for len(srv.Messages()) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("the app never sent the scheduled card; the screen shows:\n%s", term.screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
	sent := srv.Messages()[0]
	if time.Now().Before(due) {
		t.Fatalf("the card went before its time %s", due)
	}
	if sent.ToJID != zoomtest.ChannelGeneral || !strings.Contains(string(sent.Contents[0]), "The maintenance starts now.") {
		t.Fatalf("simulator got %+v", sent)
	}
	term.waitFor("Sent scheduled local-")
	term.waitFor("Nothing is scheduled")

	term.press("C-c")
	waitForExit(t, db)
	store := openHistory(t, db)
	defer store.Close()
	if waiting, _ := store.ScheduledSends(true); len(waiting) != 0 {
		t.Errorf("%d scheduled sends remain after it fired", len(waiting))
	}
	page, err := store.List(history.Query{Limit: 5})
	if err != nil || len(page.Messages) != 1 || page.Messages[0].Status != history.StatusSent {
		t.Fatalf("history %+v, %v; want the one sent message", page.Messages, err)
	}
}
