package ui

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/composer"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// flowWidth and flowHeight are the terminal of the flow tests: wide enough
// that the status bar shows whole sentences.
const flowWidth, flowHeight = 200, 40

func newFlowApp(t *testing.T, env *commontest.Env) *app {
	return newApp(t, env, themes.NoColor(), flowWidth, flowHeight)
}

// composeAndOpenSendForm types releaseCard into the composer and submits it.
func composeAndOpenSendForm(a *app) {
	a.t.Helper()
	a.typeText(releaseCard)
	a.press("ctrl+s")
	a.waitScreen(common.ScreenSend)
	a.waitText("Release 2.4 ·")
}

// openDetail opens message id from the history list, which holds only it.
func openDetail(a *app, id string) {
	a.t.Helper()
	a.press("f3")
	a.waitText("1 of 1")
	a.press("enter")
	a.waitScreen(common.ScreenDetail)
	a.waitText("id         " + id)
}

func onlyMessage(t *testing.T, store *history.Store) history.Message {
	t.Helper()
	page, err := store.List(history.Query{Limit: 10})
	if err != nil || len(page.Messages) != 1 {
		t.Fatalf("want one message in the history, got %d (%v)", len(page.Messages), err)
	}
	return page.Messages[0]
}

func TestComposeThenSend(t *testing.T) {
	env := commontest.NewEnv(t)
	a := newFlowApp(t, env)
	recordedBeforeSent := false
	a.onMsg = append(a.onMsg, func(msg tea.Msg) {
		if s, ok := msg.(common.StatusMsg); ok && strings.HasPrefix(s.Text, "Sent ") {
			page, _ := env.Store.List(history.Query{Limit: 1})
			recordedBeforeSent = len(page.Messages) == 1
		}
	})
	composeAndOpenSendForm(a)
	a.typeText(zoomtest.ChannelGeneral)
	a.press("ctrl+s")
	a.waitStatusKind(common.StatusOK, "Sent ")
	a.waitScreen(common.ScreenDetail)
	a.waitText("Deploy finished at noon.")

	rec := onlyMessage(t, env.Store)
	if !recordedBeforeSent {
		t.Error("the status said Sent before the history had the record")
	}
	if rec.ToJID != zoomtest.ChannelGeneral || rec.Live().Source != releaseCard || rec.Status != history.StatusSent {
		t.Errorf("history record %+v", rec)
	}
	if !strings.Contains(a.root.status.Text, rec.ID) {
		t.Errorf("status %q does not name message %s", a.root.status.Text, rec.ID)
	}
	sim, ok := env.Server.Message(rec.ID)
	if !ok || len(sim.Contents) != 1 || !jsonEqual(sim.Contents[0], rec.Live().Content) {
		t.Fatalf("the simulator has %+v for %s, want the recorded content", sim, rec.ID)
	}
	a.waitFor("the composer to be cleared after the send", func() bool {
		return a.root.screens[common.ScreenComposer].(*composer.Model).Source() == ""
	})
}

func TestHistoryFilterNarrowsAsYouType(t *testing.T) {
	tests := []struct {
		name, filter string
		shown        []string
		hidden       []string
	}{
		{"words", "maint", []string{"Maintenance window"}, []string{"Release 2.4", "Hi Alice"}},
		{"recipient label", "to:alice", []string{"Hi Alice"}, []string{"Release 2.4", "Maintenance"}},
		{"status", "status:ed", []string{"Maintenance window"}, []string{"Release 2.4", "Hi Alice"}},
		{"nothing", "zebra", []string{"Nothing matches this filter"}, []string{"Release 2.4", "Maintenance", "Hi Alice"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := commontest.NewEnv(t)
			seedHistory(t, env.Store)
			a := newFlowApp(t, env)
			a.press("f3")
			a.waitText("Release 2.4", "Maintenance window", "Hi Alice", "1 of 3")
			a.press("/")
			a.typeText(tt.filter)
			a.waitFor("the list to narrow to "+strings.Join(tt.shown, ", "), func() bool {
				s := a.screen()
				for _, h := range tt.hidden {
					if strings.Contains(s, h) {
						return false
					}
				}
				return viewHas(a.root, tt.shown...)
			})
			if a.root.Active() != common.ScreenHistory {
				t.Fatalf("typing %q in the filter left the history (q or ? taken as keys?)", tt.filter)
			}
		})
	}
}

