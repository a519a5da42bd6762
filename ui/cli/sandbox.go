package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// SandboxProfile is the profile name (kind dev) of every sandbox configuration.
const SandboxProfile = "sandbox"

// sandboxOptions are the inputs of `zoompose sandbox`.
type sandboxOptions struct {
	*Common
	Addr string
	// listening, when set, receives the simulator's base URL once it accepts connections.
	listening func(baseURL string)
}

func newSandboxCmd(common *Common, code *int) *cobra.Command {
	o := &sandboxOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "sandbox [--addr 127.0.0.1:PORT]",
		Short: "Serve the built-in Zoom simulator for the other commands",
		Long: `Serve the built-in Zoom simulator (token endpoint, send, edit, delete, unfurl) with a
demo bot, channels and users, and print the export lines that point the other commands
at it, with a throw-away history. Each request is logged on stderr. Stop with Ctrl-C;
the throw-away history is removed.`,
		Example: `  zoompose sandbox --addr 127.0.0.1:8765
  # in another shell, after pasting the printed export lines:
  zoompose send --to 5a1d0c2e9b7f4e61a3c8d2f0b4e6a901@conference.xmpp.zoom.us card.md`,
		Args: cobra.NoArgs,
		RunE: runner(common, code, func(ctx context.Context) error { return runSandbox(ctx, o) }),
	}
	cmd.Flags().StringVar(&o.Addr, "addr", "127.0.0.1:8765", "address to listen on, HOST:PORT with a port from 0 to 65535 (127.0.0.1:0 picks a free port); a malformed one is exit 2, a port in use exit 1")
	return cmd
}

func runSandbox(ctx context.Context, o *sandboxOptions) error {
	if err := checkListenAddr(o.Addr); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "zoompose-sandbox-")
	if err != nil {
		return fmt.Errorf("cannot create the sandbox's throw-away folder: %w", err)
	}
	defer os.RemoveAll(dir)
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s (%v); choose another address with --addr, e.g. 127.0.0.1:0", o.Addr, err)
	}
	fixture := zoomtest.DefaultFixture()
	cfg := sandboxConfig("http://"+ln.Addr().String(), dir)
	if err := prepareSandboxFiles(cfg, fixture); err != nil {
		ln.Close()
		return err
	}
	handler := zoomtest.NewHandler(fixture)
	handler.SetLogf(requestLogger(o.Err))
	handler.SetBaseURL("http://" + ln.Addr().String())
	defer handler.DropEventConnections() // hijacked WebSockets: Shutdown does not close them
	server := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- server.Serve(ln) }()
	printExports(o.Out, cfg, fixture)
	if o.listening != nil {
		o.listening(strings.TrimSuffix(cfg.APIURL, "/v2"))
	}
	return waitAndStop(ctx, server, served, o.Err)
}

// checkListenAddr refuses an --addr that is not HOST:PORT with a port from 0 to 65535: a usage
// error (exit 2). An address that is well formed but cannot be listened on (a port in use, a
// host that is not this machine's) stays a failure of the environment (exit 1).
func checkListenAddr(addr string) error {
	const hint = "use HOST:PORT, e.g. 127.0.0.1:8765, or 127.0.0.1:0 for a free port"
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("--addr %s is not an address to listen on: %s", zoom.QuoteClipped(addr), hint)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 || strings.TrimLeft(port, "0123456789") != "" {
		return usagef("--addr %s has no valid port (a number from 0 to 65535): %s", zoom.QuoteClipped(addr), hint)
	}
	if strings.ContainsFunc(host, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '/' }) {
		return usagef("--addr %s has no valid host: %s", zoom.QuoteClipped(addr), hint)
	}
	return nil
}

// waitAndStop serves until ctx is cancelled (SIGINT, SIGTERM), then lets requests in
// flight finish for up to five seconds.
func waitAndStop(ctx context.Context, server *http.Server, served chan error, stderr io.Writer) error {
	select {
	case err := <-served:
		return fmt.Errorf("the sandbox stopped serving: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("the sandbox did not stop cleanly: %w", err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("the sandbox stopped serving: %w", err)
	}
	fmt.Fprintln(stderr, "sandbox stopped; its throw-away history was removed")
	return nil
}

// requestLogger writes the simulator's line per request, with the time, to stderr, and
// under it the simulator's notes on the card (one per line). A request's path is the
// client's text: control characters and escape sequences in it (a percent-encoded ESC
// decodes to a real one) are shown, never interpreted.
func requestLogger(stderr io.Writer) func(format string, args ...any) {
	var mu sync.Mutex
	return func(format string, args ...any) {
		lines := strings.Split(strings.TrimRight(fmt.Sprintf(format, args...), "\n"), "\n")
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(stderr, "%s %s\n", time.Now().Format("15:04:05"), termtext.Line(lines[0]))
		for _, note := range lines[1:] {
			fmt.Fprintf(stderr, "         %s\n", termtext.Line(note))
		}
	}
}

// StartSandbox starts an in-process simulator on a free loopback port with a throw-away
// history (its recipients pre-labelled with the demo channels and users) and returns the
// configuration that points at both. cleanup stops the simulator and removes the history;
// call it once, after everything using the configuration is done. --sandbox on any command
// uses it, and so does the app when a user without credentials accepts its offer.
func StartSandbox() (cfg Config, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "zoompose-sandbox-")
	if err != nil {
		return Config{}, nil, fmt.Errorf("cannot create the sandbox's throw-away folder: %w", err)
	}
	fixture := zoomtest.DefaultFixture()
	server, err := zoomtest.Listen("127.0.0.1:0", fixture)
	if err != nil {
		os.RemoveAll(dir)
		return Config{}, nil, err
	}
	cleanup = func() {
		server.Close()
		os.RemoveAll(dir)
	}
	cfg = sandboxConfig(server.URL, dir)
	if err := prepareSandboxFiles(cfg, fixture); err != nil {
		cleanup()
		return Config{}, nil, err
	}
	return cfg, cleanup, nil
}

