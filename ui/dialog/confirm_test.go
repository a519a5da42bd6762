package dialog

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/widget"
)

func body(lines int) string {
	out := make([]string, lines)
	for i := range out {
		out[i] = fmt.Sprintf("+line %d", i+1)
	}
	return strings.Join(out, "\n")
}

// idle is an action for tests that never run the command Start returns.
func idle(context.Context) tea.Msg { return nil }

func TestAnswers(t *testing.T) {
	tests := []struct {
		key  string
		busy bool
		want Answer
	}{
		{"y", false, Yes},
		{"n", false, No},
		{"esc", false, No},
		{"x", false, None},
		{"y", true, None},
		{"n", true, None},
		{"esc", true, Cancel},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s busy=%v", tt.key, tt.busy), func(t *testing.T) {
			c := NewConfirm(common.ScreenDetail, themes.NoColor().Styles(), "Delete", "Delete it?", "")
			c.SetSize(40, 10)
			if tt.busy {
				c.Start("Deleting…", idle)
			}
			if got, _ := c.Update(commontest.Key(tt.key)); got != tt.want {
				t.Fatalf("answer %v, want %v", got, tt.want)
			}
		})
	}
}

func TestViewFillsItsSizeAndScrollsTheBody(t *testing.T) {
	for _, size := range [][2]int{{40, 10}, {80, 21}, {20, 6}} {
		c := NewConfirm(common.ScreenDetail, themes.NoColor().Styles(), "Edit message", "Send this edit? The card on Zoom changes for everyone.", body(30))
		c.SetSize(size[0], size[1])
		view := c.View()
		lines := strings.Split(view, "\n")
		if len(lines) != size[1] {
			t.Fatalf("%v: %d lines, want %d:\n%s", size, len(lines), size[1], view)
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w != size[0] {
				t.Fatalf("%v: a line is %d wide, want %d:\n%s", size, w, size[0], view)
			}
		}
	}
	c := NewConfirm(common.ScreenDetail, themes.NoColor().Styles(), "Edit", "Send?", body(30))
	c.SetSize(40, 12)
	if !strings.Contains(c.View(), "+line 1 ") {
		t.Fatalf("the body does not start at its top:\n%s", c.View())
	}
	c.Update(commontest.Key("pgdown"))
	if strings.Contains(c.View(), "+line 1 ") {
		t.Fatalf("pgdown did not scroll the body:\n%s", c.View())
	}
}

func TestBusyShowsWhatRunsAndHowToCancel(t *testing.T) {
	c := NewConfirm(common.ScreenDetail, themes.NoColor().Styles(), "Delete", "Delete it?", "")
	c.SetSize(50, 8)
	c.Start("Deleting on Zoom…", idle)
	view := commontest.Plain(c.View())
	if !strings.Contains(view, "Deleting on Zoom…") || !strings.Contains(view, "esc cancels") || strings.Contains(view, "y yes") {
		t.Fatalf("busy view:\n%s", view)
	}
	commontest.Golden(t, c.View())
}

// TestEscCancelsTheRunningAction checks that the dialog itself cancels the
// action it runs, and that the cancelled result still lands, once.
func TestEscCancelsTheRunningAction(t *testing.T) {
	c := NewConfirm(common.ScreenDetail, themes.NoColor().Styles(), "Delete", "Delete it?", "")
	c.SetSize(40, 10)
	run := c.Start("Deleting…", func(ctx context.Context) tea.Msg {
		<-ctx.Done()
		return ctx.Err()
	})
	if answer, _ := c.Update(commontest.Key("esc")); answer != Cancel {
		t.Fatalf("esc while busy answered %v, want Cancel", answer)
	}
	landed, ok := commontest.Find[widget.Landed](commontest.RunUntil(run, 2*time.Second, func(msg tea.Msg) bool {
		_, ok := msg.(widget.Landed)
		return ok
	}))
	if !ok || !errors.Is(landed.Msg.(error), context.Canceled) {
		t.Fatalf("the cancelled action did not land with its cancellation: %+v", landed)
	}
	if !c.Landed(landed) || c.Busy() || c.Landed(landed) {
		t.Fatal("the result was not taken as the dialog's own, exactly once")
	}
}

// A dialog guarding a prod profile names it in the prod badge's colour, and
// enter — which goes ahead elsewhere — answers no: only y is a yes.
func TestGuardProd(t *testing.T) {
	for key, want := range map[string]Answer{"y": Yes, "enter": No, "n": No, "esc": No, "x": None} {
		c := NewConfirm(common.ScreenDetail, themes.NoColor().Styles(), "Delete", "Delete it?", "")
		c.GuardProd("acme-prod")
		c.SetSize(60, 10)
		if got, _ := c.Update(commontest.Key(key)); got != want {
			t.Errorf("%s: answer %v, want %v", key, got, want)
		}
	}
	dark := themes.Default(true).Styles()
	c := NewConfirm(common.ScreenDetail, dark, "Delete", "Delete it?", "")
	c.GuardProd("acme-prod\x1b[2J")
	c.SetSize(80, 10)
	view := c.View()
	plain := ansi.Strip(view)
	if !strings.Contains(plain, "PROD  Profile acme-prod␛[2J is production: only y goes ahead (enter is no).") ||
		!strings.Contains(plain, "n/enter/esc no") {
		t.Fatalf("the prod dialog does not name the profile:\n%s", plain)
	}
	if badge := dark.BadgeProd.Render("PROD"); !strings.Contains(view, badge) {
		t.Errorf("the profile is not in the prod colour: %q", view)
	}
	c.SetSize(36, 12) // narrow: the warning wraps, whole
	narrow := ansi.Strip(c.View())
	if got := strings.Join(strings.Fields(strings.ReplaceAll(narrow, "│", " ")), " "); !strings.Contains(got, "is production: only y goes ahead (enter is no).") || strings.Contains(narrow, "…") {
		t.Errorf("at 36 columns the prod warning is not read whole:\n%s", narrow)
	}
	for _, line := range strings.Split(narrow, "\n") {
		if w := ansi.StringWidth(line); w > 36 {
			t.Errorf("a line is %d wide in a 36-wide dialog: %q", w, line)
		}
	}
	plainDev := ansi.Strip(NewConfirm(common.ScreenDetail, dark, "Delete", "Delete it?", "").View())
	if strings.Contains(plainDev, "PROD") {
		t.Error("an unguarded dialog mentions prod")
	}
}
