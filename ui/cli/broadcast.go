package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// runBroadcast sends the card once to each resolved --to, through ops.Broadcast: every
// copy's intent is in the history before the first request, the copies go one at a time,
// and each is reported as it settles. Exit 1 when any copy failed.
func runBroadcast(ctx context.Context, o *sendOptions, s *session, c card, due time.Time) error {
	jids := make([]string, len(o.resolved.to))
	for i, r := range o.resolved.to {
		jids[i] = r.JID
	}
	oc := c.Card
	if o.DryRun {
		for _, jid := range jids {
			if err := printDryRunSend(o, s, oc, jid); err != nil {
				return err
			}
		}
		return nil
	}
	action := fmt.Sprintf("send this card to %d recipients (%s)", len(jids), strings.Join(jids, ", "))
	if !due.IsZero() {
		action = fmt.Sprintf("schedule this card for %d recipients (%s) at %s", len(jids), strings.Join(jids, ", "), due.Format(time.RFC3339))
	}
	if err := confirmProd(s.cfg, o.Streams, o.Yes, action); err != nil {
		return err
	}
	return s.dryRunOrApply(o.requestOptions, o.Out, nil, func(store *history.Store) error {
		envs := make([]ops.Envelope, len(jids))
		for i, jid := range jids {
			envs[i] = o.envelopeTo(jid)
		}
		if !due.IsZero() {
			return deliverScheduledBroadcast(o, s, store, envs, oc, due)
		}
		res, err := s.operations(store).Broadcast(ctx, envs, oc, func(copy ops.CopyOutcome) {
			reportCopy(o.Streams, s.cfg, "", copy, o.JSON)
		})
		if err != nil {
			return callError(s.cfg, err)
		}
		return groupSummary(o.Streams, res, "sent")
	})
}

// copyOutput is one copy of a group as --json prints it: Zoom's key names for what Zoom
// answered, and the group, the outcome and, for a copy not applied, its record and why.
type copyOutput struct {
	Group string `json:"group,omitempty"`
	messageOutput
	Status   string `json:"status"` // sent, edited, deleted, failed, outcome-unknown, skipped
	RecordID string `json:"record_id,omitempty"`
	Error    string `json:"error,omitempty"`
}

// reportCopy prints one copy's outcome: MESSAGE_ID<TAB>TO_JID on stdout for a copy Zoom
// applied (a JSON object per copy with asJSON), and for the others a line on stderr that
// says what happened and where the copy is now.
func reportCopy(st Streams, cfg Config, done string, c ops.CopyOutcome, asJSON bool) {
	out := copyOutput{Group: c.Message.Group, messageOutput: outputOf(c.Message, c.TrackingID), Status: string(c.Message.Status)}
	out.ToJID = c.ToJID
	var recErr *ops.RecordError
	switch {
	case c.Skipped != "":
		out.Status, out.Error, out.MessageID, out.RecordID = "skipped", c.Skipped, "", c.Message.ID
		fmt.Fprintf(st.Err, "copy %d/%d to %s: %s\n", c.Index+1, c.Of, termtext.Line(c.ToJID), oneLine(c.Skipped))
	case errors.As(c.Err, &recErr):
		warnHistory(st.Err, fmt.Sprintf("copy %d/%d to %s was %s", c.Index+1, c.Of, c.ToJID, cmpOr(done, "sent")), fmt.Errorf("%w%s", recErr.Err, recErr.KeptNote()))
		out.Status = cmpOr(done, "sent")
	case c.Err != nil:
		out.Status, out.Error, out.MessageID = copyStatus(c), oneLine(sendError(cfg, c.Err).Error()), ""
		if out.Status != "refused" {
			out.RecordID = c.Message.ID // the record that waits for the admin
		}
		fmt.Fprintf(st.Err, "copy %d/%d to %s failed: %s\n", c.Index+1, c.Of, termtext.Line(c.ToJID), out.Error)
	}
	if asJSON {
		if data, err := json.Marshal(out); err == nil {
			fmt.Fprintf(st.Out, "%s\n", termtext.JSON(data))
		}
		return
	}
	if c.OK() {
		fmt.Fprintf(st.Out, "%s\t%s\n", termtext.Line(c.Message.ID), termtext.Line(c.ToJID))
	}
}

// copyStatus names a failed copy's state: outcome-unknown, failed (in the outbox), or
// refused (Zoom said no and nothing was kept).
func copyStatus(c ops.CopyOutcome) string {
	var unknown *ops.UnknownError
	var kept *ops.OutboxError
	switch {
	case errors.As(c.Err, &unknown):
		return string(history.StatusOutcomeUnknown)
	case errors.As(c.Err, &kept):
		return string(history.StatusFailed)
	}
	return "refused"
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// groupSummary says on stderr how the group went, and exits 1 when any copy failed (its
// line said where it is).
func groupSummary(st Streams, res ops.GroupResult, done string) error {
	failed := res.Failed()
	group := ""
	if res.Group != "" {
		group = "group " + termtext.Line(res.Group) + ": "
	}
	ok := 0
	for _, c := range res.Copies {
		if c.OK() {
			ok++
		}
	}
	fmt.Fprintf(st.Err, "%s%d of %d copies %s", group, ok, len(res.Copies), done)
	if failed > 0 {
		fmt.Fprintf(st.Err, "; %d failed or not sent (see above; failed and unsent copies wait in the outbox: zoompose history --status failed)\n", failed)
		return &reportedError{code: ExitAPI, msg: fmt.Sprintf("%d copies failed", failed)}
	}
	fmt.Fprintln(st.Err)
	return nil
}

// printDryRunSend prints the request of one copy, as send --dry-run does for one.
func printDryRunSend(o *sendOptions, s *session, oc compose.Card, jid string) error {
	env := o.envelopeTo(jid)
	p, err := s.client.PrepareSend(zoom.SendRequest{
		ToJID: env.ToJID, ReplyTo: env.ReplyTo, VisibleToUser: env.VisibleToUser, Content: oc.Content, Markdown: oc.Markdown,
	})
	if err != nil {
		return callError(s.cfg, err)
	}
	printPrepared(o.Out, p, o.Curl, s.cfg)
	return nil
}
