package cli

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/termtext"
)

// Shell completion of what lives in the history: message and group ids, recipients, labels
// and lists. It opens the history read-only (history.OpenReadOnly: nothing created,
// migrated or written) and gives up quietly, offering nothing, when there is no history or
// another zoompose holds it. Every description is outside text and goes through termtext.

// completionWait is how long completion waits for a history another zoompose is writing.
const completionWait = 200 * time.Millisecond

// completionIDs is how many recent messages completion offers ids from.
const completionIDs = 100

type completeFunc = func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective)

// withCompletionStore runs list with the history the configuration names, read-only, and
// offers what it returns; without a history (or with --sandbox, whose history is made
// afresh) it offers nothing. Files are never offered in their place.
func withCompletionStore(common *Common, list func(*history.Store, string) []cobra.Completion) completeFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if common.Sandbox {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		cfg, err := LoadConfig(common.Flags, common.Getenv)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		store, err := history.OpenReadOnly(cfg.DB, completionWait)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		defer store.Close()
		return list(store, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// firstArgOnly completes the first positional argument with fn, and files after it (a
// card FILE) when files is true.
func firstArgOnly(fn completeFunc, files bool) completeFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			if files {
				return nil, cobra.ShellCompDirectiveDefault
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return fn(cmd, args, toComplete)
	}
}

// completion is one candidate with its description, both made safe for the terminal.
func completion(value, description string) cobra.Completion {
	return cobra.CompletionWithDesc(termtext.Line(value), clip(termtext.Line(description), 60))
}

// hasPrefixFold is a case-insensitive prefix test (labels match regardless of case).
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// completeRecipients registers completion of --to (JIDs, labels, lists) and of
// --visible-to (users' JIDs and labels) on cmd.
func completeRecipients(cmd *cobra.Command, common *Common) {
	_ = cmd.RegisterFlagCompletionFunc("to", withCompletionStore(common, func(s *history.Store, prefix string) []cobra.Completion {
		return recipientCompletions(s, prefix, true, true)
	}))
	if cmd.Flags().Lookup("visible-to") != nil {
		_ = cmd.RegisterFlagCompletionFunc("visible-to", withCompletionStore(common, func(s *history.Store, prefix string) []cobra.Completion {
			return recipientCompletions(s, prefix, false, false)
		}))
	}
}

// recipientCompletions offers labels (described by their JID), lists (with their size,
// when withLists) and JIDs (described by their label or use), most recently used first;
// channels only when withChannels.
func recipientCompletions(s *history.Store, prefix string, withLists, withChannels bool) []cobra.Completion {
	var out []cobra.Completion
	recipients, _ := s.Recipients()
	for _, r := range recipients {
		if !withChannels && strings.Contains(r.JID, "@conference.") {
			continue
		}
		if r.Label != "" && hasPrefixFold(r.Label, prefix) {
			out = append(out, completion(r.Label, r.JID))
		}
		if strings.HasPrefix(r.JID, prefix) {
			out = append(out, completion(r.JID, recipientDescription(r)))
		}
	}
	if withLists {
		lists, _ := s.Lists()
		for _, l := range lists {
			if hasPrefixFold(l.Name, prefix) {
				out = append(out, completion(l.Name, fmt.Sprintf("list of %d", len(l.Members))))
			}
		}
	}
	return out
}

func recipientDescription(r history.Recipient) string {
	if r.Label != "" {
		return r.Label
	}
	return fmt.Sprintf("used %d times", r.Uses)
}

// nameCompletions offers the labels and list names (for rename and remove-list).
func nameCompletions(s *history.Store, prefix string, labels, lists bool) []cobra.Completion {
	var out []cobra.Completion
	if labels {
		recipients, _ := s.Recipients()
		for _, r := range recipients {
			if r.Label != "" && hasPrefixFold(r.Label, prefix) {
				out = append(out, completion(r.Label, r.JID))
			}
		}
	}
	if lists {
		all, _ := s.Lists()
		for _, l := range all {
			if hasPrefixFold(l.Name, prefix) {
				out = append(out, completion(l.Name, fmt.Sprintf("list of %d", len(l.Members))))
			}
		}
	}
	return out
}

// messageCompletions offers the ids of the newest messages that q selects, newest first,
// each with its card's first line, and the ids of the broadcast groups among them (with
// groups). With changeable, only what an edit or a delete can act on: messages on Zoom with
// no operation in the way (history.Message.Changeable; not a deleted one, nor a failed or
// unknown send known only by its local id), and groups with such a copy.
func messageCompletions(s *history.Store, prefix string, q history.Query, groups, changeable bool) []cobra.Completion {
	q.Limit = completionIDs
	page, _ := s.List(q)
	var out []cobra.Completion
	seen := map[string]bool{}
	for _, m := range page.Messages {
		line := firstLine(m.Live())
		if groups && m.Group != "" && !seen[m.Group] && strings.HasPrefix(m.Group, prefix) {
			seen[m.Group] = true
			if !changeable || groupChangeable(s, m.Group) {
				out = append(out, completion(m.Group, "broadcast: "+line))
			}
		}
		if changeable && !m.Changeable() {
			continue
		}
		if strings.HasPrefix(m.ID, prefix) {
			out = append(out, completion(m.ID, line))
		}
	}
	return out
}

// groupChangeable reports whether a copy of group can be edited or deleted (its copies may
// reach past the page completion reads, so the group is read whole).
func groupChangeable(s *history.Store, group string) bool {
	copies, _ := s.Group(group)
	return slices.ContainsFunc(copies, history.Message.Changeable)
}

// completeMessageIDs completes a MESSAGE_ID|GROUP_ID first argument (edit, delete) with
// what the command can act on.
func completeMessageIDs(common *Common, filesAfter bool) completeFunc {
	return firstArgOnly(withCompletionStore(common, func(s *history.Store, prefix string) []cobra.Completion {
		return messageCompletions(s, prefix, history.Query{}, true, true)
	}), filesAfter)
}

// groupCompletions offers the ids of the broadcast groups among the newest messages.
func groupCompletions(s *history.Store, prefix string) []cobra.Completion {
	var out []cobra.Completion
	for _, c := range messageCompletions(s, prefix, history.Query{}, true, false) {
		if history.IsGroupID(strings.SplitN(c, "\t", 2)[0]) {
			out = append(out, c)
		}
	}
	return out
}
