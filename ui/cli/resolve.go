package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// resolveOptions are the inputs of `zoompose history resolve`.
type resolveOptions struct {
	*Common
	RecordID   string
	Arrived    bool
	NotArrived bool
	MessageID  string
}

func newHistoryResolveCmd(common *Common, code *int) *cobra.Command {
	o := &resolveOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "resolve RECORD_ID --arrived [--message-id ID] | --not-arrived",
		Short: "Say whether an operation of unknown outcome reached Zoom",
		Long: `Settle a record whose outcome is unknown: its request was written, but Zoom's answer
never came (a timeout, a dropped connection, a cancel, or zoompose was killed), so it may or
may not have been applied. Look in Zoom, then say what you saw:

  --arrived       it is there: the record counts as sent (or edited, deleted, unfurled);
                  with --message-id, a send takes the id Zoom shows for it, so it can be
                  edited and deleted later
  --not-arrived   it is not there: the record is failed, and waits in the app's outbox
                  (f4), where sending it again is safe

List them with: zoompose history --status outcome-unknown`,
		Example: `  zoompose history --status outcome-unknown
  zoompose history resolve local-m3x1k2-9f2c11aa --arrived --message-id 5DD614F4-DD19-4C39-8D03-93C4D0A0C839
  zoompose history resolve local-m3x1k2-9f2c11aa --not-arrived`,
		Args: argRange(1, 1, "zoompose history resolve RECORD_ID --arrived|--not-arrived"),
	}
	cmd.ValidArgsFunction = firstArgOnly(withCompletionStore(common, func(s *history.Store, prefix string) []cobra.Completion {
		return messageCompletions(s, prefix, history.Query{Status: history.StatusOutcomeUnknown}, false, false)
	}), false)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		o.RecordID = args[0]
		return runner(common, code, func(context.Context) error { return runResolve(o) })(c, args)
	}
	f := cmd.Flags()
	f.BoolVar(&o.Arrived, "arrived", false, "it reached Zoom")
	f.BoolVar(&o.NotArrived, "not-arrived", false, "it did not reach Zoom")
	f.StringVar(&o.MessageID, "message-id", "", "with --arrived, for a send: the message id Zoom shows for it")
	return cmd
}

func runResolve(o *resolveOptions) error {
	switch {
	case o.Arrived == o.NotArrived:
		return usagef("say what you saw in Zoom: pass --arrived or --not-arrived")
	case o.NotArrived && o.MessageID != "":
		return usagef("--message-id goes with --arrived: a send that did not arrive has no message id")
	}
	if o.MessageID != "" {
		if err := zoom.CheckID("the message id", o.MessageID); err != nil {
			return usagef("--message-id: %v; copy the id Zoom shows for the message", err)
		}
	}
	h := &historyOptions{Common: o.Common}
	store, done, err := h.openStore()
	if err != nil {
		return err
	}
	defer done()
	res, err := store.Resolve(o.RecordID, history.Resolution{Arrived: o.Arrived, MessageID: o.MessageID})
	var taken *history.IDTakenError
	if errors.As(err, &taken) {
		return usagef("%v", err) // the id given is wrong: nothing changed
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(o.Out, "%s\t%s\n", termtext.Line(res.ID), termtext.Line(string(res.Status)))
	if !o.Arrived {
		fmt.Fprintf(o.Err, "%s is failed now: open zoompose and its Outbox screen (f4) to send it again or discard it\n", termtext.Line(res.ID))
	}
	return nil
}
