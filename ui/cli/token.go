package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/zoom"
)

// tokenOptions are the inputs of `zoompose token`.
type tokenOptions struct {
	*Common
}

func newTokenCmd(common *Common, code *int) *cobra.Command {
	o := &tokenOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Print an access token for the profile, for scripts (a secret: valid about an hour)",
		Long: `Print a chatbot access token for the configured profile on one line, so that a
script can call Zoom itself, e.g. with the curl command of send --dry-run --curl:

  ZOOM_TOKEN=$(zoompose token)

The token comes from the same client credentials and token endpoint as every other
command. It is a secret: anyone holding it can post as the bot until it expires, about an
hour after it was issued. This is the one command that prints a token; every other output,
log and the history redact tokens. On a terminal a warning goes to stderr first.`,
		Example: `  ZOOM_TOKEN=$(zoompose token)
  ZOOM_TOKEN=$(zoompose --profile staging token) sh -c "$(zoompose send --to … --dry-run --curl card.md)"`,
		Args: cobra.NoArgs,
	}
	cmd.RunE = runner(common, code, func(ctx context.Context) error { return runToken(ctx, o) })
	return cmd
}

func runToken(ctx context.Context, o *tokenOptions) error {
	if o.Sandbox {
		return usagef("--sandbox starts a simulator that stops when this command ends, so its token would be useless: run zoompose sandbox and point ZOOM_TOKEN_URL at it instead")
	}
	s, err := o.openSession()
	if err != nil {
		return err
	}
	defer s.cleanup()
	token, expires, err := s.client.AccessToken(ctx)
	if err != nil {
		return callError(s.cfg, err)
	}
	if !zoom.IsBearerToken(token) {
		// The token source refuses such a token already (a *zoom.TokenError); this
		// guard keeps the one raw print below safe whatever changes there. Never quoted.
		return fmt.Errorf("the token endpoint (ZOOM_TOKEN_URL from %s) answered with an access token that is not a bearer token (RFC 6750 characters only), so it is not printed", s.cfg.Origin("ZOOM_TOKEN_URL"))
	}
	if o.OutTerminal {
		fmt.Fprintln(o.Err, tokenWarning(expires, o.now()))
	}
	// The token is the output, byte for byte for a script, on one line and nowhere else;
	// zoom.IsBearerToken made sure it holds nothing a terminal would act on.
	_, err = fmt.Fprintln(o.Out, token)
	return err
}

// tokenWarning is what a person at a terminal reads before the token.
func tokenWarning(expires, now time.Time) string {
	valid := "about an hour"
	if !expires.IsZero() {
		valid = fmt.Sprintf("until %s (%s)", expires.Local().Format("15:04"), expires.Sub(now).Round(time.Minute))
	}
	return "warning: the line below is a secret access token, valid " + valid +
		": anyone who has it can post as the bot. Do not paste it into chats, tickets or logs; in scripts use ZOOM_TOKEN=$(zoompose token)."
}
