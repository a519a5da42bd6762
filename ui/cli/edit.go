package cli

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
)

// editOptions are the inputs of `zoompose edit`.
type editOptions struct {
	*Common
	requestOptions
	cardInput
	MessageID string
	JSON      bool
	Yes       bool // do not ask, even with a prod profile
}

func newEditCmd(common *Common, code *int) *cobra.Command {
	o := &editOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "edit MESSAGE_ID|GROUP_ID [FILE|-]",
		Short: "Replace the card of a message the chatbot sent",
		Long: `Replace the content of a message the chatbot sent, and add the new version to the
message's revisions in the history (the earlier versions are kept).

FILE is card source or a .json content object; - or no FILE reads stdin.

A GROUP_ID (grp-…, a broadcast's) edits every live copy, one at a time, each with its own
revision: one line per copy edited (MESSAGE_ID<TAB>TO_JID), a note for each deleted or
never-sent copy skipped, and exit 1 if any copy failed (failed edits wait in the outbox).`,
		Example: `  zoompose edit 5DD614F4-DD19-4C39-8D03-93C4D0A0C839 fixed.md`,
		Args:    argRange(1, 2, "zoompose edit MESSAGE_ID|GROUP_ID [FILE|-]"),
	}
	groupArgs(cmd, common, true, true)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		o.MessageID, o.File = args[0], ""
		if len(args) == 2 {
			o.File = args[1]
		}
		return runner(common, code, func(ctx context.Context) error { return runEdit(ctx, o) })(c, args)
	}
	f := cmd.Flags()
	o.addNoMarkdownFlag(cmd)
	f.BoolVar(&o.JSON, "json", false, "print the edited message as JSON")
	o.addVarFlag(cmd)
	addYesFlag(cmd, &o.Yes)
	addRequestFlags(cmd, &o.requestOptions)
	return cmd
}

func runEdit(ctx context.Context, o *editOptions) error {
	if strings.TrimSpace(o.MessageID) == "" {
		return usagef("edit needs the MESSAGE_ID that send printed (see zoompose history)")
	}
	if history.IsGroupID(o.MessageID) {
		if err := refuseGroupDryRun(o.requestOptions, o.MessageID); err != nil {
			return err
		}
	}
	s, c, err := o.openCardSession(o.requestOptions, o.cardInput)
	if err != nil {
		return err
	}
	defer s.cleanup()
	if !o.DryRun {
		if err := confirmProd(s.cfg, o.Streams, o.Yes, "replace the card of message "+o.MessageID); err != nil {
			return err
		}
	}
	oc := c.Card
	return s.dryRunOrApply(o.requestOptions, o.Out,
		func() (*zoom.PreparedRequest, error) {
			return s.client.PrepareEdit(zoom.EditRequest{MessageID: o.MessageID, Content: oc.Content, Markdown: oc.Markdown})
		},
		func(store *history.Store) error { return applyEdit(ctx, o, s, store, oc) })
}

// applyEdit edits through ops, which adds the revision to the history before the id is
// printed.
func applyEdit(ctx context.Context, o *editOptions, s *session, store *history.Store, oc compose.Card) error {
	if history.IsGroupID(o.MessageID) {
		return applyEditGroup(ctx, o, s, store, oc)
	}
	m, err := s.operations(store).Edit(ctx, o.MessageID, oc)
	if err := warnIfUnrecorded(o.Err, "message "+o.MessageID+" was edited", err); err != nil {
		return callError(s.cfg, err)
	}
	return printMessage(o.Streams, outputOf(m, ""), o.JSON)
}
