package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// deleteOptions are the inputs of `zoompose delete`.
type deleteOptions struct {
	*Common
	requestOptions
	MessageID string
	Yes       bool // do not ask for confirmation
}

func newDeleteCmd(common *Common, code *int) *cobra.Command {
	o := &deleteOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "delete MESSAGE_ID|GROUP_ID [--yes]",
		Short: "Delete a message the chatbot sent",
		Long: `Delete a message the chatbot sent. The history keeps its content and marks it deleted.

In a terminal it asks before deleting; elsewhere (scripts, pipes) --yes is required.

A GROUP_ID (grp-…, a broadcast's) deletes every live copy, one at a time: one line per
copy deleted, a note for each copy already deleted or never sent, and exit 1 if any copy
failed (failed deletes wait in the outbox). Copies still scheduled are left waiting (a note
says how many); a scheduled broadcast none of whose copies went out, or a scheduled send's
id, is exit 2: zoompose schedule cancel stops those.`,
		Example: `  zoompose delete 5DD614F4-DD19-4C39-8D03-93C4D0A0C839 --yes`,
		Args:    argRange(1, 1, "zoompose delete MESSAGE_ID|GROUP_ID [--yes]"),
	}
	groupArgs(cmd, common, false)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		o.MessageID = args[0]
		return runner(common, code, func(ctx context.Context) error { return runDelete(ctx, o) })(c, args)
	}
	cmd.Flags().BoolVarP(&o.Yes, "yes", "y", false, "delete without asking")
	addRequestFlags(cmd, &o.requestOptions)
	return cmd
}

func runDelete(ctx context.Context, o *deleteOptions) error {
	if strings.TrimSpace(o.MessageID) == "" {
		return usagef("delete needs the MESSAGE_ID that send printed (see zoompose history)")
	}
	if err := o.check(); err != nil {
		return err
	}
	if history.IsGroupID(o.MessageID) {
		if err := refuseGroupDryRun(o.requestOptions, o.MessageID); err != nil {
			return err
		}
	}
	if !o.Yes && !o.DryRun && !o.InTerminal {
		return usagef("delete asks for confirmation, but stdin is not a terminal: pass --yes to delete %s", o.MessageID)
	}
	s, err := o.openSession()
	if err != nil {
		return err
	}
	defer s.cleanup()
	return s.dryRunOrApply(o.requestOptions, o.Out,
		func() (*zoom.PreparedRequest, error) {
			return s.client.PrepareDelete(zoom.DeleteRequest{MessageID: o.MessageID})
		},
		func(store *history.Store) error { return confirmAndDelete(ctx, o, s, store) })
}

// confirmAndDelete asks (unless --yes), deletes through ops and reports. The record is looked
// up first: the question names the message, and ops.Delete succeeds alike whether or not the
// history held it (this process holds the history's lock, so that cannot change in between).
func confirmAndDelete(ctx context.Context, o *deleteOptions, s *session, store *history.Store) error {
	if history.IsGroupID(o.MessageID) {
		return deleteGroup(ctx, o, s, store)
	}
	if err := refuseScheduled(store, o.MessageID, "delete"); err != nil {
		return err
	}
	known, lookupErr := history.Message{}, error(&history.NotFoundError{Kind: "message", ID: o.MessageID})
	if store != nil { // nil with --no-history
		known, lookupErr = store.Get(o.MessageID)
	}
	if !o.Yes {
		if err := confirmDelete(o, s.cfg, store, known, lookupErr == nil); err != nil {
			return err
		}
	}
	_, err := s.operations(store).Delete(ctx, o.MessageID)
	switch {
	case err != nil:
		if err := warnIfUnrecorded(o.Err, "message "+o.MessageID+" was deleted", err); err != nil {
			return callError(s.cfg, scheduledError(err, "delete"))
		}
	case store != nil && errors.Is(lookupErr, history.ErrNotFound):
		fmt.Fprintf(o.Err, "note: %s was not in the local history; it is recorded there now, as deleted, with no content\n", termtext.Line(o.MessageID))
	}
	fmt.Fprintf(o.Out, "deleted %s\n", termtext.Line(o.MessageID))
	return nil
}

// confirmDelete asks on stderr and reads the answer from stdin; only y or yes deletes.
// Declining is exit 2, as nothing happened that the user asked for. A prod profile is named
// first (the prod guard, see guard.go). With inHistory the
// question says where and when the message m was sent.
func confirmDelete(o *deleteOptions, cfg Config, store *history.Store, m history.Message, inHistory bool) error {
	target := o.MessageID
	if inHistory {
		recipient := m.ToJID
		if label := recipientLabels(store)[m.ToJID]; label != "" {
			recipient = label
		}
		target = fmt.Sprintf("%s (sent to %s on %s)", o.MessageID, recipient, m.SentAt.Local().Format("2006-01-02 15:04"))
	}
	prod := ""
	if cfg.Kind == "prod" {
		prod = "Profile " + termtext.Line(cfg.Profile) + " is PROD. "
	}
	fmt.Fprintf(o.Err, "%sDelete message %s for everyone? [y/N] ", prod, termtext.Line(target))
	if !answeredYes(o.Streams) {
		return usagef("not deleted: the answer was not yes")
	}
	return nil
}
