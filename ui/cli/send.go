package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// sendOptions are the inputs of `zoompose send`.
type sendOptions struct {
	*Common
	requestOptions
	cardInput
	// To are the recipients as typed: JIDs, labels or lists (--to, repeated). More than one
	// JID after resolving is a broadcast (broadcast.go).
	To                 []string
	ReplyTo, VisibleTo string
	JSON               bool   // print Zoom's whole answer as JSON instead of the id
	Yes                bool   // do not ask, even with a prod profile
	At                 string // --at: schedule the send instead (schedule_at.go)
	// resolved is To as JIDs and VisibleTo as a JID, set by resolveNames before anything
	// goes on the network.
	resolved resolvedEnvelope
}

func newSendCmd(common *Common, code *int) *cobra.Command {
	o := &sendOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "send --to JID|LABEL|LIST [--to …] [flags] [FILE|-]",
		Short: "Send a card as the chatbot",
		Long: `Send a card to a user or channel as the chatbot and record it in the history.

--to is a user JID (id@xmpp.zoom.us) or a channel JID (id@conference.xmpp.zoom.us), or
their Zoom for Government forms (…@xmpp.zoomgov.com, …@conference.xmpp.zoomgov.com);
--visible-to is a user JID; --reply-to a message id. They are checked before anything
else: a malformed one is exit 2 and nothing is sent or recorded. --to and --visible-to
also take a recipient's label, and --to a named list (see zoompose recipients): names are
resolved from the history before anything goes on the network; an unknown name is exit 2.

--to repeated (or a list) is a broadcast: one copy per recipient, each its own history
record, together a group (grp-…) that zoompose edit and delete take as one. It prints one
line per copy sent, MESSAGE_ID<TAB>TO_JID (--json: one object per copy, with its group)
and exits 1 if any copy failed (kept in the outbox as a single send would be). Copies go
one at a time; one whose rate limit outlasted the waits stops the rest, which stay in the
outbox, where sending them later is safe.

FILE is card source (see docs/card-source.md) or a .json content object; - or no FILE
reads stdin. The message id is printed on stdout (the whole answer with --json).
The send is recorded in the history before the request goes out; if the history cannot
be written, nothing is sent (exit 1; --no-history sends anyway, unrecorded).
If Zoom accepted the message but its answer could not be recorded, the id is still
printed, a warning goes to stderr and the exit code is 0: the message was sent.
A send that failed for a reason worth retrying (the network, a Zoom server error, a rate
limit that outlasted the waits) is kept in the outbox and the exit code is 1: open zoompose
and its Outbox screen (f4) to retry or discard it. A send whose answer never came is
recorded as outcome-unknown (exit 1): look in Zoom, then run zoompose history resolve.

--at TIME schedules the send instead: the card and the recipients are checked exactly as
for a send, and the send is recorded with its due time; its id is printed and nothing goes
on the network. zoompose schedule run sends it when due (see zoompose schedule --help).
With several recipients it schedules a broadcast: a scheduled send per copy, all of one group
(SCHEDULED_ID<TAB>TO_JID per copy); each copy joins the group as it goes out.`,
		Example: `  zoompose send --to 5a1d…@conference.xmpp.zoom.us announcement.md
  echo '{"body":[{"type":"message","text":"hi"}]}' | zoompose send --to alice@xmpp.zoom.us -
  zoompose send --to … --var release=1.4 --dry-run --curl release-notes.md
  zoompose send --to … --at "tomorrow 08:00" maintenance.md`,
		Args: maxArgs(1, "zoompose send --to JID [FILE|-]"),
	}
	cmd.RunE = func(c *cobra.Command, args []string) error {
		o.File = firstArg(args)
		return runner(common, code, func(ctx context.Context) error { return runSend(ctx, o) })(c, args)
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.To, "to", nil, "recipient: a user JID (…@xmpp.zoom.us), channel JID (…@conference.xmpp.zoom.us), label or list; repeat to broadcast")
	f.StringVar(&o.ReplyTo, "reply-to", "", "message id to reply to (a thread reply); printable ASCII, no spaces")
	f.StringVar(&o.VisibleTo, "visible-to", "", "only this user sees the message in the channel: a user JID (…@xmpp.zoom.us) or its label")
	completeRecipients(cmd, common)
	o.addNoMarkdownFlag(cmd)
	f.BoolVar(&o.JSON, "json", false, "print Zoom's answer as JSON")
	o.addVarFlag(cmd)
	o.addTemplateFlag(cmd, common)
	addYesFlag(cmd, &o.Yes)
	addRequestFlags(cmd, &o.requestOptions)
	addAtFlag(cmd, &o.At)
	return cmd
}

