package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/zoompose/zoompose/compose/starters"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// teaApp is the root over the real screens in a real Bubble Tea program
// (teatest), with the probe to wait on its state.
type teaApp struct {
	t  *testing.T
	p  *probe
	tm *teatest.TestModel
}

func startTea(t *testing.T, env *commontest.Env, theme themes.Theme, width, height int) *teaApp {
	t.Helper()
	return startTeaWith(t, env, theme, width, height, func(*Model) {})
}

// startTeaWith is startTea with the root adjusted by change before the
// program starts (a fixed clock, say).
func startTeaWith(t *testing.T, env *commontest.Env, theme themes.Theme, width, height int, change func(*Model)) *teaApp {
	t.Helper()
	p := &probe{
		root: New(Options{
			Theme: theme, ThemeFixed: true, Deps: env.Deps,
			Screens: Screens(common.NewCommon(theme, env.Deps)), Start: common.ScreenComposer,
		}),
		frames: make(chan string, 1),
	}
	change(p.root)
	tm := runProgram(t, p, width, height)
	return &teaApp{t: t, p: p, tm: tm}
}

func (a *teaApp) keys(names ...string) {
	for _, n := range names {
		a.tm.Send(commontest.Key(n))
	}
}

func (a *teaApp) typeText(text string) {
	for _, k := range commontest.Type(text) {
		a.tm.Send(k)
	}
}

// await returns the frame (with its escape codes) once the root shows every
// one of texts.
func (a *teaApp) await(texts ...string) string {
	a.t.Helper()
	return a.p.await(a.t, a.tm, strings.Join(texts, " + "), func(m *Model) bool { return viewHas(m, texts...) })
}

// awaitGone waits until the root no longer shows text.
func (a *teaApp) awaitGone(text string) string {
	a.t.Helper()
	return a.p.await(a.t, a.tm, "no "+text, func(m *Model) bool { return !viewHas(m, text) })
}

// prodEnv is a world whose profile is a production one.
func prodEnv(t *testing.T) *commontest.Env {
	env := commontest.NewEnv(t)
	env.Deps.Profile.Name, env.Deps.Profile.Kind = "acme-prod", "prod"
	return env
}

// ctrl+t lists the starters with a preview of the highlighted one; over a
// draft, choosing asks, y replaces, and ctrl+z brings the draft back.
func TestTemplatePickerInTheApp(t *testing.T) {
	env := commontest.NewEnv(t)
	a := startTea(t, env, themes.NoColor(), 120, 40)
	a.typeText("half written")
	a.await("half written")
	a.keys("ctrl+t")
	var names []string
	for _, s := range starters.All() {
		names = append(names, s.Name)
	}
	a.await(append(names, "starter · A planned maintenance window", "Preview of incident", "Incident: {{.title}}")...)
	a.keys("down")
	a.await("Preview of maintenance", "Planned maintenance: {{.service}}")
	a.keys("enter")
	a.await(`Replace the draft with "maintenance"?`, "any other key keeps it")
	a.keys("n")
	frame := a.await("Kept the draft")
	if strings.Contains(commontest.Plain(frame), "Planned maintenance") {
		t.Fatalf("n replaced the draft:\n%s", commontest.Plain(frame))
	}
	a.keys("ctrl+t", "down", "enter")
	a.await(`Replace the draft with "maintenance"?`)
	a.keys("y")
	a.await("head: Planned maintenance: {{.service}}", "alt+v fills its placeholders")
	a.keys("ctrl+z")
	a.awaitGone("head: Planned maintenance")
	a.await("half written")
}

// Sending to production asks, naming the profile in the prod colour: enter
// and n keep the card unsent, y sends it.
func TestProdGuardAsksBeforeSending(t *testing.T) {
	env := prodEnv(t)
	theme := themes.Default(true)
	a := startTea(t, env, theme, 120, 40)
	a.typeText("Deploy finished at noon.")
	a.await("Deploy finished at noon.")
	a.keys("ctrl+s")
	a.await("Send the card")
	a.typeText(zoomtest.ChannelGeneral)
	a.keys("ctrl+s")
	frame := a.await("Send to production", "Profile acme-prod is production: only y goes ahead", "n/enter/esc no")
	if badge := theme.Styles().BadgeProd.Render("PROD"); !strings.Contains(frame, badge) {
		t.Errorf("the profile is not named in the prod colour:\n%q", frame)
	}
	for _, no := range []string{"enter", "n"} {
		a.keys(no)
		a.await("Not sent. The card and the form are as they were")
		if n := len(requestsTo(env, "POST /v2/im/chat/messages")); n != 0 {
			t.Fatalf("%s still sent %d messages", no, n)
		}
		a.keys("ctrl+s")
		a.await("Send to production")
	}
	a.keys("y")
	a.await("Sent ")
	if n := len(env.Server.Messages()); n != 1 {
		t.Fatalf("the simulator holds %d messages after y, want 1", n)
	}
}

// Editing and deleting on production ask the same way; n and enter keep the
// message as it is. While a question is open, q is no answer and does not
// quit the app under it.
func TestProdGuardAsksBeforeEditAndDelete(t *testing.T) {
	env := prodEnv(t)
	id := sendReal(t, env, releaseCard)
	a := startTea(t, env, themes.NoColor(), 120, 40)
	a.keys("f3")
	a.await("1 of 1")
	a.keys("enter")
	a.await("id         " + id)

	for _, no := range []string{"n", "enter"} {
		a.keys("d")
		a.await("Delete message "+id, "Profile acme-prod is production")
		a.keys("q")
		a.keys(no)
		a.awaitGone("Delete message " + id)
		if n := len(requestsTo(env, "DELETE")); n != 0 {
			t.Fatalf("%s still sent %d DELETE requests", no, n)
		}
	}

	a.keys("e")
	a.await("Editing " + id)
	a.typeText(" Rollback plan: none.")
	a.keys("ctrl+s")
	a.await("Send this edit", "Profile acme-prod is production")
	a.keys("q", "enter")
	a.awaitGone("Send this edit")
	if n := len(requestsTo(env, "PUT")); n != 0 {
		t.Fatalf("enter sent %d edits", n)
	}
	a.keys("e")
	a.await("Editing "+id, "Rollback plan: none.")
	a.keys("ctrl+s")
	a.await("Send this edit", "Profile acme-prod is production")
	a.keys("y")
	a.await("Edited " + id)

	a.keys("d")
	a.await("Delete message "+id, "Profile acme-prod is production")
	a.keys("y")
	a.await("Deleted " + id)
	if sim, _ := env.Server.Message(id); !sim.Deleted {
		t.Error("y did not delete the message on Zoom")
	}
}

// A dev profile sends at once, and its dialogs say nothing of production.
func TestDevProfileIsNotGuarded(t *testing.T) {
	env := commontest.NewEnv(t)
	a := startTea(t, env, themes.NoColor(), 120, 40)
	a.typeText("Deploy finished at noon.")
	a.await("Deploy finished at noon.")
	a.keys("ctrl+s")
	a.await("Send the card")
	a.typeText(zoomtest.ChannelGeneral)
	a.keys("ctrl+s")
	frame := a.await("Sent ", "id         ")
	if strings.Contains(frame, "production") || len(env.Server.Messages()) != 1 {
		t.Fatalf("a dev send was guarded or not sent (%d messages)", len(env.Server.Messages()))
	}
	a.keys("d")
	frame = commontest.Plain(a.await("Delete message", "n/esc no"))
	if strings.Contains(frame, "PROD") || strings.Contains(frame, "production") {
		t.Errorf("a dev delete dialog mentions production:\n%s", frame)
	}
}
