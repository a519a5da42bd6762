package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// More on-screen points of the app's finish (issue 15), each in the real
// Bubble Tea program, as finish_teatest_test.go does for the others.

// Point: after a resize the composer's preview is drawn at the new width at
// once, without another key. A paragraph of numbered words wraps one way in
// the preview of a 100-column app and another in a 140-column one; after
// the resize, with no other message sent, the side pane must come to equal,
// row for row, the one of an app that started at 140 columns with the same
// draft. The draft is restored rather than typed, so that no autosave tick
// comes after the resize to bring the render in its place.
func TestResizeRedrawsThePreviewInTheApp(t *testing.T) {
	words := make([]string, 60)
	for i := range words {
		words[i] = fmt.Sprintf("w%02d", i)
	}
	text := strings.Join(words, " ")
	const height = 30
	last := words[len(words)-1] // in the side pane once the preview is drawn

	fresh := startTea(t, draftEnv(t, text), themes.NoColor(), 140, height)
	fresh.await("Draft restored")
	want := sidePane(fresh.awaitSide(140, last), 140)

	a := startTea(t, draftEnv(t, text), themes.NoColor(), 100, height)
	a.await("Draft restored")
	if before := sidePane(a.awaitSide(100, last), 100); before == want {
		t.Fatalf("the preview wraps alike at 100 and 140 columns; the test proves nothing:\n%s", want)
	}
	a.p.awaitAfter(t, a.tm, tea.WindowSizeMsg{Width: 140, Height: height}, "the preview drawn at 140 columns:\n"+want,
		func(m *Model) bool { return sidePane(m.View().Content, 140) == want })
}

// draftEnv is a world whose saved draft is source: the composer restores it
// at start.
func draftEnv(t *testing.T, source string) *commontest.Env {
	t.Helper()
	env := commontest.NewEnv(t)
	draft := history.Draft{Name: "current", Source: source, UpdatedAt: commontest.Clock.Add(-time.Hour)}
	if err := env.Store.SaveDraft(draft); err != nil {
		t.Fatal(err)
	}
	return env
}

// awaitSide waits until the composer's side pane (the right half of a
// width-column frame) shows text, and returns the frame.
func (a *teaApp) awaitSide(width int, text string) string {
	a.t.Helper()
	return a.p.await(a.t, a.tm, "the side pane to show "+text, func(m *Model) bool {
		return strings.Contains(sidePane(m.View().Content, width), text)
	})
}

// sidePane is the right half of the composer's panes in a width-column
// frame, as plain text: the rows between the title bar and the two rows of
// the status bar, cut from the middle column on.
func sidePane(frame string, width int) string {
	lines := strings.Split(commontest.Plain(frame), "\n")
	if len(lines) < 3 {
		return ""
	}
	lines = lines[1 : len(lines)-2]
	for i, l := range lines {
		lines[i] = ansi.Cut(l, width/2, width)
	}
	return strings.Join(lines, "\n")
}

// Point: after posting an unfurl from the unfurl form, the History screen
// opens on its Unfurls tab with the new unfurl selected, even when another
// row was selected there before.
func TestUnfurlOpensTheUnfurlsTabOnTheNewOneInTheApp(t *testing.T) {
	env := commontest.NewEnv(t)
	for i, trigger := range []string{"older-trigger-b", "older-trigger-a"} {
		c := card(t, "Earlier unfurl "+trigger)
		u := history.Unfurl{UserID: "user-1", TriggerID: trigger, Content: c.Content, Source: c.Source,
			At: commontest.Clock.Add(-time.Duration(i+1) * time.Hour)}
		if err := env.Store.PutUnfurl(u); err != nil {
			t.Fatal(err)
		}
	}
	id := sendReal(t, env, releaseCard)
	trigger := env.Server.IssueTrigger("user-9")
	a := startTea(t, env, themes.NoColor(), 120, 40)

	a.keys("f3")
	a.await("1 of 1")
	a.keys("tab")
	a.await("[Unfurls]", "› ", "older-trigger-b")
	a.keys("down") // select the oldest: the new one must take the selection
	selectedRow(t, a.await("2 of 2"), "older-trigger-a")
	a.keys("tab")
	a.await("[Messages]")
	a.keys("enter")
	a.await("id         " + id)
	a.keys("u")
	a.await("Unfurl card", "Deploy finished at noon.")
	a.keys("ctrl+s")
	a.await("Unfurl a shared link", "bytes of content")
	a.typeText("user-9")
	a.keys("tab")
	a.typeText(trigger)
	a.keys("ctrl+s")
	frame := a.await("Unfurl posted for trigger "+trigger, "[Unfurls]", "3 unfurls", trigger)
	selectedRow(t, frame, trigger)
}