// sandboxConfig points every setting at a simulator on baseURL with the history in dir.
func sandboxConfig(baseURL, dir string) Config {
	cfg := Config{
		Profile: SandboxProfile, Kind: "dev", Path: filepath.Join(dir, "config.toml"),
		ClientID: zoomtest.ClientID, ClientSecret: zoomtest.ClientSecret, AccountID: zoomtest.AccountID,
		BotJID: zoomtest.RobotJID, UserJID: zoomtest.UserJID,
		APIURL: baseURL + "/v2", TokenURL: baseURL + "/oauth/token",
		DB:        filepath.Join(dir, "history.db"),
		EventsURL: "ws" + strings.TrimPrefix(baseURL, "http") + zoomtest.EventsPath, EventSubscriptionID: zoomtest.SubscriptionID,
		WebhookSecretToken: zoomtest.WebhookSecretToken,
		origins:            map[string]string{},
	}
	for _, s := range settings {
		cfg.origins[s.env] = "the sandbox"
	}
	return cfg
}

// prepareSandboxFiles writes the sandbox profile (so commands print "profile: sandbox") and
// labels the demo recipients in the history, so that completion offers them by name.
func prepareSandboxFiles(cfg Config, fixture zoomtest.Fixture) error {
	var b strings.Builder
	fmt.Fprintf(&b, "default_profile = %q\n\n[profiles.%s]\nkind = \"dev\"\n", SandboxProfile, SandboxProfile)
	for _, s := range settings {
		fmt.Fprintf(&b, "%s = %q\n", s.key, *s.target(&cfg))
	}
	if err := os.WriteFile(cfg.Path, []byte(b.String()), 0o600); err != nil {
		return fmt.Errorf("cannot write the sandbox configuration: %w", err)
	}
	store, err := history.Open(cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	demo, err := zoom.ParseEvent(zoomtest.DemoLinkSharedEvent(strings.TrimSuffix(cfg.APIURL, "/v2"), time.Now()), zoom.SourceWebSocket, time.Now())
	if err == nil {
		_, err = store.PutEvent(ops.KeptEvent(demo))
	}
	if err != nil {
		return fmt.Errorf("cannot keep the sandbox's demo event: %w", err)
	}
	for _, names := range []map[string]string{fixture.Channels, fixture.Users} {
		for jid, name := range names {
			if err := store.SetRecipientLabel(jid, name); err != nil {
				return err
			}
		}
	}
	return nil
}

// printExports prints the shell lines that point the other commands at the sandbox, and the
// demo recipients to send to.
func printExports(w io.Writer, cfg Config, fixture zoomtest.Fixture) {
	base := strings.TrimSuffix(cfg.APIURL, "/v2")
	fmt.Fprintf(w, "# zoompose sandbox: a Zoom simulator on %s with a throw-away history.\n", base)
	fmt.Fprintln(w, "# Paste these lines into another shell; the values are the simulator's, not real credentials.")
	for _, s := range settings {
		fmt.Fprintf(w, "export %s=%s\n", s.env, shellQuote(*s.target(&cfg)))
	}
	fmt.Fprintf(w, "export ZOOMPOSE_CONFIG=%s\n", shellQuote(cfg.Path))
	fmt.Fprintf(w, "export ZOOMPOSE_PROFILE=%s\n", SandboxProfile)
	printRecipients(w, "channels", fixture.Channels)
	printRecipients(w, "users", fixture.Users)
	fmt.Fprintln(w, "# link-shared events (user id, trigger id) that unfurls accept:")
	for _, trigger := range slices.Sorted(maps.Keys(fixture.Triggers)) {
		fmt.Fprintf(w, "#   zoompose unfurl --user-id %s --trigger-id %s card.md\n", fixture.Triggers[trigger], trigger)
	}
	fmt.Fprintln(w, "# Events: `zoompose events` (or the app's Events screen) receives what people do; play them from here:")
	fmt.Fprintf(w, "#   curl -d link=https://example.com/doc %s/sandbox/share-link        (a link_shared event to unfurl)\n", base)
	fmt.Fprintf(w, "#   curl -d text='hello bot' %s/sandbox/message-bot\n", base)
	fmt.Fprintf(w, "#   curl -d message_id=ID -d button=TEXT %s/sandbox/click   (item=TEXT with /sandbox/pick)\n", base)
	fmt.Fprintf(w, "#   curl -d url=http://127.0.0.1:8080/zoom %s/sandbox/webhook   (then: zoompose events --listen 127.0.0.1:8080)\n", base)
	fmt.Fprintln(w, "# Try: zoompose send --to <a channel JID above> card.md   (each request is logged on stderr; Ctrl-C stops)")
}

func printRecipients(w io.Writer, title string, byJID map[string]string) {
	fmt.Fprintf(w, "# %s:\n", title)
	jids := make([]string, 0, len(byJID))
	for jid := range byJID {
		jids = append(jids, jid)
	}
	slices.SortFunc(jids, func(a, b string) int { return strings.Compare(byJID[a], byJID[b]) })
	for _, jid := range jids {
		fmt.Fprintf(w, "#   %-16s %s\n", byJID[jid], jid)
	}
}

// shellQuote quotes s for a POSIX shell when it holds anything but safe characters.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@%+=,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
