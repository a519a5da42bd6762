package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/termtext"
)

// Group operations: edit and delete take a broadcast's group id (grp-…) as well as a
// message id, and act on every live copy through ops.EditGroup and ops.DeleteGroup.

// refuseGroupDryRun: a dry run records and reads nothing, and a group's copies are only
// in the history.
func refuseGroupDryRun(r requestOptions, group string) error {
	switch {
	case r.DryRun:
		return usagef("--dry-run takes a message id, not the group %s: list its copies with zoompose history --group %s and dry-run one", group, group)
	case r.NoHistory:
		return usagef("--no-history cannot act on the group %s: its copies are known only to the history", group)
	}
	return nil
}

// applyEditGroup edits every live copy of the group and reports each as it settles.
func applyEditGroup(ctx context.Context, o *editOptions, s *session, store *history.Store, oc compose.Card) error {
	res, err := s.operations(store).EditGroup(ctx, o.MessageID, oc, func(c ops.CopyOutcome) {
		reportCopy(o.Streams, s.cfg, "edited", c, o.JSON)
	})
	if err != nil {
		return groupError(o.MessageID, err)
	}
	return groupSummary(o.Streams, res, "edited")
}

// deleteGroup asks (unless --yes), then deletes every live copy of the group.
func deleteGroup(ctx context.Context, o *deleteOptions, s *session, store *history.Store) error {
	copies, err := store.Group(o.MessageID)
	if err != nil {
		return groupError(o.MessageID, err)
	}
	if !o.Yes {
		prod := ""
		if s.cfg.Kind == "prod" {
			prod = "Profile " + termtext.Line(s.cfg.Profile) + " is PROD. "
		}
		fmt.Fprintf(o.Err, "%sDelete the %d copies of broadcast %s for everyone? [y/N] ", prod, len(copies), termtext.Line(o.MessageID))
		if !answeredYes(o.Streams) {
			return usagef("not deleted: the answer was not yes")
		}
	}
	res, err := s.operations(store).DeleteGroup(ctx, o.MessageID, func(c ops.CopyOutcome) {
		if c.OK() {
			fmt.Fprintf(o.Out, "deleted %s\t%s\n", termtext.Line(c.Message.ID), termtext.Line(c.ToJID))
			return
		}
		reportCopy(Streams{Out: io.Discard, Err: o.Err}, s.cfg, "deleted", c, false)
	})
	if err != nil {
		return groupError(o.MessageID, err)
	}
	return groupSummary(o.Streams, res, "deleted")
}

// groupError says a group id names nothing, as a usage error.
func groupError(group string, err error) error {
	if errors.Is(err, history.ErrNotFound) {
		return usagef("there is no broadcast group %s in the history (zoompose history shows the groups)", group)
	}
	return err
}

// groupArgs is the MESSAGE_ID|GROUP_ID argument's completion.
func groupArgs(cmd *cobra.Command, common *Common, skipDeleted, filesAfter bool) {
	cmd.ValidArgsFunction = completeMessageIDs(common, skipDeleted, filesAfter)
}
