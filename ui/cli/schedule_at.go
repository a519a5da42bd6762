package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// atForms are the forms --at accepts, for help and errors.
const atForms = `an RFC 3339 time (2026-12-01T08:00:00+01:00), HH:MM (today, local time) or "tomorrow HH:MM"`

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
// not after now.
func parseDue(flag, value string, now time.Time) (time.Time, error) {
	due, ok := readDue(strings.TrimSpace(value), now)
	if !ok {
		return time.Time{}, usagef("%s %s is not a time zoompose reads; use %s", flag, zoom.QuoteClipped(value), atForms)
	}
	if !due.After(now) {
		return time.Time{}, usagef("%s %s is in the past (%s; it is %s now); use a future time: %s",
			flag, zoom.QuoteClipped(value), due.Format(time.RFC3339), now.Format(time.RFC3339), atForms)
	}
	return due, nil
}

func readDue(value string, now time.Time) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, value); err == nil {
		return t, true
	}
	day := now
	if rest, ok := strings.CutPrefix(value, "tomorrow "); ok {
		value, day = strings.TrimSpace(rest), now.AddDate(0, 0, 1)
	}
	clock, err := time.Parse("15:04", value)
	if err != nil {
		return time.Time{}, false
	}
	y, m, d := day.Date()
	return time.Date(y, m, d, clock.Hour(), clock.Minute(), 0, 0, now.Location()), true
}

// deliverSchedule records the checked card to be sent at due and prints its id (stdout) and
// when it goes (stderr). Nothing goes on the network.
func deliverSchedule(o *sendOptions, s *session, store *history.Store, c card, due time.Time) error {
	opsAt := s.operations(store)
	opsAt.Now = o.Streams.now
	sc, err := opsAt.Schedule(o.envelope(), c.forOps(o.NoMarkdown), due)
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

// scheduledOutput is a scheduled send as --json prints it.
type scheduledOutput struct {
	ID        string    `json:"id"`
	State     string    `json:"state"`
	Due       time.Time `json:"due"`
	Profile   string    `json:"profile,omitempty"`
	ToJID     string    `json:"to_jid"`
	ReplyTo   string    `json:"reply_to,omitempty"`
	VisibleTo string    `json:"visible_to_user,omitempty"`
	FirstLine string    `json:"first_line"`
}

func scheduledOutputOf(sc history.Scheduled) scheduledOutput {
	m := sc.Message
	return scheduledOutput{
		ID: sc.ID, State: string(sc.State), Due: sc.Due, Profile: m.Profile, ToJID: m.ToJID,
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
