package compose

import "testing"

// The preview formats exactly the spans NextZoomSpan finds (these cases
// were the preview's own scanner's before it used this one).
func TestNextZoomSpan(t *testing.T) {
	tests := []struct {
		line       string
		start, end int
		inner      string
	}{
		{"plain text", -1, -1, ""},
		{"a *bold* b", 2, 8, "bold"},
		{"_it_", 0, 4, "it"},
		{"x ~gone~", 2, 8, "gone"},
		{"run `make`", 4, 10, "make"},
		{"see <https://x.io|docs>", 4, 23, "docs"},
		{"see <https://x.io>", 4, 18, "https://x.io"},
		{"a < b > c", -1, -1, ""},
		{"snake_case_name", -1, -1, ""},
		{"* not bold *", -1, -1, ""},
		{"2 * 3 * 4", -1, -1, ""},
		{"*unclosed", -1, -1, ""},
		{"``a`b``", 0, 7, "a`b"},
		{"<not-a-url|label>", -1, -1, ""},
	}
	for _, tt := range tests {
		sp, ok := NextZoomSpan(tt.line)
		start, end, inner := -1, -1, ""
		if ok {
			start, end, inner = sp.Start, sp.End, sp.Text
			if sp.Mark != tt.line[sp.Start] {
				t.Errorf("NextZoomSpan(%q).Mark = %q, want %q", tt.line, sp.Mark, tt.line[sp.Start])
			}
		}
		if start != tt.start || end != tt.end || inner != tt.inner {
			t.Errorf("NextZoomSpan(%q) = %d, %d, %q; want %d, %d, %q", tt.line, start, end, inner, tt.start, tt.end, tt.inner)
		}
	}
}
