package ui

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// Turning markdown off in the send form says at once what will show as
// written, and the card then goes out exactly as the author typed it, with
// is_markdown_support false; turning it on again takes the hint away.
func TestSendFormMarkdownOffHintAndPayload(t *testing.T) {
	env := commontest.NewEnv(t)
	a := startTea(t, env, themes.NoColor(), 120, 40)
	a.typeText("The release is **out**. Read the [notes](https://example.com/notes).")
	a.await("The release is")
	a.keys("ctrl+s")
	a.await("Send the card", "[x] is_markdown_support")
	a.typeText(zoomtest.ChannelGeneral)
	a.keys("tab", "tab", "tab", "tab", "space")
	a.await("[ ] is_markdown_support", `"**out**" and "[notes](https://example.com/notes)" will show as written`)
	a.keys("space")
	a.await("[x] is_markdown_support")
	a.awaitGone("will show as written")
	a.keys("space")
	a.await(`"**out**" and "[notes](https://example.com/notes)" will show as written`)
	a.keys("ctrl+s")
	a.await("Sent ")
	msgs := env.Server.Messages()
	if len(msgs) != 1 {
		t.Fatalf("the simulator holds %d messages", len(msgs))
	}
	const want = `"text":"The release is **out**. Read the [notes](https://example.com/notes)."`
	if got := string(msgs[0].Contents[0]); !strings.Contains(got, want) || msgs[0].Markdown {
		t.Errorf("sent %s with markdown %v; want %s with markdown off", got, msgs[0].Markdown, want)
	}

	// An edit of it keeps markdown off, and its text as written: e, a word more, ctrl+s, y.
	a.await("1 revision")
	a.keys("e")
	a.await("Editing " + msgs[0].ID)
	a.typeText("\n\nAnd **thanks**.")
	a.keys("ctrl+s")
	a.await("Send this edit", "Markdown is off")
	a.keys("y")
	a.await("2 revisions")
	sim, _ := env.Server.Message(msgs[0].ID)
	if len(sim.Contents) != 2 || sim.Markdown || !strings.Contains(string(sim.Contents[1]), want) ||
		!strings.Contains(string(sim.Contents[1]), `"text":"And **thanks**."`) {
		t.Errorf("the edit went out as %s with markdown %v; want the text as written, markdown off", sim.Contents, sim.Markdown)
	}
}
