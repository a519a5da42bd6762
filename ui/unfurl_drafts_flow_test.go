package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/composer"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// Two unfurls started from two shared links keep a draft each (keyed by
// their trigger), both listed in the drafts list with their link and both
// restored after a restart; posting one sends it for its own trigger. The
// composer used to keep a single unfurl draft: the second replaced the
// first.
func TestEachUnfurlKeepsItsOwnDraft(t *testing.T) {
	const linkA, linkB = "https://example.com/spec/1", "https://example.com/spec/2"
	labelA, labelB := "Unfurl of example.com/spec/1", "Unfurl of example.com/spec/2"
	label := map[string]string{linkA: labelA, linkB: labelB}
	env := commontest.NewEnv(t)
	a := newApp(t, env, themes.NoColor(), 140, 36)
	listenTo(t, env, a.post)
	connected(t, a)
	a.press("f5")
	a.waitScreen(common.ScreenEvents)
	triggers := map[string]string{}
	for _, link := range []string{linkA, linkB} {
		_, trigger, err := env.Server.ShareLink(zoomtest.LinkShare{Link: link, ChannelJID: "random"})
		if err != nil {
			t.Fatal(err)
		}
		triggers[link] = trigger
		a.waitText(link)
	}
	composerModel := a.root.screens[common.ScreenComposer].(*composer.Model)
	for _, link := range []string{linkA, linkB} {
		a.press("f5")
		a.waitScreen(common.ScreenEvents)
		selectEvent(t, a, link)
		a.press("u")
		a.waitScreen(common.ScreenComposer)
		a.waitFor("the unfurl draft of "+link, func() bool { return composerModel.Title() == label[link] })
		a.press("ctrl+end")
		a.typeText("\nNotes on " + link)
	}
	a.press("ctrl+l")
	a.waitText(labelA, labelB)
	a.press("esc")
	a.exec(composerModel.Flush())

	a.waitFor("both unfurl drafts to be saved", func() bool {
		drafts, _ := env.Store.Drafts()
		saved := 0
		for _, d := range drafts {
			if strings.HasPrefix(d.Name, "unfurl ") && strings.Contains(d.Source, "Notes on ") {
				saved++
			}
		}
		return saved == 2
	})
	b := newApp(t, env, themes.NoColor(), 140, 36)
	b.settle(200 * time.Millisecond) // the saved drafts are read at start
	b.press("ctrl+l")
	b.waitText(labelA, labelB)
	b.press("esc")
	restarted := b.root.screens[common.ScreenComposer].(*composer.Model)
	for _, link := range []string{linkA, linkB} {
		openListedDraft(t, b, label[link])
		b.waitFor("the restored draft of "+link, func() bool {
			return restarted.Title() == label[link] && strings.HasSuffix(restarted.Source(), "\nNotes on "+link)
		})
	}
	// The draft shown (link B's) is posted for its own trigger.
	b.press("ctrl+s")
	b.waitScreen(common.ScreenUnfurl)
	b.waitText(triggers[linkB], linkB)
	b.press("ctrl+s")
	b.waitFor("the simulator to hold the unfurl", func() bool { return len(env.Server.Unfurls()) == 1 })
	if u := env.Server.Unfurls()[0]; u.TriggerID != triggers[linkB] || !strings.Contains(string(u.Content), "Notes on "+linkB) {
		t.Errorf("unfurl %+v, want link B's card for its trigger %s", u, triggers[linkB])
	}
	b.waitFor("link B's draft to be closed and link A's kept", func() bool {
		drafts, _ := env.Store.Drafts()
		names := []string{}
		for _, d := range drafts {
			names = append(names, d.Name)
		}
		return len(names) == 1 && strings.Contains(names[0], linkA)
	})
}

// selectEvent moves the events list to the row of link.
func selectEvent(t *testing.T, a *app, link string) {
	t.Helper()
	shown := func() bool { return strings.Contains(a.screen(), "link "+link+" shared by") } // the selected event's detail
	for _, k := range []string{"down", "up"} {
		for range 4 {
			if shown() {
				return
			}
			a.press(k)
		}
	}
	t.Fatalf("no event row of %s could be selected:\n%s", link, a.screen())
}

// openListedDraft opens the draft whose row says label from the drafts list.
func openListedDraft(t *testing.T, a *app, label string) {
	t.Helper()
	a.press("ctrl+l")
	a.waitText(label)
	for range 4 {
		if selectedRowHas(a, label) {
			a.press("enter")
			return
		}
		a.press("down")
	}
	t.Fatalf("no draft row of %q could be selected:\n%s", label, a.screen())
}

// selectedRowHas reports whether the selected row (marked ›) shows text.
func selectedRowHas(a *app, text string) bool {
	for _, line := range strings.Split(a.screen(), "\n") {
		if strings.Contains(line, "›") && strings.Contains(line, text) && !strings.Contains(line, "zoompose ›") {
			return true
		}
	}
	return false
}
