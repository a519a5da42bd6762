package cli

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/termtext"
)

// atForms are the forms --at accepts, for help and errors.
const atForms = ops.DueForms

func addAtFlag(cmd *cobra.Command, at *string) {
	cmd.Flags().StringVar(at, "at", "", "schedule the send instead of sending now: "+atForms+"; zoompose schedule run sends it when due")
}

// dueTime is --at as a time, or zero without it. It is checked before anything else is
// touched: a form it does not know, or a time not in the future, is a usage error.
func (o *sendOptions) dueTime() (time.Time, error) {
	if o.At == "" {
		return time.Time{}, nil
	}
	if o.NoHistory {
		return time.Time{}, usagef("--at and --no-history do not go together: a scheduled send is kept in the history until it is due")
	}
	return parseDue("--at", o.At, o.Streams.now())
}

// parseDue reads a due time in one of atForms, in now's location, and refuses one that is
// not after now, as a usage error naming flag.
func parseDue(flag, value string, now time.Time) (time.Time, error) {
	due, err := ops.ParseDue(value, now)
	if err != nil {
		return time.Time{}, usagef("%s %v", flag, err)
	}
	return due, nil
}

// deliverSchedule records the checked card to be sent at due and prints its id (stdout) and
// when it goes (stderr). Nothing goes on the network.
func deliverSchedule(o *sendOptions, s *session, store *history.Store, c card, due time.Time) error {
	opsAt := s.operations(store)
	opsAt.Now = o.Streams.now
	sc, err := opsAt.Schedule(o.envelope(), c.Card, due)
	if err != nil {
		return callError(s.cfg, err)
	}
	fmt.Fprintf(o.Err, "scheduled for %s (in %s); zoompose schedule run sends it when due (from cron or a systemd timer), zoompose schedule cancel %s cancels it\n",
		due.Local().Format("Mon 2006-01-02 15:04 MST"), roundDuration(due.Sub(o.Streams.now())), termtext.Line(sc.ID))
	if o.JSON {
		data, err := json.Marshal(scheduledOutputOf(sc))
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(o.Out, "%s\n", termtext.JSON(data))
		return err
	}
	fmt.Fprintln(o.Out, termtext.Line(sc.ID))
	return nil
}

// deliverScheduledBroadcast records one scheduled send per recipient, as one group, and
// prints SCHEDULED_ID<TAB>TO_JID per copy (a JSON object each with --json) and, on
// stderr, when they go and how to cancel one. Nothing goes on the network.
func deliverScheduledBroadcast(o *sendOptions, s *session, store *history.Store, envs []ops.Envelope, c compose.Card, due time.Time) error {
	opsAt := s.operations(store)
	opsAt.Now = o.Streams.now
	group, scs, err := opsAt.ScheduleBroadcast(envs, c, due)
	if err != nil {
		return callError(s.cfg, err)
	}
	fmt.Fprintf(o.Err, "scheduled %d copies (broadcast %s) for %s (in %s); zoompose schedule run sends them when due, each on its own, and zoompose edit or delete %s then acts on every copy sent; zoompose schedule cancel ID cancels one\n",
		len(scs), termtext.Line(group), due.Local().Format("Mon 2006-01-02 15:04 MST"), roundDuration(due.Sub(o.Streams.now())), termtext.Line(group))
	for _, sc := range scs {
		if o.JSON {
			data, err := json.Marshal(scheduledOutputOf(sc))
			if err != nil {
				return err
			}
			fmt.Fprintf(o.Out, "%s\n", termtext.JSON(data))
			continue
		}
		fmt.Fprintf(o.Out, "%s\t%s\n", termtext.Line(sc.ID), termtext.Line(sc.Message.ToJID))
	}
	return nil
}

// scheduledOutput is a scheduled send as --json prints it.
type scheduledOutput struct {
	ID        string    `json:"id"`
	State     string    `json:"state"`
	Due       time.Time `json:"due"`
	Profile   string    `json:"profile,omitempty"`
	Group     string    `json:"group,omitempty"`
	ToJID     string    `json:"to_jid"`
	ReplyTo   string    `json:"reply_to,omitempty"`
	VisibleTo string    `json:"visible_to_user,omitempty"`
	FirstLine string    `json:"first_line"`
}

func scheduledOutputOf(sc history.Scheduled) scheduledOutput {
	m := sc.Message
	return scheduledOutput{
		ID: sc.ID, State: string(sc.State), Due: sc.Due, Profile: m.Profile, Group: m.Group, ToJID: m.ToJID,
		ReplyTo: m.ReplyTo, VisibleTo: m.VisibleToUser, FirstLine: firstLine(m.Live()),
	}
}

// roundDuration is d to the second below a minute, else to the minute.
func roundDuration(d time.Duration) time.Duration {
	if d < time.Minute && d > -time.Minute {
		return d.Round(time.Second)
	}
	return d.Round(time.Minute)
}
