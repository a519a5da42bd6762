package zoomtest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestTokenGrantTypePlacements(t *testing.T) {
	s := startServer(t, nil)
	tests := []struct {
		name  string
		build func() *http.Request
	}{
		{"query", func() *http.Request {
			req, _ := http.NewRequest(http.MethodPost, s.TokenURL()+"?grant_type=client_credentials", nil)
			return req
		}},
		{"form body", func() *http.Request {
			req, _ := http.NewRequest(http.MethodPost, s.TokenURL(), strings.NewReader("grant_type=client_credentials"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return req
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.build()
			req.SetBasicAuth(ClientID, ClientSecret)
			a := call(t, req)
			if a.status != http.StatusOK {
				t.Fatalf("status %d, want 200: %s", a.status, a.raw)
			}
			token, _ := a.body["access_token"].(string)
			if len(token) < 40 {
				t.Errorf("access_token %q is too short to be unguessable", token)
			}
			want := map[string]any{"token_type": "bearer", "expires_in": 3600.0, "scope": "imchat:bot", "api_url": s.URL}
			for k, v := range want {
				if a.body[k] != v {
					t.Errorf("%s = %v, want %v", k, a.body[k], v)
				}
			}
			if a.header.Get("x-zm-trackingid") == "" {
				t.Error("token answer has no x-zm-trackingid header")
			}
		})
	}
}

func TestTokenErrors(t *testing.T) {
	s := startServer(t, nil)
	tests := []struct {
		name                 string
		method, query, body  string
		contentType          string
		id, secret           string
		status               int
		wantReason, wantCode string
	}{
		{"wrong secret", "POST", "grant_type=client_credentials", "", "", ClientID, "nope", 400, "Invalid client_id or client_secret", "invalid_client"},
		{"wrong client id", "POST", "grant_type=client_credentials", "", "", "other", ClientSecret, 400, "Invalid client_id or client_secret", "invalid_client"},
		{"no basic auth", "POST", "grant_type=client_credentials", "", "", "", "", 400, "Client ID or client secret is missing.", "invalid_client"},
		{"unsupported grant", "POST", "grant_type=authorization_code", "", "", ClientID, ClientSecret, 400, "unsupported grant type", "unsupported_grant_type"},
		{"account_credentials grant", "POST", "grant_type=account_credentials", "", "", ClientID, ClientSecret, 400, "unsupported grant type", "unsupported_grant_type"},
		{"missing grant", "POST", "", "", "", ClientID, ClientSecret, 400, "Missing grant type.", "invalid_request"},
		{"grant in a JSON body is not read", "POST", "", `{"grant_type":"client_credentials"}`, "application/json", ClientID, ClientSecret, 400, "Missing grant type.", "invalid_request"},
		{"GET", "GET", "grant_type=client_credentials", "", "", ClientID, ClientSecret, 405, "The token endpoint only accepts POST.", "invalid_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, s.TokenURL()+"?"+tt.query, strings.NewReader(tt.body))
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			if tt.id != "" {
				req.SetBasicAuth(tt.id, tt.secret)
			}
			a := call(t, req)
			if a.status != tt.status || a.body["reason"] != tt.wantReason || a.body["error"] != tt.wantCode {
				t.Fatalf("got %d %s, want %d reason %q error %q", a.status, a.raw, tt.status, tt.wantReason, tt.wantCode)
			}
			if strings.Contains(string(a.raw), ClientSecret) {
				t.Errorf("answer %s contains the client secret", a.raw)
			}
		})
	}
	if got := s.TokenRequests(); got != len(tests) {
		t.Errorf("TokenRequests() = %d, want %d (failed requests count too)", got, len(tests))
	}
}

func TestTokenCredentialsInQueryAreRefused(t *testing.T) {
	s := startServer(t, nil)
	q := url.Values{"grant_type": {"client_credentials"}, "client_id": {ClientID}, "client_secret": {ClientSecret}}
	req, _ := http.NewRequest(http.MethodPost, s.TokenURL()+"?"+q.Encode(), nil)
	a := call(t, req)
	if a.status != http.StatusBadRequest || a.body["error"] != "invalid_client" {
		t.Fatalf("credentials in the query (the deprecated SDK's way) answered %d %s, want 400 invalid_client", a.status, a.raw)
	}
}

func TestTokensAreDistinctAndAdvertiseFixtureTTL(t *testing.T) {
	s := startServer(t, func(f *Fixture) { f.TokenTTL = 0 })
	first, second := fetchToken(t, s), fetchToken(t, s)
	if first == second {
		t.Fatal("two token requests returned the same token")
	}
	if n := s.TokenRequests(); n != 2 {
		t.Fatalf("TokenRequests() = %d, want 2", n)
	}
	for _, tok := range []string{first, second} {
		if a := send(t, s, tok, sendEnvelope()); a.status != http.StatusCreated {
			t.Fatalf("send with a fresh token answered %d: %s", a.status, a.raw)
		}
	}
}
