package ops

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
)

// CopyOutcome is what happened to one copy of a broadcast, or to one copy of
// a group in a group edit or delete. A front end gets one per copy, in order,
// as each settles (the progress callback), and all of them at the end.
type CopyOutcome struct {
	Index int    // position of the copy, from 0
	Of    int    // how many copies there are
	ToJID string // where the copy goes (or went)
	// Message is the copy's record after this copy's operation: Zoom's
	// message id once sent; the local record id of a copy kept in the outbox.
	Message    history.Message
	TrackingID string // of Zoom's answer, when it answered
	// Err is nil when Zoom applied the operation, else as ops.Send, Edit and
	// Delete return it (*OutboxError, *UnknownError, *RecordError — Zoom
	// applied it, the record failed — or Zoom's refusal).
	Err error
	// Skipped says why the copy was not attempted: the group stopped before
	// its turn (ErrStopped: it waits in the outbox), or, in a group edit or
	// delete, the copy is deleted or was never sent. Err is nil with it.
	Skipped string
	stopped bool // skipped because the group stopped: it counts as failed
}

// OK reports whether Zoom applied the operation on this copy (a *RecordError
// means it did, only its record failed).
func (c CopyOutcome) OK() bool {
	var recErr *RecordError
	return c.Skipped == "" && (c.Err == nil || errors.As(c.Err, &recErr))
}

// GroupResult is every copy's outcome, in order, and the group's id.
type GroupResult struct {
	Group  string
	Copies []CopyOutcome
	// Waiting are the copies of a group edit or delete that are still
	// scheduled, not sent: the operation leaves them as they are (they go
	// out later with the card they were scheduled with, unless changed as
	// scheduled sends).
	Waiting []history.Scheduled
}

// Failed counts the copies Zoom did not (or may not have) applied, skipped
// ones that the group stopped before included.
func (r GroupResult) Failed() int {
	n := 0
	for _, c := range r.Copies {
		if !c.OK() && (c.Skipped == "" || c.stopped) {
			n++
		}
	}
	return n
}

// Progress receives each copy's outcome as it settles, on the goroutine that
// runs the group operation: a UI forwards it (e.g. as a tea.Msg through a
// channel); it must not block for long, as the next copy waits for it.
type Progress func(CopyOutcome)

// stopsGroup reports whether err should stop the copies after it from going
// out: Zoom's rate limit outlasted the client's waits (sending on would
// hammer an account already over its limit, and every later copy would
// fail the same way), or the caller cancelled.
func stopsGroup(ctx context.Context, err error) (string, bool) {
	var apiErr *zoom.APIError
	switch {
	case ctx.Err() != nil:
		return "cancelled", true
	case errors.As(err, &apiErr) && apiErr.Status == 429:
		return "Zoom's rate limit outlasted the waits", true
	}
	return "", false
}

// Broadcast posts card once to each envelope, one copy at a time, as a group:
// every copy's intent is recorded first, all in one transaction
// (history.BeginBroadcast: each copy queued in the outbox), then each copy is
// started (its own in-flight intent), sent and settled in turn, exactly as
// Send does one. progress, when not nil, hears each copy's outcome as it
// settles.
//
// Copies go one at a time, and the client waits out each 429 it gets. A copy
// whose rate limit outlasted those waits (or a cancelled ctx) stops the
// broadcast: the copies after it are not sent blind into the limit; they stay
// in the outbox, where sending them later is safe, and are reported Skipped.
// A process killed part way leaves the copy in flight as outcome-unknown (on
// the next open), the copies before it settled and the ones after it in the
// outbox.
//
// The error is for the broadcast as a whole: an envelope that fails
// CheckEnvelope (nothing recorded or sent), or a *HistoryError (the intents
// could not be recorded: nothing sent). Each copy's own failure is in its
// CopyOutcome; GroupResult.Failed counts them. With a nil Store the copies
// are sent unrecorded and have no group.
func (o *Ops) Broadcast(ctx context.Context, envs []Envelope, card compose.Card, progress Progress) (GroupResult, error) {
	for i, env := range envs {
		if err := CheckEnvelope(env); err != nil {
			return GroupResult{}, fmt.Errorf("copy %d of %d: %w", i+1, len(envs), err)
		}
	}
	copies := make([]history.Message, len(envs))
	for i, env := range envs {
		copies[i] = history.Message{
			Profile: o.Profile, ToJID: env.ToJID, ReplyTo: env.ReplyTo, VisibleToUser: env.VisibleToUser,
			Markdown: card.Markdown, Revisions: []history.Revision{history.RevisionOf(card, o.now())},
		}
	}
	res := GroupResult{Copies: make([]CopyOutcome, 0, len(envs))}
	if o.Store != nil {
		for i := range copies {
			copies[i] = o.withIdentity(copies[i])
		}
		var err error
		if res.Group, copies, err = o.Store.BeginBroadcast(copies, o.now()); err != nil {
			return GroupResult{}, o.unrecordable(history.OpSend, err)
		}
	}
	stop := ""
	for i, m := range copies {
		out := CopyOutcome{Index: i, Of: len(copies), ToJID: m.ToJID, Message: m}
		if stop != "" {
			out.Skipped, out.stopped = stop, true
		} else {
			sent, err := o.sendCopy(ctx, m)
			out.Message, out.TrackingID, out.Err = sent.Message, sent.TrackingID, err
			if why, ok := stopsGroup(ctx, err); ok {
				stop = fmt.Sprintf("not sent: the broadcast stopped after copy %d (%s); it waits in the outbox, where sending it is safe", i+1, why)
			}
		}
		res.Copies = append(res.Copies, out)
		if progress != nil {
			progress(out)
		}
	}
	return res, nil
}

