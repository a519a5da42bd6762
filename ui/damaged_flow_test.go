package ui

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/history/historytest"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/composer"
)

// A history file with a damaged page turns sending off as soon as a read at
// start (or the first write) meets it: the status bar says the file is
// damaged and nothing will be sent, ctrl+s is off in the composer, the send
// and unfurl forms and r in the outbox, each with that reason in the help,
// the draft stays, and nothing reaches Zoom. The app used to keep
// offering ctrl+s and refuse each send one by one.
func TestDamagedHistoryTurnsSendingOff(t *testing.T) {
	env := commontest.NewEnv(t)
	for range 3 { // enough that the messages bucket has a page of its own
		sendReal(t, env, releaseCard)
	}
	path := env.Store.Path()
	env.Store.Close()
	historytest.DamageMessagesPage(t, path)
	store, err := history.Open(path)
	if err != nil {
		t.Fatalf("the damaged file does not open: %v", err)
	}
	t.Cleanup(func() { store.Close() })
	env.Store, env.Deps.Store = store, store
	before := len(env.Server.Messages())

	a := newFlowApp(t, env)
	a.waitFor("the status bar to say the history is damaged", func() bool {
		return strings.Contains(a.statusLine(), "history damaged") && loggedText(a, "The history at "+path+" is damaged, so nothing will be sent")
	})
	composerModel := a.root.screens[common.ScreenComposer].(*composer.Model)
	a.typeText(releaseCard)
	a.press("ctrl+s")
	a.settle(100e6)
	if a.root.Active() != common.ScreenComposer || composerModel.Source() != releaseCard {
		t.Errorf("after ctrl+s: screen %d, draft %q; want the composer with the draft kept", a.root.Active(), composerModel.Source())
	}
	for _, id := range []common.ScreenID{common.ScreenComposer, common.ScreenSend, common.ScreenUnfurl} {
		assertKeyOff(t, a.root.screens[id].HelpKeys(), "ctrl+s")
	}
	assertKeyOff(t, a.root.screens[common.ScreenOutbox].HelpKeys(), "r")
	if got := len(env.Server.Messages()); got != before {
		t.Errorf("the simulator holds %d messages, want %d: nothing may go out", got, before)
	}
}

// loggedText reports whether a status of the session said text.
func loggedText(a *app, text string) bool {
	for _, e := range a.root.log.entries {
		if strings.Contains(e.text, text) {
			return true
		}
	}
	return false
}

// assertKeyOff checks that the help lists key off, saying the history is damaged.
func assertKeyOff(t *testing.T, groups [][]common.KeyHelp, key string) {
	t.Helper()
	for _, g := range groups {
		for _, k := range g {
			if k.Help().Key == key {
				if k.Enabled() || k.Why != common.WhyHistoryDamaged {
					t.Errorf("%s: enabled %v, why %q; want it off because %q", key, k.Enabled(), k.Why, common.WhyHistoryDamaged)
				}
				return
			}
		}
	}
	t.Errorf("the help does not list %s", key)
}
