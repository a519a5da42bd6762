package cli

import (
	"context"

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
		run.ConfigHint = explainConfigError(cfg, err).Error() +
			"; or quit and run zoompose --sandbox to try everything with the built-in simulator"
	} else {
		run.Zoom = &zcfg
	}
	return ui.Run(ctx, run)
}
