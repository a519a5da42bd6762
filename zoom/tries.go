package zoom

import "context"

// Tries counts the requests one operation put on the network: every try the
// client made, including the repeats after a 429 and the one after a 401
// token refresh. The history records it, so "tries 3" means three requests
// reached the wire, not three times the admin pressed send.
type Tries struct {
	Requests    int // requests handed to the network
	RateLimited int // of them, answered 429
}

type triesKey struct{}

// WithTries returns a context under which Send, Edit, Delete and Unfurl add
// each request they make to t, in the manner of net/http/httptrace: the
// counter belongs to one operation, so the client needs no idea of who
// records it. t is written on the calling goroutine, before the call
// returns; read it after.
func WithTries(ctx context.Context, t *Tries) context.Context {
	return context.WithValue(ctx, triesKey{}, t)
}

// triesOf is the counter attached to ctx, or a throwaway one.
func triesOf(ctx context.Context) *Tries {
	if t, ok := ctx.Value(triesKey{}).(*Tries); ok && t != nil {
		return t
	}
	return &Tries{}
}
