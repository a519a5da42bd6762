package ops

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseDueForms(t *testing.T) {
	now := time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"08:00":                     time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC),
		" tomorrow 06:30 ":          time.Date(2026, 12, 1, 6, 30, 0, 0, time.UTC),
		"2026-12-24T09:00:00+01:00": time.Date(2026, 12, 24, 8, 0, 0, 0, time.UTC),
	} {
		if got, err := ParseDue(in, now); err != nil || !got.Equal(want) {
			t.Errorf("ParseDue(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, past := range map[string]bool{"06:59": true, "2026-11-29T08:00:00Z": true, "8am": false, "tomorrow": false, "25:00": false} {
		_, err := ParseDue(in, now)
		var due *DueError
		if !errors.As(err, &due) || due.Past != past || !strings.Contains(err.Error(), "tomorrow HH:MM") {
			t.Errorf("ParseDue(%q) = %v; want a DueError (past %v) naming the accepted forms", in, err, past)
		}
	}
}
