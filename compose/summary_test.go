package compose

import "testing"

func TestSummary(t *testing.T) {
	for _, c := range []struct{ name, content, want string }{
		{"head", `{"head":{"text":"Release *2.4*"},"body":[{"type":"message","text":"x"}]}`, "Release 2.4"},
		{"first message line", `{"body":[{"type":"divider"},{"type":"message","text":"\n  Deploy   <https://x.io|done>\nmore"}]}`, "Deploy done"},
		{"inside a section", `{"body":[{"type":"section","sections":[{"type":"message","text":"nested"}]}]}`, "nested"},
		{"inside a page", `{"body":[{"type":"page","pages":[{"body":[{"type":"section","sections":[{"type":"message","text":"paged"}]}]}]}]}`, "paged"},
		{"no text", `{"body":[{"type":"divider"}]}`, ""},
		{"not JSON", `{oops`, ""},
	} {
		if got := Summary([]byte(c.content)); got != c.want {
			t.Errorf("%s: Summary = %q, want %q", c.name, got, c.want)
		}
	}
}
