package widget

import (
	"context"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/zoompose/zoompose/ui/common"
)

// Flight tracks the one operation a screen has in flight (a send, an edit…):
// the spinner shown while it runs, the cancel behind esc, and a sequence
// number so that the result of a cancelled or superseded run is dropped.
type Flight struct {
	screen  common.ScreenID // the screen whose operation this is: its results go there only
	spinner spinner.Model
	cancel  context.CancelFunc
	seq     int
	active  bool
}

// Landed carries a finished operation's result back to the screen that
// started it: the root delivers it to Screen only, and Flight.Landed tells
// that screen whether it is the current result of that flight.
type Landed struct {
	Screen common.ScreenID
	owner  int
	seq    int
	Msg    tea.Msg
}

// NewFlight returns an idle Flight of screen.
func NewFlight(screen common.ScreenID) Flight {
	return Flight{screen: screen, spinner: spinner.New(spinner.WithSpinner(spinner.Dot))}
}

// Start runs op in a command with a cancellable context and starts the
// spinner. op's message comes back wrapped in a Landed.
func (f *Flight) Start(op func(ctx context.Context) tea.Msg) tea.Cmd {
	if f.cancel != nil {
		f.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	f.seq++
	f.cancel, f.active = cancel, true
	screen, owner, seq := f.screen, f.spinner.ID(), f.seq
	return tea.Batch(f.spinner.Tick, func() tea.Msg {
		return Landed{Screen: screen, owner: owner, seq: seq, Msg: op(ctx)}
	})
}

// Landed reports whether l is the result of this flight's current run, and
// if so ends the flight.
func (f *Flight) Landed(l Landed) bool {
	if l.owner != f.spinner.ID() || l.seq != f.seq || !f.active {
		return false
	}
	f.active = false
	f.cancel()
	return true
}

// Cancel cancels the run in flight; its result will say so.
func (f *Flight) Cancel() {
	if f.cancel != nil {
		f.cancel()
	}
}

// Active reports whether an operation is in flight.
func (f *Flight) Active() bool { return f.active }

// Update advances the spinner.
func (f *Flight) Update(msg tea.Msg) tea.Cmd {
	tick, ok := msg.(spinner.TickMsg)
	if !ok || !f.active {
		return nil
	}
	var cmd tea.Cmd
	f.spinner, cmd = f.spinner.Update(tick)
	return cmd
}

// Spinner draws the spinner frame.
func (f *Flight) Spinner() string { return f.spinner.View() }

// SetBusy enables cancel while an operation is in flight and the idle keys
// only while none is, so that key.Matches and help agree on what works.
func SetBusy(busy bool, cancel *key.Binding, idle ...*key.Binding) {
	cancel.SetEnabled(busy)
	for _, b := range idle {
		b.SetEnabled(!busy)
	}
}
