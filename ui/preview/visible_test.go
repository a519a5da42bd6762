package preview

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/themes"
)

// Escape sequences a card may carry: an OSC 52 clipboard write, a screen clear, an OSC 8
// link, colours, an 8-bit CSI as a C1 control, and what hides text on a line.
const (
	osc52    = "\x1b]52;c;aGk=\x07"
	clear    = "\x1b[2J"
	osc8     = "\x1b]8;;https://evil.example\x1b\\"
	sgr      = "\x1b[31m"
	c1CSI    = "\u009b31m"
	eraseKey = "Key\x1b[2K\x1b[1Gail2"
)

// hostileCard carries escapes in the head, a field key, a button, a dropdown, a nested
// section, an input, a picker, an unknown element and Markdown message text.
func hostileCard() compose.Content {
	return compose.Content{
		Head: &compose.Head{Text: "Head " + osc52, SubHead: &compose.SubHead{Text: "sub " + clear}},
		Body: []compose.Element{
			compose.Message{Text: "**bold** " + osc8 + "link " + sgr + "red", IsMarkdownSupport: true},
			compose.Message{Text: "plain " + c1CSI + " \x7f\x00"},
			compose.Fields{Items: []compose.Field{{Key: eraseKey, Value: "v " + clear, Short: true}, {Key: "k2", Value: "v2", Short: true}}},
			compose.Actions{Items: []compose.Button{{Text: "Go " + sgr + "now", Value: "go"}}},
			compose.Select{Text: "Pick " + osc52, SelectItems: []compose.Option{{Text: "a", Value: "a"}}},
			compose.Section{Sections: []compose.Element{compose.Message{Text: "nested " + clear}}, Footer: "foot " + sgr},
			compose.PlainTextInput{Text: "Label " + osc8, Value: "value " + c1CSI},
			compose.DatePicker{InitialDate: "2024/01/01" + clear},
			compose.Alert{Text: "alert " + osc52, Level: "error"},
			compose.Unknown{Type: "gizmo" + sgr, Raw: json.RawMessage(`{"type":"gizmo","x":"` + c1CSI + `"}`)},
		},
	}
}

// TestPreviewShowsEscapesAsText is issue 10's preview promise: every string the payload
// carries is drawn, escapes as visible text, and nothing of them reaches the terminal.
func TestPreviewShowsEscapesAsText(t *testing.T) {
	card := hostileCard()
	want := []string{
		"␛]52;c;aGk=␇", "␛[2J", "␛]8;;https://evil.example␛\\", "␛[31m", `\u009b31m`,
		"Key␛[2K␛[1Gail2", "␡␀", "Go ␛[31mnow", "Pick ␛]52", "nested ␛[2J", "gizmo␛[31m",
	}
	for _, th := range []themes.Theme{themes.NoColor(), themes.Default(true)} {
		r := New(th)
		for _, w := range []int{24, 30, 80} {
			out := r.Render(card, w)
			shown := ansi.Strip(out)
			if th.Plain && shown != out {
				t.Errorf("%s at %d: the plain theme wrote escape sequences:\n%q", th.Name, w, out)
			}
			assertNoControls(t, th.Name, shown)
			for _, s := range want {
				if w >= 80 && !strings.Contains(shown, s) { // narrower, the text wraps
					t.Errorf("%s at %d: %q is not shown:\n%s", th.Name, w, s, shown)
				}
			}
			// The frame holds: every line is exactly the card's width.
			for i, line := range strings.Split(out, "\n") {
				if lw := ansi.StringWidth(line); lw != w {
					t.Errorf("%s at %d: line %d is %d wide: %q", th.Name, w, i+1, lw, line)
				}
			}
		}
	}
	// The card itself is left as it was: the payload still carries the escapes.
	if got := card.Body[2].(compose.Fields).Items[0].Key; got != eraseKey {
		t.Errorf("rendering changed the card: field key = %q", got)
	}
}

// assertNoControls fails when text (escape sequences the theme wrote taken out) holds
// a C0 control other than newline, DEL, a C1 control or invalid UTF-8.
func assertNoControls(t *testing.T, name, text string) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Fatalf("%s: output is not valid UTF-8: %q", name, text)
	}
	for _, r := range text {
		if (r < 0x20 && r != '\n') || (r >= 0x7f && r <= 0x9f) {
			t.Fatalf("%s: output holds control %U: %q", name, r, text)
		}
	}
}

// TestVisibleLeavesCleanValuesAlone: a card with nothing to show is not copied, and a
// hostile one is copied without touching the original.
func TestVisibleLeavesCleanValuesAlone(t *testing.T) {
	clean := compose.Fields{Items: []compose.Field{{Key: "Grüße 🚀", Value: "line\nnext\ttab"}}}
	got := visible(compose.Element(clean)).(compose.Fields)
	if &got.Items[0] != &clean.Items[0] {
		t.Error("visible copied a clean element")
	}
	head := compose.Head{Text: "a" + clear, Style: &compose.Style{Color: "#ff0000"}, SubHead: &compose.SubHead{Text: "b"}}
	shown := visible(head)
	if shown.Text != "a␛[2J" || shown.SubHead.Text != "b" || shown.Style.Color != "#ff0000" {
		t.Errorf("visible(head) = %+v", shown)
	}
	if head.Text != "a"+clear {
		t.Errorf("visible changed its argument: %q", head.Text)
	}
	raw := visible(compose.Element(compose.Unknown{Type: "x", Raw: json.RawMessage("\"\u009b\"")})).(compose.Unknown)
	if string(raw.Raw) != `"\u009b"` {
		t.Errorf("visible(unknown).Raw = %q", raw.Raw)
	}
}
