package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/termtext"
)

// scheduleRunOptions are the inputs of `zoompose schedule run` and `schedule send-now`.
type scheduleRunOptions struct {
	*Common
	Watch   bool
	MaxLate time.Duration // 0: the configuration's schedule_max_late
	Poll    time.Duration // --watch: how often to look for new or changed scheduled sends
	Wait    time.Duration // how long to wait for another zoompose that holds the history
	ID      string        // send-now
}

func newScheduleRunCmd(common *Common, code *int) *cobra.Command {
	o := &scheduleRunOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "run [--watch] [--max-late D]",
		Short: "Send the scheduled sends that are due, then exit (or --watch: stay up)",
		Long: `Send every scheduled send of this profile that is due, one line per send, then exit: for
cron or a systemd timer. Each send is recorded before its request goes out, exactly as
zoompose send records one, and a due send becomes that record in the same transaction that
checks it is still waiting: two runners (cron overlapping --watch, or the app) never both
send it. A send missed while nothing ran goes out at the next run, which says how late it
is; one later than --max-late (default: schedule_max_late of the profile, or
ZOOMPOSE_SCHEDULE_MAX_LATE, else 2h) is not sent: it is reported and stays scheduled for
zoompose schedule send-now, reschedule or cancel. Sends scheduled under another profile
are left to a run with that profile.

The history is held only while sends go out. When another zoompose holds it (the app, or
a --watch that is sending), run waits up to --wait for it, then exits 1 having sent nothing.

Exit 0 when everything due was sent (or nothing was due), 1 when a send failed (it waits
in the outbox), its outcome is unknown, or one was skipped as too late.

--watch stays up until interrupted: it opens the history at each due time and every --poll
(to see sends scheduled meanwhile), sends what is due, and closes it again.`,
		Args: cobra.NoArgs,
		RunE: runner(common, code, func(ctx context.Context) error { return runScheduleRun(ctx, o) }),
	}
	f := cmd.Flags()
	f.BoolVar(&o.Watch, "watch", false, "stay up and send each scheduled send as it falls due")
	f.DurationVar(&o.MaxLate, "max-late", 0, "skip a due send later than this (default schedule_max_late, else 2h)")
	f.DurationVar(&o.Poll, "poll", 30*time.Second, "with --watch, how often to look for sends scheduled meanwhile")
	f.DurationVar(&o.Wait, "wait", 30*time.Second, "how long to wait for another zoompose that holds the history")
	return cmd
}

func newScheduleSendNowCmd(common *Common, code *int) *cobra.Command {
	o := &scheduleRunOptions{Common: common, Wait: 30 * time.Second, Poll: time.Second}
	return &cobra.Command{
		Use:               "send-now ID",
		Short:             "Send a scheduled send now, however early or late it is",
		Args:              argRange(1, 1, "zoompose schedule send-now ID"),
		ValidArgsFunction: common.completeScheduleIDs,
		RunE: func(c *cobra.Command, args []string) error {
			o.ID = args[0]
			return runner(common, code, func(ctx context.Context) error { return runScheduleSendNow(ctx, o) })(c, args)
		},
	}
}

// scheduleMaxLate is schedule_max_late as a duration: how late a scheduled send may go
// out by itself (schedule run skips a later one; the app asks); unset, ops.DefaultMaxLate.
func (c Config) scheduleMaxLate() (time.Duration, error) {
	if c.ScheduleMaxLate == "" { // a Config not loaded from the settings: the sandbox's
		return ops.DefaultMaxLate, nil
	}
	d, err := time.ParseDuration(c.ScheduleMaxLate)
	if err != nil || d < 0 {
		return 0, usagef("schedule_max_late (from %s) is %s, not a duration such as 2h or 90m",
			c.Origin("ZOOMPOSE_SCHEDULE_MAX_LATE"), termtext.Line(c.ScheduleMaxLate))
	}
	return d, nil
}

// scheduleRunner is an open run: the session, the lateness allowed and what went wrong.
type scheduleRunner struct {
	o        *scheduleRunOptions
	s        *session
	maxLate  time.Duration
	failed   int
	reported map[string]bool // --watch: too-late and other-profile sends said once
}

func (o *scheduleRunOptions) start() (*scheduleRunner, error) {
	if o.Poll <= 0 || o.Wait < 0 || o.MaxLate < 0 {
		return nil, usagef("--poll must be positive, --wait and --max-late not negative")
	}
	s, err := o.openSession()
	if err != nil {
		return nil, err
	}
	r := &scheduleRunner{o: o, s: s, maxLate: o.MaxLate, reported: map[string]bool{}}
	if r.maxLate == 0 {
		if r.maxLate, err = s.cfg.scheduleMaxLate(); err != nil {
			s.cleanup()
			return nil, err
		}
	}
	return r, nil
}

func runScheduleRun(ctx context.Context, o *scheduleRunOptions) error {
	r, err := o.start()
	if err != nil {
		return err
	}
	defer r.s.cleanup()
	if o.Watch {
		return r.watch(ctx)
	}
	if _, err := r.pass(ctx, o.Wait); err != nil {
		return err
	}
	if r.failed > 0 {
		return &reportedError{code: ExitAPI, msg: "some scheduled sends were not sent"}
	}
	return nil
}

