package zoomtest

import (
	"net/http"
	"testing"
	"time"
)

func TestBearerChecks(t *testing.T) {
	s := startServer(t, nil)
	valid := fetchToken(t, s)
	tests := []struct {
		name          string
		authorization string
		status, code  int
		message       string
	}{
		{"missing header", "", 401, 7010, "Missing Authorization header."},
		{"unknown token", "Bearer not-a-token", 401, 7010, "Invalid authorization token."},
		{"basic scheme", "Basic " + valid, 401, 7010, "Invalid authorization token."},
		{"scheme only", "Bearer", 401, 7010, "Invalid authorization token."},
		{"lower-case scheme is fine", "bearer " + valid, 201, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := newRequest(t, http.MethodPost, s.APIURL()+"/im/chat/messages", "", sendEnvelope())
			if tt.authorization != "" {
				req.Header.Set("Authorization", tt.authorization)
			}
			a := call(t, req)
			if a.status != tt.status {
				t.Fatalf("status %d, want %d: %s", a.status, tt.status, a.raw)
			}
			if tt.code != 0 && (a.code() != tt.code || a.body["message"] != tt.message || a.body["result"] != false) {
				t.Errorf("body %s, want code %d message %q result false", a.raw, tt.code, tt.message)
			}
		})
	}
}

func TestExpireTokens(t *testing.T) {
	s := startServer(t, nil)
	old := fetchToken(t, s)
	s.ExpireTokens()
	a := send(t, s, old, sendEnvelope())
	if a.status != http.StatusUnauthorized || a.code() != 124 || a.body["message"] != "Access token is expired." {
		t.Fatalf("expired token answered %d %s, want 401 code 124", a.status, a.raw)
	}
	if a := send(t, s, fetchToken(t, s), sendEnvelope()); a.status != http.StatusCreated {
		t.Fatalf("a token issued after ExpireTokens answered %d: %s", a.status, a.raw)
	}
}

func TestSetTokenLifetime(t *testing.T) {
	s := startServer(t, nil)
	clock := newFakeClock(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	s.SetClock(clock.Now)
	s.SetTokenLifetime(30 * time.Second)

	req, _ := http.NewRequest(http.MethodPost, s.TokenURL()+"?grant_type=client_credentials", nil)
	req.SetBasicAuth(ClientID, ClientSecret)
	grant := call(t, req)
	if grant.body["expires_in"] != 3600.0 {
		t.Fatalf("expires_in = %v, want the advertised 3600", grant.body["expires_in"])
	}
	token := grant.body["access_token"].(string)

	clock.Add(29 * time.Second)
	if a := send(t, s, token, sendEnvelope()); a.status != http.StatusCreated {
		t.Fatalf("token within its real lifetime answered %d: %s", a.status, a.raw)
	}
	clock.Add(time.Second)
	if a := send(t, s, token, sendEnvelope()); a.status != http.StatusUnauthorized || a.code() != 124 {
		t.Fatalf("token past its real lifetime answered %d %s, want 401/124", a.status, a.raw)
	}

	s.SetTokenLifetime(0)
	fresh := fetchToken(t, s)
	clock.Add(59 * time.Minute)
	if a := send(t, s, fresh, sendEnvelope()); a.status != http.StatusCreated {
		t.Fatalf("after SetTokenLifetime(0) a token should last TokenTTL; answered %d: %s", a.status, a.raw)
	}
}

func TestSetClockNilRestoresTheRealClock(t *testing.T) {
	s := startServer(t, nil)
	s.SetClock(func() time.Time { return time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC) })
	s.SetClock(nil)
	token := fetchToken(t, s)
	a := send(t, s, token, sendEnvelope())
	sent, err := time.Parse("2006-01-02 15:04:05", a.body["sent_time"].(string))
	if err != nil || time.Since(sent) > time.Minute {
		t.Fatalf("sent_time %v after SetClock(nil), want now", a.body["sent_time"])
	}
}
