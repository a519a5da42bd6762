package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// The on-screen points of the app's finish (issue 15), each in the real
// program: what the admin sees after the keys, not a model's fields.

// ctrl+w at the end of **out** takes the whole emphasis, stars and all.
func TestCtrlWTakesTheWholeEmphasisInTheApp(t *testing.T) {
	a := startTea(t, commontest.NewEnv(t), themes.NoColor(), 100, 30)
	a.typeText("The release is **out**")
	a.await("The release is **out**")
	a.keys("ctrl+w")
	frame := commontest.Plain(a.awaitGone("out**"))
	if strings.Contains(frame, "**") {
		t.Fatalf("ctrl+w left stars behind:\n%s", frame)
	}
	a.typeText("done")
	a.await("The release is done")
}

// e on a sent message opens its card with the cursor on a line of its own:
// what the admin types starts a new line instead of gluing onto the closing
// fence of the last block.
func TestEditStartsOnALineOfItsOwnInTheApp(t *testing.T) {
	env := commontest.NewEnv(t)
	id := sendReal(t, env, "---\nhead: Status\n---\n```fields\nState: green\n```")
	a := startTea(t, env, themes.NoColor(), 120, 40)
	a.keys("f3")
	a.await("1 of 1")
	a.keys("enter")
	a.await("id         " + id)
	a.keys("e")
	a.await("Editing "+id, "State: green")
	a.typeText("Next check at 14:00")
	frame := commontest.Plain(a.await("Next check at 14:00"))
	for _, line := range strings.Split(frame, "\n") {
		if strings.Contains(line, "```Next") {
			t.Fatalf("the typed text is glued onto the fence:\n%s", frame)
		}
	}
}

// G in the History screen lands on the very last message, past the loaded
// page, and says so.
func TestHistoryGLandsOnTheLastRowInTheApp(t *testing.T) {
	env := commontest.NewEnv(t)
	const n = 53
	for i := range n {
		c := card(t, fmt.Sprintf("Note %02d", i))
		at := commontest.Clock.Add(-time.Duration(i) * time.Minute)
		if err := env.Store.PutMessage(history.Message{ID: fmt.Sprintf("M%02d", i), ToJID: zoomtest.ChannelGeneral, SentAt: at,
			Status: history.StatusSent, Revisions: []history.Revision{{Content: c.Content, Source: c.Source, At: at}}}); err != nil {
			t.Fatal(err)
		}
	}
	a := startTea(t, env, themes.NoColor(), 120, 40)
	a.keys("f3")
	a.await("1 of ")
	a.keys("G")
	a.await(fmt.Sprintf("%d of %d", n, n), "end of the history")
}

// In the send form, ctrl+s with no recipient says so and puts the cursor in
// To; enter there takes the highlighted suggestion rather than moving on.
func TestSendFormRecipientKeysInTheApp(t *testing.T) {
	env := commontest.NewEnv(t)
	if err := env.Store.SetRecipientLabel(zoomtest.ChannelGeneral, "#general"); err != nil {
		t.Fatal(err)
	}
	a := startTea(t, env, themes.NoColor(), 120, 40)
	a.typeText("Lunch is served.")
	a.await("Lunch is served.")
	a.keys("ctrl+s")
	a.await("Send the card")
	a.keys("tab", "tab") // away from To
	a.keys("ctrl+s")
	a.await("Enter a recipient")
	a.typeText("gene") // lands in To, which now has the focus
	a.await("› #general")
	a.keys("enter")
	a.await("To          #general") // the suggestion taken, the focus still in To
	a.keys("ctrl+s")
	a.await("Sent ")
	if msgs := env.Server.Messages(); len(msgs) != 1 || msgs[0].ToJID != zoomtest.ChannelGeneral {
		t.Fatalf("the simulator holds %+v; want one message to #general", msgs)
	}
}
