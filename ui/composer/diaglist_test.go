package composer

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// problemCard has five problems, the first with a message longer than a
// compact row at 80 columns: more than the compact list shows.
const problemCard = "---\nhead: **Release**\nhead_style: bold\n---\n# Rollback\n\nText.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"

// alt+e expands the list: every message is read whole, wrapped under its
// position; alt+e again makes it compact, each cut row saying so.
func TestDiagnosticsExpandToEveryMessageWhole(t *testing.T) {
	m := loadedWith(t, 80, 24, problemCard)
	ds := m.pipeline.result.diags
	if len(ds) != 5 {
		t.Fatalf("the card has %d problems, want 5: %v", len(ds), ds)
	}
	compact := diagText(m)
	if strings.Contains(compact, "(is_markdown_support will be set)") || !strings.Contains(ansi.Strip(m.View()), "… alt+e") {
		t.Errorf("the compact list should cut the long message and say how to read it:\n%s", ansi.Strip(m.View()))
	}
	settle(t, m, press(m, "alt+e"))
	view := m.View()
	checkSize(t, view, 80, 24)
	expanded := diagText(m)
	for _, d := range ds {
		if !strings.Contains(expanded, strings.Join(strings.Fields(d.Message), " ")) {
			t.Errorf("the expanded list does not hold %q whole:\n%s", d.Message, ansi.Strip(view))
		}
	}
	if m.Typing() != true {
		t.Error("expanding the list must leave the keyboard to the editor")
	}
	settle(t, m, press(m, "alt+e"))
	if got := diagText(m); got != compact {
		t.Errorf("alt+e again should give the compact list back:\n%s", got)
	}
}

// ctrl+d gives the list the keyboard, ↓ picks a problem, enter puts the
// editor's cursor on its line and column and gives the keyboard back.
func TestDiagnosticsListJumpsToTheLine(t *testing.T) {
	m := loadedWith(t, 80, 24, problemCard)
	m.editor.SetCursor(0, 0)
	settle(t, m, press(m, "ctrl+d"))
	if m.focus != focusDiags || m.Typing() {
		t.Fatalf("ctrl+d: focus %d, typing %v; want the list, not typing", m.focus, m.Typing())
	}
	if !strings.Contains(ansi.Strip(m.View()), "›⚠ 3:13 Zoom ignores style") {
		t.Errorf("the first problem should be picked:\n%s", ansi.Strip(m.View()))
	}
	press(m, "down")
	press(m, "down")
	settle(t, m, press(m, "enter"))
	if line, col := m.editor.Cursor(); line != 8 || col != 0 {
		t.Errorf("enter on 9:1 put the cursor at %d:%d (0-based), want 8:0", line, col)
	}
	if m.focus != focusEditor || !m.Typing() || strings.Contains(ansi.Strip(m.View()), "›⚠") {
		t.Errorf("after enter the editor should have the keyboard and nothing be picked: focus %d", m.focus)
	}

	// The column is kept too: typing lands where the problem is.
	settle(t, m, press(m, "ctrl+d"))
	press(m, "up")
	press(m, "up")
	settle(t, m, press(m, "enter"))
	if line, col := m.editor.Cursor(); line != 2 || col != 12 {
		t.Errorf("enter on 3:13 put the cursor at %d:%d (0-based), want 2:12", line, col)
	}
	typeText(m, "x")
	if got := m.editor.Line(2); got != "head_style: xbold" {
		t.Errorf("typed after the jump: line 3 is %q", got)
	}
}

// Picking past the rows the compact list has scrolls it: the picked problem
// stays in view and the last row counts those above.
func TestDiagnosticsListScrollsToThePickedOne(t *testing.T) {
	m := loadedWith(t, 80, 24, problemCard)
	settle(t, m, press(m, "ctrl+d"))
	for range 6 { // one past the end: the last stays picked
		press(m, "down")
	}
	text := ansi.Strip(m.View())
	if !strings.Contains(text, "›⚠ 11:1 table") || !strings.Contains(text, "↑ 2 above") {
		t.Errorf("the last problem should be picked and in view:\n%s", text)
	}
	checkSize(t, m.View(), 80, 24)
	settle(t, m, press(m, "esc"))
	if m.focus != focusEditor {
		t.Errorf("esc should give the keyboard back to the editor, focus %d", m.focus)
	}
}

// The expanded list with a problem picked, at both golden sizes.
func TestDiagnosticsGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		t.Run(itoa(size.w)+"x"+itoa(size.h), func(t *testing.T) {
			m := loadedWith(t, size.w, size.h, problemCard)
			settle(t, m, press(m, "alt+e"))
			settle(t, m, press(m, "ctrl+d"))
			press(m, "down")
			view := m.View()
			checkSize(t, view, size.w, size.h)
			commontest.Golden(t, ansi.Strip(view))
		})
	}
}

// loadedWith is a composer of w×h holding source, its preview and
// diagnostics settled.
func loadedWith(t *testing.T, w, h int, source string) *Model {
	t.Helper()
	m := newTestModel(t, w, h, themes.NoColor(), nil)
	settle(t, m, m.Init())
	m.editor.SetValue(source)
	_, cmd := m.Update(nil)
	settle(t, m, cmd)
	return m
}

// diagText is the words of the rows under the editor, as one line.
func diagText(m *Model) string {
	lines := splitLines(ansi.Strip(m.View()))
	return strings.Join(strings.Fields(strings.Join(lines[m.layout.diagY:], " ")), " ")
}
