package ui

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// TestHostileStatusIsShown: a status that quotes a hostile Zoom answer shows its escape
// sequences as text in the status bar.
func TestHostileStatusIsShown(t *testing.T) {
	env := commontest.NewEnv(t)
	a := newApp(t, env, themes.NoColor(), 200, 24)
	a.send(common.StatusMsg{Kind: common.StatusError, Text: "send: Zoom said 400: " + zoomtest.HostileText})
	view := a.root.View().Content
	commontest.AssertShown(t, "app", view)
	if !strings.Contains(view, "Zoom said 400: ␛]52;c;aGFja2Vk␇") {
		t.Errorf("the status bar does not show Zoom's message as text:\n%s", a.statusLine())
	}
}
