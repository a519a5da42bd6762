package ops

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
)

// DefaultMaxLate is how late a scheduled send may still go out by itself
// when the configuration does not say (schedule_max_late): a run that finds
// one later than this skips it and says so, for the admin to send,
// reschedule or cancel.
const DefaultMaxLate = 2 * time.Hour

// Schedule records card to be sent to env at due, after the same checks a
// send makes. Nothing goes on the network. due must be in the future.
func (o *Ops) Schedule(env Envelope, card compose.Card, due time.Time) (history.Scheduled, error) {
	msgs, err := o.scheduledMessages([]Envelope{env}, card, due)
	if err != nil {
		return history.Scheduled{}, err
	}
	sc, err := o.Store.Schedule(msgs[0], due, o.now())
	if err != nil {
		return sc, &HistoryError{Op: history.OpSend, Path: o.Store.Path(), Err: err}
	}
	return sc, nil
}

// ScheduleBroadcast records card to be sent to every envelope at due, as one
// broadcast (a group): a scheduled send per copy, all recorded in one
// transaction after the checks a send makes. When due, each copy goes out on
// its own, as a scheduled send does, and joins the group, whose detail then
// fixes or retracts every copy. Nothing goes on the network now.
func (o *Ops) ScheduleBroadcast(envs []Envelope, card compose.Card, due time.Time) (string, []history.Scheduled, error) {
	msgs, err := o.scheduledMessages(envs, card, due)
	if err != nil {
		return "", nil, err
	}
	group, scs, err := o.Store.ScheduleBroadcast(msgs, due, o.now())
	if err != nil {
		return "", nil, &HistoryError{Op: history.OpSend, Path: o.Store.Path(), Err: err}
	}
	return group, scs, nil
}

// scheduledMessages checks what a scheduled send needs (every envelope, a
// history, a due time in the future) and builds the message for each
// envelope, as it will be sent.
func (o *Ops) scheduledMessages(envs []Envelope, card compose.Card, due time.Time) ([]history.Message, error) {
	for _, env := range envs {
		if err := CheckEnvelope(env); err != nil {
			return nil, err
		}
	}
	if o.Store == nil {
		return nil, errors.New("nothing was scheduled: a scheduled send is kept in the history, and there is none")
	}
	if !due.After(o.now()) {
		return nil, fmt.Errorf("nothing was scheduled: %s is not in the future", due.Format(time.RFC3339))
	}
	msgs := make([]history.Message, len(envs))
	for i, env := range envs {
		msgs[i] = o.withIdentity(history.Message{
			Profile: o.Profile, ToJID: env.ToJID, ReplyTo: env.ReplyTo, VisibleToUser: env.VisibleToUser,
			Markdown: card.Markdown, Revisions: []history.Revision{history.RevisionOf(card, due)},
		})
	}
	return msgs, nil
}

// FireOutcome is what became of one scheduled send in a run.
type FireOutcome string

// The outcomes of firing a scheduled send.
const (
	FiredSent    FireOutcome = "sent"            // Zoom accepted it; it is a sent message now
	FiredFailed  FireOutcome = "failed"          // Zoom certainly did not post it; it waits in the outbox
	FiredUnknown FireOutcome = "outcome-unknown" // no answer came; the admin resolves it
	FiredTooLate FireOutcome = "too-late"        // more than the allowed lateness overdue: not sent, still scheduled
	FiredTaken   FireOutcome = "taken"           // another runner began it first, or it was cancelled meanwhile: not sent here
	FiredOther   FireOutcome = "other-profile"   // scheduled under another profile: left to a runner with it
)

// Fired is the outcome of one scheduled send: its record as it was, how
// late it went (or would have gone), the message it became when it was
// sent, and the error of a failure.
type Fired struct {
	Scheduled history.Scheduled
	Outcome   FireOutcome
	Late      time.Duration // now - due when it was looked at
	Sent      Sent          // FiredSent, FiredFailed, FiredUnknown: the message record
	Err       error         // FiredFailed, FiredUnknown, and a history failure
}

