package ui

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// In the app: alt+e shows every problem under the editor whole, ctrl+d and
// ↓ pick the third, and enter puts the terminal cursor on its line (9) in
// the editor, which has the keyboard again.
func TestDiagnosticsExpandAndJumpInTheApp(t *testing.T) {
	env := commontest.NewEnv(t)
	a := startTea(t, env, themes.NoColor(), 80, 24)
	for _, line := range strings.Split("---\nhead: **Release**\nhead_style: bold\n---\n# Rollback\n\nText.\n\n| a | b |\n|---|---|\n| 1 | 2 |", "\n") {
		a.typeText(line)
		a.keys("enter")
	}
	a.await("… alt+e")
	a.keys("alt+e")
	frame := a.await("(is_markdown_support will be set)")
	if strings.Contains(frame, "… alt+e") {
		t.Errorf("the expanded list should cut nothing:\n%s", commontest.Plain(frame))
	}
	a.keys("ctrl+d", "down", "down")
	a.await("›⚠ 9:1 table")
	a.keys("enter")
	a.p.await(t, a.tm, "the cursor on line 9", func(m *Model) bool {
		v := m.View()
		if v.Cursor == nil || strings.Contains(commontest.Plain(v.Content), "›⚠") {
			return false
		}
		row := strings.Split(commontest.Plain(v.Content), "\n")[v.Cursor.Position.Y]
		return strings.Contains(row, " 9 | a | b |")
	})
	a.typeText("X")
	a.await("9 X| a | b |")
}
