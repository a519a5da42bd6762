package composer

import (
	"strconv"
	"strings"
	"testing"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/editor/editortest"
	"github.com/zoompose/zoompose/ui/preview"
)

// benchSizes are the draft sizes of the keystroke benchmarks.
var benchSizes = []struct {
	name  string
	bytes int
}{{"1KB", 1 << 10}, {"4KB", 4 << 10}, {"40KB", 40 << 10}}

// typedKey is one typed character, as the terminal reports it.
var typedKey = tea.KeyPressMsg{Code: 'x', Text: "x"}

// BenchmarkKeystroke measures one typed character in the middle of a card
// source: Update + View of the bubbles textarea holding the same text
// ("stock", MaxHeight 0, 120×40) beside the whole composer at 120×40
// ("zoompose"). The composer's returned command (the debounced preview and
// autosave) is not run: the preview is off the key path by design and is
// measured by BenchmarkPreviewEdit.
func BenchmarkKeystroke(b *testing.B) {
	for _, size := range benchSizes {
		b.Run("stock-"+size.name, func(b *testing.B) {
			ta := stockTextarea(editortest.CardSource(size.bytes))
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				ta, _ = ta.Update(typedKey)
				_ = ta.View()
			}
		})
	}
	for _, size := range benchSizes {
		b.Run("zoompose-"+size.name, func(b *testing.B) {
			m := benchComposer(b, editortest.CardSource(size.bytes))
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				m.Update(typedKey)
				_ = m.View()
			}
		})
	}
}

// BenchmarkPreviewEdit measures the re-render after a one-paragraph edit of
// a 4 KB card, through the path the composer's background command takes
// with the preview shown (parse, diagnostics, render with the block cache
// warm). Every iteration edits
// the paragraph to a text never seen before, so exactly one block misses the
// cache, as when an author types.
func BenchmarkPreviewEdit(b *testing.B) {
	source := editortest.CardSource(4 << 10)
	const word = "forty minutes"
	cut := strings.Index(source, word)
	if cut < 0 {
		b.Fatal("the generated card no longer has the paragraph this benchmark edits")
	}
	r := preview.New(themes.Default(true))
	key := renderKey{width: 58, paneW: 58, theme: themes.ZoomDark}
	renderSource(r, source, key, nil)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		edited := source[:cut] + strconv.Itoa(i) + " minutes" + source[cut+len(word):]
		res := renderSource(r, edited, key, nil)
		if len(res.previewLines) == 0 {
			b.Fatal("empty preview")
		}
	}
	b.StopTimer()
	if s := r.Stats(); s.Misses < uint64(b.N) {
		b.Fatalf("only %d cache misses in %d edits: the benchmark did not re-render the edited paragraph", s.Misses, b.N)
	}
}

// stockTextarea is a focused 120×40 bubbles textarea holding text, with the
// cursor in the middle of its middle line.
func stockTextarea(text string) textarea.Model {
	ta := textarea.New()
	ta.MaxHeight = 0
	ta.SetWidth(120)
	ta.SetHeight(40)
	ta.SetValue(text)
	ta.Focus()
	ta.MoveToBegin()
	lines := strings.Split(text, "\n")
	middle := len(lines) / 2
	for ta.Line() < middle {
		ta.CursorDown()
	}
	ta.SetCursorColumn(len([]rune(lines[middle])) / 2)
	return ta
}

// benchComposer is a 120×40 composer holding text with its preview shown
// and the cursor in the middle of the middle line.
func benchComposer(b *testing.B, text string) *Model {
	b.Helper()
	c := common.NewCommon(themes.Default(true), &common.Deps{})
	c.SetSize(120, 40)
	m := New(c)
	m.editor.SetValue(text)
	middle := m.editor.LineCount() / 2
	m.editor.SetCursor(middle, len([]rune(m.editor.Line(middle)))/2)
	m.pipeline.delay = 0 // render at once, outside the timed loop
	_, cmd := m.Update(nil)
	for _, msg := range runAll(cmd) {
		if r, ok := msg.(previewResultMsg); ok {
			m.Update(r)
		}
	}
	if !m.pipeline.hasResult {
		b.Fatal("the composer did not render its preview")
	}
	m.pipeline.delay = defaultPreviewDelay
	return m
}

// runAll runs cmd and the commands it batches, returning their messages.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, runAll(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}
