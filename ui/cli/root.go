// Package cli is zoompose's command line: the subcommands (send, edit, delete, unfurl,
// history, preview, payload, lint, sandbox, token…), the configuration (flags > environment > config
// file profile) and the start of the interactive app.
//
// Each subcommand is an options struct and a run function; cobra only wires flags into the
// struct. Run functions write to the Streams they are given and return an error whose exit
// code is 0 (nil), 1 (Zoom, the network or a local file failed) or 2 (bad usage or invalid
// input, always found before any network call).
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/adrg/xdg"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
)

// Streams are a command's standard streams and environment. Tests pass buffers and a map.
type Streams struct {
	In          io.Reader
	Out, Err    io.Writer
	InTerminal  bool                // stdin is a terminal: delete may ask, FILE may not be omitted
	OutTerminal bool                // stdout is a terminal: token warns that a person may copy what it prints
	Getenv      func(string) string // the environment; os.Getenv outside tests
	Now         func() time.Time    // the clock (send --at, schedule); nil means time.Now
}

// now reads the streams' clock.
func (s Streams) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// SystemStreams are the process's own stdin, stdout, stderr and environment.
func SystemStreams() Streams {
	return Streams{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		// A real terminal check: /dev/null is a character device too, and must not count.
		InTerminal:  term.IsTerminal(os.Stdin.Fd()),
		OutTerminal: term.IsTerminal(os.Stdout.Fd()),
		Getenv:      environ,
	}
}

// environ is the process's environment with the XDG base directories the
// config file and the history live in resolved by adrg/xdg:
// XDG_CONFIG_HOME and XDG_DATA_HOME always name a directory, the variable
// when it holds an absolute path, else the platform's default (~/.config and
// ~/.local/share on Linux). Tests pass their own environment instead.
func environ(name string) string {
	switch name {
	case "XDG_CONFIG_HOME":
		return keptDir(name, xdg.ConfigHome, ".config")
	case "XDG_DATA_HOME":
		return keptDir(name, xdg.DataHome, ".local", "share")
	}
	return os.Getenv(name)
}

// keptDir is dir, unless the variable is not set and zoompose's files are in
// the directory it used before adrg/xdg (~/.config and ~/.local/share on
// every platform): there they stay in use, so an upgrade on macOS (whose
// default is now ~/Library/Application Support) neither loses the
// configuration nor shows an empty history.
func keptDir(variable, dir string, legacy ...string) string {
	home, err := os.UserHomeDir()
	if err != nil || filepath.IsAbs(os.Getenv(variable)) {
		return dir
	}
	old := filepath.Join(append([]string{home}, legacy...)...)
	if _, err := os.Stat(filepath.Join(old, "zoompose")); err == nil {
		return old
	}
	return dir
}

// Common is what every command shares: the streams, the configuration flags and --sandbox.
type Common struct {
	Streams
	Flags   ConfigFlags
	Sandbox bool
}

// Main runs the command line given by args (without the program name) and returns the
// process exit code. SIGINT and SIGTERM cancel the running command's context.
func Main(args []string, s Streams) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Execute(ctx, args, s)
}

// Execute is Main with the caller's context: the command tree parses args, runs one command
// and returns its exit code. Flag and argument errors are usage errors (exit 2).
func Execute(ctx context.Context, args []string, s Streams) int {
	common := &Common{Streams: s}
	code := ExitOK
	root := newRootCmd(common, &code)
	root.SetArgs(args)
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	strictCompletion(root) // after SetOut: cobra's completion commands keep the writer they see
	if cmd, err := root.ExecuteContextC(ctx); err != nil {
		fmt.Fprintf(s.Err, "error: %s (see %s --help)\n", oneLine(err.Error()), cmd.CommandPath())
		return ExitUsage
	}
	return code
}

// runner adapts a run function to cobra: its error becomes the exit code in *code and is
// reported on stderr, so that cobra's own errors are only ever usage errors.
func runner(common *Common, code *int, run func(ctx context.Context) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, _ []string) error {
		*code = report(run(cmd.Context()), common.Err)
		return nil
	}
}

