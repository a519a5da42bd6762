package zoomtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestRenderNotes: what the evidence says Zoom will not show as written is accepted and
// noted, each note naming the path and its source.
func TestRenderNotes(t *testing.T) {
	tests := []struct {
		name, card string
		markdown   bool
		want       []string // substrings, one per note, in order
	}{
		{"style with markdown on (facts §2.1)", `{"head":{"text":"h","style":{"bold":true}}}`, true,
			[]string{"content.head.style: Zoom ignores style when markdown is on"}},
		{"style with markdown off is drawn", `{"head":{"text":"h","style":{"bold":true}}}`, false, nil},
		{"per-element markdown flag (facts §2.1)", `{"body":[{"type":"message","text":"t","is_markdown_support":true,"style":{"color":"#ffffff"}}]}`, false,
			[]string{"content.body[0].style: Zoom ignores style"}},
		{"double stars (facts §2.2)", `{"body":[{"type":"message","text":"a **b** c"}]}`, true,
			[]string{"content.body[0].text: **…** may show its stars"}},
		{"CommonMark link (facts §2.2)", `{"head":{"text":"h","sub_head":{"text":"see [docs](https://zoom.us)"}}}`, true,
			[]string{"content.head.sub_head.text: [label](url) is shown as written"}},
		{"Zoom dialect is not noted", `{"body":[{"type":"message","text":"*b* _i_ ~s~ <https://zoom.us|docs>"}]}`, true, nil},
		{"markdown off shows text as written", `{"body":[{"type":"message","text":"a **b** [d](https://zoom.us)"}]}`, false, nil},
		{"message with link is not parsed (facts §1.3)", `{"body":[{"type":"message","text":"**b**","link":"https://zoom.us"}]}`, true, nil},
		{"button without value or style (RIVET)", `{"body":[{"type":"actions","items":[{"text":"Go"}]}]}`, false,
			[]string{"content.body[0].items[0]: a button without value", "content.body[0].items[0]: a button without style"}},
		{"divider without style (RIVET)", `{"body":[{"type":"section","sections":[{"type":"divider"}]}]}`, false,
			[]string{"content.body[0].sections[0]: a divider without style"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			notes := renderNotes(json.RawMessage(tt.card), tt.markdown)
			if len(notes) != len(tt.want) {
				t.Fatalf("notes %q, want %d matching %q", notes, len(tt.want), tt.want)
			}
			for i, want := range tt.want {
				if !strings.Contains(notes[i], want) {
					t.Errorf("note %d = %q, want it to say %q", i, notes[i], want)
				}
			}
		})
	}
}

// TestNotesReachTheLogAndTheMessage: a noted card is accepted (201), and the note is kept
// on the message and logged after the request's line.
func TestNotesReachTheLogAndTheMessage(t *testing.T) {
	s := startServer(t, nil)
	lines := captureLog(s)
	token := fetchToken(t, s)
	body := sendEnvelope()
	body["is_markdown_support"] = true
	body["content"] = json.RawMessage(`{"head":{"text":"Maintenance","style":{"color":"#8338EC","bold":true}}}`)
	a := send(t, s, token, body)
	if a.status != http.StatusCreated {
		t.Fatalf("a styled head with markdown on answered %d: %s", a.status, a.raw)
	}
	m, _ := s.Message(a.body["message_id"].(string))
	if len(m.Notes) != 1 || !strings.Contains(m.Notes[0], "ignores style") {
		t.Errorf("Message.Notes = %q, want the style note", m.Notes)
	}
	if !slices.ContainsFunc(lines(), func(l string) bool {
		return strings.HasPrefix(l, "POST /v2/im/chat/messages 201") && strings.Contains(l, "\n  note: content.head.style: Zoom ignores style")
	}) {
		t.Errorf("log %q lacks the note under the send's line", lines())
	}
}
