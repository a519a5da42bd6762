package zoom

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

func TestTokenIsReusedAcrossCalls(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	for range 10 {
		sendOne(t, c)
	}
	if n := s.TokenRequests(); n != 1 {
		t.Errorf("10 sends made %d token requests, want 1", n)
	}
	tokens := issuedTokens(s)
	for _, tok := range tokens {
		if tok != tokens[0] {
			t.Fatal("calls used different tokens")
		}
	}
}

func TestConcurrentCallsShareOneToken(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			_, err := c.Send(t.Context(), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n := s.TokenRequests(); n != 1 {
		t.Errorf("8 concurrent sends made %d token requests, want 1", n)
	}
}

func TestExpiredTokenIsRefreshedOnceAndTheCallRetried(t *testing.T) {
	s := newSandbox(t)
	c := newClient(t, sandboxConfig(s))
	sendOne(t, c)
	s.ExpireTokens()
	sendOne(t, c)

	if n := s.TokenRequests(); n != 2 {
		t.Errorf("token requests = %d, want 2", n)
	}
	var statuses []int
	for _, r := range apiRequests(s) {
		statuses = append(statuses, r.Status)
	}
	if want := []int{201, 401, 201}; !slices.Equal(statuses, want) {
		t.Errorf("API statuses = %v, want %v", statuses, want)
	}
	if n := len(s.Messages()); n != 2 {
		t.Errorf("simulator holds %d messages, want 2", n)
	}
}

// A token that dies before its advertised expiry (revoked, clock skew) is
// replaced when Zoom rejects it.
func TestTokenThatExpiresEarlyIsReplaced(t *testing.T) {
	s := newSandbox(t)
	s.SetTokenLifetime(50 * time.Millisecond)
	c := newClient(t, sandboxConfig(s))
	sendOne(t, c)
	time.Sleep(100 * time.Millisecond)
	sendOne(t, c)
	if n := s.TokenRequests(); n != 2 {
		t.Errorf("token requests = %d, want 2", n)
	}
}

func TestTokenRejectedAgainAfterRefreshIsReturned(t *testing.T) {
	tests := []struct {
		name     string
		setup    func(t *testing.T, s *zoomtest.Server, cfg *Config)
		wantCode int
	}{
		{"expired every time (124)", func(t *testing.T, s *zoomtest.Server, cfg *Config) {
			s.SetTokenLifetime(time.Nanosecond)
		}, 124},
		{"token from another Zoom (7010)", func(t *testing.T, s *zoomtest.Server, cfg *Config) {
			cfg.TokenURL = newSandbox(t).TokenURL()
		}, 7010},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSandbox(t)
			cfg := sandboxConfig(s)
			tt.setup(t, s, &cfg)
			c := newClient(t, cfg)
			_, err := c.Send(t.Context(), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.Status != 401 || apiErr.Code != tt.wantCode {
				t.Fatalf("err = %v, want a 401 APIError with code %d", err, tt.wantCode)
			}
			if n := len(apiRequests(s)); n != 2 {
				t.Errorf("API requests = %d, want 2 (one retry with a fresh token)", n)
			}
		})
	}
}

func TestTokenIsDroppedAMinuteBeforeExpiry(t *testing.T) {
	now := time.Now()
	tests := []struct {
		name      string
		fetched   time.Time
		expiry    time.Time
		wantReuse bool
	}{
		{"fresh hour token", now, now.Add(time.Hour), true},
		{"hour token with 61s left", now.Add(-59 * time.Minute), now.Add(61 * time.Second), true},
		{"hour token with 59s left", now.Add(-59 * time.Minute), now.Add(59 * time.Second), false},
		{"short token keeps half its life", now, now.Add(20 * time.Second), true},
		{"short token past half its life", now.Add(-15 * time.Second), now.Add(5 * time.Second), false},
		{"no expiry", now, time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := newTokenSource("id", "secret", "http://127.0.0.1/oauth/token", http.DefaultClient)
			src.token = &oauth2.Token{AccessToken: "tok", Expiry: tt.expiry}
			src.fetchedAt = tt.fetched
			if got := src.cached() != ""; got != tt.wantReuse {
				t.Errorf("reused = %v, want %v", got, tt.wantReuse)
			}
		})
	}
}

