package editor

import (
	"testing"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"github.com/zoompose/zoompose/ui/editor/editortest"
)

// benchSizes are the draft sizes the keystroke benchmarks use.
var benchSizes = []struct {
	name  string
	bytes int
}{{"1KB", 1 << 10}, {"4KB", 4 << 10}, {"40KB", 40 << 10}}

// typed is one typed character, as the terminal reports it.
var typed = tea.KeyPressMsg{Code: 'x', Text: "x"}

// BenchmarkEditorKeystroke measures one typed character in the middle of a
// card source (Update + View at 80×24) for the bubbles textarea ("stock")
// and for this editor ("zoompose") in the same run.
func BenchmarkEditorKeystroke(b *testing.B) {
	for _, size := range benchSizes {
		b.Run("stock-"+size.name, func(b *testing.B) {
			ta := stockTextarea(editortest.CardSource(size.bytes))
			b.ResetTimer()
			for range b.N {
				ta, _ = ta.Update(typed)
				_ = ta.View()
			}
		})
	}
	for _, size := range benchSizes {
		b.Run("zoompose-"+size.name, func(b *testing.B) {
			ed := benchEditor(editortest.CardSource(size.bytes))
			b.ResetTimer()
			for range b.N {
				ed, _ = ed.Update(typed)
				_ = ed.View()
			}
		})
	}
}

// stockTextarea is a focused 80×24 bubbles textarea holding text, with the
// cursor in the middle of its middle line.
func stockTextarea(text string) textarea.Model {
	ta := textarea.New()
	ta.MaxHeight = 0
	ta.SetWidth(80)
	ta.SetHeight(24)
	ta.SetValue(text)
	ta.Focus()
	ta.MoveToBegin()
	middle := ta.LineCount() / 2
	for ta.Line() < middle {
		ta.CursorDown()
	}
	ed := New()
	ed.SetValue(text)
	ta.SetCursorColumn(len([]rune(ed.Line(middle))) / 2)
	return ta
}

// benchEditor is a focused 80×24 editor holding text, with the cursor in the
// middle of its middle line.
func benchEditor(text string) Model {
	ed := New()
	ed.ShowLineNumbers = true
	ed.SetSize(80, 24)
	ed.SetValue(text)
	ed.Focus()
	middle := ed.LineCount() / 2
	ed.SetCursor(middle, len([]rune(ed.Line(middle)))/2)
	return ed
}

// BenchmarkEditorLargeOps measures the operations whose cost does grow with
// the text, on a 40 KB card: loading it, pasting it, reading it back after an
// edit, and a resize (which rewraps only what is drawn).
func BenchmarkEditorLargeOps(b *testing.B) {
	text := editortest.CardSource(40 << 10)
	b.Run("SetValue-40KB", func(b *testing.B) {
		ed := benchEditor("")
		for range b.N {
			ed.SetValue(text)
		}
	})
	b.Run("Paste-40KB", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			ed := benchEditor("")
			b.StartTimer()
			ed, _ = ed.Update(tea.PasteMsg{Content: text})
		}
	})
	b.Run("EditThenValue-40KB", func(b *testing.B) {
		ed := benchEditor(text)
		for range b.N {
			ed, _ = ed.Update(typed)
			_ = ed.Value()
		}
	})
	b.Run("ResizeThenView-40KB", func(b *testing.B) {
		ed := benchEditor(text)
		for i := range b.N {
			ed.SetSize(60+i%40, 24)
			_ = ed.View()
		}
	})
}
