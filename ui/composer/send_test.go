package composer

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
)

// submitted returns the SubmitDraftMsgs among msgs.
func submitted(msgs []any) []common.SubmitDraftMsg {
	var out []common.SubmitDraftMsg
	for _, msg := range msgs {
		if s, ok := msg.(common.SubmitDraftMsg); ok {
			out = append(out, s)
		}
	}
	return out
}

func toAny[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

func TestSendEmitsSubmitDraft(t *testing.T) {
	sent := &history.Message{ID: "msg-1", Revisions: []history.Revision{{Source: "Old text"}}}
	tests := []struct {
		name     string
		compose  *common.ComposeMsg
		source   string
		mode     common.ComposeMode
		message  *history.Message
		json     string
		markdown bool
	}{
		{"plain new message", nil, "Hello team", common.ComposeNew, nil,
			`{"body":[{"type":"message","text":"Hello team"}]}`, false},
		{"markdown and a head", nil, "---\nhead: Release\n---\n\nShip **it**", common.ComposeNew, nil,
			`{"head":{"text":"Release"},"body":[{"type":"message","text":"Ship *it*"}]}`, true},
		{"edit of a sent message", &common.ComposeMsg{Mode: common.ComposeEdit, Message: sent}, "New text", common.ComposeEdit, sent,
			`{"body":[{"type":"message","text":"New text"}]}`, false},
		{"unfurl card", &common.ComposeMsg{Mode: common.ComposeUnfurl}, "```divider\n```", common.ComposeUnfurl, nil,
			`{"body":[{"type":"divider"}]}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, 120, 40, themes.NoColor(), nil)
			if tt.compose != nil {
				_, cmd := m.Update(*tt.compose)
				settle(t, m, cmd)
			}
			m.editor.SetValue(tt.source)
			subs := submitted(toAny(settle(t, m, press(m, "ctrl+s"))))
			if len(subs) != 1 {
				t.Fatalf("ctrl+s produced %d SubmitDraftMsg, want 1", len(subs))
			}
			got := subs[0]
			if got.Mode != tt.mode || got.Message != tt.message {
				t.Errorf("mode %v message %v, want %v %v", got.Mode, got.Message, tt.mode, tt.message)
			}
			if string(got.Draft.Content) != tt.json {
				t.Errorf("content JSON\n got %s\nwant %s", got.Draft.Content, tt.json)
			}
			if got.Draft.Markdown != tt.markdown || got.Draft.Source != tt.source {
				t.Errorf("markdown %v source %q, want %v %q", got.Draft.Markdown, got.Draft.Source, tt.markdown, tt.source)
			}
			if !json.Valid(got.Draft.Content) {
				t.Error("content is not valid JSON")
			}
		})
	}
}

func TestSendRefusesErrors(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	m.editor.SetValue("Intro\n\n```actions\n- [Go](go) shiny\n```\n\n```actions\n- [No](no) loud\n```\n")
	press(m, "tab") // the preview has the keyboard when ctrl+s is pressed
	msgs := settle(t, m, press(m, "ctrl+s"))
	if subs := submitted(toAny(msgs)); len(subs) != 0 {
		t.Fatalf("a card with errors was submitted: %+v", subs)
	}
	st := statuses(msgs)
	if len(st) != 1 || st[0].Kind != common.StatusError {
		t.Fatalf("statuses = %+v, want one error", st)
	}
	for _, want := range []string{"2 errors", "line 4:12", "bad button style", "ctrl+s"} {
		if !strings.Contains(st[0].Text, want) {
			t.Errorf("refusal %q lacks %q", st[0].Text, want)
		}
	}
	if line, col := m.editor.Cursor(); line != 3 || col != 11 {
		t.Errorf("cursor at %d:%d after the refusal, want the first error at 3:11", line, col)
	}
	if !m.editor.Focused() || m.Cursor() == nil {
		t.Error("the editor does not have the keyboard after the refusal")
	}
}

func TestSendAsksForVariables(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	m.editor.SetValue("Hello {{.name}}, welcome to {{ .team }}. Bye {{.name}}.")
	if msgs := settle(t, m, press(m, "ctrl+s")); len(submitted(toAny(msgs))) != 0 {
		t.Fatal("submitted before the placeholders were filled in")
	}
	if m.overlay != overlayVars || len(m.form.inputs) != 2 {
		t.Fatalf("overlay %d with %d inputs, want the variables form with 2", m.overlay, len(m.form.inputs))
	}
	if c := m.Cursor(); c == nil || c.Position.X <= m.layout.side.textX {
		t.Errorf("the form's cursor is %+v, want it in the first input", c)
	}
	typeText(m, "Ada")
	press(m, "tab")
	typeText(m, "Platform")
	subs := submitted(toAny(settle(t, m, press(m, "enter"))))
	if len(subs) != 1 {
		t.Fatalf("got %d submissions after filling the form, want 1", len(subs))
	}
	const want = "Hello Ada, welcome to Platform. Bye Ada."
	if subs[0].Draft.Source != want {
		t.Errorf("expanded source %q, want %q", subs[0].Draft.Source, want)
	}
	if got := string(subs[0].Draft.Content); got != `{"body":[{"type":"message","text":"`+want+`"}]}` {
		t.Errorf("content %s", got)
	}
	if !strings.Contains(m.Source(), "{{.name}}") {
		t.Error("the template in the editor was replaced by its expansion")
	}

	// The values are offered again next time.
	settle(t, m, press(m, "ctrl+s"))
	if got := m.form.values(); got[0] != "Ada" || got[1] != "Platform" {
		t.Errorf("the form was not prefilled with the last values: %q", got)
	}
}

func TestEditModeLoadsSource(t *testing.T) {
	content := json.RawMessage(`{"head":{"text":"Outage"},"body":[{"type":"message","text":"All *good* now"}]}`)
	parsed, err := compose.ParseJSON(content)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		msg  common.ComposeMsg
		want string
	}{
		{"source of the live revision", common.ComposeMsg{Mode: common.ComposeEdit, Message: &history.Message{ID: "m1",
			Revisions: []history.Revision{{Source: "first"}, {Source: "second, live"}}}}, "second, live\n"}, // on a line of its own: ready for a new block
		{"formatted JSON when no source", common.ComposeMsg{Mode: common.ComposeEdit, Message: &history.Message{ID: "m2",
			Revisions: []history.Revision{{Content: content}}}}, compose.Format(parsed)},
		{"explicit source wins", common.ComposeMsg{Mode: common.ComposeEdit, Source: "given", Message: &history.Message{ID: "m3",
			Revisions: []history.Revision{{Source: "stored"}}}}, "given"},
		{"resend as new", common.ComposeMsg{Mode: common.ComposeNew, Source: "again"}, "again"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, 120, 40, themes.NoColor(), nil)
			_, cmd := m.Update(tt.msg)
			settle(t, m, cmd)
			if m.Source() != tt.want {
				t.Errorf("source %q, want %q", m.Source(), tt.want)
			}
			if tt.msg.Message != nil && m.Title() != "Editing "+tt.msg.Message.ID {
				t.Errorf("title %q", m.Title())
			}
		})
	}
}

func TestEditOfMessageWithoutContentSaysSo(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	_, cmd := m.Update(common.ComposeMsg{Mode: common.ComposeEdit, Message: &history.Message{ID: "empty"}})
	st := statuses(settle(t, m, cmd))
	if len(st) != 1 || st[0].Kind != common.StatusError || !strings.Contains(st[0].Text, "empty") {
		t.Errorf("statuses %+v, want one error naming the message", st)
	}
}

// Previewing a template asks for its values too (alt+v): the preview shows
// them, the editor keeps the placeholders, and sending still asks.
func TestPreviewFillsTemplateValues(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	m.editor.SetValue("Release {{.version}} is out, {{.owner}}.")
	settle(t, m, m.ensurePreview())
	if !m.keys.PreviewVars.Enabled() {
		t.Fatal("alt+v is not offered for a card with placeholders")
	}
	if view := m.View(); !strings.Contains(view, "Release {{.version}} is out") {
		t.Fatalf("before any values the preview should show the placeholders:\n%s", view)
	}
	settle(t, m, press(m, "alt+v"))
	if m.overlay != overlayVars {
		t.Fatalf("alt+v opened overlay %d, want the variables form", m.overlay)
	}
	typeText(m, "2.4")
	press(m, "enter") // to the owner, left empty: its placeholder stays in the preview
	if msgs := settle(t, m, press(m, "enter")); len(submitted(toAny(msgs))) != 0 {
		t.Fatal("filling the preview's values sent the card")
	}
	settle(t, m, m.ensurePreview())
	view := m.View()
	if !strings.Contains(view, "Release 2.4 is out, {{.owner}}.") {
		t.Fatalf("the preview does not show the value (and the unknown placeholder as written):\n%s", view)
	}
	if m.Source() != "Release {{.version}} is out, {{.owner}}." {
		t.Errorf("the editor's template changed: %q", m.Source())
	}
	settle(t, m, press(m, "ctrl+s"))
	if m.overlay != overlayVars {
		t.Error("sending did not ask for the values")
	}
}

func TestPreviewValuesKeyNeedsPlaceholders(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	m.editor.SetValue("No placeholders here.")
	settle(t, m, m.ensurePreview())
	if m.keys.PreviewVars.Enabled() {
		t.Error("alt+v is offered for a card without placeholders")
	}
}
