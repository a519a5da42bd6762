package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// twoProfiles is a world of two profiles of one config file: "alpha" (dev) on
// env's simulator and history, "beta" (prod) on a second simulator with a
// history file of its own and an event subscription.
type twoProfiles struct {
	env    *commontest.Env
	beta   *zoomtest.Server
	betaDB string
	events *eventsSlot // the app's event listener, as Run makes it
}

func newTwoProfiles(t *testing.T) *twoProfiles {
	env := commontest.NewEnv(t)
	env.Deps.Profile.Name = "alpha"
	beta := zoomtest.NewServer()
	t.Cleanup(beta.Close)
	return &twoProfiles{env: env, beta: beta, betaDB: filepath.Join(t.TempDir(), "beta.db")}
}

// profiles are the config file's profiles as the command line hands them to
// the app: alpha loads env's settings, beta the second simulator's.
func (w *twoProfiles) profiles() *Profiles {
	alpha := w.env.Deps.Client.Config()
	alpha.ClientSecret = zoomtest.ClientSecret
	alphaProfile, alphaDB := w.env.Deps.Profile, w.env.Store.Path()
	return &Profiles{
		List: func() ([]ProfileChoice, error) {
			return []ProfileChoice{{Name: "alpha", Kind: "dev"}, {Name: "beta", Kind: "prod"}}, nil
		},
		Load: func(name string) (RunOptions, error) {
			if name == "alpha" {
				return RunOptions{Zoom: &alpha, DBPath: alphaDB, Profile: alphaProfile}, nil
			}
			cfg := zoom.Config{
				ClientID: zoomtest.ClientID, ClientSecret: zoomtest.ClientSecret, AccountID: zoomtest.AccountID,
				RobotJID: zoomtest.RobotJID, UserJID: zoomtest.UserJID, APIURL: w.beta.APIURL(), TokenURL: w.beta.TokenURL(),
			}
			return RunOptions{
				Zoom: &cfg, DBPath: w.betaDB,
				Profile: common.Profile{Name: "beta", Kind: "prod", AccountID: zoomtest.AccountID, RobotJID: zoomtest.RobotJID, UserJID: zoomtest.UserJID},
				Events:  &zoom.EventsConfig{URL: w.beta.EventsURL(), SubscriptionID: zoomtest.SubscriptionID},
			}, nil
		},
	}
}

// start runs the app over both profiles in a real program, starting on alpha.
func (w *twoProfiles) start(t *testing.T) *teaApp {
	t.Helper()
	return w.startWith(t, w.profiles())
}

func (w *twoProfiles) startWith(t *testing.T, profiles *Profiles) *teaApp {
	t.Helper()
	theme := themes.Default(true)
	var program *teatest.TestModel
	ctx, cancel := context.WithCancel(context.Background())
	w.events = &eventsSlot{listen: func(c *zoom.Client, st *history.Store, cfg zoom.EventsConfig) func() {
		return listenEvents(ctx, c, st, cfg, func(msg tea.Msg) { program.Send(msg) })
	}}
	p := &probe{
		root: New(Options{
			Theme: theme, ThemeFixed: true, Deps: w.env.Deps,
			Screens: Screens(common.NewCommon(theme, w.env.Deps)), Start: common.ScreenComposer,
			Profiles: profiles, events: w.events,
		}),
		frames: make(chan string, 1),
	}
	program = teatest.NewTestModel(t, p, teatest.WithInitialTermSize(120, 40))
	t.Cleanup(func() {
		if err := program.Quit(); err != nil {
			t.Error(err)
		}
		program.WaitFinished(t, teatest.WithFinalTimeout(waitLimit))
		w.events.stop()
		cancel()
		p.root.switcher.closeOwned()
	})
	return &teaApp{t: t, p: p, tm: program}
}

