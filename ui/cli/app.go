package cli

import "context"

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

// runApp is where the interactive app starts: the lead wires ui.Run(ui.Options{…}) here.
// Until the app lands, `zoompose` with no subcommand says so and exits 2.
func runApp(_ context.Context, opts AppOptions) error {
	return usagef("the interactive app is not in this build yet; use a subcommand (zoompose --help), e.g. zoompose preview CARD")
}
