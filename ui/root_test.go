package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/composer"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

func TestHelpOverlayShowsTheActiveScreensKeys(t *testing.T) {
	tests := []struct {
		name  string
		goTo  []string // keys that reach the screen
		ready string   // text the screen shows once it is drawn
		open  string   // the key that opens help there
		title string
		keys  []string // keys the overlay must list
	}{
		{"composer takes f1 while typing", nil, "New message", "f1", "New message — keys",
			[]string{"ctrl+s", "insert element", "open in $EDITOR"}},
		{"history takes ?", []string{"f3"}, "1 of 3", "?", "History — keys",
			[]string{"filter (to: status: text)", "open", "f3/ctrl+r", "ctrl+c", "quit (draft kept)"}},
		{"outbox takes f1", []string{"f4"}, "0 need action", "f1", "Outbox — keys",
			[]string{"retry", "discard"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := commontest.NewEnv(t)
			seedHistory(t, env.Store)
			a := newApp(t, env, themes.NoColor(), 120, 40)
			a.press(tt.goTo...)
			a.waitText(tt.ready)
			active := a.root.Active()
			a.press(tt.open)
			view := a.screen()
			for _, want := range append([]string{tt.title, "esc or ? closes this help"}, tt.keys...) {
				if !strings.Contains(view, want) {
					t.Errorf("the help overlay lacks %q:\n%s", want, view)
				}
			}
			a.press("esc")
			if a.root.showHelp || strings.Contains(a.screen(), tt.title) {
				t.Fatalf("esc did not close the help:\n%s", a.screen())
			}
			if a.root.Active() != active {
				t.Errorf("esc closing the help also left the screen (now %d)", a.root.Active())
			}
		})
	}
}

func TestQuestionMarkIsTextWhileTyping(t *testing.T) {
	env := commontest.NewEnv(t)
	seedHistory(t, env.Store)
	a := newApp(t, env, themes.NoColor(), 120, 40)
	a.typeText("Why?")
	if a.root.showHelp {
		t.Fatal("? opened the help while the composer was taking text")
	}
	if got := a.root.screens[common.ScreenComposer].(*composer.Model).Source(); got != "Why?" {
		t.Fatalf("the editor has %q, want the typed question mark", got)
	}

	a.press("f3")
	a.waitText("1 of 3")
	a.press("/")
	a.typeText("q?")
	if a.root.showHelp || a.quit || a.root.Active() != common.ScreenHistory {
		t.Fatalf("q or ? in the history filter acted as a global key:\n%s", a.screen())
	}
	a.waitText("/ q?")
}

// TestEveryScreenFitsSmallTerminals walks the whole app and, on every
// screen, shrinks the terminal to the smallest supported size and to 80×24:
// the frame must fill it exactly, with no line wider than the terminal.
func TestEveryScreenFitsSmallTerminals(t *testing.T) {
	env := commontest.NewEnv(t)
	seedWorld(t, env)
	a := newApp(t, env, themes.Default(true), 120, 40)
	for i, stop := range tour {
		name := stop.name
		if name == "" {
			name = fmt.Sprintf("stop %d", i)
		}
		for _, k := range keyMsgs(stop.keys) {
			a.send(k)
		}
		a.waitFor(name+" to be drawn", func() bool { return stop.ready(a.root) })
		for _, size := range [][2]int{{60, 16}, {80, 24}, {120, 40}} {
			a.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			a.settle(20 * time.Millisecond)
			checkFrame(t, fmt.Sprintf("%s at %dx%d", name, size[0], size[1]), a.root.View().Content, size[0], size[1])
		}
	}
}

// checkFrame fails when frame is not exactly height lines of at most width
// cells.
func checkFrame(t *testing.T, what, frame string, width, height int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) != height {
		t.Errorf("%s: %d lines, want %d:\n%s", what, len(lines), height, commontest.Plain(frame))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("%s: line %d is %d cells wide, more than %d:\n%s", what, i+1, w, width, ansi.Strip(l))
		}
	}
}