// RunDue sends every scheduled send of this profile that is due, earliest
// first, and reports each through report (when not nil) as it settles, then
// returns them all. One more than maxLate overdue is not sent (FiredTooLate)
// and stays scheduled. A due send of another profile is reported as
// FiredOther and left alone: it needs that profile's credentials. The error
// is only a history that could not be read.
func (o *Ops) RunDue(ctx context.Context, maxLate time.Duration, report func(Fired)) ([]Fired, error) {
	if o.Store == nil {
		return nil, errors.New("scheduled sends are kept in the history, and there is none")
	}
	waiting, err := o.Store.ScheduledSends(false)
	if err != nil {
		return nil, err
	}
	var out []Fired
	for _, sc := range waiting {
		if ctx.Err() != nil {
			break
		}
		if sc.Due.After(o.now()) {
			break // sorted by due: the rest are not due either
		}
		f := o.fire(ctx, sc, maxLate)
		if report != nil {
			report(f)
		}
		out = append(out, f)
	}
	return out, nil
}

// FireScheduled sends the scheduled send id now, whatever its due time and
// lateness: the admin said so (the app's "send now", or "send anyway" for
// one too late). Another runner's send of it, or a cancellation, wins:
// FiredTaken.
func (o *Ops) FireScheduled(ctx context.Context, id string) (Fired, error) {
	if o.Store == nil {
		return Fired{}, errors.New("scheduled sends are kept in the history, and there is none")
	}
	sc, err := o.Store.GetScheduled(id)
	if err != nil {
		return Fired{}, err
	}
	now := o.now()
	if sc.Due.After(now) {
		// Sending early moves the due time to now first, in its own
		// transaction; BeginScheduledSend still decides who sends it.
		if sc, err = o.Store.Reschedule(id, now, nil); err != nil {
			return Fired{}, err
		}
	}
	return o.fire(ctx, sc, -1), nil
}

// NextDue is the due time of the earliest waiting send of this profile, and
// false when there is none.
func (o *Ops) NextDue() (time.Time, bool, error) {
	waiting, err := o.Store.ScheduledSends(false)
	if err != nil {
		return time.Time{}, false, err
	}
	now := o.now()
	for _, sc := range waiting {
		if sc.Message.Profile == o.Profile && (sc.Due.After(now)) {
			return sc.Due, true, nil
		}
	}
	return time.Time{}, false, nil
}

// fire sends one due scheduled send: a negative maxLate sends it however
// late it is.
func (o *Ops) fire(ctx context.Context, sc history.Scheduled, maxLate time.Duration) Fired {
	now := o.now()
	f := Fired{Scheduled: sc, Late: max(now.Sub(sc.Due), 0)}
	switch {
	case sc.Message.Profile != o.Profile:
		f.Outcome = FiredOther
		return f
	case maxLate >= 0 && f.Late > maxLate:
		f.Outcome = FiredTooLate
		return f
	}
	m, err := o.Store.BeginScheduledSend(sc.ID, now)
	var notScheduled *history.NotScheduledError
	if errors.As(err, &notScheduled) {
		f.Outcome, f.Err = FiredTaken, err
		return f
	}
	if err != nil {
		f.Outcome, f.Err = FiredFailed, &HistoryError{Op: history.OpSend, Path: o.Store.Path(), Err: err}
		return f
	}
	f.Sent, f.Err = o.post(ctx, m, true)
	var unknown *UnknownError
	var unrecorded *RecordError
	switch {
	case f.Err == nil || errors.As(f.Err, &unrecorded):
		f.Outcome = FiredSent
	case errors.As(f.Err, &unknown):
		f.Outcome = FiredUnknown
	default:
		f.Outcome = FiredFailed
	}
	return f
}
