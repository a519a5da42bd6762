package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// unfurlOptions are the inputs of `zoompose unfurl`.
type unfurlOptions struct {
	*Common
	requestOptions
	cardInput
	UserID, TriggerID string
}

func newUnfurlCmd(common *Common, code *int) *cobra.Command {
	o := &unfurlOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "unfurl --user-id ID --trigger-id ID [FILE|-]",
		Short: "Answer a shared link with a preview card",
		Long: `Answer a team_chat.link_shared event with a card that Zoom shows under the link,
and record it in the history. The user id and trigger id come from the event.

FILE is card source or a .json content object; - or no FILE reads stdin.`,
		Example: `  zoompose unfurl --user-id KdYKjnimT4KPd8KKdQt9FQ --trigger-id 5DD614F4-… preview.md`,
		Args:    maxArgs(1, "zoompose unfurl --user-id ID --trigger-id ID [FILE|-]"),
	}
	cmd.RunE = func(c *cobra.Command, args []string) error {
		o.File = firstArg(args)
		return runner(common, code, func(ctx context.Context) error { return runUnfurl(ctx, o) })(c, args)
	}
	f := cmd.Flags()
	f.StringVar(&o.UserID, "user-id", "", "the operator's user id from the link_shared event")
	f.StringVar(&o.TriggerID, "trigger-id", "", "the trigger id from the link_shared event")
	o.addVarFlag(cmd)
	addRequestFlags(cmd, &o.requestOptions)
	return cmd
}

func runUnfurl(ctx context.Context, o *unfurlOptions) error {
	if o.UserID == "" || o.TriggerID == "" {
		return usagef("unfurl needs both --user-id and --trigger-id from the team_chat.link_shared event")
	}
	s, c, err := o.openCardSession(o.requestOptions, o.cardInput)
	if err != nil {
		return err
	}
	defer s.cleanup()
	oc := c.Card
	return s.dryRunOrApply(o.requestOptions, o.Out,
		func() (*zoom.PreparedRequest, error) {
			return s.client.PrepareUnfurl(zoom.UnfurlRequest{UserID: o.UserID, TriggerID: o.TriggerID, Content: oc.Content})
		},
		func(store *history.Store) error { return postUnfurl(ctx, o, s, store, oc) })
}

// postUnfurl posts the unfurl through ops, which records it before success is reported.
func postUnfurl(ctx context.Context, o *unfurlOptions, s *session, store *history.Store, oc compose.Card) error {
	_, err := s.operations(store).Unfurl(ctx, o.UserID, o.TriggerID, oc)
	if err := warnIfUnrecorded(o.Err, "the unfurl for trigger "+o.TriggerID+" was posted", err); err != nil {
		return callError(s.cfg, err)
	}
	fmt.Fprintf(o.Out, "unfurled %s\n", termtext.Line(o.TriggerID))
	return nil
}
