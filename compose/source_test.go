package compose

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// Each case is source and the body it must parse to.
func TestParseShorthands(t *testing.T) {
	cases := []struct {
		name, src string
		want      []Element
	}{
		{"paragraphs split on blank lines", "one\ntwo  \n\nthree", []Element{Message{Text: "one\ntwo"}, Message{Text: "three"}}},
		{"windows line endings", "---\r\nhead: h\r\n---\r\none\r\ntwo\r\n", []Element{Message{Text: "one\ntwo"}}},
		{"divider line", "a\n---\nb", []Element{Message{Text: "a"}, Divider{}, Message{Text: "b"}}},
		{"code block", "```\nx := 1\n```", []Element{Message{Text: "```\nx := 1\n```"}}},
		{"field flags and braces", "```fields\nA: b {short}\nC: {x} {editable short}\nD: {{.d}}\n```", []Element{Fields{Items: []Field{
			{Key: "A", Value: "b", Short: true}, {Key: "C", Value: "{x}", Short: true, Editable: true}, {Key: "D", Value: "{{.d}}"}}}}},
		{"empty field value is a space", "```fields\nNotes:\n```", []Element{Fields{Items: []Field{{Key: "Notes", Value: " "}}}}},
		{"button without value and bullet", "```actions\n[Go] PRIMARY\n- [a\\]b](v) danger submit\n```", []Element{Actions{Items: []Button{
			{Text: "Go", Value: "Go", Style: "Primary"}, {Text: "a]b", Value: "v", Style: "Danger", Submit: true}}}}},
		{"quoted attributes", "```input action=a label=\"Your \\\"name\\\"\" placeholder=\"x y\" min=2\n```", []Element{PlainTextInput{
			ActionID: "a", Text: `Your "name"`, Placeholder: "x y", MinLength: 2}}},
		{"select label and selected", "```select Pick a colour\n- [Red](red) selected\n```", []Element{Select{Text: "Pick a colour",
			SelectItems: []Option{{Text: "Red", Value: "red"}}, SelectedItem: &Option{Text: "Red", Value: "red"}}}},
		{"nested fences of equal length", "```section #112233\nhi\n```fields\nA: b\n```\n```", []Element{Section{SidebarColor: "#112233",
			Sections: []Element{Message{Text: "hi"}, Fields{Items: []Field{{Key: "A", Value: "b"}}}}}}},
		{"switches", "```switches action=s\n- [x] [On](on)\n- [ ] [Off](off)\n```", []Element{Checkboxes{ActionID: "s", Style: ToggleSwitch,
			Options: []CheckboxOption{{Text: "On", Value: "on", InitialSelected: true}, {Text: "Off", Value: "off"}}}}},
		{"explicit false", "```divider no-bold #98a0a9\n```", []Element{Divider{Style: &DividerStyle{Color: "#98a0a9",
			Extra: map[string]json.RawMessage{"bold": json.RawMessage("false")}}}}},
		{"later word wins", "```message no-editable editable\nx\n```", []Element{Message{Text: "x", Editable: true}}},
		{"json array", "```json\n[{\"type\":\"divider\"},{\"type\":\"x\"}]\n```", []Element{Divider{}, Unknown{Type: "x", Raw: json.RawMessage(`{"type":"x"}`)}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, diags := Parse(tc.src)
			if HasErrors(diags) {
				t.Fatalf("errors:\n%s", FormatDiagnostics("", diags))
			}
			if !reflect.DeepEqual(c.Body, tc.want) {
				t.Errorf("body = %#v\nwant   %#v", c.Body, tc.want)
			}
		})
	}
}

func TestFormatEdgeCases(t *testing.T) {
	cases := []struct {
		name string
		c    Content
		want string // a substring of the formatted source
	}{
		{"leading divider without front matter", Content{Body: []Element{Divider{}, Message{Text: "x"}}}, "```divider\n```\n\nx\n"},
		{"empty present body", Content{Head: &Head{Text: "h"}, Body: []Element{}}, "```content\n{\"body\": []}\n```"},
		{"paragraph that looks like a divider", Content{Body: []Element{Message{Text: "---"}}}, "```message\n---\n```"},
		{"message with a blank line", Content{Body: []Element{Message{Text: "a\n\nb"}}}, "```message\na\n\nb\n```"},
		{"literal stars", Content{Body: []Element{Message{Text: "2*3 and 5 * 3"}}}, "2\\*3 and 5 * 3"},
		{"nested fence is longer", Content{Body: []Element{Section{Sections: []Element{Fields{Items: []Field{{Key: "a", Value: "b"}}}}}}}, "````section\n```fields"},
		{"page is JSON", Content{Body: []Element{Page{CurPage: 1}}}, "```json\n{\n  \"type\": \"page\",\n  \"cur_page\": 1\n}\n```"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Format(tc.c)
			if !strings.Contains(got, tc.want) {
				t.Errorf("Format = %q, want it to contain %q", got, tc.want)
			}
			if back, _ := Parse(got); !reflect.DeepEqual(back, tc.c) {
				t.Errorf("Parse(Format(c)) = %#v, want %#v", back, tc.c)
			}
		})
	}
}
