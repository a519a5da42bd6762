package zoomtest

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// faults holds the armed fault switches. They apply to API calls on known routes, not to
// token requests, so a test that arms one fault sees it on the call it is about.
type faults struct {
	latency    time.Duration
	failN      int
	failStatus int
	limitN     int
	limitRetry string
	dropN      int
	holdN      int
	hold       chan struct{}
}

// SetLatency delays the answer to every API call by d (0 turns it off). A client that
// gives up during the delay does not stop the request from being applied.
func (h *Handler) SetLatency(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.faults.latency = d
}

// FailNext makes the next n API calls answer status (meant for 5xx) with a JSON body
// {"code":status,"message":…}, before authentication and without applying the request.
// A status outside 400–599 is answered as 500.
func (h *Handler) FailNext(n, status int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if status < 400 || status > 599 {
		status = http.StatusInternalServerError
	}
	h.faults.failN, h.faults.failStatus = n, status
}

// RateLimitNext makes the next n API calls answer 429 with Retry-After set to retryAfter
// verbatim (seconds such as "2", or a date). X-RateLimit-Type is QPS when retryAfter is a
// number of seconds and Daily-limit otherwise; the body carries the matching Zoom message.
func (h *Handler) RateLimitNext(n int, retryAfter string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.faults.limitN, h.faults.limitRetry = n, retryAfter
}

// DropNext makes the next n API calls read the whole request, apply it (a send is stored,
// a delete deletes), record it, and then close the connection without any response — the
// case where a client cannot know whether Zoom acted.
func (h *Handler) DropNext(n int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.faults.dropN = n
}

// HoldNext makes the next n API calls apply the request and record it as usual, and then
// hold the answer until release is called, the client gives up or the server closes: the
// moment where Zoom has acted and the client does not know it yet. A test that polls
// Messages or Requests sees the call applied while its answer is held. Calling release more
// than once is harmless; arming HoldNext again leaves calls held by an earlier gate to that
// gate's release.
func (h *Handler) HoldNext(n int) (release func()) {
	gate := make(chan struct{})
	h.mu.Lock()
	h.faults.holdN, h.faults.hold = n, gate
	h.mu.Unlock()
	var once sync.Once
	return func() { once.Do(func() { close(gate) }) }
}

// takeHold returns the gate an API call waits on before answering, or nil.
func (f *faults) takeHold() <-chan struct{} {
	if f.holdN <= 0 {
		return nil
	}
	f.holdN--
	return f.hold
}

func (f *faults) takeDrop() bool {
	if f.dropN <= 0 {
		return false
	}
	f.dropN--
	return true
}

// takeFailure returns the armed 5xx or 429 answer, if any, and disarms one use of it.
func (f *faults) takeFailure() *response {
	if f.failN > 0 {
		f.failN--
		return plainError(f.failStatus, f.failStatus,
			http.StatusText(f.failStatus)+" (a fault armed in the Zoom simulator).")
	}
	if f.limitN > 0 {
		f.limitN--
		return injectedRateLimit(f.limitRetry)
	}
	return nil
}

func injectedRateLimit(retryAfter string) *response {
	kind, message := limitQPS, msgQPSLimit
	if _, err := strconv.Atoi(retryAfter); err != nil {
		kind, message = limitDaily, msgDailyLimit
	}
	return tooManyRequests(kind, message, retryAfter)
}
