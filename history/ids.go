package history

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// NewLocalID returns a unique id for records Zoom gave no id to (an
// outcome-unknown send, an outbox entry, an unfurl): "local-" followed by the
// current time in base 36 and 8 random hex digits, so ids sort roughly by
// creation time and never collide with Zoom's message ids.
func NewLocalID() string {
	var random [4]byte
	_, _ = rand.Read(random[:]) // crypto/rand.Read never fails on supported platforms
	return "local-" + strconv.FormatInt(time.Now().UnixNano(), 36) + "-" + hex.EncodeToString(random[:])
}

// IsLocalID reports whether id is one NewLocalID made, not Zoom's.
func IsLocalID(id string) bool { return strings.HasPrefix(id, "local-") }
