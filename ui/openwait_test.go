package ui

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
)

// While another zoompose holds the history (a schedule run sending), the
// app says so and waits for it rather than failing at once.
func TestOpenHistoryWaitsForAnotherHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	held, err := history.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	release := time.AfterFunc(1500*time.Millisecond, func() { held.Close() })
	defer release.Stop()
	var said strings.Builder
	store, err := openHistory(context.Background(), path, 10*time.Second, &said)
	if err != nil {
		t.Fatalf("the app did not wait for the history: %v", err)
	}
	store.Close()
	if !strings.Contains(said.String(), "Another zoompose holds the history") {
		t.Errorf("the app did not say why it waits: %q", said.String())
	}
}

// One that is never released ends the wait with the lock's own sentence.
func TestOpenHistoryGivesUp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	held, err := history.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	start := time.Now()
	_, err = openHistory(context.Background(), path, 1500*time.Millisecond, &strings.Builder{})
	if !errors.Is(err, history.ErrLocked) || !strings.Contains(err.Error(), "waited 2s") {
		t.Fatalf("err = %v; want the history's LockedError after the wait", err)
	}
	if took := time.Since(start); took < 1500*time.Millisecond {
		t.Errorf("gave up after %v, before the wait", took)
	}
}
