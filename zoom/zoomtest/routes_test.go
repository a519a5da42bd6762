package zoomtest

import "testing"

func TestRoutes(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	tests := []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/v2/im/chat/messages", 405, "POST"},
		{"PATCH", "/v2/im/chat/messages/ABC", 405, "PUT, DELETE"},
		{"GET", "/v2/im/chat/users/u/unfurls/t", 405, "POST"},
		{"POST", "/v2/im/chat/messages/", 404, ""},
		{"POST", "/v2/im/chat/message", 404, ""},
		{"GET", "/v2/im/chat/users/u/messages/m", 404, ""},
		{"POST", "/v2/im/chat/messages/ABC/extra", 404, ""},
		{"GET", "/", 404, ""},
		{"POST", "/oauth/tokens", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			a := call(t, newRequest(t, tt.method, s.URL+tt.path, token, nil))
			if a.status != tt.status || a.code() != tt.status {
				t.Fatalf("got %d %s, want %d with a JSON body", a.status, a.raw, tt.status)
			}
			if a.header.Get("Allow") != tt.allow {
				t.Errorf("Allow = %q, want %q", a.header.Get("Allow"), tt.allow)
			}
			if a.header.Get("x-zm-trackingid") == "" {
				t.Error("no x-zm-trackingid header")
			}
		})
	}
}

func TestEveryAnswerHasATrackingID(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	seen := map[string]bool{}
	for range 3 {
		a := send(t, s, token, sendEnvelope())
		id := a.header.Get("x-zm-trackingid")
		if id == "" || seen[id] {
			t.Fatalf("tracking id %q is missing or repeated", id)
		}
		seen[id] = true
	}
}
