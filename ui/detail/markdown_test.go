package detail

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

const markupSource = "Deploy _now_, see [the docs](https://example.com/docs) and **this**.\n"

// sentWith sends markupSource to #general with is_markdown_support set to
// markdown, through the real operations, simulator and history.
func sentWith(t *testing.T, env *commontest.Env, markdown bool) history.Message {
	t.Helper()
	c := card(t, markupSource)
	c.Markdown = markdown
	s, err := env.Deps.Ops().Send(t.Context(), ops.Envelope{ToJID: zoomtest.ChannelGeneral}, c)
	if err != nil {
		t.Fatal(err)
	}
	return s.Message
}

// A message sent with markdown off is drawn as Zoom shows it: every
// character of its text, markers included; with markdown on, formatted.
// The coloured theme is used because the plain one shows markers either way.
func TestCardIsDrawnWithTheMarkdownItWasSentWith(t *testing.T) {
	env := commontest.NewEnv(t)
	literal := "Deploy _now_, see <https://example.com/docs|the docs> and *this*."
	off := open(t, env, themes.Default(true), 120, 30, sentWith(t, env, false).ID)
	if view := commontest.Plain(off.View()); !strings.Contains(view, literal) || !strings.Contains(view, "markdown off") {
		t.Errorf("sent with markdown off, the card is not drawn literally:\n%s", view)
	}
	on := open(t, env, themes.Default(true), 120, 30, sentWith(t, env, true).ID)
	view := commontest.Plain(on.View())
	if !strings.Contains(view, "Deploy now, see the docs and this.") || !strings.Contains(view, "markdown on") {
		t.Errorf("sent with markdown on, the card is not formatted:\n%s", view)
	}
}

// An edit that changes only is_markdown_support changes what Zoom shows: the
// diff says so instead of "no differences".
func TestDiffShowsAMarkdownChange(t *testing.T) {
	env := commontest.NewEnv(t)
	rec := sentWith(t, env, true)
	next := card(t, markupSource)
	next.Markdown = false
	if _, err := env.Deps.Ops().Edit(t.Context(), rec.ID, next); err != nil {
		t.Fatal(err)
	}
	m := open(t, env, themes.NoColor(), 100, 30, rec.ID)
	press(m, commontest.Key("tab"))
	view := commontest.Plain(m.View())
	for _, want := range []string{"-is_markdown_support: true", "+is_markdown_support: false", "markdown off"} {
		if !strings.Contains(view, want) {
			t.Errorf("the diff does not show %q:\n%s", want, view)
		}
	}
}
