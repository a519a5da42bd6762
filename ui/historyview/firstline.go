package historyview

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

// RecipientName is what a list shows for a recipient: the label the user
// gave it, or else the shortened JID; control characters shown (termtext).
func RecipientName(jid, label string) string {
	if label != "" {
		return termtext.Line(label)
	}
	return ShortJID(jid)
}
