package preview

import (
	"fmt"
	"strconv"
	"time"
)

func itoa(n int) string { return strconv.Itoa(n) }

// plural says "1 option", "3 options", "no options".
func plural(n int, noun string) string {
	switch n {
	case 0:
		return "no " + noun + "s"
	case 1:
		return "1 " + noun
	default:
		return strconv.Itoa(n) + " " + noun + "s"
	}
}

// humanSize writes a byte count the way Zoom's docs count it (1 MB is
// 1,000,000 bytes).
func humanSize(n int64) string {
	const unit = 1000
	if n < unit {
		return strconv.FormatInt(n, 10) + " B"
	}
	value, exp := float64(n), 0
	for value >= unit && exp < 4 {
		value /= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", value, "kMGT"[exp-1])
}

// footerTime formats a section's ts (epoch milliseconds) in UTC, so the
// preview reads the same on every machine.
func footerTime(ms int64) string {
	return time.UnixMilli(ms).UTC().Format("2006-01-02 15:04 UTC")
}

// maxTextWidth is a width no card line reaches, for text drawn before the box
// around it wraps it.
const maxTextWidth = 1 << 20
