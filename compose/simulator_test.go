package compose

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// Every shorthand produces a payload the simulator — as strict as Zoom —
// accepts: each example of docs/card-source.md and each test card is parsed,
// marshalled and sent over real HTTP. The one card that holds an element type
// Zoom does not know must be refused, naming where it is.
func TestPayloadsAreAcceptedByTheSimulator(t *testing.T) {
	fixture := zoomtest.DefaultFixture()
	fixture.PerSecond = 0 // dozens of sends in a burst; the rate limit is not under test
	srv := zoomtest.NewServerWith(fixture)
	defer srv.Close()
	client, err := zoom.New(zoom.Config{
		ClientID: zoomtest.ClientID, ClientSecret: zoomtest.ClientSecret, AccountID: zoomtest.AccountID,
		RobotJID: zoomtest.RobotJID, UserJID: zoomtest.UserJID, APIURL: srv.APIURL(), TokenURL: srv.TokenURL(),
	})
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{}
	for i, src := range docExamples(t) {
		sources[fmt.Sprintf("docs example %d", i+1)] = src
	}
	cards, _ := filepath.Glob("testdata/cards/*.md")
	for _, path := range cards {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sources[path] = string(data)
	}
	for name, src := range sources {
		t.Run(name, func(t *testing.T) {
			c, diags := Parse(src)
			if HasErrors(diags) {
				t.Fatalf("parse errors:\n%s", FormatDiagnostics(name, diags))
			}
			payload, err := c.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			_, err = client.Send(context.Background(), zoom.SendRequest{
				ToJID: zoomtest.ChannelGeneral, Content: payload, Markdown: c.UsesMarkdown(),
			})
			if strings.HasSuffix(name, "unknown.md") {
				if err == nil || !strings.Contains(err.Error(), "7001") {
					t.Fatalf("a card with an unknown element type was accepted or refused oddly: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("the simulator refused the payload: %v\n%s", err, payload)
			}
		})
	}
}