// TestHelpOverlayListsEveryKey opens the help on every screen of the tour,
// pages through it, and looks for each key of the screen and of the root in
// it, the ones that do not act now included: at 80×24 the overlay does not
// fit, and nothing may be cut without a way to page to it.
func TestHelpOverlayListsEveryKey(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			env := commontest.NewEnv(t)
			seedWorld(t, env)
			a := newApp(t, env, themes.NoColor(), size[0], size[1])
			for i, stop := range tour {
				for _, k := range keyMsgs(stop.keys) {
					a.send(k)
				}
				a.waitFor(fmt.Sprintf("tour stop %d to be drawn", i), func() bool { return stop.ready(a.root) })
				if stop.name == "help" {
					continue
				}
				screen := a.root.screens[a.root.active]
				checkHelpKeys(t, screen)
				a.press("f1")
				view := a.helpPages(t)
				for _, b := range append(flatten(common.Bindings(screen.HelpKeys())), a.root.keys.bindings(screen.Typing())...) {
					h := b.Help()
					if h.Key != "" && !strings.Contains(view, h.Key+" ") {
						t.Errorf("%s: the help overlay lacks %q (%s)", screen.Title(), h.Key, h.Desc)
					}
				}
				a.press("esc")
			}
		})
	}
}

// helpPages is the text of every page of the open help overlay: it pages
// down while the overlay says more lines follow.
func (a *app) helpPages(t *testing.T) string {
	t.Helper()
	view := a.screen()
	all := view
	for range 20 {
		m := helpWhere.FindStringSubmatch(view)
		if m == nil || m[2] == m[3] {
			return all
		}
		a.press("pgdown")
		view = a.screen()
		all += view
	}
	t.Fatalf("the help overlay never reached its last line:\n%s", view)
	return ""
}

// helpWhere is the overlay's line that says which lines a long help shows.
var helpWhere = regexp.MustCompile(`lines (\d+)–(\d+) of (\d+)`)

func flatten(groups [][]key.Binding) []key.Binding {
	var out []key.Binding
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// A paste is typing: only the active screen gets it, not every screen that
// has a focused input (here the send form's recipient, focused since the
// form was last shown).
func TestPasteGoesOnlyToTheActiveScreen(t *testing.T) {
	env := commontest.NewEnv(t)
	a := newApp(t, env, themes.NoColor(), 100, 30)
	a.typeText("A card")
	a.press("ctrl+s")
	a.waitScreen(common.ScreenSend)
	a.press("esc")
	a.waitScreen(common.ScreenComposer)
	a.send(tea.PasteMsg{Content: " pasted"})
	a.waitText("A card pasted")
	a.press("ctrl+s")
	a.waitScreen(common.ScreenSend)
	// The form names the card ("A card pasted"); the paste must not also
	// be in its recipient field.
	if strings.Count(a.screen(), "pasted") > 1 {
		t.Fatalf("the paste reached the send form too:\n%s", a.screen())
	}
}

// TestHistoryChangedReadsTheRecipientsOnce checks that one change of the
// history reads the recipients once, in the root, and that the one read
// reaches the screens: a label given meanwhile shows in the history list.
func TestHistoryChangedReadsTheRecipientsOnce(t *testing.T) {
	env := commontest.NewEnv(t)
	seedHistory(t, env.Store)
	a := newApp(t, env, themes.NoColor(), 120, 40)
	a.press("f3")
	a.waitText("1 of 3")
	if err := env.Store.SetRecipientLabel(zoomtest.ChannelGeneral, "#renamed"); err != nil {
		t.Fatal(err)
	}
	_, cmd := a.root.Update(common.HistoryChangedMsg{})
	msgs := commontest.Run(cmd, time.Second)
	var reads []common.RecipientsMsg
	for _, msg := range msgs {
		if r, ok := msg.(common.RecipientsMsg); ok {
			reads = append(reads, r)
		}
	}
	if len(reads) != 1 {
		t.Fatalf("one history change read the recipients %d times", len(reads))
	}
	a.send(reads[0])
	if !strings.Contains(a.screen(), "#renamed") {
		t.Fatalf("the history list does not show the new label:\n%s", a.screen())
	}
}
