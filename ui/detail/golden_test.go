package detail

import (
	"fmt"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// golden checks the view's size, that NO_COLOR output is plain, and
// compares it, colours and all, with testdata/<test name>.golden.
func golden(t *testing.T, m *Model, theme themes.Theme) {
	t.Helper()
	view := m.View()
	if theme.Plain && strings.Contains(view, "\x1b") {
		t.Fatal("the NO_COLOR view carries escape sequences")
	}
	if got := strings.Count(view, "\n") + 1; got != m.common.Height {
		t.Fatalf("the view is %d lines high, want %d", got, m.common.Height)
	}
	commontest.Golden(t, view)
}

func TestGoldenViews(t *testing.T) {
	dark, _ := themes.Get(themes.ZoomDark)
	screens := []struct {
		name  string
		setup func(t *testing.T, m *Model, rec history.Message)
	}{
		{"card", func(*testing.T, *Model, history.Message) {}},
		{"diff", func(t *testing.T, m *Model, _ history.Message) { press(m, commontest.Key("tab")) }},
		{"confirm-edit", func(t *testing.T, m *Model, rec history.Message) {
			next := card(t, sourceV3)
			press(m, common.SubmitDraftMsg{Mode: common.ComposeEdit, Message: &rec,
				Draft: compose.Card{Source: next.Source, Content: next.Content}})
		}},
	}
	for _, theme := range []themes.Theme{themes.NoColor(), dark} {
		for _, size := range [][2]int{{80, 21}, {120, 37}} {
			for _, screen := range screens {
				name := fmt.Sprintf("detail-%s-%dx%d-%s", screen.name, size[0], size[1], theme.Name)
				t.Run(name, func(t *testing.T) {
					env := commontest.NewEnv(t)
					rec := fixed(t, env, history.StatusEdited, sourceV1, sourceV2)
					m := open(t, env, theme, size[0], size[1], rec.ID)
					screen.setup(t, m, rec)
					golden(t, m, theme)
				})
			}
		}
	}
}

func TestGoldenDeleted(t *testing.T) {
	env := commontest.NewEnv(t)
	rec := fixed(t, env, history.StatusDeleted, sourceV1)
	m := open(t, env, themes.NoColor(), 80, 21, rec.ID)
	golden(t, m, themes.NoColor())
}
