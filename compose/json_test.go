package compose

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// Payloads from Zoom's docs and SDK (facts.md §1), plus the awkward cases:
// unknown keys inside known elements, explicit zero values, values of the
// wrong JSON type, body items that are not objects.
var payloadSamples = map[string]string{
	"minimal":         `{"head":{"text":"Hello World"}}`,
	"styled":          `{"head":{"text":"I am a styled header","style":{"color":"#8338EC","bold":true,"italic":false},"sub_head":{"text":"I am a styled sub header","style":{"color":"#13C4A3","bold":false,"italic":true}}},"body":[{"type":"message","text":"I am a message with styled text","style":{"color":"#0099ff","bold":false,"italic":false}}]}`,
	"buttons":         `{"body":[{"type":"actions","items":[{"text":"Add","value":"add","style":"Primary"},{"text":"Update","value":"update","style":"Default"},{"text":"Delete","value":"delete","style":"Danger"},{"text":"Disabled","value":"disable","style":"Disabled"}]}]}`,
	"section":         `{"body":[{"type":"section","sidebar_color":"#F56416","sections":[{"type":"message","text":"I am a message with text"}],"footer":"I am a footer","footer_icon":"https://x.io/ZoomLogo.png","ts":1560446471819}]}`,
	"datepicker":      `{"settings":{},"body":[{"type":"section","layout":"horizontal","sections":[{"type":"message","text":"This is a section block with datepicker"},{"type":"datepicker","action_id":"datepicker_action","initial_date":"2010/10/10"}]}]}`,
	"switches":        `{"body":[{"type":"checkboxes","options":[{"text":"Switch 1","value":"value1","initial_selected":true},{"text":"Switch 2","value":"value2"}],"action_id":"switch_action","style":"toggle_switch"}]}`,
	"docs attachment": `{"body":[{"type":"attachments","resource_url":"https://zoom.us","ImageProvider_url":"https://x.io/i.png","information":{"title":{"text":"Title","style":{"bold":true}},"description":{"text":"d"}},"ext":"pdf","size":1000000}]}`,
	"extra keys":      `{"settings":{"form":true,"theme":"dark"},"head":{"text":"h","emoji":"🎉"},"body":[{"type":"message","text":"x","future_key":{"a":[1,2]}},{"type":"fields","items":[{"key":"k","value":"v","color":"red"}]}],"version":2}`,
	"zero values":     `{"body":[{"type":"fields","items":[{"key":"k","value":"","short":false,"editable":false}]},{"type":"actions","limit":0,"items":[]},{"type":"progress_bar","value":0},{"type":"message","text":""}]}`,
	"wrong types":     `{"body":[{"type":"fields","items":[{"key":"k","value":3,"short":"yes"}]},{"type":"actions","items":"none"},{"type":"section","sections":{"type":"message"}}],"head":"just a string"}`,
	"odd body items":  `{"body":["text",42,null,{"text":"no type"},{"type":7},{"type":"header","text":"zplug"}]}`,
	"nested unknown":  `{"body":[{"type":"section","sections":[{"type":"overflow_menu","items":[{"text":"a"}]},{"type":"divider","style":{"bold":false,"dotted":false,"color":"#98a0a9"}}]}]}`,
	"empty body":      `{"head":{"text":"x"},"body":[]}`,
	"markdown":        `{"body":[{"type":"message","is_markdown_support":true,"text":"*bold* <https://zoom.us|zoom> ~s~ ` + "`c`" + ` _i_"}]}`,
	"page":            `{"body":[{"type":"page","cur_page":1,"pages":[{"pageNo":1,"body":[{"type":"section","sections":[{"type":"message","text":"one"}]}]}]}]}`,
	"every newer":     `{"body":[{"type":"file","icon_url":"https://x.io/i","title":{"text":"f","file_url":"https://x.io/f"},"description":{"text":"d"}},{"type":"timepicker","initial_time":"12:00","action_id":"t"},{"type":"radio_buttons","options":[{"text":"a","value":"a"}],"initial_option":{"text":"a","value":"a"},"action_id":"r"},{"type":"alert","text":"careful","level":"warning","closable":true},{"type":"images","cur_index":0,"images":[{"image_url":"https://x.io/1.png","alt_text":"one","image_index":0}]},{"type":"plain_text_input","action_id":"in","text":"Name","value":"","placeholder":"Jane","multiline":false,"min_length":1,"max_length":80},{"type":"video","title":{"text":"v","is_markdown_support":false},"action_id":"v","video_url":"https://x.io/v.mp4"}]}`,
}

