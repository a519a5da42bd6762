package zoom

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// An unfurl from an event goes to the configured API host only: a response_url elsewhere
// is ignored (the event's ids are used), one on the API host gives the ids.
func TestUnfurlFromAnEventNeverSendsTheTokenElsewhere(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	var elsewhere atomic.Int32
	evil := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { elsewhere.Add(1) }))
	defer evil.Close()

	_, trigger, err := s.ShareLink(zoomtest.LinkShare{Link: "https://example.com/x"})
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]EventSummary{
		"response_url elsewhere":   {UserID: zoomtest.DemoUnfurlUserID, TriggerID: trigger, ResponseURL: evil.URL + "/v2/im/chat/users/u/unfurls/t"},
		"response_url on the API":  {UserID: "wrong", TriggerID: "wrong", ResponseURL: s.APIURL() + "/im/chat/users/" + zoomtest.DemoUnfurlUserID + "/unfurls/" + trigger},
		"response_url with a user": {UserID: zoomtest.DemoUnfurlUserID, TriggerID: trigger, ResponseURL: "http://x:y@" + s.APIURL()[len("http://"):] + "/im/chat/users/a/unfurls/b"},
		"response_url not unfurl":  {UserID: zoomtest.DemoUnfurlUserID, TriggerID: trigger, ResponseURL: s.APIURL() + "/im/chat/messages"},
		"no response_url":          {UserID: zoomtest.DemoUnfurlUserID, TriggerID: trigger},
	}
	for name, sum := range cases {
		user, trig := c.UnfurlIDs(sum)
		if user != zoomtest.DemoUnfurlUserID || trig != trigger {
			t.Errorf("%s: ids %q %q", name, user, trig)
			continue
		}
		if err := c.Unfurl(context.Background(), UnfurlRequest{UserID: user, TriggerID: trig, Content: []byte(`{"head":{"text":"X"}}`)}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if n := elsewhere.Load(); n != 0 {
		t.Errorf("%d requests reached the other host", n)
	}
	if len(s.Unfurls()) != len(cases) {
		t.Errorf("simulator holds %d unfurls, want %d", len(s.Unfurls()), len(cases))
	}
}
