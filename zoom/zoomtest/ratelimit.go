package zoomtest

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// Rate-limit vocabulary of Zoom's headers (facts §4.2). The chatbot endpoints carry the
// MEDIUM label.
const (
	rateCategory = "Medium"
	limitQPS     = "QPS"
	limitDaily   = "Daily-limit"
	isoUTC       = "2006-01-02T15:04:05Z"
)

// limiter is the account's per-second token bucket and per-UTC-day counter. Only
// authenticated API calls are counted, and a call refused with 429 is not.
type limiter struct {
	perSecond int
	daily     int
	bucket    float64   // tokens left in the per-second bucket
	refilled  time.Time // when bucket was last refilled
	day       string    // UTC date the daily counter belongs to
	used      int       // calls admitted on day
}

// admit counts one call at now, or returns the 429 answer (with X-RateLimit-Type and
// Retry-After) when the daily or the per-second limit is reached.
func (l *limiter) admit(now time.Time) *response {
	l.roll(now)
	if l.daily > 0 && l.used >= l.daily {
		return l.refuse(limitDaily, msgDailyLimit, nextUTCMidnight(now).Format(isoUTC), l.daily)
	}
	if l.perSecond > 0 {
		if l.bucket < 1 {
			wait := (1 - l.bucket) / float64(l.perSecond)
			seconds := max(1, int(math.Ceil(wait)))
			return l.refuse(limitQPS, msgQPSLimit, strconv.Itoa(seconds), l.perSecond)
		}
		l.bucket--
	}
	l.used++
	return nil
}

// roll refills the per-second bucket for the time elapsed and resets the daily counter
// when the UTC date has changed.
func (l *limiter) roll(now time.Time) {
	if l.refilled.IsZero() {
		l.bucket, l.refilled = float64(l.perSecond), now
	}
	if elapsed := now.Sub(l.refilled).Seconds(); elapsed > 0 {
		l.bucket = min(float64(l.perSecond), l.bucket+elapsed*float64(l.perSecond))
		l.refilled = now
	}
	if day := now.UTC().Format(time.DateOnly); day != l.day {
		l.day, l.used = day, 0
	}
}

// refuse is the limiter's 429: tooManyRequests with the limit that was reached.
func (l *limiter) refuse(kind, message, retryAfter string, limit int) *response {
	resp := tooManyRequests(kind, message, retryAfter)
	resp.header.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	return resp
}

// tooManyRequests is Zoom's 429 answer: the limit's message and type, nothing remaining,
// and Retry-After as given (seconds or a date).
func tooManyRequests(kind, message, retryAfter string) *response {
	resp := plainError(http.StatusTooManyRequests, http.StatusTooManyRequests, message)
	resp.header.Set("X-RateLimit-Category", rateCategory)
	resp.header.Set("X-RateLimit-Type", kind)
	resp.header.Set("X-RateLimit-Remaining", "0")
	resp.header.Set("Retry-After", retryAfter)
	return resp
}

// setHeaders adds the X-RateLimit-* headers that are not already set: the category, and
// the daily limit with what remains of it (or the per-second limit when there is no daily
// limit). With both limits off only the category is sent.
func (l *limiter) setHeaders(h http.Header, now time.Time) {
	l.roll(now)
	setIfAbsent(h, "X-RateLimit-Category", rateCategory)
	switch {
	case l.daily > 0:
		setIfAbsent(h, "X-RateLimit-Limit", strconv.Itoa(l.daily))
		setIfAbsent(h, "X-RateLimit-Remaining", strconv.Itoa(max(0, l.daily-l.used)))
	case l.perSecond > 0:
		setIfAbsent(h, "X-RateLimit-Limit", strconv.Itoa(l.perSecond))
		setIfAbsent(h, "X-RateLimit-Remaining", strconv.Itoa(int(l.bucket)))
	}
}

func setIfAbsent(h http.Header, key, value string) {
	if h.Get(key) == "" {
		h.Set(key, value)
	}
}

// nextUTCMidnight is when a daily limit resets: 00:00:00 UTC of the next day.
func nextUTCMidnight(now time.Time) time.Time {
	y, m, d := now.UTC().Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC)
}
