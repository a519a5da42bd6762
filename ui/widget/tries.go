package widget

import (
	"fmt"

	"github.com/zoompose/zoompose/history"
)

// Tries says how many requests an operation put on the network, and how
// many of them Zoom rate limited: "tries 3 (2 rate-limited)". The outbox
// and the detail both show it, so three 429s read as three tries.
func Tries(t history.Tries) string {
	text := fmt.Sprintf("tries %d", t.Requests)
	if t.RateLimited > 0 {
		text += fmt.Sprintf(" (%d rate-limited)", t.RateLimited)
	}
	return text
}
