package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// recipientsOptions are the inputs of `zoompose recipients` and its subcommands.
type recipientsOptions struct {
	*Common
	JSON  bool
	Label string   // add: the label to give
	Args  []string // the positional arguments
}

func newRecipientsCmd(common *Common, code *int) *cobra.Command {
	o := &recipientsOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "recipients [--json]",
		Short: "List, label and group the recipients (labels and named lists)",
		Long: `List the recipients zoompose knows — every JID shown whole, with its label, how often
it was sent to and when last — and the named lists with their members.

A label names one JID and a list names several; either works wherever a JID does:
zoompose send --to ops, --to eng (a broadcast to every member), --visible-to alice.
Names match regardless of case, a label names one JID only, and a name cannot hold an @
(that is how a JID is told from a name) or be both a label and a list. A list holds JIDs:
labels given to add-list are resolved when it is saved.`,
		Example: `  zoompose recipients add 5a1d…@conference.xmpp.zoom.us --label ops
  zoompose recipients add-list eng ops 8e3f…@conference.xmpp.zoom.us alice
  zoompose send --to eng release.md
  zoompose recipients rename ops operations
  zoompose recipients remove alice
  zoompose recipients --json | jq .`,
		Args: cobra.NoArgs,
		RunE: runner(common, code, func(context.Context) error { return runRecipients(o) }),
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print one JSON object per recipient and per list")
	cmd.AddCommand(
		newRecipientsSubcmd(common, code, "add JID --label NAME", "Add a recipient with a label, or relabel it", argRange(1, 1, "zoompose recipients add JID --label NAME"), addRecipient, true),
		newRecipientsSubcmd(common, code, "rename OLD NEW", "Rename a label or a list", argRange(2, 2, "zoompose recipients rename OLD NEW"), renameName, false),
		newRecipientsSubcmd(common, code, "remove LABEL|JID", "Forget a recipient (its label and uses)", argRange(1, 1, "zoompose recipients remove LABEL|JID"), removeRecipient, false),
		newRecipientsSubcmd(common, code, "add-list NAME JID|LABEL|LIST...", "Save a named list of recipients (replacing one of that name)", cobra.MinimumNArgs(2), addList, false),
		newRecipientsSubcmd(common, code, "remove-list NAME", "Delete a named list", argRange(1, 1, "zoompose recipients remove-list NAME"), removeList, false),
	)
	return cmd
}

// newRecipientsSubcmd wires one subcommand that changes the names: apply runs with the
// history opened for writing.
func newRecipientsSubcmd(common *Common, code *int, use, short string, args cobra.PositionalArgs,
	apply func(*recipientsOptions, *history.Store) error, labelFlag bool) *cobra.Command {
	o := &recipientsOptions{Common: common}
	cmd := &cobra.Command{Use: use, Short: short, Args: args}
	cmd.RunE = func(c *cobra.Command, a []string) error {
		o.Args = a
		return runner(common, code, func(context.Context) error { return changeNames(o, apply) })(c, a)
	}
	if labelFlag {
		cmd.Flags().StringVar(&o.Label, "label", "", "the name to give the recipient")
	}
	cmd.ValidArgsFunction = withCompletionStore(common, func(s *history.Store, prefix string) []cobra.Completion {
		switch strings.Fields(use)[0] {
		case "rename":
			return nameCompletions(s, prefix, true, true)
		case "remove-list":
			return nameCompletions(s, prefix, false, true)
		case "remove", "add-list":
			return recipientCompletions(s, prefix, strings.HasPrefix(use, "add-list"), true)
		}
		return recipientCompletions(s, prefix, false, true)
	})
	return cmd
}

// changeNames checks nothing is malformed, opens the history for writing (creating it if
// need be: a label can come before the first send) and applies the change.
func changeNames(o *recipientsOptions, apply func(*recipientsOptions, *history.Store) error) error {
	cfg, cleanup, err := o.loadConfig()
	if err != nil {
		return err
	}
	defer cleanup()
	store, err := openHistory(cfg, "nothing was changed")
	if err != nil {
		return err
	}
	defer store.Close()
	return namesError(apply(o, store))
}

// namesError makes the history's refusals of a name usage errors (exit 2).
func namesError(err error) error {
	var nameErr *history.NameError
	var unknown *history.UnknownNamesError
	var notFound *history.NotFoundError
	switch {
	case errors.As(err, &unknown):
		return unknownNamesError("add-list", unknown.Names, "")
	case errors.As(err, &nameErr), errors.As(err, &notFound):
		return usagef("%v", err)
	}
	return err
}

