package compose

import "testing"

func TestPlainText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"no markup at all", "no markup at all"},
		{"Release 2.4 is *out*", "Release 2.4 is out"},
		{"_italic_ and ~gone~ and `code`", "italic and gone and code"},
		{"*bold with _italic_ inside*", "bold with italic inside"},
		{"see <https://zoom.us|the docs> or <https://example.com>", "see the docs or https://example.com"},
		{"snake_case_name stays", "snake_case_name stays"},
		{"5 * 3 = 15", "5 * 3 = 15"},
		{"an *unclosed star", "an *unclosed star"},
		{"<not a link>", "<not a link>"},
	} {
		if got := PlainText(c.in); got != c.want {
			t.Errorf("PlainText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
