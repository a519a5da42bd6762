package sendform

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// typeAt fills the recipient and the send-at field and presses ctrl+s.
func typeAt(m *Model, at string) []tea.Msg {
	msgs := commontest.Type(zoomtest.ChannelGeneral)
	msgs = append(msgs, commontest.Key("tab"), commontest.Key("tab"), commontest.Key("tab"))
	msgs = append(msgs, commontest.Type(at)...)
	return settle(m, feed(m, append(msgs, commontest.Key("ctrl+s"))...))
}

// A time in the send-at field records a scheduled send (nothing goes to
// Zoom), says when it goes and who sends it, and empties the form.
func TestSendAtSchedules(t *testing.T) {
	m, env := newForm(t, 100, 24)
	all := typeAt(m, "tomorrow 08:00")
	waiting, err := env.Store.ScheduledSends(false)
	if err != nil || len(waiting) != 1 {
		t.Fatalf("scheduled sends = %v, %v; want one", waiting, err)
	}
	want := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	if sc := waiting[0]; !sc.Due.Equal(want) || sc.Message.ToJID != zoomtest.ChannelGeneral || sc.Message.Profile != "test" {
		t.Errorf("scheduled %+v; want due %v to %s under profile test", sc, want, zoomtest.ChannelGeneral)
	}
	if n := len(env.Server.Messages()); n != 0 {
		t.Errorf("scheduling posted %d messages to Zoom", n)
	}
	status, _ := commontest.Find[common.StatusMsg](all)
	for _, part := range []string{"Scheduled " + waiting[0].ID, "Fri 2026-11-27 08:00 UTC", "in 22h30m", "zoompose schedule run"} {
		if !strings.Contains(status.Text, part) {
			t.Errorf("status %q does not say %q", status.Text, part)
		}
	}
	if _, ok := commontest.Find[common.DraftSentMsg](all); !ok {
		t.Error("the composer was not told the draft went (to the schedule)")
	}
	if _, ok := commontest.Find[common.HistoryChangedMsg](all); !ok {
		t.Error("no HistoryChangedMsg: the app's scheduler would not re-arm")
	}
	if m.hasDraft || m.fields.Value(fieldAt) != "" {
		t.Error("the form still holds the scheduled card")
	}
}

// A time zoompose does not read, or one in the past, is refused in the form
// with the accepted forms, and the focus goes to the field.
func TestSendAtRefusesABadTime(t *testing.T) {
	for _, bad := range []string{"8am", "09:00"} { // the clock says 09:30
		m, env := newForm(t, 100, 24)
		typeAt(m, bad)
		if waiting, _ := env.Store.ScheduledSends(true); len(waiting) != 0 || len(env.Server.Messages()) != 0 {
			t.Fatalf("%q: scheduled %d, sent %d; want nothing", bad, len(waiting), len(env.Server.Messages()))
		}
		view := commontest.Plain(m.View())
		if m.focus != fieldAt || !strings.Contains(view, "✗ not a time in the future") || !strings.Contains(strings.Join(strings.Fields(view), " "), `"tomorrow HH:MM"`) {
			t.Errorf("%q: focus %d; the form does not show the refusal with the accepted forms:\n%s", bad, m.focus, view)
		}
	}
}

// The prod guard asks before a scheduled send too, naming the time.
func TestSendAtAsksOnProd(t *testing.T) {
	m, env := newForm(t, 160, 24)
	env.Deps.Profile.Name, env.Deps.Profile.Kind = "acme-prod", "prod"
	typeAt(m, "10:15")
	if m.guard == nil {
		t.Fatal("no prod question before a scheduled send")
	}
	view := strings.Join(strings.Fields(commontest.Plain(m.View())), " ")
	if !strings.Contains(view, "Schedule this card for "+zoomtest.ChannelGeneral+" at Thu 2026-11-26 10:15 UTC?") {
		t.Errorf("the question does not name the time:\n%s", view)
	}
	settle(m, feed(m, commontest.Key("y")))
	if waiting, _ := env.Store.ScheduledSends(false); len(waiting) != 1 {
		t.Fatalf("after y, %d scheduled; want 1", len(waiting))
	}
}

// Several recipients with a time schedule a broadcast: a scheduled send per
// copy, one group, nothing on the network; the form says so and empties.
func TestSendAtSchedulesABroadcast(t *testing.T) {
	m, env := newForm(t, 160, 24)
	msgs := commontest.Type(zoomtest.ChannelGeneral + ", " + zoomtest.ChannelAnnouncements)
	msgs = append(msgs, commontest.Key("tab"), commontest.Key("tab"), commontest.Key("tab"))
	msgs = append(msgs, commontest.Type("10:15")...)
	out := settle(m, feed(m, append(msgs, commontest.Key("ctrl+s"))...))
	waiting, err := env.Store.ScheduledSends(false)
	if err != nil || len(waiting) != 2 || len(env.Server.Messages()) != 0 {
		t.Fatalf("scheduled %d (%v), sent %d; want two copies scheduled, nothing sent", len(waiting), err, len(env.Server.Messages()))
	}
	group := waiting[0].Message.Group
	if !history.IsGroupID(group) || waiting[1].Message.Group != group ||
		waiting[0].Message.ToJID == waiting[1].Message.ToJID || m.problem != "" {
		t.Fatalf("copies %+v / %+v, problem %q; want one group, one copy per recipient", waiting[0].Message, waiting[1].Message, m.problem)
	}
	status, ok := commontest.Find[common.StatusMsg](out)
	if !ok || !strings.Contains(status.Text, "Scheduled broadcast "+group) || !strings.Contains(status.Text, "2 copies") {
		t.Errorf("status %+v", status)
	}
}
