package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
)

// sendOptions are the inputs of `zoompose send`.
type sendOptions struct {
	*Common
	requestOptions
	cardInput
	To, ReplyTo, VisibleTo string
	NoMarkdown             bool
	JSON                   bool // print Zoom's whole answer as JSON instead of the id
}

func newSendCmd(common *Common, code *int) *cobra.Command {
	o := &sendOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "send --to JID [flags] [FILE|-]",
		Short: "Send a card as the chatbot",
		Long: `Send a card to a user or channel as the chatbot and record it in the history.

FILE is card source (see docs/card-source.md) or a .json content object; - or no FILE
reads stdin. The message id is printed on stdout (the whole answer with --json).
If Zoom accepted the message but the history could not be written, the id is still
printed, a warning goes to stderr and the exit code is 0: the message was sent.`,
		Example: `  zoompose send --to 5a1d…@conference.xmpp.zoom.us announcement.md
  echo '{"body":[{"type":"message","text":"hi"}]}' | zoompose send --to alice@xmpp.zoom.us -
  zoompose send --to … --var release=1.4 --dry-run --curl release-notes.md`,
		Args: maxArgs(1, "zoompose send --to JID [FILE|-]"),
	}
	cmd.RunE = func(c *cobra.Command, args []string) error {
		o.File = firstArg(args)
		return runner(common, code, func(ctx context.Context) error { return runSend(ctx, o) })(c, args)
	}
	f := cmd.Flags()
	f.StringVar(&o.To, "to", "", "recipient: a user JID (…@xmpp.zoom.us) or channel JID (…@conference.xmpp.zoom.us)")
	f.StringVar(&o.ReplyTo, "reply-to", "", "message id to reply to (a thread reply)")
	f.StringVar(&o.VisibleTo, "visible-to", "", "only this user sees the message in the channel")
	f.BoolVar(&o.NoMarkdown, "no-markdown", false, "do not ask Zoom to apply markdown (is_markdown_support=false)")
	f.BoolVar(&o.JSON, "json", false, "print Zoom's answer as JSON")
	f.StringArrayVar(&o.Vars, "var", nil, "fill a template variable: --var name=value (repeatable)")
	addRequestFlags(cmd, &o.requestOptions)
	return cmd
}

func runSend(ctx context.Context, o *sendOptions) error {
	if o.To == "" {
		return usagef("send needs a recipient: pass --to JID (a user …@xmpp.zoom.us or a channel …@conference.xmpp.zoom.us)")
	}
	if err := o.check(); err != nil {
		return err
	}
	s, err := o.openSession()
	if err != nil {
		return err
	}
	defer s.cleanup()
	c, err := loadCard(o.cardInput, o.Streams)
	if err != nil {
		return err
	}
	req := sendRequestFor(o, c)
	if o.DryRun {
		p, err := s.client.PrepareSend(req)
		if err != nil {
			return callError("send", s.cfg, err)
		}
		printPrepared(o.Out, p, o.Curl)
		return nil
	}
	store, err := openHistory(s.cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	return deliverSend(ctx, o, s, store, req, c)
}

// deliverSend sends the message and records it; the record is written before the id is
// printed, so a reported id is always in the history unless a warning said otherwise.
func deliverSend(ctx context.Context, o *sendOptions, s *session, store *history.Store, req zoom.SendRequest, c card) error {
	msg, err := s.client.Send(ctx, req)
	if err != nil {
		if errors.Is(err, zoom.ErrOutcomeUnknown) {
			keepOutcomeUnknown(store, s.cfg, "send", req, c.Source, err, o.Err)
		}
		return callError("send", s.cfg, err)
	}
	if err := recordSend(store, s.cfg, req, c, msg); err != nil {
		warnHistory(o.Err, "message "+msg.MessageID+" was sent", err)
	}
	return printMessage(o.Streams, msg, o.JSON)
}

// sendRequestFor is the request for this card and these options; --no-markdown overrides
// what the card itself would ask for.
func sendRequestFor(o *sendOptions, c card) zoom.SendRequest {
	return zoom.SendRequest{ToJID: o.To, Content: c.Content, ReplyTo: o.ReplyTo, VisibleToUser: o.VisibleTo, Markdown: c.Markdown && !o.NoMarkdown}
}

// recordSend stores the sent message with its first revision and remembers the recipient.
func recordSend(store *history.Store, cfg Config, req zoom.SendRequest, c card, msg *zoom.Message) error {
	now := time.Now()
	err := store.PutMessage(history.Message{
		ID: msg.MessageID, Profile: cfg.Profile, AccountID: cfg.AccountID,
		RobotJID: firstNonEmpty(msg.RobotJID, cfg.BotJID), ToJID: firstNonEmpty(msg.ToJID, req.ToJID),
		UserJID: firstNonEmpty(msg.UserJID, cfg.UserJID), ReplyTo: req.ReplyTo, VisibleToUser: req.VisibleToUser,
		Markdown: req.Markdown, ZoomSentTime: msg.SentTime, SentAt: now, Status: history.StatusSent,
		Revisions: []history.Revision{{Content: c.Content, Source: c.Source, Markdown: req.Markdown, At: now}},
	})
	if err != nil {
		return err
	}
	return store.TouchRecipient(req.ToJID, now)
}

// messageOutput is Zoom's answer as --json prints it, in Zoom's own key names.
type messageOutput struct {
	MessageID  string `json:"message_id"`
	RobotJID   string `json:"robot_jid,omitempty"`
	ToJID      string `json:"to_jid,omitempty"`
	UserJID    string `json:"user_jid,omitempty"`
	SentTime   string `json:"sent_time,omitempty"`
	TrackingID string `json:"tracking_id,omitempty"`
}

// printMessage prints the message id, or with asJSON Zoom's whole answer on one line.
func printMessage(s Streams, msg *zoom.Message, asJSON bool) error {
	if !asJSON {
		fmt.Fprintln(s.Out, msg.MessageID)
		return nil
	}
	out := messageOutput{msg.MessageID, msg.RobotJID, msg.ToJID, msg.UserJID, msg.SentTime, msg.TrackingID}
	return json.NewEncoder(s.Out).Encode(out)
}

func firstArg(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
