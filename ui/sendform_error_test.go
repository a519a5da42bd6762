package ui

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/termtext"
)

// At the smallest supported size, a failed send's sentence is wrapped whole
// in the send form, above the status bar: blank lines give way to it.
func TestSendFormErrorWrapsWhole(t *testing.T) {
	a := smallSendForm(t)
	a.typeText("gen")
	a.waitText("› #general")
	a.press("enter") // take the suggestion
	a.env.Server.FailNext(1, 503)
	a.press("ctrl+s")
	a.waitStatusKind(common.StatusError, "kept in the outbox")
	assertFormShows(t, a, a.root.status.Text, "› To          #general,")
}

// A recipient the history does not know is refused with a sentence that says
// how to add it; the suggestions open under To give way to it, all but the
// highlighted one.
func TestSendFormRecipientErrorWrapsWhole(t *testing.T) {
	a := smallSendForm(t)
	a.typeText("gen")
	a.waitText("› #general")
	a.press("ctrl+s")
	a.waitStatusKind(common.StatusError, `unknown recipient name "gen"`)
	assertFormShows(t, a, a.root.status.Text, "› To          gen", "› #general")
}

// smallSendForm is the app at 60×16 with recent recipients, on the send
// form with a card.
func smallSendForm(t *testing.T) *app {
	env := commontest.NewEnv(t)
	seedWorld(t, env)
	a := newApp(t, env, themes.NoColor(), 60, 16)
	composeAndOpenSendForm(a)
	return a
}

// assertFormShows checks that the send form (the screen between the title
// bar and the status bar) holds the whole problem, wrapped, and the rows.
func assertFormShows(t *testing.T, a *app, problem string, rows ...string) {
	t.Helper()
	screen := a.screen()
	lines := strings.Split(screen, "\n")
	form := strings.Join(lines[1:len(lines)-2], "\n")
	if !strings.Contains(strings.Join(strings.Fields(form), " "), strings.Join(strings.Fields(termtext.Line(problem)), " ")) {
		t.Errorf("the send form does not show the whole error %q:\n%s", problem, screen)
	}
	for _, row := range rows {
		if !strings.Contains(form, row) {
			t.Errorf("the send form should still show %q:\n%s", row, screen)
		}
	}
}
