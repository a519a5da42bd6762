package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
)

// resolvedEnvelope is send's --to and --visible-to as JIDs.
type resolvedEnvelope struct {
	to        []history.ResolvedRecipient
	visibleTo string
}

// resolveNames turns --to and --visible-to into JIDs before anything goes on the network:
// labels and lists are looked up in the history (opened for the look-up and closed again,
// so the send can open it), every JID that comes out is checked as one typed would be, and
// the same JID named twice is one copy. Without a name the history is not opened.
func (o *sendOptions) resolveNames(cfg Config) error {
	o.resolved = resolvedEnvelope{to: distinctJIDs(o.To), visibleTo: o.VisibleTo}
	if len(namesOnly(o.To)) > 0 {
		to, err := resolveRecipientNames(cfg, "--to", o.To)
		if err != nil {
			return err
		}
		for _, r := range to {
			if err := zoom.CheckJID(r.JID); err != nil {
				return usagef("--to %s stands for %s, which is not a JID zoompose can send to: %v", r.Via, r.JID, err)
			}
		}
		o.resolved.to = to
	}
	if o.VisibleTo == "" || history.IsJIDLike(o.VisibleTo) {
		return nil
	}
	visible, err := resolveRecipientNames(cfg, "--visible-to", []string{o.VisibleTo})
	if err != nil {
		return err
	}
	if len(visible) != 1 || zoom.CheckUserJID(visible[0].JID) != nil {
		return usagef("--visible-to %s must name one user (a user JID or its label), not a list or a channel", o.VisibleTo)
	}
	o.resolved.visibleTo = visible[0].JID
	return nil
}

// distinctJIDs is jids without repeats, in order, as the resolver gives them.
func distinctJIDs(jids []string) []history.ResolvedRecipient {
	var out []history.ResolvedRecipient
	seen := map[string]bool{}
	for _, jid := range jids {
		if !seen[jid] { // the resolver's rule: one copy per JID
			seen[jid] = true
			out = append(out, history.ResolvedRecipient{JID: jid})
		}
	}
	return out
}

// resolveRecipientNames resolves names (JIDs, labels, lists) with the history the
// configuration names. An unknown name, or a history that does not exist yet, is a usage
// error naming every unknown name and how to add one.
func resolveRecipientNames(cfg Config, flag string, names []string) ([]history.ResolvedRecipient, error) {
	store, err := history.OpenExisting(cfg.DB)
	if errors.Is(err, history.ErrNoHistory) {
		return nil, unknownNamesError(flag, namesOnly(names), "there is no history yet at "+cfg.DB+", so no labels or lists")
	}
	if err != nil {
		return nil, fmt.Errorf("%s names a label or list, but the history could not be read to resolve it: %w; nothing was sent", flag, err)
	}
	defer store.Close()
	resolved, err := store.ResolveRecipients(names)
	var unknown *history.UnknownNamesError
	if errors.As(err, &unknown) {
		return nil, unknownNamesError(flag, unknown.Names, "")
	}
	return resolved, err
}

// namesOnly are the entries of names that are not JIDs.
func namesOnly(names []string) []string {
	var out []string
	for _, n := range names {
		if !history.IsJIDLike(n) {
			out = append(out, n)
		}
	}
	return out
}

func unknownNamesError(flag string, names []string, why string) error {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = fmt.Sprintf("%q", n)
	}
	if why != "" {
		why = " (" + why + ")"
	}
	example := "NAME"
	if len(names) > 0 {
		example = names[0]
	}
	return usagef("%s %s: not a JID (it has no @), a recipient's label or a list%s; nothing was sent. Name a JID with: zoompose recipients add JID --label %s, or make a list with: zoompose recipients add-list %s JID|LABEL…; zoompose recipients shows the names there are",
		flag, strings.Join(quoted, ", "), why, example, example)
}
