package ops

import (
	"context"
	"errors"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
)

// Edit replaces the live content of message id with card and adds it as a
// new revision. A message sent outside zoompose (not in the history) gets a
// record of its own holding this revision.
func (o *Ops) Edit(ctx context.Context, id string, card Card) (history.Message, error) {
	req := zoom.EditRequest{MessageID: id, Content: card.Content, Markdown: card.Markdown}
	prev, getErr := o.Store.Get(id)
	if getErr == nil {
		req.UserJID = prev.UserJID
	}
	edited, err := o.Client.Edit(ctx, req)
	if err != nil {
		return history.Message{}, err
	}
	now := o.now()
	rev := history.Revision{Content: card.Content, Source: card.Source, Markdown: card.Markdown, At: now}
	m, err := o.Store.AddRevision(id, rev)
	if errors.Is(err, history.ErrNotFound) {
		m = o.foreignRecord(edited, history.StatusEdited, now)
		m.Markdown, m.Revisions = card.Markdown, []history.Revision{rev}
		err = o.Store.PutMessage(m)
	}
	if err != nil {
		return m, &RecordError{Op: "edit", ID: id, Err: err}
	}
	return m, nil
}

// Delete deletes message id on Zoom and marks the record deleted, keeping
// its content and revisions. Deleting a message that is not in the history
// succeeds with an empty record: there is nothing local to mark.
func (o *Ops) Delete(ctx context.Context, id string) (history.Message, error) {
	req := zoom.DeleteRequest{MessageID: id}
	if prev, err := o.Store.Get(id); err == nil {
		req.UserJID = prev.UserJID
	}
	if _, err := o.Client.Delete(ctx, req); err != nil {
		return history.Message{}, err
	}
	m, err := o.Store.MarkDeleted(id, o.now())
	if errors.Is(err, history.ErrNotFound) {
		return history.Message{ID: id, Status: history.StatusDeleted}, nil
	}
	if err != nil {
		return m, &RecordError{Op: "delete", ID: id, Err: err}
	}
	return m, nil
}

// Unfurl posts card as the preview of the link behind triggerID for userID,
// and records it.
func (o *Ops) Unfurl(ctx context.Context, userID, triggerID string, card Card) (history.Unfurl, error) {
	err := o.Client.Unfurl(ctx, zoom.UnfurlRequest{UserID: userID, TriggerID: triggerID, Content: card.Content})
	if err != nil {
		return history.Unfurl{}, err
	}
	u := history.Unfurl{
		ID: history.NewLocalID(), Profile: o.Profile, UserID: userID, TriggerID: triggerID,
		Content: card.Content, Source: card.Source, At: o.now(),
	}
	if err := o.Store.PutUnfurl(u); err != nil {
		return u, &RecordError{Op: "unfurl", ID: triggerID, Err: err}
	}
	return u, nil
}

// foreignRecord is the record of a message zoompose did not send itself.
func (o *Ops) foreignRecord(z *zoom.Message, status history.Status, now time.Time) history.Message {
	cfg := o.Client.Config()
	return history.Message{
		ID: z.MessageID, Profile: o.Profile, AccountID: cfg.AccountID,
		RobotJID: firstNonEmpty(z.RobotJID, cfg.RobotJID), ToJID: z.ToJID, UserJID: firstNonEmpty(z.UserJID, cfg.UserJID),
		ZoomSentTime: z.SentTime, SentAt: now, Status: status,
	}
}
