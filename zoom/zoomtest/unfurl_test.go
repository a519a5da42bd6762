package zoomtest

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

func unfurlURL(s *Server, userID, triggerID string) string {
	return s.APIURL() + "/im/chat/users/" + userID + "/unfurls/" + triggerID
}

func TestUnfurlAccepted(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	trigger := s.IssueTrigger("KdYKjnimT4KPd8KKdQt9FQ")
	s.AddTrigger("KdYKjnimT4KPd8KKdQt9FQ", "exampleTriggerId")

	for _, id := range []string{trigger, "exampleTriggerId"} {
		body := map[string]any{"content": `{"head":{"text":"Preview"},"body":[{"type":"message","text":"x"}]}`}
		a := call(t, newRequest(t, http.MethodPost, unfurlURL(s, "KdYKjnimT4KPd8KKdQt9FQ", id), token, body))
		if a.status != http.StatusNoContent || len(a.raw) != 0 {
			t.Fatalf("unfurl answered %d %q, want 204 with no body", a.status, a.raw)
		}
	}
	got := s.Unfurls()
	if len(got) != 2 || got[0].TriggerID != trigger || got[1].TriggerID != "exampleTriggerId" || got[0].UserID != "KdYKjnimT4KPd8KKdQt9FQ" {
		t.Fatalf("Unfurls() = %+v", got)
	}
	if string(got[0].Content) != `{"head":{"text":"Preview"},"body":[{"type":"message","text":"x"}]}` {
		t.Errorf("recorded content %s, want the decoded card object", got[0].Content)
	}
}

func TestUnfurlErrors(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	trigger := s.IssueTrigger("user1")
	tests := []struct {
		name          string
		user, trigger string
		body          any
		status, code  int
		fields        []string
		says          string
	}{
		{"content as object", "user1", trigger, map[string]any{"content": map[string]any{"head": map[string]any{"text": "x"}}}, 400, 7001, []string{"content"}, "JSON string"},
		{"content missing", "user1", trigger, map[string]any{}, 400, 7001, []string{"content"}, "required"},
		{"content empty", "user1", trigger, map[string]any{"content": ""}, 400, 7001, []string{"content"}, "empty"},
		{"content not JSON", "user1", trigger, map[string]any{"content": "hello"}, 400, 7001, []string{"content"}, "JSON card object"},
		{"content a JSON array", "user1", trigger, map[string]any{"content": "[]"}, 400, 7001, []string{"content"}, "JSON card object"},
		{"card invalid", "user1", trigger, map[string]any{"content": `{"body":[{"type":"dropdown"}]}`}, 400, 7001, []string{"content.body[0].type"}, "select"},
		{"extra field", "user1", trigger, map[string]any{"content": `{"head":{"text":"x"}}`, "is_markdown_support": true}, 400, 7001, []string{"is_markdown_support"}, "not a field"},
		{"unknown trigger", "user1", "nope", map[string]any{"content": `{"head":{"text":"x"}}`}, 404, 8002, nil, ""},
		{"trigger of another user", "user2", trigger, map[string]any{"content": `{"head":{"text":"x"}}`}, 404, 8002, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := call(t, newRequest(t, http.MethodPost, unfurlURL(s, tt.user, tt.trigger), token, tt.body))
			if a.status != tt.status || a.code() != tt.code {
				t.Fatalf("got %d %s, want %d code %d", a.status, a.raw, tt.status, tt.code)
			}
			if tt.code == 8002 && a.body["message"] != "Invalid unfurl_id." {
				t.Errorf("message %q, want Zoom's", a.body["message"])
			}
			if tt.fields != nil && !slices.Equal(a.errorFields(), tt.fields) {
				t.Errorf("errors name %v, want %v", a.errorFields(), tt.fields)
			}
			if !strings.Contains(a.errorText(), tt.says) {
				t.Errorf("detail %q does not say %q", a.errorText(), tt.says)
			}
		})
	}
	if n := len(s.Unfurls()); n != 0 {
		t.Errorf("%d refused unfurls were recorded", n)
	}
}

func TestUnfurlNeedsJSONContentType(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	trigger := s.IssueTrigger("user1")
	req := newRequest(t, http.MethodPost, unfurlURL(s, "user1", trigger), token, `{"content":"{\"head\":{\"text\":\"x\"}}"}`)
	req.Header.Set("Content-Type", "text/plain")
	if a := call(t, req); a.status != 400 || a.code() != 7001 || !slices.Equal(a.errorFields(), []string{"Content-Type"}) {
		t.Fatalf("text/plain unfurl answered %d %s, want 400/7001 naming Content-Type", a.status, a.raw)
	}
}

// The default fixture carries a demo link-shared event, so the sandbox can
// unfurl with no webhook; other users may not use its trigger.
func TestDefaultFixtureDemoTrigger(t *testing.T) {
	srv := startServer(t, nil)
	token := fetchToken(t, srv)
	body := map[string]any{"content": `{"head":{"text":"Preview"}}`}
	demo := call(t, newRequest(t, "POST", unfurlURL(srv, DemoUnfurlUserID, DemoUnfurlTriggerID), token, body))
	if demo.status != 204 {
		t.Fatalf("demo trigger: status %d, want 204 (%s)", demo.status, demo.raw)
	}
	other := call(t, newRequest(t, "POST", unfurlURL(srv, "someoneelse", DemoUnfurlTriggerID), token, body))
	if other.status != 404 || other.code() != 8002 {
		t.Fatalf("demo trigger for another user: status %d code %d, want 404/8002", other.status, other.code())
	}
}
