package composer

// Text helpers for the status bar and pane titles: padding and numbers.

import (
	"strconv"
	"strings"
)

// blank is a run of spaces sliced for padding without allocating.
var blank = strings.Repeat(" ", 256)

func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	if n <= len(blank) {
		return blank[:n]
	}
	return strings.Repeat(" ", n)
}

func itoa(n int) string { return strconv.Itoa(n) }

// groupDigits writes n with thousands separators: 40960 -> "40,960".
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	if n < 0 || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	lead := len(s) % 3
	if lead > 0 {
		b.WriteString(s[:lead])
	}
	for i := lead; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}
