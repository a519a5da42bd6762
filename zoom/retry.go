package zoom

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// defaultRateLimitWait is used when a per-second 429 carries no Retry-After.
const defaultRateLimitWait = time.Second

// do sends p until it gets an answer worth returning. It repeats a request
// only when Zoom's answer proves it was not applied: once after a 401 token
// rejection (with a fresh token) and after 429s, up to MaxAttempts tries.
// Transport failures are never repeated. Each request is counted in the
// Tries attached to ctx (WithTries).
func (c *Client) do(ctx context.Context, p *PreparedRequest) (*answer, error) {
	refreshed := false
	attempt := 1
	tries := triesOf(ctx)
	for {
		token, err := c.tokens.Token(ctx)
		if err != nil {
			return nil, err
		}
		tries.Requests++
		a, err := c.roundTrip(ctx, p, token)
		if err != nil {
			return nil, err
		}
		if a.ok() {
			return a, nil
		}
		apiErr := c.apiError(p.Op, a)
		switch {
		case apiErr.Status == http.StatusUnauthorized && isTokenRejection(apiErr.Code) && !refreshed:
			refreshed = true
			c.tokens.Invalidate(token)
		case apiErr.Status == http.StatusTooManyRequests:
			tries.RateLimited++
			if err := c.waitForRateLimit(ctx, p.Op, attempt, a.header, apiErr); err != nil {
				return nil, err
			}
			attempt++
		default:
			return nil, apiErr
		}
	}
}

// isTokenRejection reports the codes Zoom uses for a bad or expired token.
func isTokenRejection(code int) bool { return code == 7010 || code == 124 }

// waitForRateLimit sleeps as long as Zoom asked, or returns the 429 (with
// RetryAfter set) when the attempts are used up or the wait is too long to
// sit through, such as a daily limit that resets at midnight.
func (c *Client) waitForRateLimit(ctx context.Context, op string, attempt int, header http.Header, apiErr *APIError) error {
	now := time.Now()
	wait, ok := parseRetryAfter(header.Get("Retry-After"), now)
	if !ok {
		wait = defaultWait(apiErr.RateLimitType, now)
	}
	apiErr.RetryAfter = wait
	if attempt >= c.cfg.MaxAttempts || wait > c.cfg.MaxRateLimitWait {
		return apiErr
	}
	if c.cfg.OnRateLimit != nil {
		c.cfg.OnRateLimit(RateLimitWait{Op: op, Attempt: attempt, Wait: wait, Until: now.Add(wait), Type: apiErr.RateLimitType})
	}
	if err := c.cfg.Sleep(ctx, wait); err != nil {
		return &NetworkError{Op: op, Host: hostOf(c.cfg.APIURL), Err: err}
	}
	return nil
}

// defaultWait is the wait when Zoom gave no usable Retry-After: until the
// next UTC midnight for a daily limit (when Zoom's daily counters reset),
// otherwise a second.
func defaultWait(limitType string, now time.Time) time.Duration {
	if strings.EqualFold(limitType, "Daily-limit") {
		utc := now.UTC()
		midnight := time.Date(utc.Year(), utc.Month(), utc.Day()+1, 0, 0, 0, 0, time.UTC)
		return midnight.Sub(now)
	}
	return defaultRateLimitWait
}

// retryAfterDateLayouts are the date forms seen in Retry-After: HTTP dates
// (RFC 9110) and the ISO 8601 timestamps of Zoom's rate-limit docs.
var retryAfterDateLayouts = []string{
	http.TimeFormat,
	time.RFC850,
	time.ANSIC,
	time.RFC1123Z,
	time.RFC3339Nano,
	"2006-01-02T15:04:05", // ISO 8601 without a zone: UTC
}

// parseRetryAfter reads a Retry-After value as seconds or as a date. A date
// in the past means no wait. ok is false for a missing or unreadable value.
func parseRetryAfter(value string, now time.Time) (wait time.Duration, ok bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, false
	}
	if seconds, err := strconv.ParseFloat(value, 64); err == nil {
		// Written so that NaN, which ParseFloat accepts, is refused too.
		if !(seconds >= 0 && seconds <= float64(365*24*time.Hour/time.Second)) {
			return 0, false
		}
		return time.Duration(seconds * float64(time.Second)), true
	}
	for _, layout := range retryAfterDateLayouts {
		if at, err := time.Parse(layout, value); err == nil {
			return max(at.Sub(now), 0), true
		}
	}
	return 0, false
}

// sleepContext waits d, or returns ctx.Err() as soon as ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