// f6 lists the profiles with their kind and the current one marked; picking
// the prod one moves the app there with its badge, its history and its event
// subscription, keeps the draft, and the card sent next (through the prod
// guard) reaches the second simulator only.
func TestProfileSwitchSendsToTheNewProfile(t *testing.T) {
	w := newTwoProfiles(t)
	a := w.start(t)
	a.typeText("Written on alpha")
	a.await("Written on alpha", "DEV  · alpha")

	a.keys("f6")
	frame := commontest.Plain(a.await("Switch profile", "beta"))
	if alpha, beta := lineWith(frame, "› alpha"), lineWith(frame, "  beta"); !strings.Contains(alpha, "DEV") ||
		!strings.Contains(alpha, "(current)") || !strings.Contains(beta, "PROD") || strings.Contains(beta, "(current)") {
		t.Fatalf("the picker does not list both profiles with their kind and the current one:\n%s", frame)
	}
	a.keys("down", "enter")
	frame = a.await("PROD  · beta", "Profile beta is PRODUCTION", "Written on alpha")
	if badge := themes.Default(true).Styles().BadgeProd.Render("PROD"); !strings.Contains(frame, badge) {
		t.Errorf("the prod profile is not marked in the prod colour:\n%q", frame)
	}
	eventually(t, "the event listener on beta", func() bool { return w.beta.EventConnections() == 1 })
	if got := w.env.Deps.Store.Path(); got != w.betaDB {
		t.Fatalf("the app's history is %s, want beta's %s", got, w.betaDB)
	}

	a.keys("ctrl+s")
	a.await("Send the card")
	a.typeText(zoomtest.ChannelGeneral)
	a.keys("ctrl+s")
	a.await("Send to production", "Profile beta is production")
	a.keys("y")
	eventually(t, "the message on beta's simulator", func() bool { return len(w.beta.Messages()) == 1 })
	if n := len(w.env.Server.Messages()); n != 0 {
		t.Fatalf("alpha's simulator got %d messages after the switch", n)
	}
	a.await("Sent")
	page, err := w.env.Deps.Store.List(history.Query{})
	if err != nil || len(page.Messages) != 1 || page.Messages[0].Profile != "beta" || page.Messages[0].Status != history.StatusSent {
		t.Fatalf("beta's history holds %+v, %v; want the one sent message", page.Messages, err)
	}

	// And back: alpha's history (reopened) and its simulator, beta's listener gone.
	a.keys("f6")
	a.await("Switch profile", "(current)")
	a.keys("up", "enter")
	a.await("DEV  · alpha", "Profile alpha")
	eventually(t, "beta's listener to stop", func() bool { return w.beta.EventConnections() == 0 })
	if got := w.env.Deps.Store.Path(); got != w.env.Store.Path() {
		t.Fatalf("back on alpha, the history is %s", got)
	}
}

// While a request is on its way to Zoom the switch is refused, saying why,
// and the app stays where it was.
func TestProfileSwitchWaitsForARequestInFlight(t *testing.T) {
	w := newTwoProfiles(t)
	content := []byte(`{"head":{"text":"on its way"}}`)
	if _, err := w.env.Store.BeginSend(history.Message{Profile: "alpha", ToJID: zoomtest.ChannelGeneral,
		Revisions: []history.Revision{{Content: content, Source: "on its way"}}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	a := w.start(t)
	a.keys("f6")
	a.await("Switch profile")
	a.keys("down", "enter")
	a.await("Profile not switched to beta", "1 send", "on its way to Zoom")
	if p := w.env.Deps.Profile; p.Name != "alpha" || w.env.Deps.Store.Path() != w.env.Store.Path() {
		t.Fatalf("a refused switch changed the profile to %+v", p)
	}
	if n := w.beta.EventConnections(); n != 0 {
		t.Fatalf("a refused switch connected to beta's events (%d)", n)
	}
}

// While the switch's I/O runs (the profile loads, a history opens), keys
// wait: an operation started then would record in the history the switch is
// about to leave and close. Typed text does not reach the draft, and the
// keys act again once the switch is done.
func TestProfileSwitchHoldsKeysWhileItRuns(t *testing.T) {
	w := newTwoProfiles(t)
	release := make(chan struct{})
	profiles := w.profiles()
	load := profiles.Load
	profiles.Load = func(name string) (RunOptions, error) {
		<-release
		return load(name)
	}
	a := w.startWith(t, profiles)
	a.typeText("Draft")
	a.await("Draft")
	a.keys("f6")
	a.await("Switch profile")
	a.keys("down", "enter")
	a.typeText("X")
	a.await("Switching profile…")
	close(release)
	a.await("PROD  · beta")
	a.typeText("Y")
	frame := commontest.Plain(a.await("DraftY"))
	if strings.Contains(frame, "DraftX") {
		t.Fatalf("a key typed during the switch reached the draft:\n%s", frame)
	}
}

// Without a config file's profiles, f6 says where profiles come from.
func TestProfileSwitchWithoutProfilesSaysWhy(t *testing.T) {
	a := startTea(t, commontest.NewEnv(t), themes.NoColor(), 120, 30)
	a.keys("f6")
	a.await("No profiles to switch to")
}

// lineWith is the first line of frame that contains text, "" when none does.
func lineWith(frame, text string) string {
	for line := range strings.Lines(frame) {
		if strings.Contains(line, text) {
			return line
		}
	}
	return ""
}

// eventually polls cond, for state outside the program (a simulator's), until
// it holds or waitLimit passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(waitLimit); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s", waitLimit, what)
		}
	}
}
