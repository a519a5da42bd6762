package ops

import (
	"context"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
)

// Edit replaces the live content of message id with card: the intent (with
// the new card) first, then the request; Zoom's answer adds the card as a
// new revision. A message zoompose did not send gets a record of its own.
func (o *Ops) Edit(ctx context.Context, id string, card compose.Card) (history.Message, error) {
	rev := history.RevisionOf(card, o.now())
	return o.beginChange(ctx, id, history.OpEdit, &rev)
}

// Delete deletes message id on Zoom: the intent first, then the request;
// Zoom's answer marks the record deleted, keeping its content and revisions.
func (o *Ops) Delete(ctx context.Context, id string) (history.Message, error) {
	return o.beginChange(ctx, id, history.OpDelete, nil)
}

func (o *Ops) beginChange(ctx context.Context, id string, kind history.OpKind, rev *history.Revision) (history.Message, error) {
	if o.Store == nil {
		return o.change(ctx, history.Message{ID: id, Op: &history.Operation{Kind: kind, Revision: rev}})
	}
	m, err := o.Store.BeginChange(id, kind, rev, o.now())
	if err != nil {
		return m, o.unrecordable(kind, err)
	}
	return o.change(ctx, m)
}

// change sends the edit or delete of record m, whose intent is on disk, and
// settles it. It acts as the user the message was sent as, when known.
func (o *Ops) change(ctx context.Context, m history.Message) (history.Message, error) {
	var answer *zoom.Message
	var err error
	var tries zoom.Tries
	counted := zoom.WithTries(ctx, &tries)
	if m.Op.Kind == history.OpEdit {
		rev := m.Op.Revision
		answer, err = o.Client.Edit(counted, zoom.EditRequest{MessageID: m.ID, Content: rev.Content, Markdown: rev.Markdown, UserJID: m.UserJID})
	} else {
		answer, err = o.Client.Delete(counted, zoom.DeleteRequest{MessageID: m.ID, UserJID: m.UserJID})
	}
	if o.Store == nil {
		return m, err
	}
	if err != nil {
		return m, o.settleFailure(m.ID, m.Op.Attempts > 1, err, m.Op.Kind, tries)
	}
	rec, err := o.Store.Applied(m.ID, answerOf(answer, o.now(), tries))
	if err != nil {
		return m, o.recordError(m.Op.Kind, m.ID, history.Kept{RecordID: m.ID, MessageID: m.ID, ToJID: m.ToJID}, err)
	}
	return rec, nil
}

// Unfurl posts card as the preview of the link behind triggerID for userID:
// the intent first, then the request, then the answer settles the record.
func (o *Ops) Unfurl(ctx context.Context, userID, triggerID string, card compose.Card) (history.Unfurl, error) {
	u := history.Unfurl{Profile: o.Profile, UserID: userID, TriggerID: triggerID, Content: card.Content, Source: card.Source}
	if o.Store == nil {
		return u, o.Client.Unfurl(ctx, zoom.UnfurlRequest{UserID: userID, TriggerID: triggerID, Content: card.Content})
	}
	u, err := o.Store.BeginUnfurl(u, o.now())
	if err != nil {
		return u, o.unrecordable(history.OpUnfurl, err)
	}
	return o.postUnfurl(ctx, u)
}

func (o *Ops) retryUnfurl(ctx context.Context, id string) (history.Unfurl, error) {
	u, err := o.Store.SettleUnfurl(id, history.OpInFlight, "", false, history.Tries{})
	if err != nil {
		return u, o.unrecordable(history.OpUnfurl, err)
	}
	return o.postUnfurl(ctx, u)
}

// postUnfurl sends unfurl u, whose intent is on disk, and settles it.
func (o *Ops) postUnfurl(ctx context.Context, u history.Unfurl) (history.Unfurl, error) {
	var tries zoom.Tries
	err := o.Client.Unfurl(zoom.WithTries(ctx, &tries), zoom.UnfurlRequest{UserID: u.UserID, TriggerID: u.TriggerID, Content: u.Content})
	if err != nil {
		return u, o.settleFailure(u.ID, u.Op.Attempts > 1, err, history.OpUnfurl, tries)
	}
	rec, err := o.Store.SettleUnfurl(u.ID, "", "", false, triesOf(tries))
	if err != nil {
		return u, o.recordError(history.OpUnfurl, u.TriggerID, history.Kept{RecordID: u.ID}, err)
	}
	return rec, nil
}