func TestEditAddsARevision(t *testing.T) {
	env := commontest.NewEnv(t)
	id := sendReal(t, env, releaseCard)
	a := newFlowApp(t, env)
	openDetail(a, id)
	a.press("e")
	a.waitScreen(common.ScreenComposer)
	a.waitText("Editing "+id, "Deploy finished at noon.")
	a.typeText("\n\nRollback plan: none needed.")
	a.press("ctrl+s")
	a.waitScreen(common.ScreenDetail)
	a.waitText("Send this edit", "Rollback plan: none needed.")
	if n := len(requestsTo(env, "PUT")); n != 0 {
		t.Fatalf("%d PUT requests before the edit was confirmed", n)
	}
	a.press("y")
	a.waitStatusKind(common.StatusOK, "Edited "+id+": revision 2 is live")
	a.waitText("2 revisions")

	sim, _ := env.Server.Message(id)
	if len(sim.Contents) != 2 || !strings.Contains(string(sim.Contents[1]), "Rollback plan") {
		t.Fatalf("the simulator has revisions %s", sim.Contents)
	}
	rec, err := env.Store.Get(id)
	if err != nil || len(rec.Revisions) != 2 || rec.Status != history.StatusEdited {
		t.Fatalf("history record %+v (%v)", rec, err)
	}
	if !jsonEqual(rec.Live().Content, sim.Contents[1]) {
		t.Errorf("live revision %s, the simulator has %s", rec.Live().Content, sim.Contents[1])
	}
}

func TestDeleteAsksFirstAndKeepsTheRecord(t *testing.T) {
	env := commontest.NewEnv(t)
	id := sendReal(t, env, releaseCard)
	if err := env.Store.SetRecipientLabel(zoomtest.ChannelGeneral, "#general"); err != nil {
		t.Fatal(err)
	}
	a := newFlowApp(t, env)
	openDetail(a, id)

	a.press("d")
	a.waitText("Delete message "+id+" sent to #general", "y yes")
	a.press("n")
	a.waitFor("the dialog to close on n", func() bool { return !viewHas(a.root, "Delete message") })
	if n := len(requestsTo(env, "DELETE")); n != 0 {
		t.Fatalf("n still sent %d DELETE requests", n)
	}

	a.press("d", "y")
	a.waitStatusKind(common.StatusOK, "Deleted "+id)
	a.waitText("deleted on")
	if sim, _ := env.Server.Message(id); !sim.Deleted {
		t.Error("the simulator still has the message")
	}
	rec, err := env.Store.Get(id)
	if err != nil || rec.Status != history.StatusDeleted || len(rec.Revisions) != 1 {
		t.Fatalf("history record %+v (%v): want it kept, marked deleted", rec, err)
	}
}

func TestUnfurlWithASentCard(t *testing.T) {
	env := commontest.NewEnv(t)
	id := sendReal(t, env, releaseCard)
	trigger := env.Server.IssueTrigger("user-9")
	a := newFlowApp(t, env)
	openDetail(a, id)
	a.press("u")
	a.waitScreen(common.ScreenComposer)
	a.waitText("Unfurl card", "Deploy finished at noon.")
	a.press("ctrl+s")
	a.waitScreen(common.ScreenUnfurl)
	a.waitText("bytes of content")
	a.typeText("user-9")
	a.press("tab")
	a.typeText(trigger)
	a.press("ctrl+s")
	a.waitStatusKind(common.StatusOK, "Unfurl posted for trigger "+trigger)
	a.waitScreen(common.ScreenHistory)
	a.waitText("[Unfurls]", "user-9") // the Unfurls tab, with the new unfurl in it

	unfurls := env.Server.Unfurls()
	rec, _ := env.Store.Get(id)
	if len(unfurls) != 1 || unfurls[0].UserID != "user-9" || unfurls[0].TriggerID != trigger ||
		!jsonEqual(unfurls[0].Content, rec.Live().Content) {
		t.Fatalf("the simulator got unfurls %+v", unfurls)
	}
	stored, err := env.Store.Unfurls(10)
	if err != nil || len(stored) != 1 || stored[0].TriggerID != trigger {
		t.Fatalf("the history has unfurls %+v (%v)", stored, err)
	}
}

