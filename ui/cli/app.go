package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/zoompose/zoompose/ui"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/zoom"
)

// appOptions are the inputs of `zoompose` with no subcommand.
type appOptions struct {
	*Common
}

// startApp resolves the configuration (starting the sandbox with --sandbox) and runs the
// app until it quits; the sandbox and its throw-away history end with it.
func startApp(ctx context.Context, o *appOptions) error {
	cfg, cleanup, err := o.loadConfig()
	if err != nil {
		return err
	}
	defer cleanup()
	return runApp(ctx, cfg, o.Sandbox, appProfiles(o.Common, cfg))
}

// runApp starts the interactive app with cfg, which may lack credentials: the app then
// composes and previews offline, its status line says what to set, and it offers the
// sandbox. sandbox says cfg points at the in-process sandbox; profiles (nil for none) are
// what the app's profile switch offers.
func runApp(ctx context.Context, cfg Config, sandbox bool, profiles *ui.Profiles) error {
	maxLate, err := cfg.scheduleMaxLate()
	if err != nil {
		return err
	}
	run := appRunOptions(cfg, sandbox)
	run.ScheduleMaxLate = maxLate
	run.Profiles = profiles
	return ui.Run(ctx, run)
}

// appRunOptions are the app's options for cfg: its Zoom configuration when the credentials
// are complete and well-formed, otherwise none and the sentence that says what to set.
func appRunOptions(cfg Config, sandbox bool) ui.RunOptions {
	run := ui.RunOptions{DBPath: cfg.DB, Profile: cfg.appProfile(sandbox)}
	zcfg := cfg.ZoomConfig()
	if err := cfg.checkIdentities(); err != nil {
		run.ConfigHint = err.Error() // offline, saying what is wrong and where it came from
		run.Sandbox = appSandbox
	} else if _, err := zoom.New(zcfg); err != nil {
		run.ConfigHint = appConfigHint(cfg, err)
		run.Sandbox = appSandbox
	} else {
		run.Zoom = &zcfg
		if cfg.EventSubscriptionID != "" {
			run.Events = &zoom.EventsConfig{URL: cfg.EventsURL, SubscriptionID: cfg.EventSubscriptionID}
		}
	}
	return run
}

// appConfigHint names every credential the app still lacks, not only the first one
// the client refused, so that one reading of the notice is enough to fix them all.
func appConfigHint(cfg Config, err error) string {
	missing := []string{}
	for _, s := range settings {
		// The settings without a default are the credentials zoom.New requires.
		if s.fallback == nil && *s.target(&cfg) == "" {
			missing = append(missing, s.env)
		}
	}
	if len(missing) == 0 {
		return explainConfigError(cfg, err).Error()
	}
	slices.Sort(missing)
	where := "the environment"
	if cfg.Path != "" {
		where = "the environment or a profile of " + cfg.Path
	}
	return fmt.Sprintf("Set %s in %s (see zoompose --help).", strings.Join(missing, ", "), where)
}

// appSandbox starts the sandbox from inside the app, for a user without credentials.
func appSandbox() (ui.Sandbox, error) {
	cfg, cleanup, err := StartSandbox()
	if err != nil {
		return ui.Sandbox{}, err
	}
	events := &zoom.EventsConfig{URL: cfg.EventsURL, SubscriptionID: cfg.EventSubscriptionID}
	return ui.Sandbox{Zoom: cfg.ZoomConfig(), DBPath: cfg.DB, Stop: cleanup, Profile: cfg.appProfile(true), Events: events}, nil
}

// appProfile is what the app's status bar shows of these settings.
func (c Config) appProfile(sandbox bool) common.Profile {
	return common.Profile{
		Name: c.Profile, Kind: c.Kind, AccountID: c.AccountID,
		RobotJID: c.BotJID, UserJID: c.UserJID, Sandbox: sandbox,
	}
}
