package zoom

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

func TestSendEditDeleteLifecycle(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	ctx := t.Context()

	sent := sendOne(t, c)
	if sent.MessageID == "" || sent.ToJID != zoomtest.ChannelGeneral || sent.RobotJID != zoomtest.RobotJID {
		t.Fatalf("send answer = %+v", sent)
	}
	if sent.Sent.IsZero() || time.Since(sent.Sent) > time.Minute || sent.Sent.Location() != time.UTC {
		t.Errorf("Sent = %v (from %q), want a UTC time of now", sent.Sent, sent.SentTime)
	}
	if sent.TrackingID == "" {
		t.Error("no tracking id from x-zm-trackingid")
	}

	edited := json.RawMessage(`{"head":{"text":"Release 1.2.1"}}`)
	e, err := c.Edit(ctx, EditRequest{MessageID: sent.MessageID, Content: edited, Markdown: true})
	if err != nil {
		t.Fatalf("Edit: %v", err)
	}
	if e.MessageID != sent.MessageID || e.Sent.IsZero() {
		t.Errorf("edit answer = %+v", e)
	}
	held, _ := s.Message(sent.MessageID)
	if len(held.Contents) != 2 || string(held.Contents[1]) != string(edited) || !held.Markdown {
		t.Errorf("simulator holds %d revisions, last %s, markdown %v", len(held.Contents), held.Contents[len(held.Contents)-1], held.Markdown)
	}

	d, err := c.Delete(ctx, DeleteRequest{MessageID: sent.MessageID})
	if err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if d.MessageID != sent.MessageID {
		t.Errorf("delete answer = %+v", d)
	}
	if held, _ := s.Message(sent.MessageID); !held.Deleted {
		t.Error("simulator did not delete the message")
	}
}

func TestSendCarriesEveryOptionalField(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	parent := sendOne(t, c)
	reply, err := c.Send(t.Context(), SendRequest{
		ToJID:         zoomtest.ChannelGeneral,
		Content:       testCard,
		ReplyTo:       parent.MessageID,
		VisibleToUser: zoomtest.UserAlice,
		Markdown:      true,
		UserJID:       zoomtest.UserBob,
	})
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	held, ok := s.Message(reply.MessageID)
	if !ok {
		t.Fatal("simulator has no such message")
	}
	want := zoomtest.Message{ReplyTo: parent.MessageID, VisibleToUser: zoomtest.UserAlice, UserJID: zoomtest.UserBob, Markdown: true}
	if held.ReplyTo != want.ReplyTo || held.VisibleToUser != want.VisibleToUser || held.UserJID != want.UserJID || !held.Markdown {
		t.Errorf("simulator holds %+v, want reply_to, visible_to_user, user_jid and markdown of %+v", held, want)
	}
}

func TestUnfurlSendsTheCardAsAJSONString(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	trigger := s.IssueTrigger("KdYKjnimT4KPd8KKdQt9FQ")
	if err := c.Unfurl(t.Context(), UnfurlRequest{UserID: "KdYKjnimT4KPd8KKdQt9FQ", TriggerID: trigger, Content: testCard}); err != nil {
		t.Fatalf("Unfurl: %v", err)
	}
	unfurls := s.Unfurls()
	if len(unfurls) != 1 || unfurls[0].TriggerID != trigger {
		t.Fatalf("simulator unfurls = %+v", unfurls)
	}
	var got, want any
	_ = json.Unmarshal(unfurls[0].Content, &got)
	_ = json.Unmarshal(testCard, &want)
	if !jsonEqual(got, want) {
		t.Errorf("unfurled card = %s, want %s", unfurls[0].Content, testCard)
	}

	var body map[string]any
	req := apiRequests(s)[0]
	if err := json.Unmarshal(req.Body, &body); err != nil {
		t.Fatal(err)
	}
	content, isString := body["content"].(string)
	if !isString || len(body) != 1 {
		t.Fatalf("unfurl body = %s, want exactly {\"content\": \"<card JSON>\"}", req.Body)
	}
	var decoded any
	if err := json.Unmarshal([]byte(content), &decoded); err != nil || !jsonEqual(decoded, want) {
		t.Errorf("content string %q does not hold the card", content)
	}
}

