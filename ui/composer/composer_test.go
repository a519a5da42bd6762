package composer

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
)

// msgsOf runs cmd (and what it batches) and returns the messages of type T.
func msgsOf[T any](cmd tea.Cmd) []T {
	var out []T
	for _, msg := range runAll(cmd) {
		if v, ok := msg.(T); ok {
			out = append(out, v)
		}
	}
	return out
}

func TestWideAndNarrowLayout(t *testing.T) {
	tests := []struct {
		name          string
		w, h          int
		keys          []string
		wide          bool
		showsEditor   bool
		showsPreview  bool
		cursorVisible bool
	}{
		{"wide shows both", 120, 40, nil, true, true, true, true},
		{"narrow shows the editor", 80, 24, nil, false, true, false, true},
		{"narrow tab shows the preview", 80, 24, []string{"tab"}, false, false, true, false},
		{"narrow tab twice returns", 80, 24, []string{"tab", "tab"}, false, true, false, true},
		{"wide tab focuses the preview", 120, 40, []string{"tab"}, true, true, true, false},
		{"exactly 100 columns is wide", 100, 30, nil, true, true, true, true},
		{"99 columns is narrow", 99, 30, nil, false, true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := loaded(t, tt.w, tt.h, themes.NoColor())
			for _, k := range tt.keys {
				settle(t, m, press(m, k))
			}
			view := ansi.Strip(m.View())
			checkSize(t, m.View(), tt.w, tt.h)
			if m.layout.wide != tt.wide {
				t.Errorf("wide = %v, want %v", m.layout.wide, tt.wide)
			}
			if got := strings.Contains(view, "head: Deploy finished"); got != tt.showsEditor {
				t.Errorf("editor shown = %v, want %v", got, tt.showsEditor)
			}
			if got := strings.Contains(view, "Preview · desktop"); got != tt.showsPreview {
				t.Errorf("preview shown = %v, want %v", got, tt.showsPreview)
			}
			if got := m.Cursor() != nil; got != tt.cursorVisible {
				t.Errorf("cursor shown = %v, want %v", got, tt.cursorVisible)
			}
		})
	}
}

func TestCursorFollowsEditor(t *testing.T) {
	m := loaded(t, 120, 40, themes.NoColor()) // cursor on line 6, column 5
	c := m.Cursor()
	if c == nil {
		t.Fatal("no cursor while the editor is focused")
	}
	// frame border (1) + gutter "  6 " (4) + column 4; row: border (1) + line 6 (index 5).
	if c.Position.X != 1+4+4 || c.Position.Y != 1+5 {
		t.Errorf("cursor at %d,%d, want 9,6", c.Position.X, c.Position.Y)
	}
	lines := splitLines(ansi.Strip(m.View()))
	if got := []rune(lines[c.Position.Y])[c.Position.X]; got != '*' {
		t.Errorf("the cell under the cursor is %q, want the '*' of **deploy**", got)
	}
}

