package ui

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// movingClock starts at commontest.Clock and runs at the real pace, so a
// send scheduled a second ahead falls due while the test waits.
type movingClock struct {
	mu    sync.Mutex
	start time.Time
	shift time.Duration
}

func newMovingClock() *movingClock { return &movingClock{start: time.Now()} }

func (c *movingClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return commontest.Clock.Add(time.Since(c.start) + c.shift)
}

// startScheduleTea is startTea with the late question's key guard off, so a
// test may answer as soon as the question shows, and the default lateness.
func startScheduleTea(t *testing.T, env *commontest.Env, width, height int) *teaApp {
	t.Helper()
	return startScheduleTeaLate(t, env, width, height, ops.DefaultMaxLate)
}

func startScheduleTeaLate(t *testing.T, env *commontest.Env, width, height int, maxLate time.Duration) *teaApp {
	t.Helper()
	theme := themes.NoColor()
	root := New(Options{
		Theme: theme, ThemeFixed: true, Deps: env.Deps, ScheduleMaxLate: maxLate,
		Screens: Screens(common.NewCommon(theme, env.Deps)), Start: common.ScreenComposer,
	})
	root.sched.keyGuard = 0
	p := &probe{root: root, frames: make(chan string, 1)}
	tm := runProgram(t, p, width, height)
	return &teaApp{t: t, p: p, tm: tm}
}

// A card scheduled from the send form two seconds ahead is sent by the
// app's own timer when it falls due, and the status line says so.
func TestScheduledSendFiresWhileTheAppRuns(t *testing.T) {
	env := commontest.NewEnv(t)
	clock := newMovingClock()
	env.Deps.Now = clock.now
	a := startScheduleTea(t, env, 140, 40)
	a.typeText("Maintenance at noon.")
	a.await("Maintenance at noon.")
	a.keys("ctrl+s")
	a.await("Send the card")
	a.typeText(zoomtest.ChannelGeneral)
	a.keys("tab", "tab", "tab")
	due := clock.now().Add(2 * time.Second).Truncate(time.Second).Add(time.Second)
	a.typeText(due.Format(time.RFC3339))
	a.keys("ctrl+s")
	a.await("Scheduled local-")
	if n := len(env.Server.Messages()); n != 0 {
		t.Fatalf("scheduling posted %d messages at once", n)
	}
	a.await("Sent scheduled local-")
	msgs := env.Server.Messages()
	if len(msgs) != 1 || !strings.Contains(string(msgs[0].Contents[len(msgs[0].Contents)-1]), "Maintenance at noon.") {
		t.Fatalf("the simulator holds %+v; want the scheduled card", msgs)
	}
	if waiting, _ := env.Store.ScheduledSends(true); len(waiting) != 0 {
		t.Errorf("%d scheduled sends remain after it fired", len(waiting))
	}
}

