package historyview

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// schedule records a send of a card headed head to to, due in after the
// test clock (negative: overdue).
func schedule(t *testing.T, env *commontest.Env, to, head string, in time.Duration) history.Scheduled {
	t.Helper()
	content, _ := json.Marshal(map[string]any{"head": map[string]string{"text": head}})
	due := commontest.Clock.Add(in)
	m := history.Message{Profile: env.Deps.Profile.Name, ToJID: to,
		Revisions: []history.Revision{history.RevisionOf(compose.Card{Source: "---\nhead: " + head + "\n---\n", Content: content}, due)}}
	sc, err := env.Store.Schedule(m, due, commontest.Clock.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// scheduledScreen is a History screen over sample with two scheduled
// sends (one overdue), showing the Scheduled list.
func scheduledScreen(t *testing.T) (*Model, *commontest.Env, []history.Scheduled) {
	t.Helper()
	env := commontest.NewEnv(t)
	seed(t, env.Store, sample)
	scs := []history.Scheduled{
		schedule(t, env, zoomtest.ChannelAnnouncements, "Was due at nine", -30*time.Minute),
		schedule(t, env, zoomtest.ChannelGeneral, "Maintenance tonight", 90*time.Minute),
	}
	m := New(env.Common(themes.NoColor(), 100, 21))
	settle(m, m.Init())
	return m, env, scs
}

func view(m *Model) string { return commontest.Plain(m.View()) }

// changed delivers what the root broadcasts after a change: the lists reload.
func changed(m *Model) { press(m, common.HistoryChangedMsg{}) }

func TestScheduledListShowsTheWaitingSends(t *testing.T) {
	m, _, scs := scheduledScreen(t)
	if v := view(m); !strings.Contains(v, "[Messages] · Unfurls · Scheduled (2)") {
		t.Fatalf("the Messages header does not name the scheduled list:\n%s", v)
	}
	press(m, commontest.Key("tab"), commontest.Key("tab"))
	v := view(m)
	for _, want := range []string{
		"Messages · Unfurls · [Scheduled (2)]  2 waiting, earliest first",
		"Nov 26 09:00  #announcements", "overdue", "Was due at nine",
		"Nov 26 11:00  #general", "scheduled", "Maintenance tonight",
		"r reschedule · d cancel",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("the Scheduled list lacks %q:\n%s", want, v)
		}
	}
	if m.scheduled.list.Items()[0].ID != scs[0].ID {
		t.Errorf("the list is not earliest first")
	}
	press(m, commontest.Key("tab"))
	if m.shown != listMessages {
		t.Errorf("tab from the Scheduled list shows %v, want the messages", m.shown)
	}
}

// r asks for a time in the forms send --at reads; a bad one is refused in
// place with those forms, a good one moves the send.
func TestRescheduleFromTheHistory(t *testing.T) {
	m, env, scs := scheduledScreen(t)
	press(m, commontest.Key("tab"), commontest.Key("tab"), commontest.Key("down"), commontest.Key("r"))
	if !m.Typing() || !strings.Contains(view(m), "new time:") {
		t.Fatalf("r did not open the time input:\n%s", view(m))
	}
	press(m, append(commontest.Type("yesterday"), commontest.Key("enter"))...)
	if v := view(m); !strings.Contains(v, `"yesterday" is not a time zoompose reads`) || !strings.Contains(v, "tomorrow HH:MM") {
		t.Fatalf("a bad time is not refused with the accepted forms:\n%s", v)
	}
	for range len("yesterday") {
		press(m, commontest.Key("backspace"))
	}
	out := press(m, append(commontest.Type("tomorrow 07:45"), commontest.Key("enter"))...)
	status, _ := commontest.Find[common.StatusMsg](out)
	if !strings.Contains(status.Text, "is now due Fri 2026-11-27 07:45 UTC") {
		t.Errorf("status %q", status.Text)
	}
	sc, err := env.Store.GetScheduled(scs[1].ID)
	if err != nil || !sc.Due.Equal(time.Date(2026, 11, 27, 7, 45, 0, 0, time.UTC)) {
		t.Fatalf("the send is due %v (%v); want tomorrow 07:45", sc.Due, err)
	}
	changed(m)
	if v := view(m); !strings.Contains(v, "Nov 27 07:45") || m.Typing() {
		t.Errorf("the list does not show the new time:\n%s", v)
	}
}

// d asks; n keeps the send, y cancels it (kept, not listed unless a).
func TestCancelFromTheHistory(t *testing.T) {
	m, env, scs := scheduledScreen(t)
	press(m, commontest.Key("tab"), commontest.Key("tab"), commontest.Key("d"))
	if v := view(m); !strings.Contains(v, "Cancel the scheduled send") || !strings.Contains(v, "Cancel "+scs[0].ID+" to #announcements") {
		t.Fatalf("d did not ask:\n%s", v)
	}
	press(m, commontest.Key("n"))
	if sc, _ := env.Store.GetScheduled(scs[0].ID); sc.State != history.ScheduleWaiting {
		t.Fatal("n cancelled it")
	}
	press(m, commontest.Key("d"))
	out := press(m, commontest.Key("y"))
	if sc, _ := env.Store.GetScheduled(scs[0].ID); sc.State != history.ScheduleCancelled {
		t.Fatalf("y left it %s", sc.State)
	}
	if status, _ := commontest.Find[common.StatusMsg](out); !strings.Contains(status.Text, "Cancelled "+scs[0].ID) {
		t.Errorf("status %q", status.Text)
	}
	changed(m)
	if v := view(m); strings.Contains(v, "Was due at nine") || !strings.Contains(v, "[Scheduled (1)]") {
		t.Errorf("the cancelled send is still listed:\n%s", v)
	}
	press(m, commontest.Key("a"))
	if v := view(m); !strings.Contains(v, "cancelled") || !strings.Contains(v, "Was due at nine") {
		t.Errorf("a does not list the cancelled send:\n%s", v)
	}
	if len(env.Server.Messages()) != 0 {
		t.Error("cancelling posted a message")
	}
}

// e opens the card in the composer as the scheduled send's draft; what the
// composer submits replaces the card and keeps the due time and the markdown
// setting: scheduled with markdown off, the new card's text is kept as written.
func TestEditAScheduledCard(t *testing.T) {
	m, env, scs := scheduledScreen(t)
	press(m, commontest.Key("tab"), commontest.Key("tab"), commontest.Key("down"))
	out := press(m, commontest.Key("e"))
	open, ok := commontest.Find[common.ComposeMsg](out)
	if !ok || open.Mode != common.ComposeScheduled || open.Message == nil || open.Message.ID != scs[1].ID ||
		!strings.Contains(open.Source, "head: Maintenance tonight") {
		t.Fatalf("e produced %+v; want the card in the composer as scheduled send %s", open, scs[1].ID)
	}
	card, _, diags := compose.Build("---\nhead: Maintenance **tonight**, 22:00\n---\n") // asks for markdown
	if len(diags) > 0 || !card.Markdown {
		t.Fatal(diags)
	}
	out = press(m, common.SubmitDraftMsg{Mode: common.ComposeScheduled, Draft: card, Scheduled: scs[1].ID})
	sent, ok := commontest.Find[common.DraftSentMsg](out)
	if !ok || sent.Mode != common.ComposeScheduled || sent.MessageID != scs[1].ID {
		t.Errorf("the composer is not told the draft was saved: %+v", out)
	}
	sc, err := env.Store.GetScheduled(scs[1].ID)
	if err != nil || !strings.Contains(string(sc.Message.Live().Content), "22:00") || !sc.Due.Equal(scs[1].Due) {
		t.Fatalf("scheduled send %+v (%v); want the new card at the same time", sc, err)
	}
	if live := sc.Message.Live(); live.Markdown || !strings.Contains(string(live.Content), `"Maintenance **tonight**, 22:00"`) {
		t.Errorf("saved %s with markdown %v; want the text as written, markdown off as scheduled", live.Content, live.Markdown)
	}
}

// s sends a waiting send now, after asking.
func TestSendNowFromTheHistory(t *testing.T) {
	m, env, scs := scheduledScreen(t)
	press(m, commontest.Key("tab"), commontest.Key("tab"), commontest.Key("down"), commontest.Key("s"))
	if !strings.Contains(view(m), "Send "+scs[1].ID+" to #general now") {
		t.Fatalf("s did not ask:\n%s", view(m))
	}
	out := press(m, commontest.Key("y"))
	if status, _ := commontest.Find[common.StatusMsg](out); !strings.Contains(status.Text, "Sent "+scs[1].ID) {
		t.Errorf("status %q", status.Text)
	}
	if n := len(env.Server.Messages()); n != 1 {
		t.Fatalf("the simulator holds %d messages, want 1", n)
	}
	if msg, err := env.Store.Get(scs[1].ID); err != nil || msg.Status != history.StatusSent {
		t.Errorf("%s is %v (%v); want sent", scs[1].ID, msg.Status, err)
	}
}

var _ tea.Msg = scheduleDoneMsg{}

// TestScheduledSelectionStaysVisibleAtAnySize: the Scheduled list scrolls as
// the other two (it used to keep its first row on a resize, so a shrink could
// leave the selected send off screen), and G reaches its last send.
func TestScheduledSelectionStaysVisibleAtAnySize(t *testing.T) {
	env := commontest.NewEnv(t)
	seed(t, env.Store, sample)
	for i := range 30 {
		schedule(t, env, zoomtest.ChannelGeneral, fmt.Sprintf("Reminder %02d", i), time.Duration(i+1)*time.Hour)
	}
	m := New(env.Common(themes.NoColor(), 100, 21))
	settle(m, m.Init())
	press(m, commontest.Key("tab"), commontest.Key("tab"))
	if m.shown != listScheduled {
		t.Fatalf("two tabs show list %v, want the scheduled sends", m.shown)
	}
	selectionVisibleAtAnySize(t, m)
	press(m, commontest.Key("G"))
	if v := view(m); m.scheduled.list.Selected() != 29 || !strings.Contains(v, "Reminder 29") || !strings.Contains(v, "30 of 30") {
		t.Fatalf("G selected send %d:\n%s", m.scheduled.list.Selected(), v)
	}
	c := m.common
	c.SetSize(60, 6) // no key after the resize: the resize alone keeps the selection on screen
	m.SetCommon(c)
	if v := view(m); !strings.Contains(v, "Reminder 29") {
		t.Fatalf("after shrinking the selected send is off screen:\n%s", v)
	}
}
