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

// AppOptions is what the interactive app receives from the command line: the resolved
// configuration (possibly without credentials: the app then says how to set them and offers
// the sandbox), whether it runs against the in-process sandbox, and the streams.
type AppOptions struct {
	Config  Config
	Sandbox bool
	Streams Streams
}

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
	return runApp(ctx, AppOptions{Config: cfg, Sandbox: o.Sandbox, Streams: o.Streams})
}

// runApp starts the interactive app. Missing credentials do not stop it: the app composes
// and previews offline and its status line says what to set, or to try --sandbox.
func runApp(ctx context.Context, opts AppOptions) error {
	cfg := opts.Config
	run := ui.RunOptions{
		DBPath: cfg.DB,
		Profile: common.Profile{
			Name: cfg.Profile, Kind: cfg.Kind, AccountID: cfg.AccountID,
			RobotJID: cfg.BotJID, UserJID: cfg.UserJID, Sandbox: opts.Sandbox,
		},
	}
	zcfg := cfg.ZoomConfig()
	if _, err := zoom.New(zcfg); err != nil {
		run.ConfigHint = appConfigHint(cfg, err)
		run.Sandbox = appSandbox
	} else {
		run.Zoom = &zcfg
	}
	return ui.Run(ctx, run)
}

// appConfigHint names every credential the app still lacks, not only the first one
// the client refused, so that one reading of the notice is enough to fix them all.
func appConfigHint(cfg Config, err error) string {
	missing := []string{}
	for env, value := range map[string]string{
		"ZOOM_CLIENT_ID": cfg.ClientID, "ZOOM_CLIENT_SECRET": cfg.ClientSecret, "ZOOM_ACCOUNT_ID": cfg.AccountID,
		"ZOOM_BOT_JID": cfg.BotJID, "ZOOM_USER_JID": cfg.UserJID,
	} {
		if value == "" {
			missing = append(missing, env)
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
	return ui.Sandbox{
		Zoom: cfg.ZoomConfig(), DBPath: cfg.DB, Stop: cleanup,
		Profile: common.Profile{
			Name: cfg.Profile, Kind: cfg.Kind, AccountID: cfg.AccountID,
			RobotJID: cfg.BotJID, UserJID: cfg.UserJID, Sandbox: true,
		},
	}, nil
}
