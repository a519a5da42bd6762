package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/ops"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// TestHostileErrorIsShown: a send that failed on a hostile server's 503 waits in the
// outbox with Zoom's message, escape sequences shown as text.
func TestHostileErrorIsShown(t *testing.T) {
	env := commontest.NewEnv(t)
	env.Server.SetHostile(true)
	env.Server.FailNext(1, 503)
	content, _ := json.Marshal(map[string]any{"head": map[string]string{"text": "Outage notice"}})
	_, err := env.Deps.Ops().Send(context.Background(), ops.Envelope{ToJID: zoomtest.ChannelGeneral},
		compose.Card{Source: "Outage notice", Content: content})
	var kept *ops.OutboxError
	if !errors.As(err, &kept) {
		t.Fatalf("setup: want an outbox error, got %v", err)
	}
	m := New(env.Common(themes.NoColor(), 100, 21))
	feed(m, m.Init())
	view := m.View()
	commontest.AssertShown(t, "outbox", view)
	if !strings.Contains(view, "␛]52;c;aGFja2Vk␇") {
		t.Errorf("the outbox does not show Zoom's message as text:\n%s", view)
	}
}
