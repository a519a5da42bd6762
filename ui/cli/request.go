package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// requestOptions are the flags of every command that calls Zoom.
type requestOptions struct {
	DryRun    bool // validate and print the exact request; nothing goes on the network
	Curl      bool // with DryRun: print an equivalent curl command instead
	NoHistory bool // call Zoom without recording anything: for when the history cannot be written
}

func addRequestFlags(cmd *cobra.Command, o *requestOptions) {
	cmd.Flags().BoolVar(&o.DryRun, "dry-run", false, "validate locally and print the exact HTTP request (token redacted); nothing is sent, not even the token request")
	cmd.Flags().BoolVar(&o.Curl, "curl", false, "with --dry-run, print an equivalent curl command instead")
	cmd.Flags().BoolVar(&o.NoHistory, "no-history", false, "emergencies only: call Zoom without recording it in the history (which then cannot show, edit or resolve it)")
}

func (o requestOptions) check() error {
	if o.Curl && !o.DryRun {
		return usagef("--curl only applies to --dry-run; add --dry-run")
	}
	if o.NoHistory && o.DryRun {
		return usagef("--no-history and --dry-run do not go together: a dry run records nothing anyway")
	}
	return nil
}

// session is a command's resolved configuration and Zoom client.
type session struct {
	cfg     Config
	client  *zoom.Client
	errOut  io.Writer
	cleanup func()
}

// openSession resolves the configuration and builds the client. It does no network I/O;
// a missing credential is a usage error naming the variable to set.
func (c *Common) openSession() (*session, error) {
	cfg, cleanup, err := c.loadConfig()
	if err != nil {
		return nil, err
	}
	if err := cfg.checkIdentities(); err != nil {
		cleanup()
		return nil, err
	}
	zcfg := cfg.ZoomConfig()
	zcfg.OnRateLimit = func(w zoom.RateLimitWait) {
		fmt.Fprintf(c.Err, "Zoom's rate limit was reached; waiting %s before try %d of the %s\n",
			w.Wait.Round(time.Second), w.Attempt+1, w.Op)
	}
	client, err := zoom.New(zcfg)
	if err != nil {
		cleanup()
		return nil, explainConfigError(cfg, err)
	}
	return &session{cfg: cfg, client: client, errOut: c.Err, cleanup: cleanup}, nil
}

// openCardSession does what a command that sends a card does before any network call: it
// checks the request flags, resolves the configuration and loads the card. When err is nil
// the caller must call s.cleanup.
func (c *Common) openCardSession(r requestOptions, in cardInput) (s *session, cd card, err error) {
	if err := r.check(); err != nil {
		return nil, card{}, err
	}
	if s, err = c.openSession(); err != nil {
		return nil, card{}, err
	}
	if cd, err = loadCard(in, c.Streams); err != nil {
		s.cleanup()
		return nil, card{}, err
	}
	return s, cd, nil
}

// explainConfigError names the setting behind the client's refusal of its configuration.
func explainConfigError(cfg Config, err error) error {
	var missing *zoom.MissingFieldError
	if errors.As(err, &missing) {
		return missingSettingError(cfg, missing)
	}
	var invalid *zoom.InvalidRequestError
	if errors.As(err, &invalid) {
		switch invalid.Field {
		case "APIURL":
			return usagef("ZOOM_API_URL (from %s) %s", cfg.Origin("ZOOM_API_URL"), invalid.Reason)
		case "TokenURL":
			return usagef("ZOOM_TOKEN_URL (from %s) %s", cfg.Origin("ZOOM_TOKEN_URL"), invalid.Reason)
		}
		return usagef("%s", invalid.Error())
	}
	return err
}

// callError turns a failed Zoom call into the error the user reads. Requests the client
// rejected locally are usage errors (exit 2); everything else is exit 1.
func callError(cfg Config, err error) error {
	var invalid *zoom.InvalidRequestError
	if errors.As(err, &invalid) {
		return usagef("%s", invalid.Error())
	}
	var unrecordable *ops.HistoryError
	if errors.As(err, &unrecordable) {
		return &historyError{cfg: cfg, err: err}
	}
	var tokenErr *zoom.TokenError
	if errors.As(err, &tokenErr) && tokenErr.Malformed {
		return fmt.Errorf("%s; ZOOM_TOKEN_URL comes from %s", err.Error(), cfg.Origin("ZOOM_TOKEN_URL"))
	}
	if errors.As(err, &tokenErr) && tokenErr.Err == nil {
		return fmt.Errorf("%s (ZOOM_CLIENT_ID from %s; ZOOM_CLIENT_SECRET from %s)",
			tokenErr.Error(), cfg.Origin("ZOOM_CLIENT_ID"), cfg.Origin("ZOOM_CLIENT_SECRET"))
	}
	return err
}

