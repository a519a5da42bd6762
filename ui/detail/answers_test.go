package detail

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

const votedSource = "---\nhead: Ship it?\n---\n\n```actions\n- [Yes](yes) primary\n- [No](no)\n```\n"

// voted sends a card with buttons through the real operations and keeps n clicks on it,
// as the simulator's people make them, alternating Yes and No.
func voted(t *testing.T, env *commontest.Env, n int) string {
	t.Helper()
	s, err := env.Deps.Ops().Send(t.Context(), ops.Envelope{ToJID: zoomtest.ChannelGeneral}, card(t, votedSource))
	if err != nil {
		t.Fatal(err)
	}
	id := s.Message.ID
	for i := range n {
		button := []string{"Yes", "No"}[i%2]
		raw, err := env.Server.ClickButton(id, button, zoomtest.UserBob)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := zoom.ParseEvent(raw, zoom.SourceWebSocket, commontest.Clock.Add(time.Duration(i)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if stored, err := env.Store.PutEvent(ops.KeptEvent(ev)); err != nil || !stored {
			t.Fatalf("answer %d: stored %v, %v", i, stored, err)
		}
	}
	return id
}

// Every answer of a message with more than fit in the metadata can be read: the metadata
// names the key, and the key lists them all in the pane, where they scroll.
func TestDetailListsEveryAnswer(t *testing.T) {
	env := commontest.NewEnv(t)
	id := voted(t, env, 11)
	m := open(t, env, themes.NoColor(), 80, 21, id)
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "answers 11") || !strings.Contains(view, "8 older: a lists all") {
		t.Fatalf("metadata does not say how to see the older answers:\n%s", view)
	}
	help := helpText(m)
	if !strings.Contains(help, "card/all answers") {
		t.Errorf("help lacks the answers key: %s", help)
	}

	press(m, commontest.Key("a"))
	seen := map[string]bool{}
	for range 30 { // scroll the pane through: every answer must show up
		for line := range strings.SplitSeq(ansi.Strip(m.View()), "\n") {
			line = strings.TrimRight(line, " ")
			if strings.Contains(line, "Bob Example clicked") && !strings.HasPrefix(line, "answers") && !strings.HasPrefix(line, " ") {
				seen[line] = true
			}
		}
		press(m, commontest.Key("down"))
	}
	for i := range 11 {
		at := commontest.Clock.Add(time.Duration(i) * time.Minute).In(m.common.Now().Location()).Format("Jan 2 15:04")
		want := fmt.Sprintf("%s  Bob Example clicked %s", at, []string{"Yes", "No"}[i%2])
		if !seen[want] {
			t.Errorf("answer %d (%q) never shown in the pane; shown: %v", i, want, seen)
		}
	}
	if !strings.Contains(ansi.Strip(m.View()), "Answers · 11") {
		t.Errorf("pane title:\n%s", ansi.Strip(m.View()))
	}
	press(m, commontest.Key("a"))
	if !strings.Contains(ansi.Strip(m.View()), "Card · ") {
		t.Errorf("a again does not bring the card back:\n%s", ansi.Strip(m.View()))
	}
}

// Without answers the key is off, and the help says why.
func TestDetailAnswersKeyOffWithoutAnswers(t *testing.T) {
	env := commontest.NewEnv(t)
	id := voted(t, env, 0)
	m := open(t, env, themes.NoColor(), 80, 21, id)
	press(m, commontest.Key("a"))
	if strings.Contains(ansi.Strip(m.View()), "Answers ·") {
		t.Error("a showed an empty answers list")
	}
	if help := helpText(m); !strings.Contains(help, "nobody answered this card") {
		t.Errorf("help does not say why a is off: %s", help)
	}
}

// helpText flattens the screen's help keys with their reasons.
func helpText(m *Model) string {
	var b strings.Builder
	for _, group := range m.HelpKeys() {
		for _, k := range group {
			fmt.Fprintf(&b, "%s %s (on %v, %s); ", k.Help().Key, k.Help().Desc, k.Enabled(), k.Why)
		}
	}
	return b.String()
}