// sendCopy starts and sends one queued copy of a broadcast. A copy that fails,
// even one Zoom refused as wrong, stays in the outbox: the broadcast's failed
// copies are listed there, beside the ones that were sent.
func (o *Ops) sendCopy(ctx context.Context, m history.Message) (Sent, error) {
	if o.Store == nil {
		return o.post(ctx, m, true)
	}
	if err := ctx.Err(); err != nil {
		return Sent{Message: m}, &OutboxError{EntryID: m.ID, Err: err} // still queued, never sent
	}
	started, err := o.Store.BeginRetry(m.ID, nil, o.now())
	if err != nil {
		return Sent{Message: m}, o.unrecordable(history.OpSend, err)
	}
	return o.post(ctx, started, true)
}

// EditGroup replaces the card of every live copy of broadcast group, one
// copy at a time, each as Edit does one (its own intent, its own revision).
// Deleted copies, and copies never sent (waiting in the outbox), are skipped
// with a note; the rest stop as Broadcast's do after a copy that ran out of
// rate limit or a cancel. The error is for the group as a whole: it could
// not be read, or names no broadcast.
func (o *Ops) EditGroup(ctx context.Context, group string, card compose.Card, progress Progress) (GroupResult, error) {
	return o.changeGroup(ctx, group, "edited", progress, func(id string) (history.Message, error) {
		return o.Edit(ctx, id, card)
	})
}

// DeleteGroup deletes every live copy of broadcast group on Zoom, as
// EditGroup edits them.
func (o *Ops) DeleteGroup(ctx context.Context, group string, progress Progress) (GroupResult, error) {
	return o.changeGroup(ctx, group, "deleted", progress, func(id string) (history.Message, error) {
		return o.Delete(ctx, id)
	})
}

func (o *Ops) changeGroup(ctx context.Context, group, done string, progress Progress, change func(id string) (history.Message, error)) (GroupResult, error) {
	g, err := o.ReadGroup(group)
	if err != nil {
		return GroupResult{}, err
	}
	if err := g.Unsent(); err != nil {
		return GroupResult{}, err
	}
	members := g.Messages
	res := GroupResult{Group: group, Waiting: g.Waiting()}
	stop := ""
	for i, m := range members {
		out := CopyOutcome{Index: i, Of: len(members), ToJID: m.ToJID, Message: m}
		switch {
		case stop != "":
			out.Skipped, out.stopped = stop, true
		case m.Status == history.StatusDeleted:
			out.Skipped = "already deleted"
		case history.IsLocalID(m.ID):
			out.Skipped = "it has no Zoom message id (never sent, or its outcome is unknown): it waits in the outbox as " + m.ID
		default:
			out.Message, out.Err = change(m.ID)
			if why, ok := stopsGroup(ctx, out.Err); ok {
				stop = fmt.Sprintf("not %s: the group stopped after copy %d (%s); run the command again for the rest", done, i+1, why)
			}
		}
		res.Copies = append(res.Copies, out)
		if progress != nil {
			progress(out)
		}
	}
	return res, nil
}

