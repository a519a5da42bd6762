package composer

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
)

// An edit goes with the markdown its message was sent with (markdownMode),
// so the preview and the payload title show that, not what the card asks
// for: a message sent with markdown off shows its text as written, stars
// and all. (This test used to want "Deploy *done*", the converted text drawn
// literally; an edit with markdown off now sends, and so draws, what the
// author wrote.)
func TestEditPreviewUsesTheMessagesMarkdown(t *testing.T) {
	for _, mode := range []common.ComposeMode{common.ComposeEdit, common.ComposeScheduled} {
		for _, sentOn := range []bool{false, true} {
			checkKeptMarkdownPreview(t, mode, sentOn)
		}
	}
}

// checkKeptMarkdownPreview opens a card sent (or scheduled) with markdown
// sentOn in mode: the preview and the payload view keep that flag.
func checkKeptMarkdownPreview(t *testing.T, mode common.ComposeMode, sentOn bool) {
	t.Helper()
	m := newTestModel(t, 120, 40, themes.Default(true), nil)
	settle(t, m, m.Init())
	sent := &history.Message{ID: "m9", Revisions: []history.Revision{{Source: "Deploy **done**\n", Markdown: sentOn}}}
	_, cmd := m.Update(common.ComposeMsg{Mode: mode, Message: sent, Source: "Deploy **done**\n"})
	settle(t, m, cmd)
	shown := ansi.Strip(strings.Join(m.pipeline.result.previewLines, "\n"))
	if literal := strings.Contains(shown, "Deploy **done**"); literal == sentOn || !strings.Contains(shown, "Deploy") {
		t.Errorf("%v sent with markdown %v: the preview shows\n%s", mode, sentOn, shown)
	}
	if m.pipeline.result.markdown != sentOn {
		t.Errorf("%v sent with markdown %v: the payload view says is_markdown_support %v", mode, sentOn, m.pipeline.result.markdown)
	}
}