// printPrepared writes a dry run: the request as Zoom would receive it, or as curl. Ids in
// the URL are percent-encoded and the JSON body escapes C0 controls already; termtext.JSON
// escapes the DEL and C1 controls encoding/json writes raw, so the body is the same JSON
// value and nothing in it acts on the terminal.
func printPrepared(out io.Writer, p *zoom.PreparedRequest, curl bool, cfg Config) {
	text := p.String()
	if curl {
		text = curlTokenHint(cfg) + p.Curl()
	}
	fmt.Fprintln(out, string(termtext.JSON([]byte(text))))
}

// curlTokenHint says, as shell comments above the curl command, how to fill $ZOOM_TOKEN:
// `zoompose token` prints one for the same profile, or curl gets one from the client
// credentials in the environment. Neither the secret nor a token is ever printed here.
func curlTokenHint(cfg Config) string {
	command := "zoompose token"
	if cfg.Profile != EnvProfileName {
		command = "zoompose --profile " + shellQuote(cfg.Profile) + " token"
	}
	return "# $ZOOM_TOKEN is a chatbot token (a secret; it lasts an hour). For this profile:\n" +
		"#   export ZOOM_TOKEN=$(" + command + ")\n" +
		"# or, with ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET set:\n" +
		"#   export ZOOM_TOKEN=$(curl -s -X POST -u \"$ZOOM_CLIENT_ID:$ZOOM_CLIENT_SECRET\" " +
		shellQuoteURL(cfg.TokenURL+"?grant_type=client_credentials") + " | jq -r .access_token)\n"
}

// shellQuoteURL single-quotes a URL for a shell command line.
func shellQuoteURL(u string) string { return "'" + strings.ReplaceAll(u, "'", `'\''`) + "'" }

// warnHistory tells the user that Zoom applied the request but the local record failed.
// The command still succeeds (exit 0): the message exists in Zoom, and a non-zero code
// would make scripts retry and post it twice.
func warnHistory(stderr io.Writer, what string, err error) {
	fmt.Fprintln(stderr, oneLine("warning: "+what+", but the history could not be written: "+err.Error()))
}

// dryRunOrApply forks a command that calls Zoom. With --dry-run it prints the request that
// prepare builds and touches neither the network nor the history; otherwise it opens the
// history (before any network call, see openHistory) and runs apply with it.
func (s *session) dryRunOrApply(o requestOptions, out io.Writer,
	prepare func() (*zoom.PreparedRequest, error), apply func(*history.Store) error) error {
	if o.DryRun {
		p, err := prepare()
		if err != nil {
			return callError(s.cfg, err)
		}
		printPrepared(out, p, o.Curl, s.cfg)
		return nil
	}
	if o.NoHistory {
		fmt.Fprintln(s.errOut, "warning: --no-history: this operation is not recorded; the history will not list it, and an outcome that is unknown cannot be resolved there")
		return apply(nil)
	}
	store, err := openHistory(s.cfg, "nothing was sent. Fix or move the file; in an emergency, --no-history sends without recording it")
	if err != nil {
		return err
	}
	defer store.Close()
	return apply(store)
}

// operations are the shared ops operations over this session's client and the opened
// history: the code the app runs, so a command records and calls Zoom exactly as the app
// would. A nil store (--no-history) records nothing.
func (s *session) operations(store *history.Store) *ops.Ops {
	return &ops.Ops{Client: s.client, Store: store, Profile: s.cfg.Profile}
}

// warnIfUnrecorded sorts out an operation's error. A *ops.RecordError means Zoom applied the
// request and only the history write failed: it warns (see warnHistory) and returns nil, so
// the command reports what was done and exits 0. Any other error is returned as it is.
func warnIfUnrecorded(stderr io.Writer, what string, err error) error {
	var unrecorded *ops.RecordError
	if errors.As(err, &unrecorded) {
		warnHistory(stderr, what, fmt.Errorf("%w%s", unrecorded.Err, unrecorded.KeptNote()))
		return nil
	}
	return err
}
