package events

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom"
)

func event(t *testing.T, raw string, at time.Time) zoom.Event {
	t.Helper()
	e, err := zoom.ParseEvent([]byte(raw), zoom.SourceWebSocket, at)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

const (
	linkShared = `{"event":"team_chat.link_shared","event_ts":1,"response_url":"https://evil.example/v2/im/chat/users/x/unfurls/y","payload":{"operator_id":"U1","operator":"alice@example.com","object":{"type":"to_channel","channel_name":"general","link":"https://example.com/a","trigger_id":"T1"}}}`
	botMessage = `{"event":"bot_notification","event_ts":2,"payload":{"userName":"Bob","toJid":"bob@xmpp.zoom.us","cmd":"hello"}}`
	click      = `{"event":"interactive_message_actions","event_ts":3,"payload":{"userName":"Carol","messageId":"M1","channelName":"general","toJid":"c@conference.xmpp.zoom.us","actionItem":{"text":"Yes","value":"yes"}}}`
)

func newScreen(t *testing.T) (*Model, *commontest.Env) {
	env := commontest.NewEnv(t)
	m := New(env.Common(themes.NoColor(), 90, 16))
	commontest.Run(m.Init(), 20*time.Millisecond)
	for i, raw := range []string{linkShared, botMessage, click} {
		m.Update(common.EventMsg{Event: event(t, raw, commontest.Clock.Add(time.Duration(i)*time.Minute)), Kept: true})
	}
	m.Update(common.EventConnMsg{State: zoom.ConnState{Phase: zoom.PhaseReconnecting, Wait: 4 * time.Second, Reason: "the event connection dropped"}})
	return m, env
}

func press(m *Model, k string) []tea.Msg {
	_, cmd := m.Update(commontest.Key(k))
	return commontest.Run(cmd, 50*time.Millisecond)
}

func TestEventsScreenGolden(t *testing.T) {
	m, _ := newScreen(t)
	commontest.Golden(t, m.View())
}

func TestEachKeyActsOnItsKindOfEvent(t *testing.T) {
	m, _ := newScreen(t)
	// Newest first: the click is selected.
	if !m.keys.Open.Enabled() || m.keys.Unfurl.Enabled() || m.keys.Reply.Enabled() {
		t.Fatal("on a card answer only enter should act")
	}
	if d, ok := commontest.Find[common.ShowDetailMsg](press(m, "enter")); !ok || d.ID != "M1" {
		t.Errorf("enter on the click: %+v", d)
	}
	if msgs := press(m, "u"); len(msgs) != 0 {
		t.Errorf("u on a click did %v", msgs)
	}
	press(m, "down")
	msgs := press(m, "r")
	if r, ok := commontest.Find[common.ReplyToMsg](msgs); !ok || r.To != "bob@xmpp.zoom.us" {
		t.Errorf("r on the bot message: %v", msgs)
	}
	if c, ok := commontest.Find[common.ComposeMsg](msgs); !ok || c.Mode != common.ComposeNew {
		t.Errorf("r did not open a new message: %v", msgs)
	}
	press(m, "down")
	msgs = press(m, "u")
	// The response_url is on another host than the configured API: the event's ids are used.
	if u, ok := commontest.Find[common.UnfurlEventMsg](msgs); !ok || u.UserID != "U1" || u.TriggerID != "T1" || u.Link != "https://example.com/a" {
		t.Errorf("u on the link: %v", msgs)
	}
	if c, ok := commontest.Find[common.ComposeMsg](msgs); !ok || c.Mode != common.ComposeUnfurl || !strings.Contains(c.Source, "https://example.com/a") {
		t.Errorf("u did not open an unfurl card: %v", msgs)
	}
}

func TestEventsScreenShowsKeptEvents(t *testing.T) {
	env := commontest.NewEnv(t)
	if _, err := env.Store.PutEvent(ops.KeptEvent(event(t, botMessage, commontest.Clock))); err != nil {
		t.Fatal(err)
	}
	m := New(env.Common(themes.NoColor(), 90, 16))
	for _, msg := range commontest.Run(m.Init(), time.Second) {
		m.Update(msg)
	}
	if view := commontest.Plain(m.View()); !strings.Contains(view, "hello") || !strings.Contains(view, "Live events are off") {
		t.Errorf("view:\n%s", view)
	}
}

func TestHostileEventsAreShownNotInterpreted(t *testing.T) {
	env := commontest.NewEnv(t)
	m := New(env.Common(themes.NoColor(), 90, 16))
	evil := `{"event":"bot\u001b[31m_notification","payload":{"userName":"M\u001b]0;x\u0007","cmd":"a\u009b2Jb","toJid":"x\u001b[2J@xmpp.zoom.us","channelName":"c\nd"}}`
	m.Update(common.EventMsg{Event: event(t, evil, commontest.Clock), Kept: true})
	m.Update(common.EventConnMsg{State: zoom.ConnState{Phase: zoom.PhaseRefused, Reason: "bad\u001b[2J"}})
	commontest.AssertShown(t, "hostile event", m.View())
}

// TestLongFeedScrolls: a feed longer than the screen keeps the selection on
// screen (the list component), G reaches the oldest event, a live event on
// top keeps the selection on the event it was on, and the line above the
// detail says where the selection is.
func TestLongFeedScrolls(t *testing.T) {
	env := commontest.NewEnv(t)
	m := New(env.Common(themes.NoColor(), 90, 16)) // 10 rows of feed
	commontest.Run(m.Init(), 20*time.Millisecond)
	for i := range 30 {
		raw := strings.Replace(botMessage, `"cmd":"hello"`, fmt.Sprintf(`"cmd":"hello %02d"`, i), 1)
		m.Update(common.EventMsg{Event: event(t, raw, commontest.Clock.Add(time.Duration(i)*time.Minute)), Kept: true})
	}
	press(m, "G")
	view := commontest.Plain(m.View())
	if !strings.Contains(view, "said hello 00") || !strings.Contains(view, "30 of 30") || len(strings.Split(view, "\n")) != 16 {
		t.Fatalf("after G the oldest event should be selected and on screen:\n%s", view)
	}
	press(m, "pgup")
	if !strings.Contains(commontest.Plain(m.View()), "said hello 10") {
		t.Fatalf("pgup should select the event ten rows up:\n%s", commontest.Plain(m.View()))
	}
	m.Update(common.EventMsg{Event: event(t, strings.Replace(botMessage, `"cmd":"hello"`, `"cmd":"newest"`, 1), commontest.Clock.Add(time.Hour)), Kept: true})
	if view := commontest.Plain(m.View()); !strings.Contains(view, "said hello 10") || !strings.Contains(view, "21 of 31") {
		t.Fatalf("a live event moved the selection:\n%s", view)
	}
	press(m, "g")
	if view := commontest.Plain(m.View()); !strings.Contains(view, "said newest") || !strings.Contains(view, "1 of 31") {
		t.Fatalf("g should select the newest event:\n%s", view)
	}
}

// What someone wrote to the bot is read whole under the feed, wrapped to the
// width, however long: nothing is cut with "…", and the feed gives up the
// rows the detail needs while the screen keeps its height.
func TestLongMessageToTheBotIsReadWhole(t *testing.T) {
	env := commontest.NewEnv(t)
	m := New(env.Common(themes.NoColor(), 80, 24))
	commontest.Run(m.Init(), 20*time.Millisecond)
	said := strings.Repeat("the deploy of release 7.2 failed on node eu-west-3 again, ", 6) + "THE END"
	for i := range 12 {
		raw := strings.Replace(botMessage, `"cmd":"hello"`, fmt.Sprintf(`"cmd":"hello %02d"`, i), 1)
		m.Update(common.EventMsg{Event: event(t, raw, commontest.Clock.Add(time.Duration(i)*time.Minute)), Kept: true})
	}
	long := strings.Replace(botMessage, `"cmd":"hello"`, `"cmd":"`+said+`"`, 1)
	m.Update(common.EventMsg{Event: event(t, long, commontest.Clock.Add(time.Hour)), Kept: true})

	view := commontest.Plain(m.View())
	if lines := strings.Split(view, "\n"); len(lines) > 24 {
		t.Fatalf("the view has %d lines on a 24-line screen:\n%s", len(lines), view)
	}
	var detail []string
	for _, line := range strings.Split(view, "\n") {
		if strings.HasPrefix(line, "said ") || len(detail) > 0 && !strings.HasPrefix(line, "from ") && !strings.HasPrefix(line, "r starts") {
			detail = append(detail, strings.TrimSpace(line))
		}
	}
	if got := strings.Join(detail, " "); !strings.Contains(got, "THE END") || strings.Count(got, "eu-west-3") != 6 {
		t.Fatalf("the message is not read whole under the feed:\n%s", view)
	}
	if !strings.Contains(view, "from Bob in bob@xmpp.zoom.us") || !strings.Contains(view, "r starts a reply there") {
		t.Fatalf("the detail lost its other lines:\n%s", view)
	}
	press(m, "j")
	if view := commontest.Plain(m.View()); !strings.Contains(view, "said hello 11") || len(strings.Split(view, "\n")) > 24 {
		t.Fatalf("the next event's detail is not shown, or the view overflows:\n%s", view)
	}
}
