package common

import (
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/ops"
)

// CopyMsg is one copy's outcome of a group operation (a broadcast, a group
// edit or delete), on its way to the screen that runs it: the root delivers
// it to Screen only. Stream says which run it belongs to, so a screen drops
// the progress of a run it no longer shows.
type CopyMsg struct {
	Screen  ScreenID
	Stream  *CopyStream
	Outcome ops.CopyOutcome
}

// CopyStream carries the per-copy outcomes of one group operation from the
// goroutine that runs it (ops.Progress is called there) to the program: the
// operation calls Report, and the screen keeps one Next command waiting,
// issuing the next one as each CopyMsg arrives. The buffer holds every copy,
// so Report never blocks the operation, even when nobody reads.
type CopyStream struct {
	screen ScreenID
	ch     chan ops.CopyOutcome
}

// NewCopyStream returns a stream for an operation of at most copies copies
// (more than that is allowed: Report then waits for the reader).
func NewCopyStream(screen ScreenID, copies int) *CopyStream {
	return &CopyStream{screen: screen, ch: make(chan ops.CopyOutcome, max(copies, 1))}
}

// Report is the ops.Progress of the operation.
func (s *CopyStream) Report(o ops.CopyOutcome) { s.ch <- o }

// Close ends the stream once the operation returned: a waiting Next ends
// with no message.
func (s *CopyStream) Close() { close(s.ch) }

// Next waits for the next copy's outcome.
func (s *CopyStream) Next() tea.Cmd {
	return func() tea.Msg {
		o, ok := <-s.ch
		if !ok {
			return nil
		}
		return CopyMsg{Screen: s.screen, Stream: s, Outcome: o}
	}
}
