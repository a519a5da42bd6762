package compose

import (
	"strings"
	"testing"
)

// want is "line:col severity message-substring".
func TestParseDiagnostics(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"clean card", "---\nhead: Hi\n---\nHello", nil},
		{"misspelt element", "```buttonz\n- [a](b)\n```", []string{"1:4 warning did you mean ```buttons?"}},
		{"code with a language", "```go\nfmt.Println(1)\n```", []string{"1:4 note the language is left out"}},
		{"zplug name in json", "```json\n{\"type\":\"dropdown\"}\n```", []string{"1:1 error Zoom has no such element; use select"}},
		{"unknown type is a warning", "```json\n{\"type\":\"overflow\"}\n```", []string{"1:1 warning cannot check or preview it"}},
		{"no type", "```json\n{\"text\":\"x\"}\n```", []string{"1:1 error has no \"type\""}},
		{"bad json", "```json\n{\"type\":\n```", []string{"2:9 error invalid JSON"}},
		{"unclosed fence", "```fields\nA: b", []string{"1:1 error never closed"}},
		{"missing fields", "```fields\n```", []string{"1:1 error missing required fields items"}},
		{"field without colon", "```fields\nno colon here\n```", []string{"1:1 error missing required fields items", "2:1 error Key: value"}},
		{"bad colour", "```section #12345G\ntext\n```", []string{"1:12 error bad colour \"#12345G\""}},
		{"bad head colour", "---\nhead: x\nhead_style: #fff\n---", []string{"3:13 error bad colour \"#fff\""}},
		{"bad button style", "```actions\n- [Go](go) shiny\n```", []string{"2:12 error bad button style \"shiny\""}},
		{"button style case normalised", "```actions\n- [Go](go) PRIMARY\n```", nil},
		{"missing button text", "```actions\n- [](go)\n```", []string{"2:1 error missing required button text"}},
		{"six buttons", "```actions\n" + strings.Repeat("- [a](a)\n", 6) + "```", []string{"1:1 warning 6 buttons"}},
		{"long button", "```actions\n- [" + strings.Repeat("x", 41) + "](a)\n```", []string{"2:1 warning the button text is 41 characters"}},
		{"long field", "```fields\nk: " + strings.Repeat("v", 257) + "\n```", []string{"2:1 warning the field value is 257 characters"}},
		{"long message", strings.Repeat("a", 4097), []string{"1:1 warning the message is 4097 characters"}},
		{"too many select items", "```select Pick\n" + strings.Repeat("- [a](a)\n", 101) + "```", []string{"1:1 warning 101 dropdown items"}},
		{"select source and items", "```select Pick source=members\n- [a](a)\n```", []string{"1:1 error must not list items"}},
		{"select bad source", "```select Pick source=rooms\n```", []string{"1:1 error unknown dropdown source \"rooms\""}},
		{"heading", "Intro\n## Notes", []string{"2:1 warning heading: Zoom shows '## Notes' literally; it is sent as bold *Notes*"}},
		{"table", "| a | b |\n|---|---|", []string{"1:1 warning table", "2:1 warning table"}},
		{"image", "see ![logo](https://x.io/l.png)", []string{"1:5 warning image"}},
		{"html", "a <div>b</div>", []string{"1:3 warning HTML: Zoom shows <div>"}},
		{"html in field", "```fields\nKey: x <b>y</b>\n```", []string{"2:8 warning HTML"}},
		{"style with markdown", "---\nhead: **x**\nhead_style: bold\n---", []string{"3:13 warning Zoom ignores style"}},
		{"unknown front matter key", "---\ntitle: x\n---", []string{"2:1 error unknown front matter key title"}},
		{"unknown attribute", "```fields wide\nA: b\n```", []string{"1:11 error ```fields does not take \"wide\""}},
		{"picker without action", "```datepicker date=2024/5/10\n```", []string{"1:1 error missing required action_id"}},
		{"bad date", "```datepicker action=a date=10-10-2010\n```", []string{"1:1 warning is not yyyy/MM/dd"}},
		{"limit not a number", "```actions limit=many\n- [a](a)\n```", []string{"1:12 error limit must be a whole number"}},
		{"content block in section", "```section\n```content\n{}\n```\n```", []string{"2:4 error belongs at the top level"}},
		{"misspelt block in section", "```section\n```buttonz\n```\n```", []string{"2:4 warning did you mean ```buttons?"}},
		{"empty section", "```section\n```", []string{"1:1 error missing required section content"}},
		// Zoom's markdown page documents a footer-only section (facts §2.1).
		{"footer-only section", "```section footer=\"<https://zoom.us>\"\n```", nil},
		{"footer-only section as JSON", "```json\n{\"type\":\"section\",\"sections\":[],\"footer\":\"<https://zoom.us>\"}\n```", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := Parse(tc.src)
			if len(diags) != len(tc.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(diags), len(tc.want), FormatDiagnostics("", diags))
			}
			for i, w := range tc.want {
				pos, rest, _ := strings.Cut(w, " ")
				sev, msg, _ := strings.Cut(rest, " ")
				d := diags[i]
				got := d.String()
				if !strings.HasPrefix(got, pos+": "+sev+": ") || !strings.Contains(d.Message, msg) {
					t.Errorf("diagnostic %d = %q, want %s %s containing %q", i, got, pos, sev, msg)
				}
			}
		})
	}
}

func TestValidateJSONUsesPaths(t *testing.T) {
	c, err := ParseJSON([]byte(`{"body":[{"type":"actions","items":[{"text":"Go","value":"go","style":"Loud"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	diags := Validate(c)
	if len(diags) != 1 || diags[0].Path != "body[0].items[0].style" || diags[0].Line != 0 {
		t.Fatalf("Validate = %+v, want one diagnostic at body[0].items[0].style", diags)
	}
	if got := diags[0].String(); !strings.HasPrefix(got, "body[0].items[0].style: error: bad button style") {
		t.Errorf("String() = %q", got)
	}
}

func TestHasErrorsAndFormatDiagnostics(t *testing.T) {
	ds := []Diagnostic{{Line: 2, Col: 3, Severity: Warning, Message: "w"}}
	if HasErrors(ds) {
		t.Error("a warning is not an error")
	}
	ds = append(ds, Diagnostic{Line: 4, Col: 1, Severity: Error, Message: "e"})
	if !HasErrors(ds) {
		t.Error("HasErrors missed the error")
	}
	if got, want := FormatDiagnostics("card.md", ds), "card.md:2:3: warning: w\ncard.md:4:1: error: e\n"; got != want {
		t.Errorf("FormatDiagnostics = %q, want %q", got, want)
	}
}
