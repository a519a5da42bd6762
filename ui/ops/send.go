package ops

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
)

// outboxSend is the envelope an outbox entry keeps for a failed send: all a
// retry needs, and never a credential.
type outboxSend struct {
	Envelope
	Content  json.RawMessage `json:"content"`
	Markdown bool            `json:"markdown,omitempty"`
}

// Sent is a message Zoom accepted: its history record (as written, or as it
// would have been when a *RecordError comes with it) and the tracking id of
// Zoom's answer, which Zoom support asks for.
type Sent struct {
	history.Message
	TrackingID string
}

// Send posts card to env.ToJID and records the message and its recipient.
// A failure worth retrying is kept in the outbox (see Retryable); its entry
// id is in the returned *OutboxError.
func (o *Ops) Send(ctx context.Context, env Envelope, card Card) (Sent, error) {
	return o.send(ctx, env, card, history.OutboxEntry{})
}

// RetryOutbox sends an outbox entry again. On success the entry is removed;
// on a retryable failure it stays with the new error and one more attempt.
func (o *Ops) RetryOutbox(ctx context.Context, e history.OutboxEntry) (Sent, error) {
	if e.Op != "send" {
		return Sent{}, fmt.Errorf("outbox entry %s is a %s; only sends can be retried from the outbox", e.ID, e.Op)
	}
	var kept outboxSend
	if err := json.Unmarshal(e.Envelope, &kept); err != nil {
		return Sent{}, fmt.Errorf("outbox entry %s cannot be read (%v); discard it", e.ID, err)
	}
	card := Card{Source: e.Source, Content: kept.Content, Markdown: kept.Markdown}
	m, err := o.send(ctx, kept.Envelope, card, e)
	if err == nil || isRecordError(err) {
		if derr := o.Store.DeleteOutbox(e.ID); derr != nil && err == nil {
			err = &RecordError{Op: "send", ID: m.ID, Err: derr}
		}
	}
	return m, err
}

func (o *Ops) send(ctx context.Context, env Envelope, card Card, entry history.OutboxEntry) (Sent, error) {
	sent, err := o.Client.Send(ctx, zoom.SendRequest{
		ToJID: env.ToJID, Content: card.Content, ReplyTo: env.ReplyTo,
		VisibleToUser: env.VisibleToUser, Markdown: card.Markdown,
	})
	if err != nil {
		return Sent{}, o.keep(env, card, entry, err)
	}
	now := o.now()
	cfg := o.Client.Config()
	m := history.Message{
		ID: sent.MessageID, Profile: o.Profile, AccountID: cfg.AccountID,
		RobotJID: cmp.Or(sent.RobotJID, cfg.RobotJID), ToJID: cmp.Or(sent.ToJID, env.ToJID),
		UserJID: cmp.Or(sent.UserJID, cfg.UserJID), ReplyTo: env.ReplyTo, VisibleToUser: env.VisibleToUser,
		Markdown: card.Markdown, ZoomSentTime: sent.SentTime, SentAt: now, Status: history.StatusSent,
		Revisions: []history.Revision{{Content: card.Content, Source: card.Source, Markdown: card.Markdown, At: now}},
	}
	result := Sent{Message: m, TrackingID: sent.TrackingID}
	if err := o.Store.PutMessage(m); err != nil {
		return result, &RecordError{Op: "send", ID: m.ID, Err: err}
	}
	if err := o.Store.TouchRecipient(m.ToJID, now); err != nil {
		return result, &RecordError{Op: "send", ID: m.ID, Err: err}
	}
	return result, nil
}

// OutboxError is a failed send that was kept in the outbox for a retry.
type OutboxError struct {
	EntryID string
	Err     error
}

// Error is the send's failure followed by where it is kept and what to do.
func (e *OutboxError) Error() string {
	return strings.TrimRight(e.Err.Error(), ". ") + ". It is kept in the outbox (f4), where you can retry or discard it."
}

// Unwrap returns the send's failure.
func (e *OutboxError) Unwrap() error { return e.Err }

// keep stores a retryable failure in the outbox and wraps err to say so.
// Other failures are returned as they are.
func (o *Ops) keep(env Envelope, card Card, entry history.OutboxEntry, err error) error {
	if !Retryable(err) {
		return err
	}
	envelope, merr := json.Marshal(outboxSend{Envelope: env, Content: card.Content, Markdown: card.Markdown})
	if merr != nil {
		return err
	}
	entry.Profile, entry.Op, entry.Envelope, entry.Source = o.Profile, "send", envelope, card.Source
	entry.Err, entry.At, entry.Attempts = err.Error(), o.now(), entry.Attempts+1
	if entry.ID == "" {
		entry.ID = history.NewLocalID()
	}
	if perr := o.Store.PutOutbox(entry); perr != nil {
		return fmt.Errorf("%w; it could not be kept in the outbox either (%v)", err, perr)
	}
	return &OutboxError{EntryID: entry.ID, Err: err}
}

func isRecordError(err error) bool {
	var rec *RecordError
	return errors.As(err, &rec)
}
