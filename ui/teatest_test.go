package ui

import (
	"fmt"
	"regexp"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// probe wraps the root model in a real Bubble Tea program so that a test
// can wait on the model's state rather than on output bytes (v2's renderer
// writes screen diffs). The condition is checked after every Update, on the
// program's goroutine, and the frame is captured there too, so the test
// never reads the model while the program changes it.
type probe struct {
	root   *Model
	mu     sync.Mutex
	ready  func(*Model) bool
	frames chan string
}

// probeMsg makes the program check a new condition even when nothing else
// happens.
type probeMsg struct{}

func (p *probe) Init() tea.Cmd { return p.root.Init() }

func (p *probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := p.root.Update(msg)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ready != nil && p.ready(p.root) {
		p.ready = nil
		select {
		case p.frames <- p.root.View().Content:
		default: // the test gave up waiting; never block the program
		}
	}
	return p, cmd
}

func (p *probe) View() tea.View { return p.root.View() }

// runProgram runs p in a real Bubble Tea program of width×height (teatest)
// until the test ends.
func runProgram(t *testing.T, p *probe, width, height int) *teatest.TestModel {
	t.Helper()
	tm := teatest.NewTestModel(t, p, teatest.WithInitialTermSize(width, height))
	t.Cleanup(func() {
		if err := tm.Quit(); err != nil {
			t.Error(err)
		}
		tm.WaitFinished(t, teatest.WithFinalTimeout(waitLimit))
	})
	return tm
}

// await returns the first frame drawn once ready holds.
func (p *probe) await(t *testing.T, tm *teatest.TestModel, what string, ready func(*Model) bool) string {
	t.Helper()
	return p.awaitAfter(t, tm, probeMsg{}, what, ready)
}

// awaitAfter sends msg and returns the first frame drawn once ready holds.
// Unlike await it sends no message of its own, which a screen could take as
// its cue to do what msg alone should have made it do.
func (p *probe) awaitAfter(t *testing.T, tm *teatest.TestModel, msg tea.Msg, what string, ready func(*Model) bool) string {
	t.Helper()
	p.mu.Lock()
	p.ready = ready
	p.mu.Unlock()
	tm.Send(msg)
	select {
	case frame := <-p.frames:
		return frame
	case <-time.After(waitLimit):
		t.Fatalf("waited %s for %s", waitLimit, what)
		return ""
	}
}

// colourCode matches an SGR sequence that sets a foreground or background
// colour (16, 256 or true colour).
var colourCode = regexp.MustCompile(`\x1b\[[0-9;]*(3[0-7]|4[0-7]|[34]8;[25];[0-9;]+)m`)

// TestScreenGoldens tours every screen in a real program at 80×24 and
// 120×40, in the zoom-dark theme and under NO_COLOR, and compares each
// frame with testdata/TestScreenGoldens/<theme>-<size>/<screen>.golden.
// Dark frames must carry colour, and their goldens keep it, so a status
// colour, a dimmed key or a focus border that changes fails; NO_COLOR
// frames carry none.
func TestScreenGoldens(t *testing.T) {
	for _, theme := range []themes.Theme{themes.Default(true), themes.NoColor()} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s-%dx%d", theme.Name, size[0], size[1]), func(t *testing.T) {
				t.Parallel()
				tourProgram(t, theme, size[0], size[1])
			})
		}
	}
}

func tourProgram(t *testing.T, theme themes.Theme, width, height int) {
	env := commontest.NewEnv(t)
	seedWorld(t, env)
	app := startTea(t, env, theme, width, height)
	p, tm := app.p, app.tm
	for i, stop := range tour {
		for _, k := range keyMsgs(stop.keys) {
			tm.Send(k)
		}
		frame := p.await(t, tm, fmt.Sprintf("tour stop %d (%s)", i, stop.name), stop.ready)
		if stop.name == "" {
			continue
		}
		t.Run(stop.name, func(t *testing.T) {
			name := fmt.Sprintf("%s-%s-%dx%d", stop.name, theme.Name, width, height)
			commontest.Golden(t, frame)
			checkFrame(t, name, frame, width, height)
			switch hasColour := colourCode.MatchString(frame); {
			case theme.Plain && hasColour:
				t.Errorf("%s: NO_COLOR frame carries colour codes: %q", name, colourCode.FindString(frame))
			case !theme.Plain && !hasColour:
				t.Errorf("%s: the dark theme drew no colour", name)
			}
		})
		if stop.name == "composer" {
			// The restore notice would expire during the tour on a slow
			// machine; clear it so later frames do not depend on timing.
			tm.Send(common.StatusMsg{Kind: common.StatusWarn})
		}
	}
}
