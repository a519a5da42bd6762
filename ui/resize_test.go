package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// After a resize the composer's preview is drawn for the new width at once,
// without waiting for the next key: the frame equals the one of an app that
// started at that size with the same text. Both settle past the autosave
// first, so nothing but the resize can bring the new preview.
func TestResizeRedrawsThePreviewAtOnce(t *testing.T) {
	text := strings.Repeat("The deploy finished in four minutes. ", 6)
	fresh := newApp(t, commontest.NewEnv(t), themes.NoColor(), 200, 40)
	fresh.typeText(text)
	fresh.settle(1500 * time.Millisecond)
	want := fresh.screen()

	a := newApp(t, commontest.NewEnv(t), themes.NoColor(), 120, 40)
	a.typeText(text)
	a.settle(1500 * time.Millisecond)
	a.send(tea.WindowSizeMsg{Width: 200, Height: 40})
	a.settle(300 * time.Millisecond)
	if got := a.screen(); got != want {
		t.Fatalf("after the resize the screen is:\n%s\nwant, as drawn at that size from the start:\n%s", got, want)
	}
}
