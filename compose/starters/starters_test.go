package starters_test

import (
	"context"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/compose/starters"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// sampleValues fills every placeholder with a value of the kind its name asks for.
func sampleValues(names []string) map[string]string {
	vars := map[string]string{}
	for _, n := range names {
		vars[n] = "sample " + n
		if strings.HasSuffix(n, "_url") {
			vars[n] = "https://example.com/" + n
		}
	}
	return vars
}

// TestStartersAreGoodCards: every starter has a description and placeholders, builds with no
// diagnostic once filled, and is accepted by the simulator over real HTTP.
func TestStartersAreGoodCards(t *testing.T) {
	all := starters.All()
	if len(all) < 5 {
		t.Fatalf("%d starters, want at least release notes, incident, maintenance, welcome and poll", len(all))
	}
	s := zoomtest.NewServer()
	defer s.Close()
	client, err := zoom.New(zoom.Config{
		ClientID: zoomtest.ClientID, ClientSecret: zoomtest.ClientSecret, AccountID: zoomtest.AccountID,
		RobotJID: zoomtest.RobotJID, UserJID: zoomtest.UserJID, APIURL: s.APIURL(), TokenURL: s.TokenURL(),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range all {
		t.Run(st.Name, func(t *testing.T) {
			if st.Description == "" || len(st.Variables) == 0 {
				t.Fatalf("starter %q: description %q, variables %v", st.Name, st.Description, st.Variables)
			}
			filled, err := compose.Expand(st.Source, sampleValues(st.Variables))
			if err != nil {
				t.Fatal(err)
			}
			card, _, diags := compose.Build(filled)
			if len(diags) != 0 {
				t.Fatalf("diagnostics: %s", compose.FormatDiagnostics(st.Name, diags))
			}
			if _, err := client.Send(context.Background(), zoom.SendRequest{ToJID: zoomtest.ChannelGeneral, Content: card.Content, Markdown: card.Markdown}); err != nil {
				t.Fatalf("the simulator refused it: %v", err)
			}
			if got, ok := starters.Find(st.Name); !ok || got.Source != st.Source {
				t.Errorf("Find(%q) = %v", st.Name, ok)
			}
		})
	}
	if _, ok := starters.Find("nope"); ok {
		t.Error(`Find("nope") found a starter`)
	}
}
