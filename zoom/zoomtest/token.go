package zoomtest

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// accessToken is an issued bearer token, bound to the account it was issued for.
type accessToken struct {
	account string
	expires time.Time
}

// tokenError is the token endpoint's error body, which differs from the REST API's:
// {"reason":…, "error":…} (facts §3.3).
type tokenError struct {
	Reason string `json:"reason"`
	Error  string `json:"error"`
}

// tokenGrant is the token endpoint's success body (facts §3.2).
type tokenGrant struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	Scope       string `json:"scope"`
	APIURL      string `json:"api_url"`
}

// serveToken answers POST /oauth/token for the client-credentials flow: client id and
// secret in a Basic Authorization header, grant_type=client_credentials in the query or in
// an x-www-form-urlencoded body.
func (h *Handler) serveToken(r *http.Request, body []byte) *response {
	h.tokenReq++
	if r.Method != http.MethodPost {
		resp := jsonResponse(http.StatusMethodNotAllowed, tokenError{
			Reason: "The token endpoint only accepts POST.", Error: "invalid_request"})
		resp.header.Set("Allow", http.MethodPost)
		return resp
	}
	id, secret, ok := r.BasicAuth()
	if !ok || id == "" || secret == "" {
		return jsonResponse(http.StatusBadRequest, tokenError{
			Reason: "Client ID or client secret is missing.", Error: "invalid_client"})
	}
	if !h.validClient(r) {
		return jsonResponse(http.StatusBadRequest, tokenError{
			Reason: "Invalid client_id or client_secret", Error: "invalid_client"})
	}
	switch grantType(r, body) {
	case "":
		return jsonResponse(http.StatusBadRequest, tokenError{Reason: "Missing grant type.", Error: "invalid_request"})
	case "client_credentials":
	default:
		return jsonResponse(http.StatusBadRequest, tokenError{Reason: "unsupported grant type", Error: "unsupported_grant_type"})
	}
	return h.issueToken(r)
}

// validClient checks the Basic credentials in exactly the form Zoom's SDK sends them:
// base64 (standard alphabet, padded) of the raw "client_id:client_secret". A client that
// URL-escapes the id or the secret first, as golang.org/x/oauth2's AuthStyleInHeader does,
// is refused when they hold a character such as + / = % or :.
func (h *Handler) validClient(r *http.Request) bool {
	scheme, credentials, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	want := base64.StdEncoding.EncodeToString([]byte(h.fixture.ClientID + ":" + h.fixture.ClientSecret))
	return strings.EqualFold(scheme, "Basic") &&
		subtle.ConstantTimeCompare([]byte(strings.TrimSpace(credentials)), []byte(want)) == 1
}

// grantType reads grant_type from the query, or else from a form-encoded body.
func grantType(r *http.Request, body []byte) string {
	if g := r.URL.Query().Get("grant_type"); g != "" {
		return g
	}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType != "application/x-www-form-urlencoded" {
		return ""
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return ""
	}
	return form.Get("grant_type")
}

func (h *Handler) issueToken(r *http.Request) *response {
	lifetime := h.lifetime
	if lifetime <= 0 {
		lifetime = h.fixture.TokenTTL
	}
	token := newAccessToken() + h.tokenSuffix
	h.tokens[token] = &accessToken{account: h.fixture.AccountID, expires: h.now().Add(lifetime)}
	resp := jsonResponse(http.StatusOK, tokenGrant{
		AccessToken: token,
		TokenType:   "bearer",
		ExpiresIn:   int(h.fixture.TokenTTL / time.Second),
		Scope:       "imchat:bot",
		APIURL:      "http://" + r.Host,
	})
	resp.header.Set("Cache-Control", "no-store")
	return resp
}

// newAccessToken returns an unguessable opaque token.
func newAccessToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("zoomtest: no randomness: " + err.Error())
	}
	return "zsbx." + base64.RawURLEncoding.EncodeToString(b)
}

// authenticate checks the bearer token of an API call and returns the account it is
// bound to, or the 401 answer: 7010 for a missing or unknown token, 124 for an expired one.
func (h *Handler) authenticate(r *http.Request) (account string, resp *response) {
	header := r.Header.Get("Authorization")
	if header == "" {
		return "", apiError(http.StatusUnauthorized, codeInvalidToken, msgMissingAuth)
	}
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", apiError(http.StatusUnauthorized, codeInvalidToken, msgInvalidToken)
	}
	tok, known := h.tokens[strings.TrimSpace(token)]
	if !known {
		return "", apiError(http.StatusUnauthorized, codeInvalidToken, msgInvalidToken)
	}
	if !h.now().Before(tok.expires) {
		return "", apiError(http.StatusUnauthorized, codeExpiredToken, msgExpiredToken)
	}
	return tok.account, nil
}

// ExpireTokens makes every token issued so far expired: API calls with them answer 401
// with code 124. Tokens issued afterwards are valid.
func (h *Handler) ExpireTokens() {
	h.mu.Lock()
	defer h.mu.Unlock()
	now := h.now()
	for _, tok := range h.tokens {
		if tok.expires.After(now) {
			tok.expires = now
		}
	}
}

// SetTokenLifetime makes tokens issued from now on really expire after d, while the token
// endpoint still advertises Fixture.TokenTTL as expires_in. d <= 0 restores TokenTTL.
func (h *Handler) SetTokenLifetime(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.lifetime = d
}

// SetTokenSuffix makes the token endpoint append suffix to the access tokens it issues
// from now on (HostileText, say: a broken or hostile endpoint whose tokens hold escape
// sequences and control characters). "" restores plain tokens. The tokens are valid for
// API calls, if a client ever presents them.
func (h *Handler) SetTokenSuffix(suffix string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.tokenSuffix = suffix
}
