package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/composer"
	"github.com/zoompose/zoompose/ui/detail"
	"github.com/zoompose/zoompose/ui/events"
	"github.com/zoompose/zoompose/ui/historyview"
	"github.com/zoompose/zoompose/ui/outbox"
	"github.com/zoompose/zoompose/ui/sendform"
	"github.com/zoompose/zoompose/ui/unfurlform"
	"github.com/zoompose/zoompose/zoom"
)

// RunOptions is what the command line hands the interactive app.
type RunOptions struct {
	// Zoom is the client configuration, nil when credentials are missing:
	// the app then composes and previews offline and says how to configure.
	Zoom *zoom.Config
	// ConfigHint says which settings are missing and how to set them.
	ConfigHint string
	DBPath     string
	Profile    common.Profile
	// Theme is a theme name; "" or "auto" follows the terminal background.
	Theme string
	// Sandbox, when set, starts the built-in simulator with a throw-away
	// history; the app offers it to a user without credentials.
	Sandbox func() (Sandbox, error)
	// Events, when set (and Zoom is), receives the bot's events over Zoom's
	// WebSocket while the app runs (events.go).
	Events *zoom.EventsConfig
	// ScheduleMaxLate is how late a scheduled send may still go out by
	// itself while the app runs (schedule_max_late, ops.DefaultMaxLate when
	// the configuration does not say); a later one asks. Zero means what
	// `schedule run` takes it to mean: anything late asks.
	ScheduleMaxLate time.Duration
	// Profiles, when set, are the config file's profiles the app can switch
	// to (f6, profile.go).
	Profiles *Profiles
}

// Sandbox is a running simulator the app can switch to.
type Sandbox struct {
	Zoom    zoom.Config
	DBPath  string
	Profile common.Profile
	Stop    func() // stops the simulator and removes the throw-away history
	// Events, when set, is the simulator's event WebSocket: the app listens to it as it
	// would to Zoom's, so the sandbox's shared links and clicks reach the Events screen.
	Events *zoom.EventsConfig
}

// Run opens the history, builds the screens and runs the app until the user
// quits or ctx ends.
func Run(ctx context.Context, opts RunOptions) error {
	// Until the terminal answers the background query (it may never), guess
	// from the environment.
	theme, err := themes.Select(opts.Theme, themes.DarkBackground(os.Getenv), themes.NoColorRequested())
	if err != nil {
		return err
	}
	store, err := openHistory(ctx, opts.DBPath, historyWait, os.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()

	// The client reports rate-limit waits from a command's goroutine; they
	// reach the screens as messages through the program.
	var program atomic.Pointer[tea.Program]
	newClient := func(cfg zoom.Config) (*zoom.Client, error) {
		cfg.OnRateLimit = func(w zoom.RateLimitWait) {
			if p := program.Load(); p != nil {
				p.Send(common.RateLimitMsg{Op: w.Op, Attempt: w.Attempt, Until: w.Until})
			}
		}
		return zoom.New(cfg)
	}
	deps := &common.Deps{Store: store, Profile: opts.Profile, ConfigHint: opts.ConfigHint, Now: time.Now}
	if opts.Zoom != nil {
		if deps.Client, err = newClient(*opts.Zoom); err != nil {
			return err
		}
	}
	send := func(msg tea.Msg) {
		if p := program.Load(); p != nil {
			p.Send(msg)
		}
	}
	// One event listener at a time: the profile's, the sandbox's, or the
	// one a profile switch moved to.
	events := &eventsSlot{listen: func(c *zoom.Client, st *history.Store, cfg zoom.EventsConfig) func() {
		return listenEvents(ctx, c, st, cfg, send)
	}}
	sandbox := sandboxSlot{listen: func(c *zoom.Client, st *history.Store, cfg zoom.EventsConfig) func() {
		events.start(c, st, &cfg)
		return events.stop
	}}
	defer sandbox.stop()
	model := New(Options{
		Theme:        theme,
		ThemeFixed:   (opts.Theme != "" && opts.Theme != "auto") || theme.Plain,
		Deps:         deps,
		Screens:      Screens(common.NewCommon(theme, deps)),
		Start:        common.ScreenComposer,
		StartSandbox: sandbox.starter(opts.Sandbox, newClient),

		ScheduleMaxLate: opts.ScheduleMaxLate,
		Profiles:        opts.Profiles,
		newClient:       newClient,
		events:          events,
	})
	// The listener stops before the history a switch opened is closed.
	defer model.switcher.closeOwned()
	defer events.stop()
	p := tea.NewProgram(model, tea.WithContext(ctx))
	program.Store(p)
	events.start(deps.Client, store, opts.Events)
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return fmt.Errorf("the app stopped: %w", err)
	}
	return nil
}

// Screens builds one model of every screen.
func Screens(c common.Common) map[common.ScreenID]common.Screen {
	return map[common.ScreenID]common.Screen{
		common.ScreenComposer: composer.New(c),
		common.ScreenSend:     sendform.New(c),
		common.ScreenHistory:  historyview.New(c),
		common.ScreenDetail:   detail.New(c),
		common.ScreenUnfurl:   unfurlform.New(c),
		common.ScreenOutbox:   outbox.New(c),
		common.ScreenEvents:   events.New(c),
	}
}

// sandboxSlot holds the sandbox the user started from the offline notice, so
// Run can stop it (its event listener, its history, the simulator) when the app ends.
type sandboxSlot struct {
	listen func(*zoom.Client, *history.Store, zoom.EventsConfig) (stop func())
	mu     sync.Mutex
	stopFn func()
}

// starter is the command that starts the sandbox and answers a
// common.SandboxReadyMsg; nil when no sandbox is offered.
func (s *sandboxSlot) starter(start func() (Sandbox, error), newClient func(zoom.Config) (*zoom.Client, error)) tea.Cmd {
	if start == nil {
		return nil
	}
	return func() tea.Msg {
		sb, err := start()
		if err != nil {
			return common.SandboxReadyMsg{Err: err}
		}
		store, err := history.Open(sb.DBPath)
		if err != nil {
			sb.Stop()
			return common.SandboxReadyMsg{Err: err}
		}
		client, err := newClient(sb.Zoom)
		if err != nil {
			store.Close()
			sb.Stop()
			return common.SandboxReadyMsg{Err: err}
		}
		stopEvents := func() {}
		if sb.Events != nil && s.listen != nil {
			stopEvents = s.listen(client, store, *sb.Events)
		}
		s.mu.Lock()
		s.stopFn = func() { stopEvents(); store.Close(); sb.Stop() }
		s.mu.Unlock()
		return common.SandboxReadyMsg{Client: client, Store: store, Profile: sb.Profile}
	}
}

func (s *sandboxSlot) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopFn != nil {
		s.stopFn()
	}
}
