package composer

import (
	"testing"

	"github.com/zoompose/zoompose/themes"
)

// BenchmarkPickerMove measures moving the highlight in the template picker
// at 120×40 (Update + View of one down or up key, alternating between two
// starters). "cached" is the picker as built: the previews were rendered
// once in commands and moving only looks them up. "inline" is the baseline a
// picker rendering the highlighted card on the Update path would pay: the
// same move plus renderSource of the newly highlighted template.
func BenchmarkPickerMove(b *testing.B) {
	open := func(b *testing.B) *Model {
		t := &testing.T{}
		m := newTestModel(t, 120, 40, themes.Default(true), nil)
		settle(t, m, press(m, "ctrl+t"))
		settle(t, m, press(m, "down")) // both previews cached
		return m
	}
	keys := [2]string{"up", "down"}
	b.Run("cached", func(b *testing.B) {
		m := open(b)
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			press(m, keys[i%2])
			_ = m.View()
		}
	})
	b.Run("inline", func(b *testing.B) {
		m := open(b)
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			press(m, keys[i%2])
			it, _ := m.menu.selected()
			w := m.layout.side.innerW
			_ = renderSource(m.renderer, it.value, renderKey{width: w, paneW: w, theme: m.common.Theme.Name}, nil)
			_ = m.View()
		}
	})
}
