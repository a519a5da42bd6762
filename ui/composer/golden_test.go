package composer

import (
	"github.com/zoompose/zoompose/ui/common/commontest"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/themes"
)

// sampleCard is a small card with a warning, so the goldens show the
// preview, the payload and the diagnostics list.
const sampleCard = "---\nhead: Deploy finished\nsub_head: api-gateway v2.4.1\n---\n\n" +
	"The **deploy** of `api-gateway` went out at 09:20. See [the runbook](https://example.com/runbook).\n\n" +
	"# Rollback\n\n" +
	"```fields\nOwner: Platform team {short}\nSeverity: low {short}\n```\n\n" +
	"```actions\n- [Approve](approve) primary\n- [Roll back](rollback) danger\n```\n"

// loaded is a composer of w×h holding sampleCard with its preview shown.
func loaded(t *testing.T, w, h int, theme themes.Theme) *Model {
	t.Helper()
	m := newTestModel(t, w, h, theme, nil)
	settle(t, m, m.Init())
	m.editor.SetValue(sampleCard)
	m.editor.SetCursor(5, 4)
	_, cmd := m.Update(nil)
	settle(t, m, cmd)
	return m
}

func TestViewGolden(t *testing.T) {
	sizes := []struct{ w, h int }{{80, 24}, {120, 40}}
	themesUnder := map[string]themes.Theme{"dark": themes.Default(true), "nocolor": themes.NoColor()}
	states := []struct {
		name  string
		setup func(t *testing.T, m *Model)
	}{
		{"editor", func(*testing.T, *Model) {}},
		{"preview", func(t *testing.T, m *Model) { settle(t, m, press(m, "tab")) }},
		{"payload", func(t *testing.T, m *Model) { settle(t, m, press(m, "ctrl+p")) }},
		{"mobile", func(t *testing.T, m *Model) {
			settle(t, m, press(m, "alt+w"))
			settle(t, m, press(m, "tab"))
		}},
		{"insert-menu", func(t *testing.T, m *Model) { settle(t, m, press(m, "ctrl+o")) }},
		{"variables-form", func(t *testing.T, m *Model) {
			m.editor.SetValue("Hello {{.name}} from {{.team}}")
			settle(t, m, press(m, "ctrl+s"))
			typeText(m, "Ada")
		}},
	}
	for _, size := range sizes {
		for themeName, theme := range themesUnder {
			for _, st := range states {
				name := st.name + "-" + themeName + "-" + itoa(size.w) + "x" + itoa(size.h)
				t.Run(name, func(t *testing.T) {
					m := loaded(t, size.w, size.h, theme)
					st.setup(t, m)
					view := m.View()
					checkSize(t, view, size.w, size.h)
					commontest.Golden(t, view)
				})
			}
		}
	}
}

// checkSize asserts the view fills exactly w×h cells.
func checkSize(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := splitLines(view)
	if len(lines) != h {
		t.Errorf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			t.Errorf("line %d is %d cells wide, want %d: %q", i, got, w, ansi.Strip(l))
		}
	}
}

func TestSmallSizes(t *testing.T) {
	for _, size := range []struct{ w, h int }{{60, 16}, {100, 16}, {40, 8}, {20, 5}, {3, 2}, {0, 0}} {
		m := loaded(t, size.w, size.h, themes.Default(true))
		for _, k := range []string{"ctrl+o", "esc", "tab", "ctrl+p", "alt+s", "esc", "tab", "alt+e", "ctrl+d", "down", "enter"} {
			settle(t, m, press(m, k))
			view := m.View()
			if size.w >= 60 {
				checkSize(t, view, size.w, size.h)
			} else if n := len(splitLines(view)); n > max(size.h, 1) {
				t.Errorf("%dx%d after %s: %d lines", size.w, size.h, k, n)
			}
		}
	}
}

func TestThemeChangeRerendersPreview(t *testing.T) {
	m := loaded(t, 120, 40, themes.NoColor())
	if strings.Contains(strings.Join(m.pipeline.result.previewLines, ""), "\x1b[") {
		t.Fatal("the no-colour preview has escape sequences")
	}
	c := m.common
	c.SetTheme(themes.Default(true))
	m.SetCommon(c)
	_, cmd := m.Update(nil)
	settle(t, m, cmd)
	if m.pipeline.rendered.theme != themes.ZoomDark || !strings.Contains(strings.Join(m.pipeline.result.previewLines, ""), "\x1b[") {
		t.Error("the preview was not rendered again in the new theme")
	}
}
