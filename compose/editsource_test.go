package compose

import (
	"strings"
	"testing"
)

// TestEditSourceEndsWithALineBreak: a stored source without a final line break (typed that
// way) comes back with one, so the cursor the editor puts at the end is on a line of its own;
// a card rebuilt from JSON ends the same way.
func TestEditSourceEndsWithALineBreak(t *testing.T) {
	for _, tc := range []struct{ source, content, want string }{
		{"```fields\nA: b\n```", "", "```fields\nA: b\n```\n"},
		{"Hello\n", "", "Hello\n"},
		{"", `{"body":[{"type":"fields","items":[{"key":"A","value":"b"}]}]}`, "```fields\nA: b\n```\n"},
	} {
		got, err := EditSource(tc.source, []byte(tc.content))
		if err != nil || got != tc.want {
			t.Errorf("EditSource(%q, %s) = %q, %v; want %q", tc.source, tc.content, got, err, tc.want)
		}
		if !strings.HasSuffix(got, "\n") {
			t.Errorf("%q does not end with a line break", got)
		}
	}
}
