package detail

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// TestHostileMessageIsShown opens a message whose id, recipient, label, Zoom time,
// unsettled operation and revisions hold escape sequences: the metadata, the card, the
// diff and the delete question show them as text, never pass them to the terminal.
func TestHostileMessageIsShown(t *testing.T) {
	env := commontest.NewEnv(t)
	revision := func(head string) history.Revision {
		content, _ := json.Marshal(map[string]any{
			"head": map[string]any{"text": head},
			"body": []any{map[string]any{"type": "fields", "items": []any{map[string]any{"key": "Key\x1b[2K\x1b[1Gail2", "value": "v"}}}},
		})
		return history.Revision{Content: content, Source: "---\nhead: " + head + "\n---\n", At: commontest.Clock}
	}
	toJID := "x\x1b[2J@conference.xmpp.zoom.us"
	m := history.Message{
		ID: "H" + zoomtest.HostileIDSuffix, ToJID: toJID, ZoomSentTime: zoomtest.HostileText,
		ReplyTo: "r\x1b[31m", VisibleToUser: "v\u009b2J", SentAt: commontest.Clock, Status: history.StatusEdited,
		Revisions: []history.Revision{revision("One " + zoomtest.HostileText), revision("Two \x1b]8;;https://evil.example\x1b\\")},
		Op:        &history.Operation{Kind: history.OpEdit, State: history.OpFailed, At: commontest.Clock, Err: "Zoom said " + zoomtest.HostileText},
	}
	if err := env.Store.PutMessage(m); err != nil {
		t.Fatal(err)
	}
	if err := env.Store.SetRecipientLabel(toJID, "label "+zoomtest.HostileText); err != nil {
		t.Fatal(err)
	}
	s := open(t, env, themes.NoColor(), 120, 40, m.ID)
	view := s.View()
	commontest.AssertShown(t, "detail", view)
	for _, want := range []string{"H␛]52;c;aGFja2Vk␇", "label ␛]52", "x␛[2J@conference", "Zoom: ␛]52", "r␛[31m", `v\u009b2J`, "Key␛[2K␛[1Gail2", "(Zoom said"} {
		if !strings.Contains(view, want) {
			t.Errorf("the detail does not show %q:\n%s", want, view)
		}
	}

	press(s, commontest.Key("tab")) // the diff
	view = s.View()
	commontest.AssertShown(t, "diff", view)
	if !strings.Contains(view, "+head: Two ␛]8;;https://evil.example␛\\") {
		t.Errorf("the diff does not show the escapes as text:\n%s", view)
	}

	press(s, commontest.Key("tab"), commontest.Key("d")) // the delete question
	view = s.View()
	commontest.AssertShown(t, "delete question", view)
	if !strings.Contains(view, "␛]52;c;aGFja2Vk␇␛[2J␛]8;;https://evil.example/␛\\click") {
		t.Errorf("the question does not show the label as text:\n%s", view)
	}
}
