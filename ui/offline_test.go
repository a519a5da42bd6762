package ui

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// offlineApp is the app of a user with no credentials: no client, and the
// sandbox on offer through the same starter Run builds.
func offlineApp(t *testing.T, start func() (Sandbox, error)) *app {
	t.Helper()
	env := commontest.NewEnv(t)
	env.Deps.Client = nil
	env.Deps.ConfigHint = "Set ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET in the environment."
	var slot sandboxSlot
	t.Cleanup(slot.stop)
	return newAppWith(t, env, themes.NoColor(), 100, 30, func(o *Options) {
		o.StartSandbox = slot.starter(start, func(c zoom.Config) (*zoom.Client, error) { return zoom.New(c) })
	})
}

// testSandbox starts a simulator and a throw-away history, as the CLI does.
func testSandbox(t *testing.T) func() (Sandbox, error) {
	return func() (Sandbox, error) {
		srv := zoomtest.NewServer()
		return Sandbox{
			Zoom: zoom.Config{
				ClientID: zoomtest.ClientID, ClientSecret: zoomtest.ClientSecret, AccountID: zoomtest.AccountID,
				RobotJID: zoomtest.RobotJID, UserJID: zoomtest.UserJID, APIURL: srv.APIURL(), TokenURL: srv.TokenURL(),
			},
			DBPath:  filepath.Join(t.TempDir(), "sandbox.db"),
			Profile: common.Profile{Name: "sandbox", Kind: "dev", Sandbox: true, RobotJID: zoomtest.RobotJID},
			Stop:    srv.Close,
		}, nil
	}
}

func TestOfflineNoticeStartsTheSandbox(t *testing.T) {
	a := offlineApp(t, testSandbox(t))
	a.waitText("No Zoom credentials yet", "ZOOM_CLIENT_ID", "sandbox")
	ownStore := a.root.common.Deps.Store
	a.press("esc")
	a.typeText("Draft written before the sandbox")
	a.press("ctrl+s") // sending needs credentials: the notice comes back
	a.waitText("No Zoom credentials yet")
	a.press("s")
	a.waitStatusKind(common.StatusOK, "Sandbox")
	deps := a.root.common.Deps
	if deps.Client == nil || deps.Store == ownStore || !deps.Profile.Sandbox {
		t.Fatalf("the app did not switch to the sandbox: %+v", deps)
	}
	// The draft went into the user's own history before the switch.
	drafts, err := ownStore.Drafts()
	if err != nil || len(drafts) == 0 {
		t.Fatalf("drafts in the user's history: %+v, %v", drafts, err)
	}
	// The send form holds the draft; sending now works, into the sandbox's history.
	a.waitScreen(common.ScreenSend)
	a.typeText(zoomtest.ChannelGeneral)
	a.press("ctrl+s")
	a.waitStatusKind(common.StatusOK, "Sent")
	if page, _ := deps.Store.List(history.Query{Limit: 5}); len(page.Messages) != 1 {
		t.Fatalf("sandbox history: %+v", page.Messages)
	}
	if page, _ := ownStore.List(history.Query{Limit: 5}); len(page.Messages) != 0 {
		t.Fatalf("a sandbox send reached the user's own history: %+v", page.Messages)
	}
}

func TestOfflineNoticeCanBeDismissed(t *testing.T) {
	a := offlineApp(t, testSandbox(t))
	a.waitText("No Zoom credentials yet")
	a.press("esc")
	a.waitStatusKind(common.StatusWarn, "Offline")
	if strings.Contains(a.screen(), "No Zoom credentials yet") {
		t.Fatal("the notice is still shown")
	}
	a.typeText("still composing")
	a.waitFor("the composer takes text", func() bool { return strings.Contains(a.screen(), "still composing") })
}

func TestSandboxThatFailsToStartSaysWhy(t *testing.T) {
	a := offlineApp(t, func() (Sandbox, error) { return Sandbox{}, errors.New("no free port") })
	a.waitText("No Zoom credentials yet")
	a.press("s")
	a.waitStatusKind(common.StatusError, "no free port")
	if a.root.common.Deps.Client != nil {
		t.Fatal("a client appeared from a sandbox that failed")
	}
}
