package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/zoompose/zoompose/history"
)

// historyWait is how long the app waits for another zoompose to release the
// history before it gives up: `zoompose schedule run` holds it only while its
// sends go out, a matter of seconds.
const historyWait = 10 * time.Second

// openHistory opens the history at path, trying again while another
// zoompose holds it, for up to wait; the first time it finds the file held
// it says so on say (the terminal, before the app takes the screen).
func openHistory(ctx context.Context, path string, wait time.Duration, say io.Writer) (*history.Store, error) {
	deadline := time.Now().Add(wait)
	said := false
	for {
		store, err := history.Open(path) // itself waits history.LockTimeout for the lock
		if !errors.Is(err, history.ErrLocked) {
			return store, err
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%w (waited %s)", err, wait.Round(time.Second))
		}
		if !said {
			fmt.Fprintf(say, "Another zoompose holds the history %s (a zoompose schedule run sending, or another app); waiting up to %s for it…\n",
				path, wait.Round(time.Second))
			said = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}