// TestRateLimitCountdown sends through a client whose 429 wait is real: it
// lasts until the test has seen the countdown.
func TestRateLimitCountdown(t *testing.T) {
	env := commontest.NewEnv(t)
	release := make(chan struct{})
	var a *app
	client, err := zoom.New(zoom.Config{
		ClientID: zoomtest.ClientID, ClientSecret: zoomtest.ClientSecret, AccountID: zoomtest.AccountID,
		RobotJID: zoomtest.RobotJID, UserJID: zoomtest.UserJID,
		APIURL: env.Server.APIURL(), TokenURL: env.Server.TokenURL(),
		OnRateLimit: func(w zoom.RateLimitWait) {
			a.post(common.RateLimitMsg{Op: w.Op, Attempt: w.Attempt, Until: w.Until})
		},
		Sleep: func(ctx context.Context, _ time.Duration) error {
			select {
			case <-release:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	env.Deps.Client = client
	env.Server.RateLimitNext(1, "5")
	a = newFlowApp(t, env)
	composeAndOpenSendForm(a)
	a.typeText(zoomtest.ChannelGeneral)
	a.press("ctrl+s")
	a.waitText("Zoom rate limit: retrying in")
	countdown := regexp.MustCompile(`Zoom rate limit: retrying in [1-5]s \(attempt \d\) — esc cancels`)
	if !countdown.MatchString(a.screen()) {
		t.Fatalf("no countdown of the Retry-After wait:\n%s", a.screen())
	}
	if onlySends := len(requestsTo(env, "POST /v2/im/chat/messages")); onlySends != 1 {
		t.Fatalf("%d sends before the wait ended, want the one answered 429", onlySends)
	}
	close(release)
	a.waitStatusKind(common.StatusOK, "Sent ")
	if rec := onlyMessage(t, env.Store); rec.ToJID != zoomtest.ChannelGeneral {
		t.Errorf("recorded %+v", rec)
	}
}

func TestAPIErrorIsASentenceWithItsCode(t *testing.T) {
	env := commontest.NewEnv(t)
	a := newFlowApp(t, env)
	composeAndOpenSendForm(a)
	a.typeText("nobody@xmpp.zoom.us")
	a.press("ctrl+s")
	a.waitStatusKind(common.StatusError, "7004")
	if a.root.Active() != common.ScreenSend {
		t.Errorf("a rejected send left the form for screen %d", a.root.Active())
	}
	if text := a.root.status.Text; !strings.HasSuffix(strings.TrimSpace(text), ".") {
		t.Errorf("the error is not a sentence: %q", text)
	}
	if page, _ := env.Store.List(history.Query{Limit: 5}); len(page.Messages) != 0 {
		t.Errorf("a rejected send was recorded: %+v", page.Messages)
	}
	if entries, _ := env.Store.Outbox(); len(entries) != 0 {
		t.Errorf("a send Zoom refused for good was kept for retry: %+v", entries)
	}
}

func TestSavedDraftIsRestoredAtStart(t *testing.T) {
	env := commontest.NewEnv(t)
	saved := history.Draft{Name: "current", Source: releaseCard, UpdatedAt: commontest.Clock.Add(-time.Hour)}
	if err := env.Store.SaveDraft(saved); err != nil {
		t.Fatal(err)
	}
	a := newFlowApp(t, env)
	a.waitStatusKind(common.StatusInfo, "Draft restored (last saved Nov 26 08:30)")
	a.waitText("head: Release 2.4", "Deploy finished at noon.")
}

func TestCtrlCSavesTheDraftBeforeQuitting(t *testing.T) {
	env := commontest.NewEnv(t)
	a := newFlowApp(t, env)
	draftAtQuit := ""
	a.onMsg = append(a.onMsg, func(msg tea.Msg) {
		if _, ok := msg.(tea.QuitMsg); ok {
			draftAtQuit = currentDraft(t, env.Store)
		}
	})
	a.typeText("Half-written card")
	a.press("ctrl+c")
	a.waitFor("the app to quit", func() bool { return a.quit })
	if draftAtQuit != "Half-written card" {
		t.Fatalf("when tea.Quit ran the stored draft was %q", draftAtQuit)
	}

	next := newFlowApp(t, env)
	next.waitStatusKind(common.StatusInfo, "Draft restored")
	next.waitText("Half-written card")
}

func currentDraft(t *testing.T, store *history.Store) string {
	t.Helper()
	drafts, err := store.Drafts()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drafts {
		if d.Name == "current" {
			return d.Source
		}
	}
	return ""
}

// requestsTo returns the simulator's requests whose "METHOD path" starts
// with prefix.
func requestsTo(env *commontest.Env, prefix string) []zoomtest.Request {
	var out []zoomtest.Request
	for _, r := range env.Server.Requests() {
		if strings.HasPrefix(r.Method+" "+r.Path, prefix) {
			out = append(out, r)
		}
	}
	return out
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	ax, _ := json.Marshal(x)
	by, _ := json.Marshal(y)
	return string(ax) == string(by)
}
