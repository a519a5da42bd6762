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

// applyEditGroup edits every copy of the group on Zoom and reports each as it settles. A
// group none of whose copies is on Zoom yet (scheduled, not sent) is refused first.
func applyEditGroup(ctx context.Context, o *editOptions, s *session, store *history.Store, oc compose.Card) error {
	res, err := s.operations(store).EditGroup(ctx, o.MessageID, oc, func(c ops.CopyOutcome) {
		reportCopy(o.Streams, s.cfg, "edited", c, o.JSON)
	})
	if err != nil {
		return groupError(o.MessageID, "edit", err)
	}
	err = groupSummary(o.Streams, res, "edited")
	noteWaiting(o.Err, res, "edited")
	return err
}

// deleteGroup asks (unless --yes), then deletes every copy of the group on Zoom. A group
// none of whose copies is on Zoom yet is refused before the question.
func deleteGroup(ctx context.Context, o *deleteOptions, s *session, store *history.Store) error {
	g, err := s.operations(store).ReadGroup(o.MessageID)
	if err == nil {
		err = g.Unsent()
	}
	if err != nil {
		return groupError(o.MessageID, "delete", err)
	}
	if !o.Yes {
		prod := ""
		if s.cfg.Kind == "prod" {
			prod = "Profile " + termtext.Line(s.cfg.Profile) + " is PROD. "
		}
		waiting := ""
		if n := len(g.Waiting()); n > 0 {
			waiting = fmt.Sprintf(" (%d more scheduled, not sent, are left as they are)", n)
		}
		fmt.Fprintf(o.Err, "%sDelete the %d copies of broadcast %s on Zoom for everyone%s? [y/N] ", prod, len(g.OnZoom()), termtext.Line(o.MessageID), waiting)
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
		return groupError(o.MessageID, "delete", err)
	}
	err = groupSummary(o.Streams, res, "deleted")
	noteWaiting(o.Err, res, "deleted")
	return err
}

// noteWaiting says which copies of the group are still scheduled, not sent: a group edit
// or delete left them as they were, and they go out later with their old card unless the
// admin changes or cancels them as scheduled sends.
func noteWaiting(w io.Writer, res ops.GroupResult, done string) {
	if len(res.Waiting) == 0 {
		return
	}
	due := ops.FirstDue(res.Waiting)
	are, they := "are", "they go"
	if len(res.Waiting) == 1 {
		are, they = "is", "it goes"
	}
	fmt.Fprintf(w, "note: %s of %s %s still scheduled, not sent, and not %s: %s out from %s as scheduled. "+
		"zoompose schedule cancel %s stops what waits; the app's Scheduled list (f3, tab) edits, reschedules or cancels each copy\n",
		ops.CopiesOf(len(res.Waiting)), termtext.Line(res.Group), are, done, they, due.Local().Format("2006-01-02 15:04"), termtext.Line(res.Group))
}

// groupError makes what is found before the network a usage error: a group id that names
// nothing, or a scheduled broadcast none of whose copies is on Zoom yet (to verb, there is
// nothing, and the copies are reached as scheduled sends).
func groupError(group, verb string, err error) error {
	var unsent *ops.UnsentGroupError
	switch {
	case errors.Is(err, history.ErrNotFound):
		return usagef("there is no broadcast group %s in the history (zoompose history shows the groups)", group)
	case errors.As(err, &unsent) && unsent.Waiting > 0:
		return usagef("cannot %s broadcast %s: its copies are scheduled, not sent (%s waiting, the first due %s), so Zoom has nothing to %s yet; nothing was sent. "+
			"zoompose schedule cancel %s stops them; to change their card or time, edit or reschedule each in the app's Scheduled list (f3, tab), "+
			"or zoompose schedule reschedule ID --at TIME (zoompose schedule lists the ids)",
			verb, termtext.Line(group), ops.CopiesOf(unsent.Waiting), unsent.Due.Local().Format("2006-01-02 15:04"), verb, termtext.Line(group))
	case errors.As(err, &unsent):
		return usagef("cannot %s broadcast %s: %s (zoompose schedule --all lists the cancelled copies)", verb, termtext.Line(group), termtext.Line(unsent.Error()))
	}
	return err
}

// refuseScheduled refuses, as a usage error, an edit or delete of id when id is a
// scheduled send: it was never sent, so Zoom has nothing to change (history.Store.
// BeginChange refuses it too; this says so before any question, with what to do).
func refuseScheduled(store *history.Store, id, verb string) error {
	if store == nil || history.IsGroupID(id) {
		return nil
	}
	sc, err := store.GetScheduled(id)
	if err != nil {
		return nil // not a scheduled send
	}
	return scheduledError(&history.UnsentScheduledError{ID: sc.ID, State: sc.State, Due: sc.Due}, verb)
}

// scheduledError makes a *history.UnsentScheduledError a usage error that says what to do.
func scheduledError(err error, verb string) error {
	var unsent *history.UnsentScheduledError
	switch {
	case !errors.As(err, &unsent):
		return err
	case unsent.State == history.ScheduleCancelled:
		return usagef("cannot %s %s: it is a scheduled send that was cancelled, never sent, so Zoom has nothing to %s; nothing was sent (zoompose schedule --all lists it)",
			verb, termtext.Line(unsent.ID), verb)
	}
	return usagef("cannot %s %s: it is scheduled for %s, not sent, so Zoom has nothing to %s yet; nothing was sent. "+
		"zoompose schedule cancel %s stops it, zoompose schedule reschedule %s --at TIME moves it, and the app's Scheduled list (f3, tab) edits its card",
		verb, termtext.Line(unsent.ID), unsent.Due.Local().Format("2006-01-02 15:04"), verb, termtext.Line(unsent.ID), termtext.Line(unsent.ID))
}

// groupArgs is the MESSAGE_ID|GROUP_ID argument's completion.
func groupArgs(cmd *cobra.Command, common *Common, filesAfter bool) {
	cmd.ValidArgsFunction = completeMessageIDs(common, filesAfter)
}