func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal(a, &va); err != nil {
		t.Fatalf("invalid JSON %s: %v", a, err)
	}
	if err := json.Unmarshal(b, &vb); err != nil {
		t.Fatalf("invalid JSON %s: %v", b, err)
	}
	return reflect.DeepEqual(va, vb)
}

func TestJSONRoundTripKeepsEveryKey(t *testing.T) {
	for name, sample := range payloadSamples {
		t.Run(name, func(t *testing.T) {
			c, err := ParseJSON([]byte(sample))
			if err != nil {
				t.Fatal(err)
			}
			out, err := c.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if !sameJSON(t, []byte(sample), out) {
				t.Fatalf("MarshalJSON changed the payload\n in: %s\nout: %s", sample, out)
			}
			formatted := Format(c)
			if again, _ := Parse(formatted); !reflect.DeepEqual(again, c) {
				t.Fatalf("Parse(Format(c)) != c; formatted:\n%s", formatted)
			}
		})
	}
}

func TestMarshalKeepsLinksReadable(t *testing.T) {
	c, _ := Parse("[zoom](https://zoom.us/?a=1&b=2)")
	out, _ := c.MarshalJSON()
	if !bytes.Contains(out, []byte(`<https://zoom.us/?a=1&b=2|zoom>`)) {
		t.Errorf("payload escapes the link: %s", out)
	}
}

func TestTypedFieldsAreFilled(t *testing.T) {
	c, err := ParseJSON([]byte(payloadSamples["styled"]))
	if err != nil {
		t.Fatal(err)
	}
	if c.Head.Style.Color != "#8338EC" || !c.Head.Style.Bold || !c.Head.SubHead.Style.Italic {
		t.Errorf("head = %+v", c.Head)
	}
	m, ok := c.Body[0].(Message)
	if !ok || m.Text != "I am a message with styled text" || m.Style.Color != "#0099ff" {
		t.Errorf("body[0] = %#v", c.Body[0])
	}
	if string(m.Style.Extra["bold"]) != "false" {
		t.Errorf("explicit bold:false not kept: %v", m.Style.Extra)
	}
}

func TestParseJSONAcceptsEnvelopesAndUnfurlStrings(t *testing.T) {
	want, _ := ParseJSON([]byte(`{"head":{"text":"Hi"}}`))
	inputs := []string{
		`{"robot_jid":"bot@xmpp.zoom.us","to_jid":"u@xmpp.zoom.us","account_id":"a","content":{"head":{"text":"Hi"}}}`,
		`{"content":{"head":{"text":"Hi"}}}`,
		`"{\"head\":{\"text\":\"Hi\"}}"`,
		"\n  {\"head\":{\"text\":\"Hi\"}}\n",
	}
	for _, in := range inputs {
		got, err := ParseJSON([]byte(in))
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("ParseJSON(%s) = %+v, %v", in, got, err)
		}
	}
}

