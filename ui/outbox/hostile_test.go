package outbox

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// TestHostileErrorIsShown: a send that failed on a hostile server's 503 waits in the
// outbox with Zoom's message, escape sequences shown as text.
func TestHostileErrorIsShown(t *testing.T) {
	m, _ := outboxAfterSend(t, 100, func(s *zoomtest.Server) {
		s.SetHostile(true)
		s.FailNext(1, 503)
	}, new(*ops.OutboxError))
	view := m.View()
	commontest.AssertShown(t, "outbox", view)
	if !strings.Contains(view, "␛]52;c;aGFja2Vk␇") {
		t.Errorf("the outbox does not show Zoom's message as text:\n%s", view)
	}
}
