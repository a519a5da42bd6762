package ui

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/cursor"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// waitLimit bounds every wait for the app to reach a state. It is generous
// because the race detector on a shared machine slows everything; a passing
// run never spends it.
const waitLimit = 10 * time.Second

// app runs the real root model over the real screens the way the Bubble Tea
// runtime does, but on the test's goroutine: commands run on their own
// goroutines and post their messages to an inbox, and the test pumps the
// inbox into Update until the state it waits for holds. Nothing here knows a
// screen's internals; tests look at the view and at the simulator and store.
type app struct {
	t     *testing.T
	env   *commontest.Env
	root  *Model
	inbox chan tea.Msg
	stop  chan struct{}
	quit  bool            // tea.Quit arrived
	onMsg []func(tea.Msg) // observers run before a message is delivered
}

// newApp starts the root over every real screen at width×height in theme,
// starting on the composer.
func newApp(t *testing.T, env *commontest.Env, theme themes.Theme, width, height int) *app {
	t.Helper()
	return newAppWith(t, env, theme, width, height, func(*Options) {})
}

// newAppWith is newApp with the root's options adjusted by change first.
func newAppWith(t *testing.T, env *commontest.Env, theme themes.Theme, width, height int, change func(*Options)) *app {
	t.Helper()
	opts := Options{
		Theme: theme, ThemeFixed: true, Deps: env.Deps,
		Screens: Screens(common.NewCommon(theme, env.Deps)),
		Start:   common.ScreenComposer,
	}
	change(&opts)
	root := New(opts)
	a := &app{t: t, env: env, root: root, inbox: make(chan tea.Msg, 256), stop: make(chan struct{})}
	t.Cleanup(func() { close(a.stop) })
	a.send(tea.WindowSizeMsg{Width: width, Height: height})
	a.exec(root.Init())
	return a
}

// exec runs cmd as the runtime does: batches concurrently, sequences in
// order, each message posted to the inbox.
func (a *app) exec(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go a.run(cmd)
}

func (a *app) run(cmd tea.Cmd) {
	msg := cmd()
	if cmds, ok := nestedCmds(msg, "tea.BatchMsg"); ok {
		var wg sync.WaitGroup
		for _, c := range cmds {
			if c == nil {
				continue
			}
			wg.Add(1)
			go func() { defer wg.Done(); a.run(c) }()
		}
		wg.Wait()
		return
	}
	if cmds, ok := nestedCmds(msg, "tea.sequenceMsg"); ok {
		for _, c := range cmds {
			if c != nil {
				a.run(c)
			}
		}
		return
	}
	a.post(msg)
}

// post hands msg to the test goroutine, as tea.Program.Send does.
func (a *app) post(msg tea.Msg) {
	if msg == nil {
		return
	}
	select {
	case a.inbox <- msg:
	case <-a.stop:
	}
}

// nestedCmds unpacks Bubble Tea's batch or (unexported) sequence message.
func nestedCmds(msg tea.Msg, typeName string) ([]tea.Cmd, bool) {
	if msg == nil || fmt.Sprintf("%T", msg) != typeName {
		return nil, false
	}
	v := reflect.ValueOf(msg)
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// ignored are messages a test does not feed back: animation frames (they
// reschedule themselves forever and change nothing a test asserts) and the
// status line's expiry (tests read the status after it was set).
func ignored(msg tea.Msg) bool {
	switch msg.(type) {
	case spinner.TickMsg, cursor.BlinkMsg, clearStatusMsg:
		return true
	}
	return fmt.Sprintf("%T", msg) == "cursor.initialBlinkMsg"
}

// send delivers msg to the root now and runs the command it returns.
func (a *app) send(msg tea.Msg) {
	for _, f := range a.onMsg {
		f(msg)
	}
	if _, ok := msg.(tea.QuitMsg); ok {
		a.quit = true
		return
	}
	if ignored(msg) {
		return
	}
	_, cmd := a.root.Update(msg)
	a.exec(cmd)
}

// press sends key presses by name (commontest.Key), one after another.
func (a *app) press(names ...string) {
	for _, n := range names {
		a.send(commontest.Key(n))
	}
}

// typeText types text key by key; a newline is the enter key.
func (a *app) typeText(text string) {
	for _, r := range text {
		if r == '\n' {
			a.send(commontest.Key("enter"))
			continue
		}
		for _, k := range commontest.Type(string(r)) {
			a.send(k)
		}
	}
}

// waitFor pumps messages into the root until cond holds, and fails the test
// with the screen when it does not within waitLimit.
func (a *app) waitFor(what string, cond func() bool) {
	a.t.Helper()
	deadline := time.After(waitLimit)
	for !cond() {
		select {
		case msg := <-a.inbox:
			a.send(msg)
		case <-deadline:
			a.t.Fatalf("waited %s for %s; the screen is:\n%s", waitLimit, what, a.screen())
		}
	}
}

// waitText waits until the screen shows every one of texts.
func (a *app) waitText(texts ...string) {
	a.t.Helper()
	a.waitFor(fmt.Sprintf("the screen to show %q", texts), func() bool {
		s := a.screen()
		for _, text := range texts {
			if !strings.Contains(s, text) {
				return false
			}
		}
		return true
	})
}

// waitScreen waits until the screen id is the active one.
func (a *app) waitScreen(id common.ScreenID) {
	a.t.Helper()
	a.waitFor(fmt.Sprintf("screen %d to be active", id), func() bool { return a.root.Active() == id })
}

// settle pumps messages until none arrived for quiet: for the moments a
// test wants whatever is already under way to land before it goes on.
func (a *app) settle(quiet time.Duration) {
	for {
		select {
		case msg := <-a.inbox:
			a.send(msg)
		case <-time.After(quiet):
			return
		}
	}
}

// screen is the whole frame as plain text.
func (a *app) screen() string { return commontest.Plain(a.root.View().Content) }

// statusLine is the status bar: the line above the help footer.
func (a *app) statusLine() string {
	lines := strings.Split(a.screen(), "\n")
	if len(lines) < 2 {
		return ""
	}
	return lines[len(lines)-2]
}

// waitStatusKind waits until the root's status has kind and contains text.
func (a *app) waitStatusKind(kind common.StatusKind, text string) {
	a.t.Helper()
	a.waitFor(fmt.Sprintf("a status of kind %d saying %q", kind, text), func() bool {
		return a.root.status.Kind == kind && strings.Contains(a.root.status.Text, text)
	})
	if bar := a.statusLine(); !strings.Contains(bar, firstWords(a.root.status.Text)) {
		a.t.Errorf("the status bar does not show the status %q:\n%s", a.root.status.Text, bar)
	}
}

// firstWords is the start of a status, which the status bar shows even when
// it has to cut the rest.
func firstWords(s string) string {
	r := []rune(s)
	return string(r[:min(len(r), 20)])
}