func newRootCmd(common *Common, code *int) *cobra.Command {
	app := &appOptions{Common: common}
	root := &cobra.Command{
		Use:   "zoompose",
		Short: "Compose, preview, send and manage Zoom Team Chat chatbot messages",
		Long: `zoompose writes Zoom Team Chat chatbot cards from Markdown-like card source,
previews them in the terminal, sends, edits, deletes and unfurls them, and keeps a local
history of everything it sent. With no subcommand it starts the interactive app.

Configuration comes from flags, then the environment (ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET,
ZOOM_ACCOUNT_ID, ZOOM_BOT_JID, ZOOM_USER_JID, ZOOM_API_URL, ZOOM_TOKEN_URL, ZOOMPOSE_DB,
ZOOMPOSE_PROFILE, ZOOMPOSE_CONFIG), then a profile of $XDG_CONFIG_HOME/zoompose/config.toml.

Exit codes: 0 success, 1 Zoom or the network failed, 2 bad usage or invalid input.`,
		Args:          cobra.NoArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE:          runner(common, code, func(ctx context.Context) error { return startApp(ctx, app) }),
	}
	addConfigFlags(root, common)
	registerProfileCompletion(root, common)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return err })
	root.AddCommand(
		newSendCmd(common, code),
		newEditCmd(common, code),
		newDeleteCmd(common, code),
		newUnfurlCmd(common, code),
		newHistoryCmd(common, code),
		newPreviewCmd(common, code),
		newPayloadCmd(common, code),
		newLintCmd(common, code),
		newSandboxCmd(common, code),
		newTemplatesCmd(common, code),
		newEventsCmd(common, code),
		newRecipientsCmd(common, code),
		newScheduleCmd(common, code),
		newTokenCmd(common, code),
	)
	strictHelp(root)
	return root
}

func addConfigFlags(root *cobra.Command, common *Common) {
	f := root.PersistentFlags()
	f.StringVar(&common.Flags.Profile, "profile", "", "config file profile to use (default: ZOOMPOSE_PROFILE, then default_profile)")
	f.StringVar(&common.Flags.ConfigPath, "config", "", "config file (default: ZOOMPOSE_CONFIG, then $XDG_CONFIG_HOME/zoompose/config.toml)")
	f.StringVar(&common.Flags.ClientID, "client-id", "", "Zoom app client id (ZOOM_CLIENT_ID); the secret is only read from ZOOM_CLIENT_SECRET or the config file")
	f.StringVar(&common.Flags.AccountID, "account-id", "", "Zoom account id (ZOOM_ACCOUNT_ID)")
	f.StringVar(&common.Flags.BotJID, "bot-jid", "", "chatbot JID (ZOOM_BOT_JID)")
	f.StringVar(&common.Flags.UserJID, "user-jid", "", "JID of the user the bot acts for (ZOOM_USER_JID)")
	f.StringVar(&common.Flags.APIURL, "api-url", "", "Zoom API base URL (ZOOM_API_URL, default https://api.zoom.us/v2)")
	f.StringVar(&common.Flags.TokenURL, "token-url", "", "Zoom token URL (ZOOM_TOKEN_URL, default https://zoom.us/oauth/token)")
	f.StringVar(&common.Flags.DB, "db", "", "history file (ZOOMPOSE_DB, default $XDG_DATA_HOME/zoompose/history.db)")
	f.BoolVar(&common.Sandbox, "sandbox", false, "run against a built-in Zoom simulator with a throw-away history")
}

// maxArgs is cobra.MaximumNArgs with our usage wording.
func maxArgs(n int, usage string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) > n {
			return fmt.Errorf("too many arguments %q; usage: %s", args[n:], usage)
		}
		return nil
	}
}

// argRange accepts between min and max positional arguments.
func argRange(min, max int, usage string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) < min || len(args) > max {
			return fmt.Errorf("wrong number of arguments; usage: %s", usage)
		}
		return nil
	}
}

// loadConfig resolves the configuration (or starts the in-process sandbox with --sandbox)
// and prints which profile is in use. cleanup is never nil.
func (c *Common) loadConfig() (Config, func(), error) {
	var cfg Config
	var err error
	cleanup := func() {}
	if c.Sandbox {
		cfg, cleanup, err = StartSandbox()
	} else {
		cfg, err = LoadConfig(c.Flags, c.Getenv)
	}
	if err != nil {
		return Config{}, func() {}, err
	}
	fmt.Fprintln(c.Err, oneLine(cfg.ProfileLine()))
	return cfg, cleanup, nil
}
