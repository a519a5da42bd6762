package zoom

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// preparedCases builds one dry-run request per operation.
func preparedCases(t *testing.T, c *Client) map[string]*PreparedRequest {
	t.Helper()
	must := func(p *PreparedRequest, err error) *PreparedRequest {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	return map[string]*PreparedRequest{
		"send": must(c.PrepareSend(SendRequest{
			ToJID: zoomtest.ChannelGeneral, Content: testCard, ReplyTo: "PARENT-1",
			VisibleToUser: zoomtest.UserAlice, Markdown: true,
		})),
		"edit":   must(c.PrepareEdit(EditRequest{MessageID: "MSG 1/2", Content: testCard, Markdown: true})),
		"delete": must(c.PrepareDelete(DeleteRequest{MessageID: "MSG-1"})),
		"unfurl": must(c.PrepareUnfurl(UnfurlRequest{UserID: "KdYKjnimT4KPd8KKdQt9FQ", TriggerID: "trig-1", Content: testCard})),
	}
}

// TestPreparedRequestGolden pins what --dry-run prints for each operation, as
// HTTP and as curl: testdata/TestPreparedRequestGolden/<op>/{http,curl}.golden
// (go test ./zoom -update rewrites them).
func TestPreparedRequestGolden(t *testing.T) {
	cfg := validConfig()
	cfg.Version = "test"
	c := newClient(t, cfg)
	for op, p := range preparedCases(t, c) {
		t.Run(op+"/http", func(t *testing.T) { golden.RequireEqual(t, p.String()) })
		t.Run(op+"/curl", func(t *testing.T) { golden.RequireEqual(t, p.Curl()) })
	}
}

// A dry run must not touch the network: not even the token endpoint.
func TestPrepareMakesNoRequestAndRedactsTheToken(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	for op, p := range preparedCases(t, c) {
		if got := p.Header.Get("Authorization"); got != RedactedAuthorization {
			t.Errorf("%s: Authorization = %q, want %q", op, got, RedactedAuthorization)
		}
		if strings.Contains(p.String()+p.Curl(), zoomtest.ClientSecret) {
			t.Errorf("%s: the dry run shows the client secret", op)
		}
	}
	if n := len(s.Requests()); n != 0 {
		t.Fatalf("dry runs made %d requests, want none", n)
	}
}

// The request a dry run shows is the one that is sent, byte for byte.
func TestPreparedBodyIsWhatIsSent(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	req := SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard, Markdown: true}
	p, err := c.PrepareSend(req)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Send(t.Context(), req); err != nil {
		t.Fatal(err)
	}
	sent := apiRequests(s)[0]
	if string(sent.Body) != string(p.Body) {
		t.Errorf("sent body %s\nprepared  %s", sent.Body, p.Body)
	}
	if sent.Method+" "+s.URL+sent.Path != p.Method+" "+p.URL {
		t.Errorf("sent %s %s, prepared %s %s", sent.Method, sent.Path, p.Method, p.URL)
	}
}

func TestPrepareValidatesLocally(t *testing.T) {
	c := newClient(t, validConfig())
	tests := []struct {
		name    string
		prepare func() (*PreparedRequest, error)
		field   string
	}{
		{"send without recipient", func() (*PreparedRequest, error) {
			return c.PrepareSend(SendRequest{Content: testCard})
		}, "ToJID"},
		{"send without content", func() (*PreparedRequest, error) {
			return c.PrepareSend(SendRequest{ToJID: zoomtest.ChannelGeneral})
		}, "Content"},
		{"send with an array", func() (*PreparedRequest, error) {
			return c.PrepareSend(SendRequest{ToJID: zoomtest.ChannelGeneral, Content: json.RawMessage(`[1]`)})
		}, "Content"},
		{"send with broken JSON", func() (*PreparedRequest, error) {
			return c.PrepareSend(SendRequest{ToJID: zoomtest.ChannelGeneral, Content: json.RawMessage(`{"head":`)})
		}, "Content"},
		{"edit without id", func() (*PreparedRequest, error) {
			return c.PrepareEdit(EditRequest{Content: testCard})
		}, "MessageID"},
		{"edit with a string", func() (*PreparedRequest, error) {
			return c.PrepareEdit(EditRequest{MessageID: "M", Content: json.RawMessage(`"hi"`)})
		}, "Content"},
		{"delete without id", func() (*PreparedRequest, error) {
			return c.PrepareDelete(DeleteRequest{})
		}, "MessageID"},
		{"unfurl without user", func() (*PreparedRequest, error) {
			return c.PrepareUnfurl(UnfurlRequest{TriggerID: "t", Content: testCard})
		}, "UserID"},
		{"unfurl without trigger", func() (*PreparedRequest, error) {
			return c.PrepareUnfurl(UnfurlRequest{UserID: "u", Content: testCard})
		}, "TriggerID"},
		{"unfurl without content", func() (*PreparedRequest, error) {
			return c.PrepareUnfurl(UnfurlRequest{UserID: "u", TriggerID: "t"})
		}, "Content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.prepare()
			var invalid *InvalidRequestError
			if !errors.As(err, &invalid) || invalid.Field != tt.field {
				t.Fatalf("got %v, %v; want InvalidRequestError on %s", p, err, tt.field)
			}
			assertOneLine(t, err)
		})
	}
}

func TestCurlQuotesSingleQuotes(t *testing.T) {
	c := newClient(t, validConfig())
	card := json.RawMessage(`{"head":{"text":"It's done"}}`)
	p, err := c.PrepareSend(SendRequest{ToJID: zoomtest.ChannelGeneral, Content: card})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Curl(), `It'\''s done`) {
		t.Errorf("single quote not escaped for the shell:\n%s", p.Curl())
	}
}

// Zoom markdown links use angle brackets; they must reach the wire (and the
// dry run) as written, not as \u003c escapes.
func TestMarkdownLinksAreNotEscaped(t *testing.T) {
	c := newClient(t, validConfig())
	card := json.RawMessage(`{"body":[{"type":"message","text":"see <https://example.com?a=1&b=2|the notes>"}]}`)
	send, err := c.PrepareSend(SendRequest{ToJID: zoomtest.ChannelGeneral, Content: card, Markdown: true})
	if err != nil {
		t.Fatal(err)
	}
	unfurl, err := c.PrepareUnfurl(UnfurlRequest{UserID: "u", TriggerID: "t", Content: card})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*PreparedRequest{send, unfurl} {
		if !strings.Contains(string(p.Body), "<https://example.com?a=1&b=2|the notes>") {
			t.Errorf("%s body escaped the link: %s", p.Op, p.Body)
		}
	}
}