// GroupCopies is a broadcast group as a group edit or delete finds it: the
// copies that became messages (sent, failed, deleted…) and the copies that
// are still scheduled sends.
type GroupCopies struct {
	Group     string
	Messages  []history.Message   // history.Store.Group
	Scheduled []history.Scheduled // history.Store.GroupScheduled: waiting or cancelled
}

// ReadGroup reads group's copies. An id that names no broadcast is a
// *history.NotFoundError.
func (o *Ops) ReadGroup(group string) (GroupCopies, error) {
	if o.Store == nil {
		return GroupCopies{}, fmt.Errorf("group %s: a group operation needs the history, which holds its copies", group)
	}
	members, err := o.Store.Group(group)
	if err != nil {
		return GroupCopies{}, err
	}
	scheduled, err := o.Store.GroupScheduled(group)
	if err != nil {
		return GroupCopies{}, err
	}
	return GroupCopies{Group: group, Messages: members, Scheduled: scheduled}, nil
}

// OnZoom are the copies a group edit or delete acts on (history.Message.OnZoom).
func (g GroupCopies) OnZoom() []history.Message {
	var out []history.Message
	for _, m := range g.Messages {
		if m.OnZoom() {
			out = append(out, m)
		}
	}
	return out
}

// Waiting are the copies still waiting for their time.
func (g GroupCopies) Waiting() []history.Scheduled {
	var out []history.Scheduled
	for _, sc := range g.Scheduled {
		if sc.State == history.ScheduleWaiting {
			out = append(out, sc)
		}
	}
	return out
}

// Unsent is an *UnsentGroupError when the group is a scheduled broadcast
// none of whose copies is on Zoom: some still wait (or all were cancelled),
// so a group edit or delete has nothing to act on, and would otherwise
// report "0 of 0" while the waiting copies go out later, unchanged. Nil when
// a copy is on Zoom, or when the group was never scheduled.
func (g GroupCopies) Unsent() error {
	waiting := g.Waiting()
	if slices.ContainsFunc(g.Messages, history.Message.OnZoom) || len(g.Scheduled) == 0 || (len(waiting) == 0 && len(g.Messages) > 0) {
		return nil
	}
	return &UnsentGroupError{Group: g.Group, Waiting: len(waiting), Due: FirstDue(waiting), Cancelled: len(g.Scheduled) - len(waiting), Other: len(g.Messages)}
}

// FirstDue is the earliest time among scheduled copies; zero when there are none.
func FirstDue(scheduled []history.Scheduled) time.Time {
	var due time.Time
	for _, sc := range scheduled {
		if due.IsZero() || sc.Due.Before(due) {
			due = sc.Due
		}
	}
	return due
}

// UnsentGroupError means a group edit or delete found no copy of the group
// on Zoom because its copies are scheduled sends that have not gone out:
// nothing was sent. The waiting copies are changed as scheduled sends.
type UnsentGroupError struct {
	Group     string
	Waiting   int       // copies waiting for their time
	Due       time.Time // the earliest waiting copy's time
	Cancelled int       // copies cancelled before they went out
	Other     int       // copies that are messages but not on Zoom (deleted, failed)
}

// Error says what the copies are and that nothing was sent.
func (e *UnsentGroupError) Error() string {
	var parts []string
	if e.Waiting > 0 {
		parts = append(parts, fmt.Sprintf("%s scheduled for %s, not sent yet", CopiesOf(e.Waiting), e.Due.Local().Format("2006-01-02 15:04")))
	}
	if e.Cancelled > 0 {
		parts = append(parts, fmt.Sprintf("%s cancelled before being sent", CopiesOf(e.Cancelled)))
	}
	if e.Other > 0 {
		parts = append(parts, fmt.Sprintf("%s deleted or never on Zoom", CopiesOf(e.Other)))
	}
	return fmt.Sprintf("no copy of broadcast %s is on Zoom (%s): there is nothing to change there; nothing was sent", e.Group, strings.Join(parts, "; "))
}

// CopiesOf is "1 copy" or "N copies", as both front ends count a group's copies.
func CopiesOf(n int) string {
	if n == 1 {
		return "1 copy"
	}
	return fmt.Sprintf("%d copies", n)
}