func TestWrongSecretIsATokenError(t *testing.T) {
	s := newSandbox(t)
	cfg := sandboxConfig(s)
	cfg.ClientSecret = "definitely-not-the-secret"
	c := newClient(t, cfg)
	_, err := c.Send(t.Context(), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
	var tokenErr *TokenError
	if !errors.As(err, &tokenErr) || tokenErr.ErrorCode != "invalid_client" || tokenErr.Status != 400 {
		t.Fatalf("err = %#v, want TokenError invalid_client", err)
	}
	want := "zoom: Zoom rejected the client id or secret (invalid_client): check ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET"
	if err.Error() != want {
		t.Errorf("err = %q\nwant  %q", err, want)
	}
	if n := len(apiRequests(s)); n != 0 {
		t.Errorf("%d API requests without a token", n)
	}
}

func TestTokenEndpointFailures(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		body       string
		wantStatus int
		wantText   string
	}{
		{"html page", 200, "<html>captive portal</html>", 200, "without an access token: check ZOOM_TOKEN_URL"},
		{"json without token", 200, `{"token_type":"bearer"}`, 200, "without an access token"},
		{"bad gateway", 502, "<html>502</html>", 502, "502 Bad Gateway): Zoom has a problem on its side"},
		{"not found", 404, "not here", 404, "answered 404 Not Found without an access token"},
		{"unauthorized without a body", 401, "", 401, "refused the credentials (401 Unauthorized): check ZOOM_CLIENT_ID"},
		{"unsupported grant", 400, `{"reason":"unsupported grant type","error":"unsupported_grant_type"}`, 400, "unsupported_grant_type"},
		{"other zoom error", 400, `{"reason":"App is disabled","error":"invalid_request"}`, 400, "invalid_request: App is disabled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tokenServer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}))
			defer tokenServer.Close()
			s := newSandbox(t)
			cfg := sandboxConfig(s)
			cfg.TokenURL = tokenServer.URL + "/oauth/token"
			_, err := newClient(t, cfg).Send(t.Context(), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
			var tokenErr *TokenError
			if !errors.As(err, &tokenErr) || tokenErr.Status != tt.wantStatus {
				t.Fatalf("err = %#v, want TokenError with status %d", err, tt.wantStatus)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("err = %q, want it to contain %q", err, tt.wantText)
			}
			assertOneLine(t, err)
		})
	}
}

func TestTokenEndpointUnreachable(t *testing.T) {
	s := newSandbox(t)
	cfg := sandboxConfig(s)
	cfg.TokenURL = closedURL(t) + "/oauth/token"
	_, err := newClient(t, cfg).Send(t.Context(), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
	var tokenErr *TokenError
	if !errors.As(err, &tokenErr) || tokenErr.Status != 0 {
		t.Fatalf("err = %#v, want an unreached TokenError", err)
	}
	if !strings.Contains(err.Error(), "connection refused; check your network or ZOOM_TOKEN_URL") {
		t.Errorf("err = %q", err)
	}
}

func TestCancelledTokenFetch(t *testing.T) {
	s := newSandbox(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := newClient(t, sandboxConfig(s)).Send(ctx, SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(apiRequests(s)) != 0 {
		t.Error("an API request was made after cancellation")
	}
}

// A caller waiting for another caller's token fetch can still give up.
func TestCallerWaitingForATokenCanGiveUp(t *testing.T) {
	release := make(chan struct{})
	slowToken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"slow-token","token_type":"bearer","expires_in":3600}`))
	}))
	defer slowToken.Close()
	defer close(release)
	cfg := validConfig()
	cfg.TokenURL = slowToken.URL
	c := newClient(t, cfg)

	go func() { _, _ = c.tokens.Token(t.Context()) }() // holds the fetch
	for len(c.tokens.fetching) == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err := c.tokens.Token(ctx)
	var tokenErr *TokenError
	if !errors.As(err, &tokenErr) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a TokenError for the deadline", err)
	}
	if !strings.Contains(err.Error(), "stopped while fetching an access token") {
		t.Errorf("err = %q", err)
	}
}

// IsBearerToken accepts RFC 6750 b64token shapes only.
func TestIsBearerToken(t *testing.T) {
	for _, tok := range []string{"abc\x1b]52;c;aGk=\x07", "two words", "ab\ncd", "===", "", "a=b", "tok\u009b"} {
		if IsBearerToken(tok) {
			t.Errorf("IsBearerToken(%q) = true", tok)
		}
	}
	for _, tok := range []string{"eyJhbGciOi.J9-_~+/x==", "a", "zsbx.AbC-_9"} {
		if !IsBearerToken(tok) {
			t.Errorf("IsBearerToken(%q) = false", tok)
		}
	}
}

// A token endpoint answering a token that is not a bearer token gets a *TokenError that
// says it was refused, names the endpoint and never quotes the token; no API request is
// made with it.
func TestTokenSourceRefusesAMalformedToken(t *testing.T) {
	s := newSandbox(t)
	s.SetTokenSuffix(zoomtest.HostileText)
	c := newClient(t, sandboxConfig(s))
	_, _, err := c.AccessToken(context.Background())
	var tokenErr *TokenError
	if !errors.As(err, &tokenErr) || !tokenErr.Malformed {
		t.Fatalf("err = %v, want a *TokenError for a malformed token", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "refused") || !strings.Contains(msg, hostOf(s.TokenURL())) || strings.Contains(msg, "\x1b") || strings.Contains(msg, "zsbx.") {
		t.Errorf("error = %q", msg)
	}
	for _, r := range s.Requests() {
		if r.Path != "/oauth/token" {
			t.Errorf("a request reached the API: %s", r.Path)
		}
	}
}