// scheduleLate records a send due late ago, as if the app had not run.
func scheduleLate(t *testing.T, env *commontest.Env, text string, late time.Duration) history.Scheduled {
	t.Helper()
	content, _ := json.Marshal(map[string]any{"head": map[string]string{"text": text}})
	due := commontest.Clock.Add(-late)
	m := history.Message{Profile: env.Deps.Profile.Name, ToJID: zoomtest.ChannelGeneral,
		Revisions: []history.Revision{history.RevisionOf(compose.Card{Source: text, Content: content}, due)}}
	sc, err := env.Store.Schedule(m, due, due.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// schedule_max_late = "0s" means in the app what it means to `schedule run`:
// nothing late goes out by itself, not the 2h default.
func TestZeroMaxLateAsksForAnyLateSend(t *testing.T) {
	env := commontest.NewEnv(t)
	late := scheduleLate(t, env, "A minute late", time.Minute)
	a := startScheduleTeaLate(t, env, 120, 40, 0)
	a.await("A scheduled send is late", late.ID, "1m0s late", "A minute late")
	if n := len(env.Server.Messages()); n != 0 {
		t.Errorf("the simulator holds %d messages; want none until the admin answers", n)
	}
}

// A send more than the allowed lateness overdue is not sent by itself: the
// app asks, one at a time, and each answer does what it says.
func TestTooLateSendAsks(t *testing.T) {
	env := commontest.NewEnv(t)
	sendNow := scheduleLate(t, env, "Send me now", 5*time.Hour)
	keep := scheduleLate(t, env, "Keep me", 4*time.Hour)
	cancel := scheduleLate(t, env, "Cancel me", 3*time.Hour)
	onTime := scheduleLate(t, env, "Just due", time.Minute)
	a := startScheduleTea(t, env, 120, 40)
	a.await("A scheduled send is late", sendNow.ID, "5h0m0s late", "Send me now", "s send it now", "2 more late")
	if got := env.Server.Messages(); len(got) != 1 || !strings.Contains(string(got[0].Contents[len(got[0].Contents)-1]), "Just due") {
		t.Fatalf("the simulator holds %d messages; want only the one a minute late", len(got))
	}
	a.keys("s")
	a.await("Sent scheduled "+sendNow.ID, keep.ID, "Keep me")
	a.keys("k")
	a.await("Kept "+keep.ID+" scheduled", cancel.ID, "Cancel me")
	a.keys("c")
	a.await("Cancelled " + cancel.ID)
	a.awaitGone("A scheduled send is late")

	if n := len(env.Server.Messages()); n != 2 {
		t.Errorf("the simulator holds %d messages; want the one on time and the one sent now", n)
	}
	for id, want := range map[string]history.ScheduleState{keep.ID: history.ScheduleWaiting, cancel.ID: history.ScheduleCancelled} {
		if sc, err := env.Store.GetScheduled(id); err != nil || sc.State != want {
			t.Errorf("%s: %v, %v; want %s", id, sc.State, err, want)
		}
	}
	for _, id := range []string{sendNow.ID, onTime.ID} {
		if m, err := env.Store.Get(id); err != nil || m.Status != history.StatusSent {
			t.Errorf("%s became %v (%v); want a sent message", id, m.Status, err)
		}
	}
	// Kept scheduled is not asked again while the app runs: a later check
	// (the history changed) leaves the question closed.
	var seq int
	a.p.await(t, a.tm, "the scheduler idle", func(m *Model) bool { seq = m.sched.seq; return !m.sched.running })
	a.tm.Send(common.HistoryChangedMsg{})
	a.p.await(t, a.tm, "a new check to end", func(m *Model) bool { return m.sched.seq > seq && !m.sched.running })
	a.p.await(t, a.tm, "no question", func(m *Model) bool { return !m.asking() })
}

// From the history's Scheduled list, e opens the card in the composer as
// that send's draft, and ctrl+s there saves the new card back to the same
// scheduled send (nothing goes to Zoom); d then cancels it after asking.
func TestEditAndCancelAScheduledSendInTheApp(t *testing.T) {
	env := commontest.NewEnv(t)
	sc := scheduleLate(t, env, "Old text", -2*time.Hour) // due in two hours
	a := startScheduleTea(t, env, 120, 40)
	a.keys("f3")
	a.await("Scheduled (1)")
	a.keys("tab", "tab")
	a.await("[Scheduled (1)]", "Old text", "11:30")
	a.keys("e")
	a.await("Scheduled send "+sc.ID, "Old text")
	a.typeText("New text ")
	a.await("New text")
	a.keys("ctrl+s")
	a.await("Saved the new card of "+sc.ID, "[Scheduled (1)]")
	got, err := env.Store.GetScheduled(sc.ID)
	if err != nil || !strings.Contains(string(got.Message.Live().Content), "New text") || !got.Due.Equal(sc.Due) {
		t.Fatalf("scheduled send %+v (%v); want the new card at the old time", got, err)
	}
	a.keys("d")
	a.await("Cancel the scheduled send")
	a.keys("y")
	a.await("Cancelled " + sc.ID)
	if got, _ := env.Store.GetScheduled(sc.ID); got.State != history.ScheduleCancelled {
		t.Fatalf("it is %s after y", got.State)
	}
	if n := len(env.Server.Messages()); n != 0 {
		t.Errorf("editing and cancelling posted %d messages", n)
	}
}
