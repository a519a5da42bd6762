package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/composer"
	"github.com/zoompose/zoompose/ui/editor/editortest"
)

// TestFirstFrameShowsTheRestoredDraftWithItsPreview starts the real program
// on a history holding a 4 KB draft and captures the first frame, after
// any Update, in which the composer holds the draft at the terminal's
// size: that frame must already show the draft's preview, not an empty
// pane waiting for a render or a pause.
func TestFirstFrameShowsTheRestoredDraftWithItsPreview(t *testing.T) {
	env := commontest.NewEnv(t)
	draft := editortest.CardSource(4 << 10)
	if err := env.Store.SaveDraft(history.Draft{Name: "current", Source: draft, UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	theme := themes.Default(true) // bold drawn as bold: the preview's paragraph reads without the editor's ** markers
	p := &probe{
		root: New(Options{
			Theme: theme, ThemeFixed: true, Deps: env.Deps,
			Screens: Screens(common.NewCommon(theme, env.Deps)), Start: common.ScreenComposer,
		}),
		frames: make(chan string, 1),
		// Set before the program starts, so the very first such frame is caught.
		ready: func(m *Model) bool {
			c, ok := m.screens[common.ScreenComposer].(*composer.Model)
			return ok && c.Source() == draft && m.common.Width > 0
		},
	}
	runProgram(t, p, 120, 40)
	var frame string
	select {
	case frame = <-p.frames:
	case <-time.After(waitLimit):
		t.Fatalf("waited %s for the draft to be restored", waitLimit)
	}
	plain := ansi.Strip(frame)
	if !strings.Contains(plain, "The deploy pipeline now runs") {
		t.Errorf("the first frame with the restored draft has no preview of it:\n%s", plain)
	}
}