// selectedRow fails unless the frame's one selected row (the one marked
// "› ") holds want.
func selectedRow(t *testing.T, frame, want string) {
	t.Helper()
	var rows []string
	for _, line := range strings.Split(commontest.Plain(frame), "\n") {
		if strings.HasPrefix(line, "› ") {
			rows = append(rows, line)
		}
	}
	if len(rows) != 1 || !strings.Contains(rows[0], want) {
		t.Fatalf("the selected rows are %q; want one, with %s:\n%s", rows, want, commontest.Plain(frame))
	}
}

// Point: the first revision's diff in the detail compares card source, not
// content JSON: against nothing, every line of its source is an addition.
func TestFirstRevisionDiffIsCardSourceInTheApp(t *testing.T) {
	env := commontest.NewEnv(t)
	first := "---\nhead: Release 2.4 is out\n---\n\nThe deploy finished in 4 minutes."
	second := "---\nhead: Release 2.4 is out\n---\n\nThe deploy finished in 5 minutes."
	var revs []history.Revision
	for i, source := range []string{first, second} {
		revs = append(revs, history.RevisionOf(card(t, source), commontest.Clock.Add(time.Duration(i-1)*time.Minute)))
	}
	msg := history.Message{ID: "msg-two-revisions", ToJID: zoomtest.ChannelGeneral, SentAt: revs[0].At,
		Status: history.StatusEdited, Revisions: revs}
	if err := env.Store.PutMessage(msg); err != nil {
		t.Fatal(err)
	}
	a := startTea(t, env, themes.NoColor(), 120, 40)
	a.keys("f3")
	a.await("1 of 1")
	a.keys("enter")
	a.await("id         "+msg.ID, "2 revisions")
	a.keys("left", "tab") // the first revision, then its diff
	frame := commontest.Plain(a.await("Diff · nothing → revision 1", "Differences in the card source"))
	for _, line := range []string{"+---", "+head: Release 2.4 is out", "+The deploy finished in 4 minutes."} {
		if !strings.Contains(frame, line) {
			t.Errorf("the diff lacks the source line %q:\n%s", line, frame)
		}
	}
	for _, json := range []string{`"type":`, `"head":`, `"body":`, "content JSON"} {
		if strings.Contains(frame, json) {
			t.Errorf("the diff shows content JSON (%s):\n%s", json, frame)
		}
	}
}

// Point: the send form's error is wrapped whole, never cut with "…": at 80
// columns every word of a long failure from Zoom is in the form, in order,
// though the status bar has to shorten it.
func TestSendFormErrorWrapsWholeInTheApp(t *testing.T) {
	env := commontest.NewEnv(t)
	a := startTea(t, env, themes.NoColor(), 80, 24)
	a.typeText(releaseCard)
	a.await("Deploy finished at noon.")
	a.keys("ctrl+s")
	a.await("Send the card")
	a.typeText(zoomtest.ChannelGeneral)
	env.Server.FailNext(1, 503)
	a.keys("ctrl+s")
	var problem string // read on the program's goroutine, before the frame comes back
	frame := a.p.await(t, a.tm, "the send's error", func(m *Model) bool {
		problem = m.status.Text
		return m.status.Kind == common.StatusError && m.active == common.ScreenSend
	})
	if !strings.Contains(problem, "503") || len(problem) < 2*80 {
		t.Fatalf("the error %q is not a long one from Zoom: the test proves nothing", problem)
	}
	lines := strings.Split(commontest.Plain(frame), "\n")
	form := strings.Join(lines[1:len(lines)-2], "\n") // between the title bar and the status bar
	if got, want := strings.Join(strings.Fields(form), " "), strings.Join(strings.Fields(problem), " "); !strings.Contains(got, want) {
		t.Errorf("the send form does not show the whole error %q:\n%s", problem, form)
	}
	if strings.Contains(form, "…") {
		t.Errorf("the send form cuts something with …:\n%s", form)
	}
}

// Point: three rate-limited tries show as "tries 3 (3 rate-limited)" in the
// outbox (f4), not as one try.
func TestThreeRateLimitedTriesShowInTheOutboxInTheApp(t *testing.T) {
	env := commontest.NewEnv(t)
	env.Server.RateLimitNext(3, "1")
	a := startTea(t, env, themes.NoColor(), 120, 40)
	a.typeText(releaseCard)
	a.await("Deploy finished at noon.")
	a.keys("ctrl+s")
	a.await("Send the card")
	a.typeText(zoomtest.ChannelGeneral)
	a.keys("ctrl+s")
	a.await("kept in the outbox")
	if n := len(requestsTo(env, "POST /v2/im/chat/messages")); n != 3 {
		t.Fatalf("the simulator saw %d sends, want 3", n)
	}
	a.keys("f4")
	a.await("Outbox — 1 need action", "tries 3 (3 rate-limited)")
}
