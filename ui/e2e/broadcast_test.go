package e2e

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// TestBroadcastToAListThenFixAllCopies is issue 13's flow in the real
// binary: a named list made in the history first, a card broadcast to it
// from the send form, the group's detail opened by the broadcast, and a typo
// fixed in every copy at once (edit all): the simulator holds a second
// revision of every copy.
func TestBroadcastToAListThenFixAllCopies(t *testing.T) {
	bin := buildBinary(t)
	srv := zoomtest.NewServer()
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "history.db")
	env := simulatorEnv(srv, dir, db)
	eng := []string{zoomtest.ChannelGeneral, zoomtest.ChannelAnnouncements, zoomtest.ChannelRandom}
	store := openHistory(t, db)
	if _, err := store.PutList("eng", eng); err != nil {
		t.Fatal(err)
	}
	store.Close()

	term := start(t, env, bin+" 2>"+filepath.Join(dir, "stderr"))
	term.waitFor("New message", "Preview")
	term.typeText("Maintenance tonite at 22:00.")
	term.waitFor("Maintenance tonite at 22:00.")

	// Broadcast to the list, completed from "en" with enter.
	term.press("C-s")
	term.waitFor("Send the card", "To")
	term.typeText("en")
	term.waitFor("eng  list · 3 recipients")
	term.press("Enter")
	term.waitFor("eng,")
	term.press("C-s")
	screen := term.waitFor("Broadcast grp-", "3 copies", "e edits all")
	waitUntil(t, "the simulator has the three copies", func() bool { return len(srv.Messages()) == 3 })
	for _, jid := range eng {
		if !strings.Contains(screen, jid) {
			t.Errorf("the group's detail does not list %s:\n%s", jid, screen)
		}
	}

	// Fix the typo in every copy from the group's detail.
	term.press("e")
	term.waitFor("Editing grp-")
	term.press("C-Home")
	for range len("Maintenance tonite") {
		term.press("Right")
	}
	for range len("tonite") {
		term.press("BSpace")
	}
	term.typeText("tonight")
	term.waitFor("Maintenance tonight at 22:00.")
	term.press("C-s")
	term.waitFor("Edit all copies", "all 3 live copies")
	term.press("y")
	waitUntil(t, "every copy has a second revision on the simulator", func() bool {
		for _, m := range srv.Messages() {
			if len(m.Contents) != 2 || !strings.Contains(string(m.Contents[1]), "tonight") {
				return false
			}
		}
		return true
	})
	term.waitFor("Edited 3 of 3 copies")
}
