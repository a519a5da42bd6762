package composer

import (
	"slices"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestGroupDigits(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 40960: "40,960", 1234567: "1,234,567", -5: "-5"} {
		if got := groupDigits(n); got != want {
			t.Errorf("groupDigits(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFirstLine(t *testing.T) {
	tests := map[string]string{
		"":                             "",
		"Hello\nworld":                 "Hello",
		"---\nhead: Weekly\n---\n\nHi": "head: Weekly",
		"\n\n  indented  \n":           "indented",
	}
	for in, want := range tests {
		if got := firstLine(in); got != want {
			t.Errorf("firstLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWrapLines(t *testing.T) {
	tests := []struct {
		text  string
		width int
		want  []string
	}{
		{"abcdef", 4, []string{"abcd", "ef"}},
		{"ab\ncd", 4, []string{"ab", "cd"}},
		{"", 4, []string{""}},
		{"日本語です", 4, []string{"日本", "語で", "す"}},
	}
	for _, tt := range tests {
		got := wrapLines(tt.text, tt.width)
		if !slices.Equal(got, tt.want) {
			t.Errorf("wrapLines(%q, %d) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
		for _, l := range got {
			if ansi.StringWidth(l) > tt.width {
				t.Errorf("line %q is wider than %d", l, tt.width)
			}
		}
	}
}

func TestFit(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"ab", 4, "ab  "},
		{"abcdef", 4, "abcd"},
		{"日本語", 4, "日本"},
		{"é", 3, "é  "},
	}
	for _, tt := range tests {
		if got := fit(tt.in, tt.width); got != tt.want {
			t.Errorf("fit(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}