func runSend(ctx context.Context, o *sendOptions) error {
	if len(o.To) == 0 {
		return usagef("send needs a recipient: pass --to JID (a user …@xmpp.zoom.us or a channel …@conference.xmpp.zoom.us), a label or a list")
	}
	if err := o.checkEnvelope(); err != nil {
		return err
	}
	due, err := o.dueTime()
	if err != nil {
		return err
	}
	s, c, err := o.openCardSession(o.requestOptions, o.cardInput)
	if err != nil {
		return err
	}
	defer s.cleanup()
	if err := o.resolveNames(s.cfg); err != nil {
		return err
	}
	if len(o.resolved.to) > 1 {
		switch {
		case o.ReplyTo != "":
			return usagef("--reply-to goes with one recipient: a thread lives in one conversation, and --to names %d", len(o.resolved.to))
		}
		return runBroadcast(ctx, o, s, c, due)
	}
	if !o.DryRun {
		to := o.resolved.to[0].JID
		action := "send this card to " + to
		if !due.IsZero() {
			action = "schedule this card for " + to + " at " + due.Format(time.RFC3339)
		}
		if err := confirmProd(s.cfg, o.Streams, o.Yes, action); err != nil {
			return err
		}
	}
	return s.dryRunOrApply(o.requestOptions, o.Out,
		func() (*zoom.PreparedRequest, error) {
			env, oc := o.envelope(), c.Card
			return s.client.PrepareSend(zoom.SendRequest{
				ToJID: env.ToJID, ReplyTo: env.ReplyTo, VisibleToUser: env.VisibleToUser, Content: oc.Content, Markdown: oc.Markdown,
			})
		},
		func(store *history.Store) error {
			if !due.IsZero() {
				return deliverSchedule(o, s, store, c, due)
			}
			return deliverSend(ctx, o, s, store, c)
		})
}

// checkEnvelope checks --to, --visible-to and --reply-to locally, before the configuration,
// the history or the network is touched: a malformed value is a usage error naming its flag.
// A value without an @ is a name, resolved later from the history (resolveNames).
func (o *sendOptions) checkEnvelope() error {
	for _, to := range o.To {
		if !history.IsJIDLike(to) && strings.TrimSpace(to) != "" {
			continue
		}
		if err := zoom.CheckJID(to); err != nil {
			return usagef("--to %v", err)
		}
	}
	if history.IsJIDLike(o.VisibleTo) {
		if err := zoom.CheckUserJID(o.VisibleTo); err != nil {
			return usagef("--visible-to %v", err)
		}
	}
	if o.ReplyTo != "" {
		if err := zoom.CheckID("the message id", o.ReplyTo); err != nil {
			return usagef("--reply-to: %v", err)
		}
	}
	return nil
}

// envelope is where the one resolved --to, --reply-to and --visible-to send the card.
func (o *sendOptions) envelope() ops.Envelope {
	if len(o.resolved.to) == 0 { // not resolved: --to as given, which must be one JID
		o.resolved = resolvedEnvelope{to: distinctJIDs(o.To), visibleTo: o.VisibleTo}
	}
	return o.envelopeTo(o.resolved.to[0].JID)
}

// envelopeTo is the envelope of a copy to jid.
func (o *sendOptions) envelopeTo(jid string) ops.Envelope {
	return ops.Envelope{ToJID: jid, ReplyTo: o.ReplyTo, VisibleToUser: o.resolved.visibleTo}
}

// deliverSend sends the card through ops, which records it before the id is printed, so a
// reported id is always in the history unless a warning said otherwise.
func deliverSend(ctx context.Context, o *sendOptions, s *session, store *history.Store, c card) error {
	sent, err := s.operations(store).Send(ctx, o.envelope(), c.Card)
	if err := warnIfUnrecorded(o.Err, "message "+sent.ID+" was sent", err); err != nil {
		return sendError(s.cfg, err)
	}
	return printMessage(o.Streams, outputOf(sent.Message, sent.TrackingID), o.JSON)
}

// sendError is what a failed send reports. A send that ops kept in the outbox says so and
// where to retry or discard it: the app's Outbox screen, as the CLI has no retry of its own.
func sendError(cfg Config, err error) error {
	var kept *ops.OutboxError
	if errors.As(err, &kept) {
		return &keptError{callError(cfg, kept.Err)}
	}
	return callError(cfg, err)
}

// keptError is a failed send that waits in the outbox.
type keptError struct{ err error }

func (e *keptError) Error() string {
	return strings.TrimSuffix(e.err.Error(), ".") +
		". It is kept in the outbox: open zoompose and its Outbox screen (f4) to retry or discard it."
}

func (e *keptError) Unwrap() error { return e.err }

// messageOutput is a message as --json prints it, in Zoom's own key names.
type messageOutput struct {
	MessageID  string `json:"message_id"`
	RobotJID   string `json:"robot_jid,omitempty"`
	ToJID      string `json:"to_jid,omitempty"`
	UserJID    string `json:"user_jid,omitempty"`
	SentTime   string `json:"sent_time,omitempty"`
	TrackingID string `json:"tracking_id,omitempty"`
}

// outputOf is the --json output for a recorded message; trackingID is that of Zoom's answer
// when the caller has it.
func outputOf(m history.Message, trackingID string) messageOutput {
	return messageOutput{m.ID, m.RobotJID, m.ToJID, m.UserJID, m.ZoomSentTime, trackingID}
}

// printMessage prints the message id (with any control character shown, never
// interpreted), or with asJSON the whole message on one line as exact JSON (see
// termtext.JSON).
func printMessage(s Streams, out messageOutput, asJSON bool) error {
	if !asJSON {
		fmt.Fprintln(s.Out, termtext.Line(out.MessageID))
		return nil
	}
	data, err := json.Marshal(out)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(s.Out, "%s\n", termtext.JSON(data))
	return err
}

func firstArg(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}
