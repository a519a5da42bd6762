package historyview

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// hostileJID is a recipient whose local part holds escapes, as a hostile server's to_jid.
const hostileJID = "x\x1b[2J\x1b]52;c;aGk=\x07@conference.xmpp.zoom.us"

// TestHostileRecordsAreShown: a message whose head, id and recipient (and its label)
// hold escape sequences, and an unfurl whose ids do, are listed with the escapes shown
// as text (termtext), never reaching the terminal.
func TestHostileRecordsAreShown(t *testing.T) {
	m, env := newScreen(t, themes.NoColor(), 120, 21, []record{
		{"H" + zoomtest.HostileIDSuffix, hostileJID, history.StatusSent, "Head " + zoomtest.HostileText, "body"},
		{"m1", zoomtest.ChannelGeneral, history.StatusSent, "Clean", "body"},
	})
	view := m.View()
	commontest.AssertShown(t, "history list", view)
	for _, want := range []string{"Head ␛]52;c;aGFja2Vk␇␛[2J", "x␛[2J␛]52"} {
		if !strings.Contains(view, want) {
			t.Errorf("the list does not show %q:\n%s", want, view)
		}
	}

	if err := env.Store.SetRecipientLabel(hostileJID, "label\x1b[31m red"); err != nil {
		t.Fatal(err)
	}
	settle(m, m.Init())
	view = m.View()
	commontest.AssertShown(t, "history list with a label", view)
	if !strings.Contains(view, "label␛[31m red") {
		t.Errorf("the list does not show the label as text:\n%s", view)
	}

	u, _ := unfurlScreen(t, 120, 21, []unfurlRecord{{zoomtest.HostileUnfurlUserID, zoomtest.HostileUnfurlTriggerID, "Unfurl " + zoomtest.HostileText, "b", ""}})
	view = u.View()
	commontest.AssertShown(t, "unfurls list", view)
	for _, want := range []string{"KdYKjnimT4KPd8KKdQt9FQ␛", "sbx-link-shared-␛[2J", "Unfurl ␛]52"} {
		if !strings.Contains(view, want) {
			t.Errorf("the unfurls list does not show %q:\n%s", want, view)
		}
	}
}
