package ops

import (
	"fmt"
	"strings"
	"time"

	"github.com/zoompose/zoompose/zoom"
)

// DueForms are the forms ParseDue accepts, for help texts and errors: both
// `send --at` and the app's "send at" field read them.
const DueForms = `an RFC 3339 time (2026-12-01T08:00:00+01:00), HH:MM (today, local time) or "tomorrow HH:MM"`

// DueError is a due time ParseDue refused: not a form it reads, or not in
// the future. Its sentence names the accepted forms.
type DueError struct {
	Value string
	Past  bool      // it was read, but is not after now
	Due   time.Time // what it was read as, when Past
	Now   time.Time
}

// Error says what was wrong and what is accepted.
func (e *DueError) Error() string {
	if e.Past {
		return fmt.Sprintf("%s is in the past (%s; it is %s now); use a future time: %s",
			zoom.QuoteClipped(e.Value), e.Due.Format(time.RFC3339), e.Now.Format(time.RFC3339), DueForms)
	}
	return fmt.Sprintf("%s is not a time zoompose reads; use %s", zoom.QuoteClipped(e.Value), DueForms)
}

// ParseDue reads a due time in one of DueForms, in now's location, and
// refuses (with a *DueError) one that is not after now.
func ParseDue(value string, now time.Time) (time.Time, error) {
	due, ok := readDue(strings.TrimSpace(value), now)
	if !ok {
		return time.Time{}, &DueError{Value: value, Now: now}
	}
	if !due.After(now) {
		return time.Time{}, &DueError{Value: value, Past: true, Due: due, Now: now}
	}
	return due, nil
}

func readDue(value string, now time.Time) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, value); err == nil {
		return t, true
	}
	day := now
	if rest, ok := strings.CutPrefix(value, "tomorrow "); ok {
		value, day = strings.TrimSpace(rest), now.AddDate(0, 0, 1)
	}
	clock, err := time.Parse("15:04", value)
	if err != nil {
		return time.Time{}, false
	}
	y, m, d := day.Date()
	return time.Date(y, m, d, clock.Hour(), clock.Minute(), 0, 0, now.Location()), true
}
