package historyview

import (
	"fmt"
	"strings"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/widget"
)

// filter is the filter box's text split into its parts: to:<jid or label>,
// status:<status> and the free text that searches the cards.
type filter struct {
	text   string
	to     string         // what followed to:, not yet resolved to a JID
	status history.Status // resolved from status:<prefix>
	bad    string         // why the filter can match nothing, e.g. an unknown status
}

// statuses in the order the filter tries prefixes.
var statuses = history.Statuses

// parseFilter splits the filter box's text. Tokens are case-insensitive; a
// status may be abbreviated to any unambiguous prefix (status:ed), and a
// token with nothing after the colon is ignored so that the list does not
// empty while the user is still typing it.
func parseFilter(raw string) filter {
	var f filter
	var words []string
	for _, word := range strings.Fields(raw) {
		name, value, _ := strings.Cut(word, ":")
		switch strings.ToLower(name) {
		case "to":
			f.to = value
		case "status":
			if value == "" {
				continue
			}
			if st, ok := matchStatus(value); ok {
				f.status = st
			} else {
				f.bad = fmt.Sprintf("status:%s is not a status: use sent, edited, deleted or outcome-unknown", value)
			}
		default:
			words = append(words, word)
		}
	}
	f.text = strings.Join(words, " ")
	return f
}

// matchStatus finds the status that value names or uniquely begins.
func matchStatus(value string) (history.Status, bool) {
	value = strings.ToLower(value)
	var found []history.Status
	for _, st := range statuses {
		if string(st) == value {
			return st, true
		}
		if strings.HasPrefix(string(st), value) {
			found = append(found, st)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return "", false
}

// resolveRecipient turns what followed to: into a recipient JID: an exact
// JID or label first, then the most recently used recipient whose label or
// JID contains it. A value with an @ that matches no recipient is taken as a
// JID; anything else matches nothing, and the second result says so.
func resolveRecipient(to string, recipients []history.Recipient) (history.Recipient, string) {
	want := strings.ToLower(strings.TrimPrefix(to, "#"))
	for _, r := range recipients {
		if strings.EqualFold(r.JID, to) || strings.EqualFold(strings.TrimPrefix(r.Label, "#"), want) {
			return r, ""
		}
	}
	for _, r := range recipients {
		if strings.Contains(strings.ToLower(r.Label), want) || strings.Contains(strings.ToLower(r.JID), want) {
			return r, ""
		}
	}
	if strings.Contains(to, "@") {
		return history.Recipient{JID: to}, ""
	}
	return history.Recipient{}, fmt.Sprintf("no recipient matches to:%s — type part of a label or JID", to)
}

// resolved is a filter ready to run: the store query, a note saying what it
// selects, and whether it can match anything at all.
type resolved struct {
	query history.Query
	note  string
	none  string // non-empty: the filter matches nothing, and this says why
}

// resolve builds the store query for f; recipients resolve to:.
func resolve(f filter, recipients []history.Recipient, limit int) resolved {
	r := resolved{query: history.Query{Limit: limit, Text: f.text, Status: f.status}}
	if f.bad != "" {
		r.none = f.bad
		return r
	}
	var parts []string
	if f.to != "" {
		rec, why := resolveRecipient(f.to, recipients)
		if why != "" {
			r.none = why
			return r
		}
		r.query.To = rec.JID
		// The header line has room for a whole JID (it is cut at the screen edge).
		parts = append(parts, "to "+widget.RecipientFit(rec.JID, rec.Label, widget.WholeJIDWidth))
	}
	if f.status != "" {
		parts = append(parts, "status "+string(f.status))
	}
	if f.text != "" {
		parts = append(parts, fmt.Sprintf("text %q", f.text))
	}
	r.note = strings.Join(parts, " · ")
	return r
}
