package common

import (
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
)

// RecipientsMsg carries the recipients of the history, most recently used
// first. The root broadcasts it, so one load serves every screen that shows
// recipients (completion in the send form, labels in the history list).
type RecipientsMsg struct{ List []history.Recipient }

// Labels maps each labelled recipient's JID to its label.
func (r RecipientsMsg) Labels() map[string]string {
	labels := make(map[string]string, len(r.List))
	for _, rec := range r.List {
		if rec.Label != "" {
			labels[rec.JID] = rec.Label
		}
	}
	return labels
}

// LoadRecipients reads the recipients in a command. A failure becomes a
// warning in the status line: lists still work, only without labels.
func LoadRecipients(store *history.Store) tea.Cmd {
	if store == nil {
		return nil
	}
	return func() tea.Msg {
		rs, err := store.Recipients()
		if err != nil {
			return StatusMsg{Kind: StatusWarn, Text: "recent recipients and their labels could not be read: " + err.Error()}
		}
		return RecipientsMsg{List: rs}
	}
}
