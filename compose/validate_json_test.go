package compose

import (
	"context"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// jsonNoteCases are JSON cards holding what zoompose's simulator notes as
// something Zoom will not render as written: the payload goes out as
// written, lint warns by path ("path severity substring", in order), and the
// simulator accepts the card with a note at each warned path.
var jsonNoteCases = []struct {
	name, card string
	markdown   bool
	diags      []string
	unnoted    bool // the warnings are zoompose's own: Zoom's behaviour is unknown, so the simulator notes nothing
}{
	{name: "double stars with markdown on", card: `{"body":[{"type":"message","text":"a **b** c"}]}`, markdown: true,
		diags: []string{"body[0].text warning **…** may show its stars"}},
	{name: "double stars in the head", card: `{"head":{"text":"**Deploy**"}}`, markdown: true,
		diags: []string{"head.text warning **…** may show its stars"}},
	{name: "CommonMark link in the sub head", card: `{"head":{"text":"h","sub_head":{"text":"see [docs](https://zoom.us)"}}}`, markdown: true,
		diags: []string{"head.sub_head.text warning [label](url) is shown as written"}},
	{name: "the element's own flag", card: `{"body":[{"type":"message","is_markdown_support":true,"text":"[d](https://zoom.us)"}]}`, markdown: false,
		diags: []string{"body[0].text warning [label](url) is shown as written"}},
	{name: "Zoom's dialect is fine", card: `{"body":[{"type":"message","text":"*b* _i_ <https://zoom.us|docs>"}]}`, markdown: true},
	{name: "markdown off: no markdown warnings", card: `{"body":[{"type":"message","text":"plain [d](https://zoom.us) text"}]}`, markdown: false},
	{name: "a message with a link is not read", card: `{"body":[{"type":"message","text":"[d](https://zoom.us)","link":"https://zoom.us"}]}`, markdown: true},
	{name: "button without style", card: `{"body":[{"type":"actions","items":[{"text":"Go","value":"go"}]}]}`,
		diags: []string{"body[0].items[0] warning a button without style: Zoom's SDK (RIVET) types it as required"}},
	{name: "button without value or style", card: `{"body":[{"type":"actions","items":[{"text":"Go"}]}]}`,
		diags: []string{"body[0].items[0] warning a button without value: Zoom's SDK (RIVET) types it as required",
			"body[0].items[0] warning a button without style"}},
	{name: "divider without style", card: `{"body":[{"type":"section","sections":[{"type":"message","text":"x"},{"type":"divider"}]}]}`,
		diags: []string{"body[0].sections[1] warning a divider without style: Zoom's SDK (RIVET) types style"}},
	{name: "no-markdown message under markdown on", card: `{"body":[{"type":"message","text":"*as typed*","is_markdown_support":false},{"type":"message","text":"*b*"}]}`,
		markdown: true, unnoted: true, diags: []string{"body[0] warning this message turns markdown off for itself"}},
	{name: "styled divider and button", card: `{"body":[{"type":"divider","style":{"bold":false}},{"type":"actions","items":[{"text":"Go","value":"go","style":"Default"}]}]}`},
}

func TestJSONRenderWarnings(t *testing.T) {
	srv := zoomtest.NewServerWith(zoomtest.DefaultFixture())
	defer srv.Close()
	client, err := zoom.New(zoom.Config{
		ClientID: zoomtest.ClientID, ClientSecret: zoomtest.ClientSecret, AccountID: zoomtest.AccountID,
		RobotJID: zoomtest.RobotJID, UserJID: zoomtest.UserJID, APIURL: srv.APIURL(), TokenURL: srv.TokenURL(),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range jsonNoteCases {
		t.Run(tc.name, func(t *testing.T) {
			card, _, diags := BuildFileAs("card.json", []byte(tc.card), MarkdownModeOf(tc.markdown))
			if HasErrors(diags) {
				t.Fatalf("errors: %s", FormatDiagnostics("", diags))
			}
			if !sameJSON(t, []byte(tc.card), card.Content) {
				t.Errorf("payload %s, want the card as written %s", card.Content, tc.card)
			}
			assertPathDiagnostics(t, diags, tc.diags)
			sent, err := client.Send(context.Background(), zoom.SendRequest{ToJID: zoomtest.ChannelGeneral, Content: card.Content, Markdown: card.Markdown})
			if err != nil {
				t.Fatalf("the simulator refused the card: %v", err)
			}
			m, _ := srv.Message(sent.MessageID)
			if tc.unnoted {
				if len(m.Notes) != 0 {
					t.Errorf("simulator notes %q, want none", m.Notes)
				}
				return
			}
			if len(m.Notes) != len(tc.diags) {
				t.Fatalf("simulator notes %q, want one per warning %q", m.Notes, tc.diags)
			}
			for i, note := range m.Notes {
				path, _, _ := strings.Cut(tc.diags[i], " ")
				if !strings.HasPrefix(note, "content."+path+": ") {
					t.Errorf("simulator note %d = %q, want it at content.%s", i, note, path)
				}
			}
		})
	}
}

// assertPathDiagnostics checks JSON diagnostics against "path severity
// substring".
func assertPathDiagnostics(t *testing.T, diags []Diagnostic, want []string) {
	t.Helper()
	if len(diags) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(diags), len(want), FormatDiagnostics("", diags))
	}
	for i, w := range want {
		path, rest, _ := strings.Cut(w, " ")
		sev, msg, _ := strings.Cut(rest, " ")
		if d := diags[i]; d.Path != path || d.Severity.String() != sev || !strings.Contains(d.Message, msg) {
			t.Errorf("diagnostic %d = %q, want %s %s %q", i, d.String(), path, sev, msg)
		}
	}
}