// pass opens the history (waiting up to wait for another holder), sends what is due,
// closes it and returns when to look next (zero: nothing waits).
func (r *scheduleRunner) pass(ctx context.Context, wait time.Duration) (time.Time, error) {
	store, err := r.open(ctx, wait)
	if err != nil {
		return time.Time{}, err
	}
	defer store.Close()
	defer printWarnings(r.o.Err, store)
	operations := r.operations(store)
	fired, err := operations.RunDue(ctx, r.maxLate, r.report)
	if err != nil {
		return time.Time{}, err
	}
	if len(fired) == 0 && !r.o.Watch {
		fmt.Fprintln(r.o.Err, "nothing is due")
	}
	next, ok, err := operations.NextDue()
	if !ok {
		next = time.Time{}
	}
	return next, err
}

func (r *scheduleRunner) operations(store *history.Store) *ops.Ops {
	operations := r.s.operations(store)
	operations.Now = r.o.Streams.now
	return operations
}

// open opens the existing history, trying again while another zoompose holds it.
func (r *scheduleRunner) open(ctx context.Context, wait time.Duration) (*history.Store, error) {
	deadline := time.Now().Add(wait)
	for {
		store, err := history.OpenExisting(r.s.cfg.DB)
		var locked *history.LockedError
		if !errors.As(err, &locked) || time.Now().After(deadline) {
			if err != nil {
				return nil, fmt.Errorf("%w; nothing was sent (the history file comes from %s)", err, r.s.cfg.Origin("ZOOMPOSE_DB"))
			}
			return store, nil
		}
		select { // history.Open itself waited history.LockTimeout
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// report prints one scheduled send's outcome: sent on stdout, the rest on stderr.
func (r *scheduleRunner) report(f ops.Fired) {
	id, due := termtext.Line(f.Scheduled.ID), f.Scheduled.Due.Local().Format("2006-01-02 15:04")
	late := ""
	if f.Late >= time.Minute {
		late = fmt.Sprintf(", %s late", roundDuration(f.Late))
	}
	switch f.Outcome {
	case ops.FiredSent:
		fmt.Fprintf(r.o.Out, "sent %s as %s to %s (due %s%s)\n", id, termtext.Line(f.Sent.ID), termtext.Line(f.Sent.ToJID), due, late)
		if f.Err != nil {
			warnHistory(r.o.Err, "scheduled send "+f.Scheduled.ID+" was sent", f.Err)
		}
	case ops.FiredTaken:
		fmt.Fprintf(r.o.Err, "%s: another runner sent or cancelled it first; not sent here\n", id)
	case ops.FiredTooLate:
		r.failed++
		if !r.once(id) {
			fmt.Fprintf(r.o.Err, "skipped %s: due %s, %s late, more than the %s schedule_max_late allows; not sent: zoompose schedule send-now %s sends it, reschedule or cancel it\n",
				id, due, roundDuration(f.Late), r.maxLate, id)
		}
	case ops.FiredOther:
		if !r.once(id) {
			fmt.Fprintf(r.o.Err, "left %s (due %s): it was scheduled with profile %s; run zoompose --profile %s schedule run\n",
				id, due, termtext.Line(f.Scheduled.Message.Profile), termtext.Line(f.Scheduled.Message.Profile))
		}
	default:
		r.failed++
		fmt.Fprintln(r.o.Err, oneLine(fmt.Sprintf("%s (due %s%s) was not sent: %v", id, due, late, sendError(r.s.cfg, f.Err))))
	}
}

// once reports whether id was reported already, and marks it.
func (r *scheduleRunner) once(id string) bool {
	seen := r.reported[id]
	r.reported[id] = true
	return seen
}

// watch runs a pass at each due time and every poll until ctx ends. A history held by
// another zoompose is said once per holding, and tried again at the next poll.
func (r *scheduleRunner) watch(ctx context.Context) error {
	fmt.Fprintf(r.o.Err, "watching the scheduled sends of profile %s (Ctrl+C stops)\n", termtext.Line(r.s.cfg.Profile))
	held := false
	for {
		next, err := r.pass(ctx, 0)
		var locked *history.LockedError
		switch {
		case ctx.Err() != nil:
			return nil
		case errors.As(err, &locked):
			if !held {
				fmt.Fprintln(r.o.Err, oneLine("another zoompose holds the history; trying again every "+r.o.Poll.String()))
			}
			held = true
		case err != nil:
			return err
		default:
			held = false
		}
		sleep := r.o.Poll
		if !next.IsZero() {
			// A floor, so that a clock a hair behind the timer never spins on the file.
			sleep = min(sleep, max(next.Sub(r.o.Streams.now()), 20*time.Millisecond))
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(sleep):
		}
	}
}

func runScheduleSendNow(ctx context.Context, o *scheduleRunOptions) error {
	r, err := o.start()
	if err != nil {
		return err
	}
	defer r.s.cleanup()
	store, err := r.open(ctx, o.Wait)
	if err != nil {
		return err
	}
	defer store.Close()
	f, err := r.operations(store).FireScheduled(ctx, o.ID)
	if err != nil {
		return scheduleError(err)
	}
	r.report(f)
	if f.Outcome != ops.FiredSent {
		return &reportedError{code: ExitAPI, msg: "not sent"}
	}
	return nil
}
