package widget

import (
	"testing"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

func TestRecipientFit(t *testing.T) {
	tests := []struct {
		jid, label string
		width      int
		want       string
	}{
		{zoomtest.ChannelGeneral, "#general", 80, "#general"},
		{zoomtest.ChannelGeneral, "", 56, zoomtest.ChannelGeneral},
		{zoomtest.ChannelGeneral, "", 55, "5a1d0c2e9b7f4e61a3c8d2f0b4e6a901"}, // the local part, whole
		{zoomtest.ChannelGeneral, "", 16, "5a1d0c2e9b7f4e6…"},                 // as much of it as fits
		{zoomtest.ChannelGeneral, "", 5, "5a1d0c2e9b7…"},                      // never less than ShortJID
		{"bob@xmpp.zoom.us", "", 16, "bob@xmpp.zoom.us"},
		{"bob@xmpp.zoom.us", "", 15, "bob"},
		{"evil\x1b[2J@xmpp.zoom.us", "", 80, "evil␛[2J@xmpp.zoom.us"},
	}
	for _, tt := range tests {
		if got := RecipientFit(tt.jid, tt.label, tt.width); got != tt.want {
			t.Errorf("RecipientFit(%q, %q, %d) = %q, want %q", tt.jid, tt.label, tt.width, got, tt.want)
		}
	}
}