func addRecipient(o *recipientsOptions, s *history.Store) error {
	jid := o.Args[0]
	if err := zoom.CheckJID(jid); err != nil {
		return usagef("recipients add takes a JID: %v", err)
	}
	if o.Label == "" {
		return usagef("recipients add needs the name to give it: --label NAME")
	}
	if err := s.LabelRecipient(jid, o.Label); err != nil {
		return err
	}
	fmt.Fprintf(o.Out, "%s\t%s\n", termtext.Line(o.Label), termtext.Line(jid))
	return nil
}

func renameName(o *recipientsOptions, s *history.Store) error {
	if err := s.Rename(o.Args[0], o.Args[1]); err != nil {
		return err
	}
	fmt.Fprintf(o.Out, "renamed %s to %s\n", termtext.Line(o.Args[0]), termtext.Line(o.Args[1]))
	return nil
}

func removeRecipient(o *recipientsOptions, s *history.Store) error {
	jid, err := s.RemoveRecipient(o.Args[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(o.Out, "removed %s\n", termtext.Line(jid))
	return nil
}

func addList(o *recipientsOptions, s *history.Store) error {
	for _, m := range o.Args[1:] {
		if history.IsJIDLike(m) {
			if err := zoom.CheckJID(m); err != nil {
				return usagef("list member %v", err)
			}
		}
	}
	list, err := s.PutList(o.Args[0], o.Args[1:])
	if err != nil {
		return err
	}
	fmt.Fprintf(o.Out, "%s\t%s\n", termtext.Line(list.Name), termtext.Line(strings.Join(list.Members, " ")))
	return nil
}

func removeList(o *recipientsOptions, s *history.Store) error {
	if err := s.RemoveList(o.Args[0]); err != nil {
		return err
	}
	fmt.Fprintf(o.Out, "removed list %s\n", termtext.Line(o.Args[0]))
	return nil
}

// recipientJSON and listJSON are the --json lines, told apart by kind.
type recipientJSON struct {
	Kind string `json:"kind"`
	history.Recipient
}

type listJSON struct {
	Kind string `json:"kind"`
	history.RecipientList
}

// runRecipients lists the recipients and the lists. It never creates a history.
func runRecipients(o *recipientsOptions) error {
	h := &historyOptions{Common: o.Common}
	store, done, err := h.openStore()
	if err != nil {
		return err
	}
	defer done()
	defer printWarnings(o.Err, store)
	recipients, err := store.Recipients()
	if err != nil {
		return err
	}
	lists, err := store.Lists()
	if err != nil {
		return err
	}
	if o.JSON {
		lines := newJSONLines(o.Out)
		for _, r := range recipients {
			if err := lines.Write(recipientJSON{"recipient", r}); err != nil {
				return err
			}
		}
		for _, l := range lists {
			if err := lines.Write(listJSON{"list", l}); err != nil {
				return err
			}
		}
		return lines.Close()
	}
	return writeRecipients(o.Streams, recipients, lists)
}

// writeRecipients prints the recipients (JIDs whole) and then the lists, members named by
// their labels where they have one.
func writeRecipients(st Streams, recipients []history.Recipient, lists []history.RecipientList) error {
	if len(recipients) == 0 && len(lists) == 0 {
		fmt.Fprintln(st.Err, "no recipients yet: send a message, or add one with zoompose recipients add JID --label NAME")
		return nil
	}
	labels := map[string]string{}
	tw := tabwriter.NewWriter(st.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LABEL\tJID\tUSES\tLAST USED")
	for _, r := range recipients {
		labels[r.JID] = r.Label
		last := "-"
		if !r.LastUsed.IsZero() {
			last = r.LastUsed.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", cell(cmpOr(r.Label, "-")), cell(r.JID), r.Uses, last)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(lists) == 0 {
		return nil
	}
	fmt.Fprintln(st.Out)
	tw = tabwriter.NewWriter(st.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LIST\tMEMBERS")
	for _, l := range lists {
		names := make([]string, len(l.Members))
		for i, jid := range l.Members {
			names[i] = cmpOr(labels[jid], jid)
		}
		fmt.Fprintf(tw, "%s\t%s\n", cell(l.Name), cell(strings.Join(names, ", ")))
	}
	return tw.Flush()
}
