package ui

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// listenTo connects the app's event listener to the simulator's WebSocket over a real
// connection, delivering to send, until the test ends.
func listenTo(t *testing.T, env *commontest.Env, send func(tea.Msg)) {
	t.Helper()
	cfg := zoom.EventsConfig{URL: env.Server.EventsURL(), SubscriptionID: zoomtest.SubscriptionID, MinBackoff: time.Millisecond}
	stop := listenEvents(context.Background(), env.Deps.Client, env.Store, cfg, send)
	t.Cleanup(stop)
}

// connected waits until the simulator holds the app's event connection: an event emitted
// before that is lost, as on Zoom.
func connected(t *testing.T, a *app) {
	t.Helper()
	a.waitText("events connected")
	for deadline := time.Now().Add(waitLimit); a.env.Server.EventConnections() != 1; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the simulator never held the event connection")
		}
	}
}

func TestEventsScreenUnfurlsASharedLinkFromTheEvent(t *testing.T) {
	env := commontest.NewEnv(t)
	a := newApp(t, env, themes.NoColor(), 100, 30)
	listenTo(t, env, a.post)
	connected(t, a)
	a.press("f5")
	a.waitScreen(common.ScreenEvents)

	_, trigger, err := env.Server.ShareLink(zoomtest.LinkShare{Link: "https://example.com/spec/42", ChannelJID: "random"})
	if err != nil {
		t.Fatal(err)
	}
	a.waitText("team_chat.link_shared", "https://example.com/spec/42", "#random", "u composes an unfurl card")
	a.press("u")
	a.waitScreen(common.ScreenComposer)
	a.waitText("Unfurl")
	a.press("ctrl+s")
	a.waitScreen(common.ScreenUnfurl)
	a.waitText(zoomtest.DemoUnfurlUserID, trigger, "https://example.com/spec/42")
	a.press("ctrl+s")
	a.waitFor("the simulator to hold the unfurl", func() bool { return len(env.Server.Unfurls()) == 1 })
	if u := env.Server.Unfurls()[0]; u.TriggerID != trigger || u.UserID != zoomtest.DemoUnfurlUserID || !strings.Contains(string(u.Content), "example.com/spec/42") {
		t.Errorf("unfurl %+v", u)
	}
	kept, err := env.Store.RecentEvents(5)
	if err != nil || len(kept) != 1 || kept[0].Name != zoom.EventLinkShared || kept[0].Source != zoom.SourceWebSocket {
		t.Errorf("kept events %+v, %v", kept, err)
	}
}

func TestEventsScreenRepliesToABotMessage(t *testing.T) {
	env := commontest.NewEnv(t)
	a := newApp(t, env, themes.NoColor(), 100, 30)
	listenTo(t, env, a.post)
	connected(t, a)
	if _, err := env.Server.MessageBot("what is the status?", "", zoomtest.UserBob); err != nil {
		t.Fatal(err)
	}
	a.waitStatusKind(common.StatusInfo, "bot_notification from Bob Example")
	a.press("f5")
	a.waitText("bot_notification", "what is the status?", "r starts a reply there")
	a.press("r")
	a.waitScreen(common.ScreenComposer)
	a.typeText("All green.")
	a.press("ctrl+s")
	a.waitScreen(common.ScreenSend)
	a.waitText(zoomtest.UserBob)
	a.press("ctrl+s")
	a.waitFor("the reply to reach the simulator", func() bool { return len(env.Server.Messages()) == 1 })
	if m := env.Server.Messages()[0]; m.ToJID != zoomtest.UserBob {
		t.Errorf("reply went to %s", m.ToJID)
	}
}

func TestEventsScreenOpensTheAnsweredMessageWithItsAnswers(t *testing.T) {
	env := commontest.NewEnv(t)
	id := sendReal(t, env, "---\nhead: Ship it?\n---\n\n```actions\n- [Yes](yes) primary\n- [No](no)\n```")
	a := newApp(t, env, themes.NoColor(), 100, 30)
	listenTo(t, env, a.post)
	connected(t, a)
	if _, err := env.Server.ClickButton(id, "Yes", zoomtest.UserBob); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Server.ClickButton(id, "no", zoomtest.UserAlice); err != nil {
		t.Fatal(err)
	}
	a.press("f5")
	a.waitText("Alice Example", "clicked No")
	a.press("enter")
	a.waitScreen(common.ScreenDetail)
	a.waitText("answers 2", "Bob Example clicked Yes", "Alice Example clicked No")
}

// clockTimes and sandboxTriggers vary from run to run; the golden holds placeholders.
var (
	clockTimes      = regexp.MustCompile(`\b\d\d:\d\d:\d\d\b`)
	sandboxTriggers = regexp.MustCompile(`zsbxtrg[0-9a-f]{16}`)
)

// TestEventsScreenInTeatest runs the root model in a real Bubble Tea program with a real
// event connection: the Events screen shows the connection and the shared link.
func TestEventsScreenInTeatest(t *testing.T) {
	env := commontest.NewEnv(t)
	app := startTea(t, env, themes.NoColor(), 100, 24)
	p, tm := app.p, app.tm
	listenTo(t, env, tm.Send)
	for deadline := time.Now().Add(waitLimit); env.Server.EventConnections() != 1; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the simulator never held the event connection")
		}
	}
	tm.Send(commontest.Key("f5"))
	p.await(t, tm, "the connection", func(m *Model) bool {
		return m.Active() == common.ScreenEvents && m.eventConn == "connected"
	})
	if _, _, err := env.Server.ShareLink(zoomtest.LinkShare{Link: "https://example.com/doc/7"}); err != nil {
		t.Fatal(err)
	}
	frame := p.await(t, tm, "the shared link", func(m *Model) bool { return viewHas(m, "https://example.com/doc/7", "trigger id") })
	plain := sandboxTriggers.ReplaceAllString(clockTimes.ReplaceAllString(commontest.Plain(frame), "hh:mm:ss"), "<trigger>")
	commontest.Golden(t, plain)
	commontest.AssertShown(t, "events screen", frame)
}
