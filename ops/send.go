package ops

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
)

// Sent is a message Zoom accepted: its history record (as written, or as it
// would have been when a *RecordError comes with it) and the tracking id of
// Zoom's answer, which Zoom support asks for.
type Sent struct {
	history.Message
	TrackingID string
}

// Send posts card to env.ToJID: the intent first, then the request, then
// the answer settles the record. A failure worth retrying stays in the
// outbox (*OutboxError), an answer that never came is recorded as outcome
// unknown (*UnknownError); a send Zoom refused as wrong leaves no record.
func (o *Ops) Send(ctx context.Context, env Envelope, card compose.Card) (Sent, error) {
	if err := CheckEnvelope(env); err != nil {
		return Sent{}, err // nothing recorded, nothing sent
	}
	m := history.Message{
		Profile: o.Profile, ToJID: env.ToJID, ReplyTo: env.ReplyTo, VisibleToUser: env.VisibleToUser,
		Markdown: card.Markdown, Revisions: []history.Revision{history.RevisionOf(card, o.now())},
	}
	if o.Store == nil {
		return o.post(ctx, m, false)
	}
	m, err := o.Store.BeginSend(o.withIdentity(m), o.now())
	if err != nil {
		return Sent{}, o.unrecordable(history.OpSend, err)
	}
	return o.post(ctx, m, false)
}

// withIdentity fills the account and identities the client sends as.
func (o *Ops) withIdentity(m history.Message) history.Message {
	cfg := o.Client.Config()
	m.AccountID, m.RobotJID, m.UserJID = cfg.AccountID, cfg.RobotJID, cmp.Or(m.UserJID, cfg.UserJID)
	return m
}

// post sends the card of record m, whose intent is on disk, and settles it.
// keep keeps any failure in the outbox (see settleFailure).
func (o *Ops) post(ctx context.Context, m history.Message, keep bool) (Sent, error) {
	live := m.Live()
	var answer *zoom.Message
	var tries zoom.Tries
	// A record written before JIDs were checked (or by hand) never goes out malformed.
	err := CheckEnvelope(Envelope{ToJID: m.ToJID, ReplyTo: m.ReplyTo, VisibleToUser: m.VisibleToUser})
	if err == nil {
		answer, err = o.Client.Send(zoom.WithTries(ctx, &tries), zoom.SendRequest{
			ToJID: m.ToJID, Content: live.Content, ReplyTo: m.ReplyTo,
			VisibleToUser: m.VisibleToUser, Markdown: live.Markdown,
		})
	}
	if o.Store == nil {
		return unrecorded(m, answer), err
	}
	if err != nil {
		return Sent{Message: m}, o.settleFailure(m.ID, keep || m.Op.Attempts > 1, err, history.OpSend, tries)
	}
	rec, err := o.Store.Applied(m.ID, answerOf(answer, o.now(), tries))
	if err != nil {
		return unrecorded(m, answer), o.recordError(history.OpSend, answer.MessageID,
			history.Kept{RecordID: m.ID, MessageID: answer.MessageID, ToJID: m.ToJID}, err)
	}
	return Sent{Message: rec, TrackingID: answer.TrackingID}, nil
}

// unrecorded is the record m would have after Zoom's answer, for a caller
// that records nothing or whose record failed.
func unrecorded(m history.Message, answer *zoom.Message) Sent {
	if answer == nil {
		return Sent{Message: m}
	}
	m.ID, m.Status, m.Op, m.ZoomSentTime = answer.MessageID, history.StatusSent, nil, answer.SentTime
	m.ToJID = cmp.Or(answeredJID(answer.ToJID), m.ToJID)
	return Sent{Message: m, TrackingID: answer.TrackingID}
}

// answerOf is Zoom's answer as the history records it. A JID in the answer
// that is not shaped like a Zoom JID (a hostile or broken server) is left
// out, so the record keeps the one it was sent with: the history, which
// cannot check JIDs itself (it does not import zoom), counts a use of the
// recorded to_jid as a recent recipient, and only ever gets one that passed
// zoom.CheckJID here or in CheckEnvelope.
func answerOf(z *zoom.Message, at time.Time, tries zoom.Tries) history.Answer {
	return history.Answer{
		MessageID: z.MessageID, RobotJID: answeredJID(z.RobotJID), ToJID: answeredJID(z.ToJID), UserJID: answeredJID(z.UserJID),
		SentTime: z.SentTime, At: at, Tries: triesOf(tries),
	}
}

