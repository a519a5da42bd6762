package ui

import (
	"testing"

	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// A send Zoom rate limits three times, typed into the app: the outbox (f4)
// says three tries, all rate limited, not one.
func TestThreeRateLimitedTriesShowInTheOutbox(t *testing.T) {
	env := commontest.NewEnv(t)
	env.Server.RateLimitNext(3, "1")
	a := newFlowApp(t, env)
	composeAndOpenSendForm(a)
	a.typeText(zoomtest.ChannelGeneral)
	a.press("ctrl+s")
	a.waitStatusKind(common.StatusError, "kept in the outbox")
	if n := len(requestsTo(env, "POST /v2/im/chat/messages")); n != 3 {
		t.Fatalf("the simulator saw %d sends, want 3", n)
	}
	a.press("f4")
	a.waitText("Outbox — 1 need action", "tries 3 (3 rate-limited)")
}