func TestParseJSONErrorsAreSentences(t *testing.T) {
	cases := map[string]string{
		"":             "the card JSON is empty",
		"[1,2]":        "must be an object ({…}), not an array",
		`{"head":`:     "the card JSON is not valid",
		`"not json {"`: "does not hold a JSON object",
		`"{\"a\":"`:    "the card JSON is not valid",
	}
	for in, want := range cases {
		_, err := ParseJSON([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseJSON(%q) error = %v, want it to contain %q", in, err, want)
		}
	}
}

func TestLoadPicksTheFormat(t *testing.T) {
	fromSource, _ := Load("card.md", []byte("---\nhead: Hi\n---"))
	fromJSON, diags := Load("card.json", []byte(`{"head":{"text":"Hi"}}`))
	sniffed, _ := Load("card", []byte(` {"head":{"text":"Hi"}}`))
	if len(diags) != 0 || !reflect.DeepEqual(fromSource, fromJSON) || !reflect.DeepEqual(fromJSON, sniffed) {
		t.Errorf("Load disagrees: source %+v json %+v sniffed %+v diags %v", fromSource, fromJSON, sniffed, diags)
	}
	if _, diags := Load("bad.json", []byte("{")); !HasErrors(diags) || diags[0].Line != 1 {
		t.Errorf("malformed JSON gave %v", diags)
	}
}

func TestDecodeElementNeverFails(t *testing.T) {
	for _, raw := range []string{`"str"`, `[]`, `{"type":"message","text":5}`, `{"type":"nope"}`} {
		el := DecodeElement(json.RawMessage(raw))
		out, err := el.MarshalJSON()
		if err != nil || !sameJSON(t, []byte(raw), out) {
			t.Errorf("DecodeElement(%s) -> %#v -> %s, %v", raw, el, out, err)
		}
	}
	if _, ok := DecodeElement(json.RawMessage(`{"type":"message","text":5}`)).(Message); !ok {
		t.Error("a message with a wrong-typed text should still be a Message (text kept in Extra)")
	}
}

func TestUsesMarkdown(t *testing.T) {
	cases := map[string]bool{
		`{"head":{"text":"plain"},"body":[{"type":"message","text":"plain"}]}`: false,
		`{"head":{"text":"*bold*"}}`:                                                           true,
		`{"head":{"text":"h","sub_head":{"text":"~s~"}}}`:                                      true,
		`{"body":[{"type":"message","text":"x","is_markdown_support":true}]}`:                  true,
		`{"body":[{"type":"message","text":"*b*","link":"https://x.io"}]}`:                     false,
		`{"body":[{"type":"fields","items":[{"key":"k","value":"_i_"}]}]}`:                     true,
		`{"body":[{"type":"fields","items":[{"key":"k","value":"_i_","editable":true}]}]}`:     false,
		`{"body":[{"type":"section","footer":"<https://zoom.us>","sections":[]}]}`:             true,
		`{"body":[{"type":"section","sections":[{"type":"message","text":"` + "`c`" + `"}]}]}`: true,
		`{"body":[{"type":"actions","items":[{"text":"*b*","value":"v"}]}]}`:                   false,
	}
	for in, want := range cases {
		c, err := ParseJSON([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if got := c.UsesMarkdown(); got != want {
			t.Errorf("UsesMarkdown(%s) = %v, want %v", in, got, want)
		}
	}
}

func TestMissingVariablesErrorIsTyped(t *testing.T) {
	_, err := Expand("{{.a}}", nil)
	var missing *MissingVariablesError
	if !errors.As(err, &missing) || missing.Names[0] != "a" {
		t.Errorf("Expand error = %v", err)
	}
}

// TestFooterOnlySection: the footer-only section Zoom documents (facts §2.1, D-markdown) is
// sent in its documented shape, from the shorthand and from JSON, and survives Format.
func TestFooterOnlySection(t *testing.T) {
	const want = `{"body":[{"type":"section","sections":[],"footer":"<https://zoom.us>"}]}`
	for _, src := range []string{
		"```section footer=\"<https://zoom.us>\"\n```",
		"```json\n" + `{"type":"section","sections":[],"footer":"<https://zoom.us>"}` + "\n```",
	} {
		c, diags := Parse(src)
		if len(diags) != 0 {
			t.Fatalf("%q: %v", src, diags)
		}
		got, err := c.MarshalJSON()
		if err != nil || string(got) != want {
			t.Errorf("%q sent as %s (%v), want %s", src, got, err, want)
		}
		again, diags := Parse(Format(c))
		if back, _ := again.MarshalJSON(); len(diags) != 0 || string(back) != want {
			t.Errorf("after Format %q: %s %v", Format(c), back, diags)
		}
	}
}
