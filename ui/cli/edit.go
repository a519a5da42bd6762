package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// editOptions are the inputs of `zoompose edit`.
type editOptions struct {
	*Common
	requestOptions
	cardInput
	MessageID string
	JSON      bool
	Yes       bool // do not ask, even with a prod profile
}

func newEditCmd(common *Common, code *int) *cobra.Command {
	o := &editOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "edit MESSAGE_ID|GROUP_ID [FILE|-]",
		Short: "Replace the card of a message the chatbot sent",
		Long: `Replace the content of a message the chatbot sent, and add the new version to the
message's revisions in the history (the earlier versions are kept).

FILE is card source or a .json content object; - or no FILE reads stdin.

The edit keeps the message's markdown setting, as the app's edit does: a message sent with
markdown off stays off (its text goes as written), one sent with it on stays on.
--markdown or --no-markdown says otherwise.

A GROUP_ID (grp-…, a broadcast's) edits every live copy, one at a time, each with its own
revision: one line per copy edited (MESSAGE_ID<TAB>TO_JID), a note for each deleted or
never-sent copy skipped, and exit 1 if any copy failed (failed edits wait in the outbox).
Copies still scheduled are not sent, so not edited (a note says how many); a scheduled
broadcast none of whose copies went out, or a scheduled send's id, is exit 2: change those
with zoompose schedule or in the app's Scheduled list.`,
		Example: `  zoompose edit 5DD614F4-DD19-4C39-8D03-93C4D0A0C839 fixed.md`,
		Args:    argRange(1, 2, "zoompose edit MESSAGE_ID|GROUP_ID [FILE|-]"),
	}
	groupArgs(cmd, common, true)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		o.MessageID, o.File = args[0], ""
		if len(args) == 2 {
			o.File = args[1]
		}
		return runner(common, code, func(ctx context.Context) error { return runEdit(ctx, o) })(c, args)
	}
	f := cmd.Flags()
	o.addNoMarkdownFlag(cmd)
	f.BoolVar(&o.Markdown, "markdown", false, "markdown on (is_markdown_support=true) even if the message was sent with it off")
	f.BoolVar(&o.JSON, "json", false, "print the edited message as JSON")
	o.addVarFlag(cmd)
	addYesFlag(cmd, &o.Yes)
	addRequestFlags(cmd, &o.requestOptions)
	return cmd
}

func runEdit(ctx context.Context, o *editOptions) error {
	if strings.TrimSpace(o.MessageID) == "" {
		return usagef("edit needs the MESSAGE_ID that send printed (see zoompose history)")
	}
	if history.IsGroupID(o.MessageID) {
		if err := refuseGroupDryRun(o.requestOptions, o.MessageID); err != nil {
			return err
		}
	}
	if o.Markdown && o.NoMarkdown {
		return usagef("--markdown and --no-markdown contradict each other: give one")
	}
	if err := o.requestOptions.check(); err != nil {
		return err
	}
	s, err := o.openSession()
	if err != nil {
		return err
	}
	defer s.cleanup()
	if !o.Markdown && !o.NoMarkdown {
		o.kept = o.keptMarkdown(s.cfg)
	}
	c, err := loadCard(o.cardInput, o.Streams)
	if err != nil {
		return err
	}
	oc := c.Card
	return s.dryRunOrApply(o.requestOptions, o.Out,
		func() (*zoom.PreparedRequest, error) {
			return s.client.PrepareEdit(zoom.EditRequest{MessageID: o.MessageID, Content: oc.Content, Markdown: oc.Markdown})
		},
		func(store *history.Store) error { return applyEdit(ctx, o, s, store, oc) })
}

// keptMarkdown is the markdown mode of the message the edit replaces (a broadcast's first
// copy: its copies share one card), read from the history without creating it; nil when the
// history does not hold the message. A message sent with markdown off by choice keeps it off:
// the admin is told, with the flag that turns it on; one whose plain card went with markdown
// off in auto mode is built in auto mode again. It reads the history of the session's
// configuration: loading it again would print the profile twice and, with --sandbox, start
// a second simulator with a throw-away history of its own.
func (o *editOptions) keptMarkdown(cfg Config) *compose.MarkdownMode {
	store, err := history.OpenReadOnly(cfg.DB, history.LockTimeout) // as long as the edit's own open waits
	if err != nil {
		return nil
	}
	defer store.Close()
	var m history.Message
	if history.IsGroupID(o.MessageID) {
		copies, err := store.Group(o.MessageID)
		if err != nil || len(copies) == 0 {
			return nil
		}
		m = copies[0]
	} else if m, err = store.Get(o.MessageID); err != nil {
		return nil
	}
	mode := m.LiveMarkdownMode()
	if mode == compose.MarkdownOff {
		fmt.Fprintf(o.Err, "note: %s was sent with markdown off, and the edit keeps it off (its text goes as written); --markdown turns it on\n", termtext.Line(o.MessageID))
	}
	return &mode
}

// applyEdit edits through ops, which adds the revision to the history before the id is
// printed. A scheduled send, or a group none of whose copies is sent, is refused before the
// prod question.
func applyEdit(ctx context.Context, o *editOptions, s *session, store *history.Store, oc compose.Card) error {
	if err := refuseScheduled(store, o.MessageID, "edit"); err != nil {
		return err
	}
	if history.IsGroupID(o.MessageID) {
		g, err := s.operations(store).ReadGroup(o.MessageID)
		if err == nil {
			err = g.Unsent()
		}
		if err != nil {
			return groupError(o.MessageID, "edit", err)
		}
	}
	if err := confirmProd(s.cfg, o.Streams, o.Yes, "replace the card of message "+o.MessageID); err != nil {
		return err
	}
	if history.IsGroupID(o.MessageID) {
		return applyEditGroup(ctx, o, s, store, oc)
	}
	m, err := s.operations(store).Edit(ctx, o.MessageID, oc)
	if err := warnIfUnrecorded(o.Err, "message "+o.MessageID+" was edited", err); err != nil {
		return callError(s.cfg, scheduledError(err, "edit"))
	}
	return printMessage(o.Streams, outputOf(m, ""), o.JSON)
}
