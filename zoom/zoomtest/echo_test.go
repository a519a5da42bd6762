package zoomtest

import (
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// hostileSecret holds every character that URL escaping or base64 alphabets change.
const hostileSecret = `p+a/s=s%2Fw:o rd&é?>~`

// The token endpoint accepts only base64 of the raw "client_id:client_secret", as Zoom's SDK
// sends it; the URL-escaped form golang.org/x/oauth2 sends with AuthStyleInHeader is refused.
func TestTokenEndpointWantsTheRawBasicCredentials(t *testing.T) {
	const id = "id+with/odd=chars"
	s := startServer(t, func(f *Fixture) { f.ClientID, f.ClientSecret = id, hostileSecret })
	raw := base64.StdEncoding.EncodeToString([]byte(id + ":" + hostileSecret))
	if !strings.ContainsAny(raw, "+/") {
		t.Fatal("the credentials' base64 must hold + or / for the URL alphabet to differ")
	}
	tests := []struct {
		name          string
		authorization string
		status        int
	}{
		{"raw id and secret", "Basic " + raw, http.StatusOK},
		{"lower-case scheme", "basic " + raw, http.StatusOK},
		{"URL-escaped id and secret", "Basic " + base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(id)+":"+url.QueryEscape(hostileSecret))), http.StatusBadRequest},
		{"unpadded", "Basic " + base64.RawStdEncoding.EncodeToString([]byte(id+":"+hostileSecret)), http.StatusBadRequest},
		{"URL alphabet", "Basic " + base64.URLEncoding.EncodeToString([]byte(id+":"+hostileSecret)), http.StatusBadRequest},
		{"secret alone", "Basic " + base64.StdEncoding.EncodeToString([]byte(hostileSecret)), http.StatusBadRequest},
		{"bearer scheme", "Bearer " + raw, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := newRequest(t, http.MethodPost, s.TokenURL()+"?grant_type=client_credentials", "", nil)
			req.Header.Set("Authorization", tt.authorization)
			if a := call(t, req); a.status != tt.status {
				t.Errorf("status %d, want %d: %s", a.status, tt.status, a.raw)
			}
		})
	}
}

func TestEchoQuotesTheCredentials(t *testing.T) {
	s := startServer(t, nil)
	tests := []struct {
		name, path, field string
		status            int
		code              float64
	}{
		{"token endpoint", "/oauth/token", "reason", http.StatusServiceUnavailable, 0},
		{"API 401", "/v2/im/chat/messages", "message", http.StatusUnauthorized, 7010},
		{"API 503", "/v2/im/chat/messages", "message", http.StatusServiceUnavailable, 503},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			echo := httptest.NewServer(Echo(tt.status, s))
			defer echo.Close()
			before := len(s.Requests())
			req := newRequest(t, http.MethodPost, echo.URL+tt.path, "", "grant_type=client_credentials")
			req.SetBasicAuth(ClientID, hostileSecret)
			a := call(t, req)
			text, _ := a.body[tt.field].(string)
			basic := base64.StdEncoding.EncodeToString([]byte(ClientID + ":" + hostileSecret))
			for _, want := range []string{basic, ClientID + ":" + hostileSecret, url.QueryEscape("Basic " + basic), "grant_type=client_credentials"} {
				if a.status != tt.status || !strings.Contains(text, want) {
					t.Errorf("answer %d %s does not quote %q", a.status, a.raw, want)
				}
			}
			if tt.code != 0 && a.body["code"] != tt.code {
				t.Errorf("code = %v, want %v", a.body["code"], tt.code)
			}
			if len(s.Requests()) != before+1 {
				t.Error("the simulator behind Echo did not see the request")
			}
		})
	}
}