func TestPayloadToggle(t *testing.T) {
	m := loaded(t, 120, 40, themes.NoColor())
	settle(t, m, press(m, "ctrl+p"))
	view := ansi.Strip(m.View())
	for _, want := range []string{"Payload · is_markdown_support: true", `"type": "fields"`, `"text": "The *deploy* of`} {
		if !strings.Contains(view, want) {
			t.Errorf("payload view lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "Preview ·") {
		t.Error("payload view still titled Preview")
	}
	settle(t, m, press(m, "ctrl+p"))
	if view := ansi.Strip(m.View()); !strings.Contains(view, "Preview · desktop") {
		t.Errorf("ctrl+p again did not return to the preview:\n%s", view)
	}
}

func TestPayloadScrolls(t *testing.T) {
	m := loaded(t, 80, 24, themes.NoColor())
	settle(t, m, press(m, "ctrl+p"))
	if m.focus != focusPreview {
		t.Fatal("ctrl+p in the narrow layout did not show the payload")
	}
	settle(t, m, press(m, "pgdown"), press(m, "down"))
	if m.scroll != m.layout.side.innerH {
		t.Errorf("scroll = %d after pgdn and down, want %d", m.scroll, m.layout.side.innerH)
	}
	for range 100 {
		press(m, "down")
	}
	if max := len(m.pipeline.result.payloadLines) - m.layout.side.innerH; m.scroll != max {
		t.Errorf("scroll = %d after scrolling past the end, want %d", m.scroll, max)
	}
}

func TestMobileWidthToggle(t *testing.T) {
	m := loaded(t, 120, 40, themes.NoColor())
	settle(t, m, press(m, "alt+w"))
	if m.pipeline.rendered.width != mobileWidth {
		t.Errorf("preview rendered at %d columns after alt+w, want %d", m.pipeline.rendered.width, mobileWidth)
	}
	settle(t, m, press(m, "alt+w"))
	if m.pipeline.rendered.width != m.layout.side.innerW {
		t.Errorf("preview rendered at %d columns after alt+w twice, want the pane's %d", m.pipeline.rendered.width, m.layout.side.innerW)
	}
}

func TestDiagnosticsList(t *testing.T) {
	tests := []struct {
		name   string
		source string
		want   []string
	}{
		{"clean", "Hello", []string{"✓ No problems"}},
		{"one warning", "# Heading", []string{"⚠ 1:1 "}},
		{"one error", "```actions\n- [Go](go) shiny\n```", []string{"✖ 2:12 bad button style"}},
		{"more than fit", strings.Repeat("```actions\n- [Go](go) shiny\n```\n\n", 6), []string{"✖ 2:12", "✖ 6:12", "✖ 10:12", "+3 more"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, 120, 40, themes.NoColor(), nil)
			m.editor.SetValue(tt.source)
			_, cmd := m.Update(nil)
			settle(t, m, cmd)
			lines := splitLines(ansi.Strip(m.View()))
			diag := lines[len(lines)-len(tt.want):]
			for i, want := range tt.want {
				if !strings.Contains(diag[i], want) {
					t.Errorf("diagnostic row %d = %q, want it to contain %q", i, diag[i], want)
				}
			}
		})
	}
}

func TestEscClosesMenusAndKeepsText(t *testing.T) {
	for _, open := range []string{"ctrl+o", "alt+s"} {
		m := loaded(t, 120, 40, themes.NoColor())
		settle(t, m, press(m, open))
		if m.overlay == overlayNone {
			t.Fatalf("%s opened nothing", open)
		}
		typeText(m, "xy")
		settle(t, m, press(m, "esc"))
		if m.overlay != overlayNone || m.Source() != sampleCard {
			t.Errorf("after %s and esc: overlay %d, text changed = %v", open, m.overlay, m.Source() != sampleCard)
		}
	}
}

func TestEscWithNothingOpenGoesBack(t *testing.T) {
	m := loaded(t, 120, 40, themes.NoColor())
	msgs := runAll(press(m, "esc"))
	back := 0
	for _, msg := range msgs {
		if _, ok := msg.(common.BackMsg); ok {
			back++
		}
	}
	if back != 1 || m.Source() != sampleCard {
		t.Errorf("esc gave %d BackMsg and changed the text: %v", back, m.Source() != sampleCard)
	}
}

func TestNoLegacyAmbiguousKeys(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	for _, group := range m.FullHelp() {
		for _, b := range group {
			for _, k := range b.Keys() {
				switch k {
				case "ctrl+h", "ctrl+i", "ctrl+m", "ctrl+[":
					t.Errorf("%q is bound (%s); legacy terminals send it for another key", k, b.Help().Desc)
				}
			}
		}
	}
}

func TestTitleNamesMode(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	if m.Title() != "New message" {
		t.Errorf("Title() = %q, want New message", m.Title())
	}
	settle(t, m, func() tea.Msg { return nil })
	m.Update(common.ComposeMsg{Mode: common.ComposeUnfurl, Source: "Hi"})
	if m.Title() != "Unfurl card" || !strings.Contains(ansi.Strip(m.View()), "Unfurl card") {
		t.Errorf("Title() = %q in unfurl mode", m.Title())
	}
}

func TestKeysFollowState(t *testing.T) {
	tests := []struct {
		name    string
		keys    []string
		typing  bool
		enabled []string // help keys that must be shown
		hidden  []string // help keys that must not be
	}{
		{"editing", nil, true, []string{"ctrl+s", "ctrl+o", "tab"}, []string{"enter", "pgup"}},
		{"preview focused", []string{"tab"}, false, []string{"ctrl+s", "pgup", "ctrl+o"}, []string{"enter", "shift+tab"}},
		{"insert menu", []string{"ctrl+o"}, true, []string{"enter", "esc"}, []string{"ctrl+s", "tab"}},
		{"template name", []string{"alt+s"}, true, []string{"enter", "shift+tab"}, []string{"ctrl+s", "ctrl+o"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := loaded(t, 120, 40, themes.NoColor())
			for _, k := range tt.keys {
				settle(t, m, press(m, k))
			}
			if m.Typing() != tt.typing {
				t.Errorf("Typing() = %v, want %v", m.Typing(), tt.typing)
			}
			shown := map[string]bool{}
			for _, group := range m.FullHelp()[:4] {
				for _, b := range group {
					if b.Enabled() {
						shown[b.Help().Key] = true
					}
				}
			}
			for _, k := range tt.enabled {
				if !shown[k] {
					t.Errorf("%s is not in the help", k)
				}
			}
			for _, k := range tt.hidden {
				if shown[k] {
					t.Errorf("%s is in the help but does nothing here", k)
				}
			}
		})
	}
}

func TestPasteGoesToEditor(t *testing.T) {
	m := newTestModel(t, 80, 24, themes.NoColor(), nil)
	press(m, "tab") // the narrow layout shows the preview
	settle(t, m, func() tea.Cmd { _, c := m.Update(tea.PasteMsg{Content: "pasted\r\nnotes"}); return c }())
	if m.Source() != "pasted\nnotes" || m.focus != focusEditor {
		t.Errorf("after a paste on the preview: source %q, focus %d", m.Source(), m.focus)
	}
	press(m, "alt+s")
	m.Update(tea.PasteMsg{Content: "weekly"})
	if got := m.form.values()[0]; got != "weekly" {
		t.Errorf("a paste into the name form gave %q", got)
	}
	if m.Source() != "pasted\nnotes" {
		t.Error("a paste into the form reached the editor")
	}
}
