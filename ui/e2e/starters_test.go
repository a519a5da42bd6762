package e2e

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// TestStartFromAStarterAndSendIt picks a shipped starter with ctrl+t in the
// real binary, over a draft (so the picker asks first), gives its
// placeholders their values in the form sending opens, and sends it to the
// simulator, which holds the filled card.
func TestStartFromAStarterAndSendIt(t *testing.T) {
	bin := buildBinary(t)
	srv := zoomtest.NewServer()
	defer srv.Close()
	dir := t.TempDir()
	env := simulatorEnv(srv, dir, filepath.Join(dir, "history.db"))
	term := start(t, env, bin+" 2>>"+filepath.Join(dir, "stderr"))
	term.waitFor("New message", "Preview")
	term.typeText("a note to self")
	term.waitFor("a note to self")

	term.press("C-t")
	term.waitFor("Templates", "starter · A release is out", "Preview of incident", "Incident: {{.title}}")
	term.typeText("welcome")
	term.waitFor("Preview of welcome", "Welcome to {{.channel}}, {{.name}}!")
	term.press("Enter")
	term.waitFor(`Replace the draft with "welcome"?`)
	term.typeText("y")
	term.waitFor("head: Welcome to {{.channel}}, {{.name}}!", "alt+v fills its placeholders")

	// Sending a card with placeholders asks for their values first.
	term.press("C-s")
	term.waitFor("Template variables", "channel:", "guide_url:")
	for _, v := range []string{"#platform", "Dana", "platform on-call and releases", "https://example.com/guide"} {
		term.typeText(v)
		term.press("Enter")
	}
	term.waitFor("Send the card", "Welcome to #platform, Dana!")
	term.typeText(zoomtest.ChannelGeneral)
	term.press("C-s")
	// The detail names the unlabelled channel by its whole JID: there is room.
	term.waitFor("Sent ", "to         "+zoomtest.ChannelGeneral)
	waitUntil(t, "the simulator has the message", func() bool { return len(srv.Messages()) == 1 })

	msg := srv.Messages()[0]
	content := string(msg.Contents[len(msg.Contents)-1])
	if msg.ToJID != zoomtest.ChannelGeneral {
		t.Errorf("sent to %s", msg.ToJID)
	}
	for _, want := range []string{"Welcome to #platform, Dana!", "platform on-call and releases", "https://example.com/guide", "say_hi"} {
		if !strings.Contains(content, want) {
			t.Errorf("the sent card lacks %q: %s", want, content)
		}
	}
	if strings.Contains(content, "{{") {
		t.Errorf("the sent card still has a placeholder: %s", content)
	}
}
