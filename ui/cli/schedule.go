package cli

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/termtext"
)

// scheduleOptions are the inputs of `zoompose schedule` and its cancel and reschedule.
type scheduleOptions struct {
	*Common
	JSON bool
	All  bool   // list the cancelled ones too
	ID   string // cancel, reschedule
	At   string // reschedule
}

func newScheduleCmd(common *Common, code *int) *cobra.Command {
	o := &scheduleOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "schedule [--json] [--all]",
		Short: "List the scheduled sends; cancel, reschedule or run them",
		Long: `List the sends scheduled with zoompose send --at, earliest first: id, due time (and how
overdue), recipient and first line; one JSON object per line with --json. --all lists the
cancelled ones too: a cancelled send is kept, marked cancelled, and never sent.

zoompose schedule run sends what is due and exits (for cron or a systemd timer; see the
README); schedule run --watch stays up and sends each one as it falls due. A due send that
more than schedule_max_late (a profile key, or ZOOMPOSE_SCHEDULE_MAX_LATE; default 2h) has
passed is not sent by a run: it waits for zoompose schedule send-now ID, reschedule or cancel.

schedule, cancel and reschedule never create a history.`,
		Example: `  zoompose send --to … --at "tomorrow 08:00" maintenance.md
  zoompose schedule
  zoompose schedule cancel local-…
  zoompose schedule run`,
		Args: cobra.NoArgs,
		RunE: runner(common, code, func(context.Context) error { return runScheduleList(o) }),
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print one JSON object per scheduled send")
	cmd.Flags().BoolVar(&o.All, "all", false, "list the cancelled sends too")
	cmd.AddCommand(newScheduleCancelCmd(common, code), newScheduleRescheduleCmd(common, code),
		newScheduleRunCmd(common, code), newScheduleSendNowCmd(common, code))
	return cmd
}

func newScheduleCancelCmd(common *Common, code *int) *cobra.Command {
	o := &scheduleOptions{Common: common}
	return &cobra.Command{
		Use:               "cancel ID|GROUP_ID",
		Short:             "Cancel a scheduled send, or every waiting copy of a scheduled broadcast (kept as cancelled, never sent)",
		Args:              argRange(1, 1, "zoompose schedule cancel ID|GROUP_ID"),
		ValidArgsFunction: common.completeScheduleIDs,
		RunE: func(c *cobra.Command, args []string) error {
			o.ID = args[0]
			return runner(common, code, func(context.Context) error { return runScheduleCancel(o) })(c, args)
		},
	}
}

func newScheduleRescheduleCmd(common *Common, code *int) *cobra.Command {
	o := &scheduleOptions{Common: common}
	cmd := &cobra.Command{
		Use:               "reschedule ID --at TIME",
		Short:             "Move a scheduled send to another time",
		Args:              argRange(1, 1, "zoompose schedule reschedule ID --at TIME"),
		ValidArgsFunction: common.completeScheduleIDs,
		RunE: func(c *cobra.Command, args []string) error {
			o.ID = args[0]
			return runner(common, code, func(context.Context) error { return runReschedule(o) })(c, args)
		},
	}
	cmd.Flags().StringVar(&o.At, "at", "", "the new due time: "+atForms)
	return cmd
}

func runScheduleList(o *scheduleOptions) error {
	store, done, err := (&historyOptions{Common: o.Common}).openStore()
	if err != nil {
		return err
	}
	defer done()
	defer printWarnings(o.Err, store)
	list, err := store.ScheduledSends(o.All)
	if err != nil {
		return err
	}
	if o.JSON {
		out := make([]scheduledOutput, len(list))
		for i, sc := range list {
			out[i] = scheduledOutputOf(sc)
		}
		return writeJSONLines(o.Out, out)
	}
	if len(list) == 0 {
		fmt.Fprintln(o.Err, "nothing is scheduled")
		return nil
	}
	return writeScheduleTable(o, list, recipientLabels(store))
}

func writeScheduleTable(o *scheduleOptions, list []history.Scheduled, labels map[string]string) error {
	now := o.Streams.now()
	tw := tabwriter.NewWriter(o.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDUE\tSTATE\tRECIPIENT\tFIRST LINE")
	for _, sc := range list {
		due := sc.Due.Local().Format("2006-01-02 15:04")
		if sc.State == history.ScheduleWaiting && !sc.Due.After(now) {
			due += fmt.Sprintf(" (overdue %s)", roundDuration(now.Sub(sc.Due)))
		}
		recipient := sc.Message.ToJID
		if label := labels[recipient]; label != "" {
			recipient = label
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", cell(sc.ID), due, sc.State, cell(recipient),
			clip(cell(firstLine(sc.Message.Live())), 60))
	}
	return tw.Flush()
}

func runScheduleCancel(o *scheduleOptions) error {
	store, done, err := (&historyOptions{Common: o.Common}).openStore()
	if err != nil {
		return err
	}
	defer done()
	ids := []string{o.ID}
	if history.IsGroupID(o.ID) {
		if ids, err = waitingCopies(store, o.ID); err != nil {
			return err
		}
	}
	for _, id := range ids {
		sc, err := store.CancelScheduled(id, o.Streams.now())
		if err != nil {
			return scheduleError(err)
		}
		fmt.Fprintf(o.Out, "cancelled %s (it was due %s); it is kept as cancelled and will not be sent\n",
			termtext.Line(sc.ID), sc.Due.Local().Format("2006-01-02 15:04"))
	}
	return nil
}

// waitingCopies are the ids of the copies of scheduled broadcast group that
// still wait; none is a usage error (a copy already sent is retracted with
// delete GROUP_ID).
func waitingCopies(store *history.Store, group string) ([]string, error) {
	waiting, err := store.ScheduledSends(false)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, sc := range waiting {
		if sc.Message.Group == group {
			ids = append(ids, sc.ID)
		}
	}
	if len(ids) == 0 {
		return nil, usagef("no copy of %s is waiting to be sent (zoompose schedule lists what waits; copies already sent are retracted with zoompose delete %s)", termtext.Line(group), termtext.Line(group))
	}
	return ids, nil
}

func runReschedule(o *scheduleOptions) error {
	if o.At == "" {
		return usagef("reschedule needs the new time: --at %s", atForms)
	}
	due, err := parseDue("--at", o.At, o.Streams.now())
	if err != nil {
		return err
	}
	store, done, err := (&historyOptions{Common: o.Common}).openStore()
	if err != nil {
		return err
	}
	defer done()
	sc, err := store.Reschedule(o.ID, due, nil)
	if err != nil {
		return scheduleError(err)
	}
	fmt.Fprintf(o.Out, "%s is now due %s\n", termtext.Line(sc.ID), sc.Due.Local().Format("Mon 2006-01-02 15:04 MST"))
	return nil
}

// scheduleError makes an id that names no waiting send a usage error (exit 2): it is
// found before anything is sent.
func scheduleError(err error) error {
	var notScheduled *history.NotScheduledError
	if errors.As(err, &notScheduled) {
		return usagef("%s; zoompose schedule lists the waiting ones", err.Error())
	}
	return err
}