// triesOf is the client's count of an attempt's requests as the history
// records it.
func triesOf(t zoom.Tries) history.Tries {
	return history.Tries{Requests: t.Requests, RateLimited: t.RateLimited}
}

// answeredJID is jid when it passes zoom.CheckJID, else "".
func answeredJID(jid string) string {
	if zoom.CheckJID(jid) != nil {
		return ""
	}
	return jid
}

// CheckEnvelope refuses an envelope Zoom could not deliver as meant, before
// anything is recorded or sent: the recipient must be a Zoom JID (user or
// channel), visible_to_user a user JID, reply_to a plausible message id. The
// error is a *zoom.InvalidRequestError naming the field (ToJID,
// VisibleToUser or ReplyTo); the front ends check their own fields first, to
// name them as the user knows them.
func CheckEnvelope(env Envelope) error {
	if err := zoom.CheckJID(env.ToJID); err != nil {
		return &zoom.InvalidRequestError{Op: "send", Field: "ToJID", Reason: err.Error()}
	}
	if env.VisibleToUser != "" {
		if err := zoom.CheckUserJID(env.VisibleToUser); err != nil {
			return &zoom.InvalidRequestError{Op: "send", Field: "VisibleToUser", Reason: err.Error()}
		}
	}
	if env.ReplyTo != "" {
		if err := zoom.CheckID("the reply-to message id", env.ReplyTo); err != nil {
			return &zoom.InvalidRequestError{Op: "send", Field: "ReplyTo", Reason: err.Error()}
		}
	}
	return nil
}

// Retry sends the unsettled operation of record id again: a failed one at
// once, one of unknown outcome only when acceptDuplicate says the admin was
// asked and accepted that it may post a second copy (ErrMayDuplicate
// otherwise). card, when not nil, replaces the card it sends (the admin
// changed it in the composer). The record stays the same one: sending it
// from any screen or command closes its outbox entry.
func (o *Ops) Retry(ctx context.Context, id string, card *compose.Card, acceptDuplicate bool) (history.Message, error) {
	if o.Store == nil {
		return history.Message{}, fmt.Errorf("%s was not sent again: a retry needs the history, which holds its card", id)
	}
	entry, err := o.entry(id)
	if err != nil {
		return history.Message{}, err
	}
	if entry.State == history.OpUnknown && !acceptDuplicate {
		return history.Message{}, fmt.Errorf("%s was not sent again: %w", id, ErrMayDuplicate)
	}
	if entry.Kind == history.OpUnfurl {
		if card != nil {
			return history.Message{}, fmt.Errorf("%s was not sent again: a kept unfurl is retried with its own card; post a changed card as a new unfurl", id)
		}
		u, err := o.retryUnfurl(ctx, id)
		return history.Message{ID: u.ID, Status: u.Status}, err
	}
	var rev *history.Revision
	if card != nil {
		r := history.RevisionOf(*card, o.now())
		rev = &r
	}
	m, err := o.Store.BeginRetry(id, rev, o.now())
	if err != nil {
		return m, o.unrecordable(entry.Kind, err)
	}
	if entry.Kind == history.OpSend {
		sent, err := o.post(ctx, m, false)
		return sent.Message, err
	}
	return o.change(ctx, m)
}

// entry is the outbox entry of record id, or why there is none.
func (o *Ops) entry(id string) (history.OutboxEntry, error) {
	entries, err := o.Store.Outbox()
	if err != nil {
		return history.OutboxEntry{}, fmt.Errorf("%s was not sent again: the history could not be read (%w)", id, err)
	}
	for _, e := range entries {
		if e.ID == id {
			return e, nil
		}
	}
	m, err := o.Store.Get(id)
	if err != nil {
		return history.OutboxEntry{}, fmt.Errorf("%s is not waiting in the outbox: %w", id, err)
	}
	return history.OutboxEntry{}, &history.SettledError{ID: m.ID, Status: m.Status}
}
