package cli

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
)

// editOptions are the inputs of `zoompose edit`.
type editOptions struct {
	*Common
	requestOptions
	cardInput
	MessageID  string
	NoMarkdown bool
	JSON       bool
}

func newEditCmd(common *Common, code *int) *cobra.Command {
	o := &editOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "edit MESSAGE_ID [FILE|-]",
		Short: "Replace the card of a message the chatbot sent",
		Long: `Replace the content of a message the chatbot sent, and add the new version to the
message's revisions in the history (the earlier versions are kept).

FILE is card source or a .json content object; - or no FILE reads stdin.`,
		Example: `  zoompose edit 5DD614F4-DD19-4C39-8D03-93C4D0A0C839 fixed.md`,
		Args:    argRange(1, 2, "zoompose edit MESSAGE_ID [FILE|-]"),
	}
	cmd.RunE = func(c *cobra.Command, args []string) error {
		o.MessageID, o.File = args[0], ""
		if len(args) == 2 {
			o.File = args[1]
		}
		return runner(common, code, func(ctx context.Context) error { return runEdit(ctx, o) })(c, args)
	}
	f := cmd.Flags()
	f.BoolVar(&o.NoMarkdown, "no-markdown", false, "do not ask Zoom to apply markdown")
	f.BoolVar(&o.JSON, "json", false, "print Zoom's answer as JSON")
	f.StringArrayVar(&o.Vars, "var", nil, "fill a template variable: --var name=value (repeatable)")
	addRequestFlags(cmd, &o.requestOptions)
	return cmd
}

func runEdit(ctx context.Context, o *editOptions) error {
	if strings.TrimSpace(o.MessageID) == "" {
		return usagef("edit needs the MESSAGE_ID that send printed (see zoompose history)")
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
	req := zoom.EditRequest{MessageID: o.MessageID, Content: c.Content, Markdown: c.Markdown && !o.NoMarkdown}
	if o.DryRun {
		p, err := s.client.PrepareEdit(req)
		if err != nil {
			return callError("edit", s.cfg, err)
		}
		printPrepared(o.Out, p, o.Curl)
		return nil
	}
	store, err := openHistory(s.cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	msg, err := s.client.Edit(ctx, req)
	if err != nil {
		if errors.Is(err, zoom.ErrOutcomeUnknown) {
			keepOutcomeUnknown(store, s.cfg, "edit", req, c.Source, err, o.Err)
		}
		return callError("edit", s.cfg, err)
	}
	if err := recordEdit(store, s.cfg, req, c, msg); err != nil {
		warnHistory(o.Err, "message "+o.MessageID+" was edited", err)
	}
	if msg.MessageID == "" {
		msg.MessageID = o.MessageID
	}
	return printMessage(o.Streams, msg, o.JSON)
}

// recordEdit adds the new revision; a message sent by another tool gets a record of its own,
// starting with this revision, so that the history knows it from now on.
func recordEdit(store *history.Store, cfg Config, req zoom.EditRequest, c card, msg *zoom.Message) error {
	now := time.Now()
	rev := history.Revision{Content: c.Content, Source: c.Source, Markdown: req.Markdown, At: now}
	_, err := store.AddRevision(req.MessageID, rev)
	if !errors.Is(err, history.ErrNotFound) {
		return err
	}
	return store.PutMessage(history.Message{
		ID: req.MessageID, Profile: cfg.Profile, AccountID: cfg.AccountID,
		RobotJID: firstNonEmpty(msg.RobotJID, cfg.BotJID), ToJID: msg.ToJID,
		UserJID: firstNonEmpty(msg.UserJID, cfg.UserJID), Markdown: req.Markdown,
		ZoomSentTime: msg.SentTime, SentAt: now, Status: history.StatusEdited,
		Revisions: []history.Revision{rev},
	})
}
