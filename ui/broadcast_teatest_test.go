package ui

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// A broadcast in the real program on a production profile: the list is
// completed with enter, an unknown name is refused with how to add it, the
// prod guard asks once for the whole broadcast, each copy's outcome is
// listed (one fails and stays in the outbox), the history shows the group as
// one row that → expands and ← folds, and delete all from the group's detail
// asks once more and reports per copy.
func TestBroadcastInTheApp(t *testing.T) {
	env := prodEnv(t)
	if _, err := env.Store.PutList("eng", []string{zoomtest.ChannelGeneral, zoomtest.ChannelAnnouncements, zoomtest.ChannelRandom}); err != nil {
		t.Fatal(err)
	}
	a := startTea(t, env, themes.NoColor(), 120, 40)
	a.typeText("Maintenance at 22:00.")
	a.await("Maintenance at 22:00.")
	a.keys("ctrl+s")
	a.await("Send the card")
	a.typeText("en")
	a.await("eng  list · 3 recipients")
	a.keys("enter")
	a.typeText("nosuch")
	a.keys("ctrl+s")
	a.await(`unknown recipient name "nosuch"`, "recipients add", "✗ unknown name")
	if n := len(env.Server.Messages()); n != 0 {
		t.Fatalf("%d messages sent with an unknown name", n)
	}
	a.keys("ctrl+w", "ctrl+s")
	a.await("Send to production", "Broadcast this card to 3 recipients")
	env.Server.FailNext(1, 503) // the first copy
	a.keys("y")
	frame := commontest.Plain(a.await("Broadcast: 3 of 3 copies settled", "✗ 1/3", "✓ 2/3", "✓ 3/3", "1 of 3 copies of broadcast grp-"))
	if strings.Count(frame, "Send to production") != 0 || len(env.Server.Messages()) != 2 {
		t.Fatalf("the broadcast asked again or sent %d copies:\n%s", len(env.Server.Messages()), frame)
	}

	a.keys("f3")
	a.await("▸ 3 copies", "2 sent, 1 failed")
	a.keys("right")
	a.await("▾ 3 copies", "↳ ")
	a.keys("left")
	a.awaitGone("↳ ")
	a.keys("enter")
	a.await("Broadcast grp-", "e edits all")
	a.keys("d")
	a.await("Delete all 2 live copies", "Profile acme-prod is production")
	a.keys("y")
	a.await("Deleted 2 of 3 copies", "(1 skipped)")
	deleted := 0
	for _, m := range env.Server.Messages() {
		if m.Deleted {
			deleted++
		}
	}
	if deleted != 2 {
		t.Fatalf("%d copies deleted on Zoom, want 2", deleted)
	}
}
