package sendform

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// toggleMarkdown moves to the markdown toggle and presses space.
func toggleMarkdown(m *Model) {
	for m.focus != fieldMarkdown {
		feed(m, commontest.Key("tab"))
	}
	feed(m, commontest.Key("space"))
}

// The toggle decides the text sent, not only the flag: off sends the card
// as written, with a hint naming what will show so; on again sends the
// draft as the composer built it.
func TestMarkdownToggleRebuildsTheCard(t *testing.T) {
	tests := []struct {
		name       string
		draft      func() (compose.Card, compose.Content, []compose.Diagnostic)
		wantOff    string // in the content sent with markdown off
		wantHint   string // "" for none
		sameAsSent bool   // off sends the draft's content unchanged
	}{
		{"markdown source", func() (compose.Card, compose.Content, []compose.Diagnostic) {
			return compose.Build("Deploy **done**, see [log](https://x.io/l)")
		}, `"Deploy **done**, see [log](https://x.io/l)"`, `"**done**" and "[log](https://x.io/l)" will show as written`, false},
		{"a JSON card keeps its content", func() (compose.Card, compose.Content, []compose.Diagnostic) {
			return compose.BuildFile("c.json", []byte(`{"body":[{"type":"message","text":"Deploy *done*"}]}`))
		}, `"Deploy *done*"`, `"*done*" will show as written`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newForm(t, 100, 30)
			draft, _, _ := tt.draft()
			m.Update(common.SubmitDraftMsg{Mode: common.ComposeNew, Draft: draft})
			if !m.markdown || string(m.card.Content) != string(draft.Content) || m.hint != "" {
				t.Fatalf("opened with markdown %v, card %s, hint %q", m.markdown, m.card.Content, m.hint)
			}
			toggleMarkdown(m)
			if m.markdown || m.card.Markdown || !strings.Contains(string(m.card.Content), tt.wantOff) {
				t.Errorf("off: markdown %v/%v, sends %s; want %s", m.markdown, m.card.Markdown, m.card.Content, tt.wantOff)
			}
			if (string(m.card.Content) == string(draft.Content)) != tt.sameAsSent {
				t.Errorf("off: sends %s, draft %s", m.card.Content, draft.Content)
			}
			if !strings.Contains(m.hint, tt.wantHint) || !strings.Contains(commontest.Plain(m.View()), "will show as written") {
				t.Errorf("off: hint %q, want %q\n%s", m.hint, tt.wantHint, commontest.Plain(m.View()))
			}
			toggleMarkdown(m)
			if !m.card.Markdown || string(m.card.Content) != string(draft.Content) || m.hint != "" {
				t.Errorf("on again: markdown %v, sends %s, hint %q", m.card.Markdown, m.card.Content, m.hint)
			}
		})
	}
}

// A card that asked for no markdown was built so, escapes turned into the
// characters meant: it is sent as built, with nothing to hint.
func TestMarkdownOffDraftIsSentAsBuilt(t *testing.T) {
	m, _ := newForm(t, 100, 30)
	draft, _, _ := compose.Build(`2 \* 3 = 6`)
	if draft.Markdown {
		t.Fatal("the draft asks for markdown")
	}
	m.Update(common.SubmitDraftMsg{Mode: common.ComposeNew, Draft: draft})
	if m.markdown || string(m.card.Content) != string(draft.Content) || m.hint != "" {
		t.Errorf("sends %s markdown %v, hint %q; want the draft as built", m.card.Content, m.card.Markdown, m.hint)
	}
}

// With more constructs than the hint names, it counts the rest.
func TestLiteralHintCountsTheRest(t *testing.T) {
	_, _, diags := compose.BuildAs("**a** _b_ `c` ~~d~~ [e](https://f.io)", compose.MarkdownOff)
	hint := literalHint(diags)
	if !strings.HasPrefix(hint, `"**a**", "_b_", "`+"`c`"+`" and 2 more will show as written`) {
		t.Errorf("hint %q", hint)
	}
}