// TestWireFormat checks method, path, query, headers and body fields of each
// operation as the simulator received them.
func TestWireFormat(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	ctx := t.Context()
	m := sendOne(t, c)
	if _, err := c.Edit(ctx, EditRequest{MessageID: m.MessageID, Content: testCard}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Delete(ctx, DeleteRequest{MessageID: m.MessageID}); err != nil {
		t.Fatal(err)
	}
	trigger := s.IssueTrigger("U1")
	if err := c.Unfurl(ctx, UnfurlRequest{UserID: "U1", TriggerID: trigger, Content: testCard}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		method, path string
		query        url.Values
		bodyFields   []string
		status       int
	}{
		{"POST", "/v2/im/chat/messages", nil,
			[]string{"account_id", "content", "is_markdown_support", "robot_jid", "to_jid", "user_jid"}, 201},
		{"PUT", "/v2/im/chat/messages/" + m.MessageID, nil,
			[]string{"account_id", "content", "is_markdown_support", "robot_jid", "user_jid"}, 200},
		{"DELETE", "/v2/im/chat/messages/" + m.MessageID,
			url.Values{"account_id": {zoomtest.AccountID}, "robot_jid": {zoomtest.RobotJID}, "user_jid": {zoomtest.UserJID}}, nil, 200},
		{"POST", "/v2/im/chat/users/U1/unfurls/" + trigger, nil, []string{"content"}, 204},
	}
	reqs := apiRequests(s)
	if len(reqs) != len(tests) {
		t.Fatalf("simulator saw %d API requests, want %d", len(reqs), len(tests))
	}
	for i, tt := range tests {
		r := reqs[i]
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			if r.Method != tt.method || r.Path != tt.path || r.Status != tt.status {
				t.Errorf("got %s %s -> %d, want %s %s -> %d", r.Method, r.Path, r.Status, tt.method, tt.path, tt.status)
			}
			query, _ := url.ParseQuery(r.RawQuery)
			if tt.query != nil && query.Encode() != tt.query.Encode() || tt.query == nil && r.RawQuery != "" {
				t.Errorf("query = %q, want %q", r.RawQuery, tt.query.Encode())
			}
			checkHeaders(t, r, tt.bodyFields != nil)
			if got := bodyFields(t, r.Body); strings.Join(got, ",") != strings.Join(tt.bodyFields, ",") {
				t.Errorf("body fields = %v, want %v", got, tt.bodyFields)
			}
		})
	}
}

func checkHeaders(t *testing.T, r zoomtest.Request, hasBody bool) {
	t.Helper()
	if got := r.Header.Get("Accept"); got != "application/json" {
		t.Errorf("Accept = %q", got)
	}
	if got := r.Header.Get("User-Agent"); got != "zoompose/test" {
		t.Errorf("User-Agent = %q, want zoompose/test", got)
	}
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
		t.Error("no bearer token")
	}
	if got := r.Header.Get("Content-Type"); hasBody && got != "application/json" || !hasBody && got != "" {
		t.Errorf("Content-Type = %q with body %v", got, hasBody)
	}
}

// bodyFields lists the top-level keys of a JSON body in sorted order.
func bodyFields(t *testing.T, body []byte) []string {
	t.Helper()
	if len(body) == 0 {
		return nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		t.Fatalf("body is not a JSON object: %s", body)
	}
	var keys []string
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestTokenRequestUsesBasicAuthAndClientCredentials(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	sendOne(t, c)
	tokenReq := s.Requests()[0]
	if tokenReq.Method != "POST" || tokenReq.Path != "/oauth/token" {
		t.Fatalf("first request = %s %s, want the token request", tokenReq.Method, tokenReq.Path)
	}
	if !strings.HasPrefix(tokenReq.Header.Get("Authorization"), "Basic ") {
		t.Error("token request has no Basic authorization")
	}
	form, _ := url.ParseQuery(string(tokenReq.Body))
	if form.Get("grant_type") != "client_credentials" || form.Has("client_secret") {
		t.Errorf("token request body = %q, want grant_type=client_credentials and no secret", tokenReq.Body)
	}
}

func TestParseSentTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2019-10-17 01:40:24", time.Date(2019, 10, 17, 1, 40, 24, 0, time.UTC)},
		{"2019-10-17 01:40:24 +0000", time.Date(2019, 10, 17, 1, 40, 24, 0, time.UTC)},
		{"2019-10-17 03:40:24 +0200", time.Date(2019, 10, 17, 1, 40, 24, 0, time.UTC)},
		{"2019-10-17T01:40:24Z", time.Date(2019, 10, 17, 1, 40, 24, 0, time.UTC)},
		{"yesterday", time.Time{}},
		{"", time.Time{}},
	}
	for _, tt := range tests {
		got := parseSentTime(tt.in)
		if !got.Equal(tt.want) || (!got.IsZero() && got.Location() != time.UTC) {
			t.Errorf("parseSentTime(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
