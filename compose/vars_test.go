package compose

import (
	"reflect"
	"strings"
	"testing"
)

func TestVariables(t *testing.T) {
	cases := map[string][]string{
		"no variables":                        nil,
		"Hi {{.name}}, build {{ .build_id }}": {"name", "build_id"},
		"{{.a}} {{.b}} {{.a}}":                {"a", "b"},
		"{{name}} {{.}} {{.a-b}} {{.9x}} {x}": nil,
		"{{{.x}}}":                            {"x"},
		"unclosed {{.x":                       nil,
		"{{.ü}} {{.ok1}}":                     {"ok1"},
	}
	for src, want := range cases {
		if got := Variables(src); !reflect.DeepEqual(got, want) {
			t.Errorf("Variables(%q) = %q, want %q", src, got, want)
		}
	}
}

func TestExpand(t *testing.T) {
	cases := []struct {
		src  string
		vars map[string]string
		want string
	}{
		{"Hi {{.name}}!", map[string]string{"name": "Ana"}, "Hi Ana!"},
		{"{{ .a }}{{.a}}", map[string]string{"a": "x"}, "xx"},
		{"keep {{name}} and {x}", nil, "keep {{name}} and {x}"},
		{"{{.v}}", map[string]string{"v": "{{.v}} **bold**"}, "{{.v}} **bold**"},
		{"{{.e}}|", map[string]string{"e": ""}, "|"},
	}
	for _, tc := range cases {
		got, err := Expand(tc.src, tc.vars)
		if err != nil || got != tc.want {
			t.Errorf("Expand(%q) = %q, %v; want %q", tc.src, got, err, tc.want)
		}
	}
}

func TestExpandNamesEveryMissingVariable(t *testing.T) {
	src := "{{.a}} {{.b}} {{.c}}"
	got, err := Expand(src, map[string]string{"b": "1"})
	if err == nil || got != src {
		t.Fatalf("Expand = %q, %v; want the source back and an error", got, err)
	}
	if msg := err.Error(); !strings.Contains(msg, "a, c") || strings.Contains(msg, "b,") {
		t.Errorf("error %q should name a and c only", msg)
	}
}

func TestFillLeavesUnknownPlaceholders(t *testing.T) {
	src := "Release {{.version}} by {{ .owner }}, {{.version}} again; {{not a var}}"
	cases := []struct {
		vars map[string]string
		want string
	}{
		{nil, src},
		{map[string]string{"version": "2.4"}, "Release 2.4 by {{ .owner }}, 2.4 again; {{not a var}}"},
		{map[string]string{"version": "2.4", "owner": "@alice", "unused": "x"}, "Release 2.4 by @alice, 2.4 again; {{not a var}}"},
	}
	for _, c := range cases {
		if got := Fill(src, c.vars); got != c.want {
			t.Errorf("Fill(%v) = %q, want %q", c.vars, got, c.want)
		}
	}
}
