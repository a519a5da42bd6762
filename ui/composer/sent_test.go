package composer

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
)

// An edit is sent with the markdown of the message it changes, not the one
// the card would ask for: off means the text goes as written. A new message
// asks the card.
func TestSubmitKeepsTheEditedMessagesMarkdown(t *testing.T) {
	editedOff := sentMessage("m2", true)
	editedOff.Revisions = append(editedOff.Revisions, history.Revision{Content: editedOff.Revisions[0].Content, Markdown: false})
	autoOff := sentMessage("m3", false) // a plain card that auto mode sent with markdown off
	autoOff.Revisions[0].MarkdownAuto = true
	tests := []struct {
		name    string
		compose *common.ComposeMsg
		card    string
		want    bool
		text    string // the text sent
	}{
		{"edit of a message sent with markdown off", ptr(editKey(sentMessage("m1", false))), "Now **bold**", false, "Now **bold**"},
		{"edit of a message sent with markdown on", ptr(editKey(sentMessage("m1", true))), "plain now", true, "plain now"},
		{"edit of a message whose last edit turned it off", ptr(editKey(editedOff)), "**bold**", false, "**bold**"},
		{"edit of a plain card auto mode sent with markdown off", ptr(editKey(autoOff)), "Now **bold**", true, "Now *bold*"},
		{"new message with markdown", nil, "Now **bold**", true, "Now *bold*"},
		{"new message without", nil, "plain", false, "plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, 120, 40, themes.NoColor(), nil)
			if tt.compose != nil {
				send(t, m, *tt.compose)
			}
			m.editor.SetValue(tt.card)
			subs := submitted(toAny(settle(t, m, press(m, "ctrl+s"))))
			if len(subs) != 1 {
				t.Fatalf("ctrl+s produced %d submissions", len(subs))
			}
			if subs[0].Draft.Markdown != tt.want {
				t.Errorf("markdown %v, want %v", subs[0].Draft.Markdown, tt.want)
			}
			if !strings.Contains(string(subs[0].Draft.Content), `"text":"`+tt.text+`"`) {
				t.Errorf("sends %s, want the text %q", subs[0].Draft.Content, tt.text)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// A sent draft is cleared by target, which need not be the one shown.
func TestDraftSentClearsTheDraftThatWasSent(t *testing.T) {
	msg := sentMessage("m9", false)
	tests := []struct {
		name      string
		sent      common.DraftSentMsg
		wantShown string   // the editor's text afterwards
		gone      []string // drafts no longer stored
		kept      []string
	}{
		{"the edit, while the new message is shown", common.DraftSentMsg{Mode: common.ComposeEdit, MessageID: "m9"},
			"new text", []string{"edit m9"}, []string{draftCurrent}},
		{"no fields: the draft last submitted", common.DraftSentMsg{},
			"new text", []string{"edit m9"}, []string{draftCurrent}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, _ := openStore(t)
			m := newTestModel(t, 120, 40, themes.NoColor(), st)
			settle(t, m, m.Init())
			typeText(m, "new text")
			send(t, m, editKey(msg))
			typeText(m, " fixed")
			if subs := submitted(toAny(settle(t, m, press(m, "ctrl+s")))); len(subs) != 1 {
				t.Fatal("the edit was not submitted")
			}
			send(t, m, newKey) // switched away while the edit goes out
			send(t, m, tt.sent)
			if m.Source() != tt.wantShown || m.Mode() != common.ComposeNew {
				t.Errorf("shown: mode %v %q, want the new message %q", m.Mode(), m.Source(), tt.wantShown)
			}
			for _, name := range tt.gone {
				if _, ok := draftSource(t, st, name); ok || m.open[name] != nil {
					t.Errorf("draft %q survived its send", name)
				}
			}
			for _, name := range tt.kept {
				if _, ok := draftSource(t, st, name); !ok {
					t.Errorf("draft %q was lost", name)
				}
			}
		})
	}
}

// A new message whose send failed and was kept in the outbox becomes that
// record's draft: sending it again settles the record, f2 starts empty,
// and settling the record (here or from the outbox screen) clears only it.
func TestDraftTiedToAnOutboxRecord(t *testing.T) {
	st, _ := openStore(t)
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	settle(t, m, m.Init())
	typeText(m, "Lunch at noon")
	settle(t, m, press(m, "ctrl+s"))
	send(t, m, common.DraftKeptMsg{Record: "r1"})
	if m.Title() != "Outbox send r1" || m.Source() != "Lunch at noon" {
		t.Fatalf("after the send was kept: title %q source %q", m.Title(), m.Source())
	}
	subs := submitted(toAny(settle(t, m, press(m, "ctrl+s"))))
	if len(subs) != 1 || subs[0].Record != "r1" || subs[0].Mode != common.ComposeNew {
		t.Fatalf("submissions %+v, want one settling r1", subs)
	}
	send(t, m, newKey)
	if m.Source() != "" {
		t.Fatalf("the new message after a kept send holds %q, want it empty", m.Source())
	}
	typeText(m, "next message")
	send(t, m, common.DraftSentMsg{Record: "r2"}) // another record, retried from the outbox
	send(t, m, common.DraftSentMsg{Record: "r1"})
	if m.Source() != "next message" || m.open[draftRecordPrefix+"r1"] != nil {
		t.Errorf("after r1 was settled: shown %q, r1 still open %v", m.Source(), m.open[draftRecordPrefix+"r1"] != nil)
	}
}
