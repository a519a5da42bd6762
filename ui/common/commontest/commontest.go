// Package commontest builds what screen tests need: a real simulator, a real
// history file in a temp dir, the Deps wired to them, and a way to run the
// commands a screen returns and collect their messages.
package commontest

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// Screens show local times; tests pin the zone so goldens do not depend on
// the machine's.
func init() { time.Local = time.UTC }

// Clock is the fixed time screen tests run at, so goldens are stable.
var Clock = time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)

// Env is a screen test's world: the simulator, the history file and the
// dependencies wired to them.
type Env struct {
	Server *zoomtest.Server
	Store  *history.Store
	Deps   *common.Deps
}

// NewEnv starts a simulator and opens a history file in t.TempDir(); both are
// closed when the test ends. The client retries a 429 as configured by
// default but never sleeps, so tests observe waits without spending them.
func NewEnv(t testing.TB) *Env {
	t.Helper()
	srv := zoomtest.NewServer()
	t.Cleanup(srv.Close)
	store, err := history.Open(filepath.Join(t.TempDir(), "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	env := &Env{Server: srv, Store: store}
	client, err := zoom.New(zoom.Config{
		ClientID: zoomtest.ClientID, ClientSecret: zoomtest.ClientSecret, AccountID: zoomtest.AccountID,
		RobotJID: zoomtest.RobotJID, UserJID: zoomtest.UserJID, APIURL: srv.APIURL(), TokenURL: srv.TokenURL(),
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	})
	if err != nil {
		t.Fatal(err)
	}
	env.Deps = &common.Deps{
		Client: client, Store: store, Now: func() time.Time { return Clock },
		Profile: common.Profile{Name: "test", Kind: "dev", AccountID: zoomtest.AccountID, RobotJID: zoomtest.RobotJID, UserJID: zoomtest.UserJID},
	}
	return env
}

// Common returns a Common of the given size in theme t.
func (e *Env) Common(t themes.Theme, width, height int) common.Common {
	c := common.NewCommon(t, e.Deps)
	c.SetSize(width, height)
	return c
}

// Run runs cmd and every command it batches or sequences, and returns the
// messages that arrive within wait (commands still running after that, such
// as tickers and cursor blinks, are abandoned). Messages come back in
// completion order.
func Run(cmd tea.Cmd, wait time.Duration) []tea.Msg {
	return RunUntil(cmd, wait, func(tea.Msg) bool { return false })
}

// RunUntil is Run that returns as soon as a message satisfying stop arrived.
func RunUntil(cmd tea.Cmd, wait time.Duration, stop func(tea.Msg) bool) []tea.Msg {
	var (
		mu   sync.Mutex
		msgs []tea.Msg
		wg   sync.WaitGroup
	)
	stopped := make(chan struct{})
	var once sync.Once
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			msg := c()
			if cmds, ok := nested(msg); ok {
				for _, n := range cmds {
					run(n)
				}
				return
			}
			if msg == nil {
				return
			}
			mu.Lock()
			msgs = append(msgs, msg)
			mu.Unlock()
			if stop(msg) {
				once.Do(func() { close(stopped) })
			}
		}()
	}
	run(cmd)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-stopped:
	case <-time.After(wait):
	}
	mu.Lock()
	defer mu.Unlock()
	return append([]tea.Msg(nil), msgs...)
}

// nested unpacks tea.BatchMsg and Bubble Tea's unexported sequence message,
// both slices of commands.
func nested(msg tea.Msg) ([]tea.Cmd, bool) {
	if msg == nil {
		return nil, false
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeOf((tea.Cmd)(nil)) {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// Find returns the first message of type T in msgs.
func Find[T any](msgs []tea.Msg) (T, bool) {
	for _, m := range msgs {
		if t, ok := m.(T); ok {
			return t, true
		}
	}
	var zero T
	return zero, false
}

// Key is a key press as Bubble Tea delivers it, from a key name like
// "ctrl+s", "enter", "tab", "esc" or a single printable character.
func Key(name string) tea.KeyPressMsg {
	special := map[string]tea.Key{
		"enter": {Code: tea.KeyEnter}, "tab": {Code: tea.KeyTab}, "esc": {Code: tea.KeyEscape},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift}, "space": {Code: tea.KeySpace, Text: " "},
		"up": {Code: tea.KeyUp}, "down": {Code: tea.KeyDown}, "left": {Code: tea.KeyLeft}, "right": {Code: tea.KeyRight},
		"backspace": {Code: tea.KeyBackspace}, "f1": {Code: tea.KeyF1}, "f2": {Code: tea.KeyF2},
		"f3": {Code: tea.KeyF3}, "f4": {Code: tea.KeyF4}, "home": {Code: tea.KeyHome}, "end": {Code: tea.KeyEnd},
		"pgup": {Code: tea.KeyPgUp}, "pgdown": {Code: tea.KeyPgDown}, "delete": {Code: tea.KeyDelete},
	}
	if k, ok := special[name]; ok {
		return tea.KeyPressMsg(k)
	}
	if mod, rest, ok := strings.Cut(name, "+"); ok && len(rest) == 1 {
		mods := map[string]tea.KeyMod{"ctrl": tea.ModCtrl, "alt": tea.ModAlt}
		return tea.KeyPressMsg{Code: rune(rest[0]), Mod: mods[mod]}
	}
	r := []rune(name)
	return tea.KeyPressMsg{Code: r[0], Text: name}
}

// Type returns one key press per character of text.
func Type(text string) []tea.Msg {
	var msgs []tea.Msg
	for _, r := range text {
		if r == ' ' {
			msgs = append(msgs, Key("space"))
			continue
		}
		msgs = append(msgs, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return msgs
}

// Plain strips escape sequences and trailing spaces from a rendered view,
// for tests that look for text whatever its colour.
func Plain(view string) string {
	return trimLines(ansi.Strip(view))
}

// Card builds the card a composer would send for source, with compose.Build,
// and fails t when the source has errors.
func Card(t testing.TB, source string) compose.Card {
	t.Helper()
	card, _, diags := compose.Build(source)
	if compose.HasErrors(diags) {
		t.Fatalf("test card does not build: %v", diags)
	}
	return card
}

// AssertShown fails t when view holds anything a terminal would act on: an
// escape sequence or any other control character but newline (and tab), DEL,
// a C1 control, or invalid UTF-8. Draw view in themes.NoColor(), which writes
// no styling escape of its own, so that every ESC found came from outside
// text that should have been shown with termtext.
func AssertShown(t testing.TB, what, view string) {
	t.Helper()
	if !utf8.ValidString(view) {
		t.Fatalf("%s: the view is not valid UTF-8: %q", what, view)
	}
	for i, r := range view {
		if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) {
			t.Fatalf("%s: the view holds control %U at byte %d:\n%q", what, r, i, view)
		}
	}
}
