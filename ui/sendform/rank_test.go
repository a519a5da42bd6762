package sendform

import (
	"strings"
	"testing"
)

// The completion ranks with github.com/sahilm/fuzzy: the tests pin what an
// admin expects of it, not its scores.
func TestRankSuggestions(t *testing.T) {
	label := func(name, jid string) candidate {
		return candidate{suggestion{JID: jid, Label: name}, []string{jid, name}}
	}
	list := func(name string) candidate { return candidate{suggestion{List: name}, []string{name}} }
	cands := []candidate{
		label("dev-ops-archive", "aaa@conference.xmpp.zoom.us"),
		label("shops", "bbb@conference.xmpp.zoom.us"),
		list("ops"),
		label("general", "ccc@conference.xmpp.zoom.us"),
		label("opsec", "ddd@conference.xmpp.zoom.us"),
		label("", "opsbot@xmpp.zoom.us"),
	}
	tests := []struct {
		typed string
		want  []string // the suggestions' texts, best first
	}{
		{"", []string{"dev-ops-archive", "shops", "ops", "general", "opsec", "opsbot@xmpp.zoom.us"}},
		// The name itself, then names that start with it, then ones that hold
		// it; last, general, whose JID holds o…p…s scattered (cOnference.xmPp.zoom.uS).
		{"ops", []string{"ops", "opsec", "opsbot@xmpp.zoom.us", "dev-ops-archive", "shops", "general"}},
		{"OPS", []string{"ops", "opsec", "opsbot@xmpp.zoom.us", "dev-ops-archive", "shops", "general"}},
		{"gnrl", []string{"general"}},
		{"doa", []string{"dev-ops-archive"}},
		{"ccc", []string{"general"}}, // found by its JID, offered by its label
		{"xyz", nil},
	}
	for _, tc := range tests {
		t.Run(tc.typed, func(t *testing.T) {
			var got []string
			for _, s := range rankSuggestions(tc.typed, cands) {
				got = append(got, s.text())
			}
			if strings.Join(got, ", ") != strings.Join(tc.want, ", ") {
				t.Errorf("%q ranks %q, want %q", tc.typed, got, tc.want)
			}
		})
	}
}
