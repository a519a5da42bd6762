package ops

import (
	"cmp"
	"context"
	"errors"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
)

// Edit replaces the live content of message id with card and adds it as a
// new revision. A message sent outside zoompose (not in the history) gets a
// record of its own holding this revision. With a *RecordError the returned
// record still carries id and what Zoom answered.
func (o *Ops) Edit(ctx context.Context, id string, card Card) (history.Message, error) {
	req := zoom.EditRequest{MessageID: id, Content: card.Content, Markdown: card.Markdown, UserJID: o.recordedUserJID(id)}
	edited, err := o.Client.Edit(ctx, req)
	if err != nil {
		return history.Message{}, err
	}
	rev := history.Revision{Content: card.Content, Source: card.Source, Markdown: card.Markdown, At: o.now()}
	m, err := o.Store.AddRevision(id, rev)
	if errors.Is(err, history.ErrNotFound) {
		m = o.foreignRecord(id, edited, rev)
		err = o.Store.PutMessage(m)
	}
	if err != nil {
		if m.ID == "" {
			// The history failed before it could return the record; Zoom's
			// answer stands in for it so the caller can still show the id.
			m = o.foreignRecord(id, edited, rev)
		}
		return m, &RecordError{Op: "edit", ID: id, Err: err}
	}
	return m, nil
}

// Delete deletes message id on Zoom and marks the record deleted, keeping
// its content and revisions. Deleting a message that is not in the history
// succeeds with an empty record: there is nothing local to mark. With a
// *RecordError the returned record still carries id.
func (o *Ops) Delete(ctx context.Context, id string) (history.Message, error) {
	req := zoom.DeleteRequest{MessageID: id, UserJID: o.recordedUserJID(id)}
	if _, err := o.Client.Delete(ctx, req); err != nil {
		return history.Message{}, err
	}
	at := o.now()
	m, err := o.Store.MarkDeleted(id, at)
	if errors.Is(err, history.ErrNotFound) {
		return history.Message{ID: id, Status: history.StatusDeleted}, nil
	}
	if err != nil {
		return history.Message{ID: id, Status: history.StatusDeleted, DeletedAt: at}, &RecordError{Op: "delete", ID: id, Err: err}
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

// recordedUserJID is the user message id was sent as, when the history has
// it, so that an edit or delete acts as the same user; "" leaves the client's
// configured user.
func (o *Ops) recordedUserJID(id string) string {
	m, err := o.Store.Get(id)
	if err != nil {
		return ""
	}
	return m.UserJID
}

// foreignRecord is the record of message id, which zoompose did not send
// itself, after Zoom answered edit z with rev as the live content.
func (o *Ops) foreignRecord(id string, z *zoom.Message, rev history.Revision) history.Message {
	cfg := o.Client.Config()
	return history.Message{
		ID: id, Profile: o.Profile, AccountID: cfg.AccountID,
		RobotJID: cmp.Or(z.RobotJID, cfg.RobotJID), ToJID: z.ToJID, UserJID: cmp.Or(z.UserJID, cfg.UserJID),
		Markdown: rev.Markdown, ZoomSentTime: z.SentTime, SentAt: rev.At, Status: history.StatusEdited,
		Revisions: []history.Revision{rev},
	}
}
