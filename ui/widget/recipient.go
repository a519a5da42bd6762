package widget

import (
	"cmp"
	"encoding/json"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/ui/termtext"
)

// FirstLine names a card in one line for a history row: compose.Summary, or
// "(empty card)" when the content holds no text (or is not a card at all).
// Control characters in the card are shown, never interpreted (termtext).
func FirstLine(content json.RawMessage) string {
	return termtext.Line(cmp.Or(compose.Summary(content), "(empty card)"))
}

// shortJIDLen is how many characters of a JID's local part ShortJID keeps.
const shortJIDLen = 12

// ShortJID shortens a JID for a narrow column: its local part (before the
// @), with control characters shown (termtext), cut to 12 characters with an
// ellipsis. "" stays "".
func ShortJID(jid string) string {
	local, _, _ := strings.Cut(jid, "@")
	return ansi.Truncate(termtext.Line(local), shortJIDLen, "…")
}

// RecipientName is what a narrow list shows for a recipient: the label the
// user gave it, or else the shortened JID; control characters shown
// (termtext).
func RecipientName(jid, label string) string {
	if label != "" {
		return termtext.Line(label)
	}
	return ShortJID(jid)
}

// WholeJIDWidth is how wide a channel JID is (32 hex digits and
// @conference.xmpp.zoom.us): a column this wide shows any JID Zoom hands out
// whole.
const WholeJIDWidth = 56

// RecipientFit is what a place width cells wide shows for a recipient: the
// label the user gave it, or else the whole JID when it fits — an
// unlabelled JID is shown whole wherever there is room — and else as much
// of its local part as fits, never less than ShortJID shows (a channel's 32
// hex digits fit a 38-cell column whole; the domain, the same for every
// channel, gives way first). Control characters are shown (termtext).
func RecipientFit(jid, label string, width int) string {
	if label != "" {
		return termtext.Line(label)
	}
	if whole := termtext.Line(jid); ansi.StringWidth(whole) <= width {
		return whole
	}
	local, _, _ := strings.Cut(jid, "@")
	return ansi.Truncate(termtext.Line(local), max(width, shortJIDLen), "…")
}
