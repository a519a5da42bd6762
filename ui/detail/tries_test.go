package detail

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// A message Zoom took on the third try (two 429s first) says so in its
// detail; one taken at once says nothing of tries.
func TestDetailCountsTheTriesOfARateLimitedSend(t *testing.T) {
	env := commontest.NewEnv(t)
	plain := sent(t, env)
	env.Server.RateLimitNext(2, "0")
	limited := sent(t, env)
	if view := commontest.Plain(open(t, env, themes.NoColor(), 120, 37, limited.ID).View()); !strings.Contains(view, "tries 3 (2 rate-limited)") {
		t.Fatalf("the detail does not count the three tries:\n%s", view)
	}
	if view := commontest.Plain(open(t, env, themes.NoColor(), 120, 37, plain.ID).View()); strings.Contains(view, "tries") {
		t.Fatalf("a message sent at once speaks of tries:\n%s", view)
	}
}
