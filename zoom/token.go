package zoom

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// tokenEarlyExpiry is how long before its expiry a token stops being used,
// as in Zoom's own SDK (EXPIRATION_DELTA_SECONDS = 60).
const tokenEarlyExpiry = 60 * time.Second

// recentTokens is how many issued tokens are remembered for redaction.
const recentTokens = 8

// tokenSource caches one client-credentials token and, unlike
// oauth2.ReuseTokenSource, can be told to drop a token Zoom refused even
// though its advertised expiry has not come yet. It holds the redactor that
// knows every form of the client secret and of the tokens it fetched.
type tokenSource struct {
	conf    clientcredentials.Config
	client  *http.Client // sends the token request with the Basic header
	host    string
	secrets *redactor

	// fetching is a one-slot lock held while a token is requested; a caller
	// waiting for it can give up when its context ends.
	fetching chan struct{}

	mu        sync.Mutex
	token     *oauth2.Token
	fetchedAt time.Time
}

func newTokenSource(clientID, clientSecret, tokenURL string, client *http.Client) *tokenSource {
	return &tokenSource{
		// The credentials are not given to oauth2: with AuthStyleInHeader it
		// URL-escapes the id and the secret before encoding them, so a secret
		// with + / = % or : would not match what Zoom expects. With no
		// credentials and AuthStyleInParams it sends only grant_type, and
		// basicAuth adds the header the way Zoom's SDK builds it.
		conf: clientcredentials.Config{
			TokenURL:  tokenURL,
			AuthStyle: oauth2.AuthStyleInParams,
		},
		client:   withBasicAuth(client, tokenURL, clientID, clientSecret),
		host:     hostOf(tokenURL),
		secrets:  newRedactor(clientID, clientSecret),
		fetching: make(chan struct{}, 1),
	}
}

// withBasicAuth returns a copy of client whose requests to tokenURL carry
// "Authorization: Basic base64(client_id:client_secret)" with the raw id
// and secret, as Zoom's SDK sends them. Requests elsewhere, such as a
// redirect to another host, get no credentials.
func withBasicAuth(client *http.Client, tokenURL, clientID, clientSecret string) *http.Client {
	c := *client
	endpoint, _ := url.Parse(tokenURL)
	c.Transport = &basicAuth{
		base:     client.Transport,
		endpoint: endpoint,
		value:    "Basic " + base64.StdEncoding.EncodeToString([]byte(clientID+":"+clientSecret)),
	}
	return &c
}

type basicAuth struct {
	base     http.RoundTripper // nil means http.DefaultTransport
	endpoint *url.URL
	value    string
}

func (b *basicAuth) RoundTrip(req *http.Request) (*http.Response, error) {
	base := b.base
	if base == nil {
		base = http.DefaultTransport
	}
	if b.endpoint != nil && req.URL.Scheme == b.endpoint.Scheme && req.URL.Host == b.endpoint.Host && req.URL.Path == b.endpoint.Path {
		req = req.Clone(req.Context())
		req.Header.Set("Authorization", b.value)
	}
	return base.RoundTrip(req)
}

// Token returns a cached access token, fetching a new one when there is none
// or it is within a minute of expiry. Errors are *TokenError.
func (s *tokenSource) Token(ctx context.Context) (string, error) {
	if t := s.cached(); t != "" {
		return t, nil
	}
	select {
	case s.fetching <- struct{}{}:
	case <-ctx.Done():
		return "", &TokenError{Host: s.host, Err: ctx.Err()}
	}
	defer func() { <-s.fetching }()
	// Another caller may have fetched a token while this one waited.
	if t := s.cached(); t != "" {
		return t, nil
	}
	tok, err := s.conf.Token(context.WithValue(ctx, oauth2.HTTPClient, s.client))
	if err != nil {
		return "", s.tokenError(ctx, err)
	}
	s.secrets.addToken(tok.AccessToken)
	if !IsBearerToken(tok.AccessToken) {
		// Go's HTTP client would refuse it as a header value anyway, after the
		// request was counted as sent; refused here, nothing reaches the API.
		return "", &TokenError{Host: s.host, Status: http.StatusOK, Malformed: true}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.token, s.fetchedAt = tok, time.Now()
	return tok.AccessToken, nil
}

// expiry is when the cached token expires, zero when unknown.
func (s *tokenSource) expiry() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token == nil {
		return time.Time{}
	}
	return s.token.Expiry
}

// Invalidate drops the cached token if it is still the given one, so the
// next Token call fetches a fresh token. Comparing first keeps concurrent
// callers from throwing away a token another caller just fetched.
func (s *tokenSource) Invalidate(accessToken string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token != nil && s.token.AccessToken == accessToken {
		s.token = nil
	}
}

func (s *tokenSource) cached() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token == nil || s.token.AccessToken == "" {
		return ""
	}
	if exp := s.token.Expiry; !exp.IsZero() {
		// A token that lives less than two minutes keeps half its life
		// instead of the full minute, so it is still reused at all.
		early := min(tokenEarlyExpiry, exp.Sub(s.fetchedAt)/2)
		if !time.Now().Before(exp.Add(-early)) {
			return ""
		}
	}
	return s.token.AccessToken
}

// redact replaces the client secret and every recently issued token, in
// every form (see redactor), in a text that came from a server, in case the
// server echoed one back.
func (s *tokenSource) redact(text string) string { return s.secrets.redact(text) }

// tokenBody is the token endpoint's error shape: Zoom sends reason and error,
// RFC 6749 servers error and error_description.
type tokenBody struct {
	Reason      string `json:"reason"`
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// tokenError turns whatever the oauth2 package returned into a *TokenError.
// The oauth2 error text itself is never kept: it can quote the response body.
func (s *tokenSource) tokenError(ctx context.Context, err error) *TokenError {
	if ctx.Err() != nil {
		return &TokenError{Host: s.host, Err: ctx.Err()}
	}
	var retrieve *oauth2.RetrieveError
	if errors.As(err, &retrieve) {
		te := &TokenError{Host: s.host, ErrorCode: retrieve.ErrorCode}
		if retrieve.Response != nil {
			te.Status = retrieve.Response.StatusCode
		}
		var body tokenBody
		if json.Unmarshal(retrieve.Body, &body) == nil {
			te.Reason = firstNonEmpty(body.Reason, body.Description)
			te.ErrorCode = firstNonEmpty(body.Error, te.ErrorCode)
		}
		te.Reason = s.secrets.scrub(te.Reason, 200)
		te.ErrorCode = s.secrets.scrub(te.ErrorCode, 60)
		return te
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return &TokenError{Host: s.host, Err: s.secrets.scrubError(urlErr.Err)}
	}
	// Anything else is a 2xx answer that was not a usable token.
	return &TokenError{Host: s.host, Status: http.StatusOK}
}

// IsBearerToken reports whether t has the shape of an RFC 6750 bearer token
// (b64token: letters, digits, -._~+/ and trailing =). A token of any other
// shape is refused: it cannot go in an Authorization header, and printed it
// could act on a terminal or break the line a script reads.
func IsBearerToken(t string) bool {
	body := strings.TrimRight(t, "=")
	if body == "" {
		return false
	}
	for _, r := range body {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._~+/", r)) {
			return false
		}
	}
	return true
}

// TokenError reports that no access token could be obtained. Its Error text
// says what to check and never contains the client secret or a token.
type TokenError struct {
	Status    int    // HTTP status of the token endpoint, 0 if it was not reached
	Reason    string // Zoom's "reason", e.g. "Invalid client_id or client_secret"
	ErrorCode string // Zoom's "error", e.g. "invalid_client"
	Host      string // host of the token endpoint
	Err       error  // network or context error when the endpoint was not reached
	// Malformed: the endpoint answered an access token that is not a bearer
	// token (IsBearerToken), refused and never used or shown.
	Malformed bool
}

func (e *TokenError) Unwrap() error { return e.Err }

func (e *TokenError) Error() string {
	switch {
	case e.Err != nil && isCallerContextError(e.Err):
		return "zoom: stopped while fetching an access token from " + e.Host + " (" + e.Err.Error() + "); nothing was sent"
	case e.Malformed:
		return "zoom: the token endpoint at " + e.Host + " answered with an access token that is not a bearer token " +
			"(RFC 6750: letters, digits, -._~+/ and trailing =), so it was refused and not shown, and no request was made " +
			"with it: check ZOOM_TOKEN_URL (normally " + DefaultTokenURL + ")"
	case e.Err != nil:
		return "zoom: could not reach Zoom's token endpoint at " + e.Host + ": " + describeNetError(e.Err) +
			"; check your network or ZOOM_TOKEN_URL"
	case e.ErrorCode == "invalid_client":
		return "zoom: Zoom rejected the client id or secret (invalid_client): check ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET"
	case e.ErrorCode == "unsupported_grant_type":
		return "zoom: the token endpoint at " + e.Host + " does not accept client credentials (unsupported_grant_type): " +
			"check ZOOM_TOKEN_URL (normally " + DefaultTokenURL + ")"
	case e.ErrorCode != "":
		return "zoom: Zoom's token endpoint refused the request (" + statusText(e.Status) + ", " + e.ErrorCode +
			reasonSuffix(e.Reason) + "): check ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET and that the app is a Team Chat app"
	case e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden:
		return "zoom: Zoom's token endpoint refused the credentials (" + statusText(e.Status) + "): check ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET"
	case e.Status >= 500:
		return "zoom: Zoom's token endpoint at " + e.Host + " failed (" + statusText(e.Status) + "): Zoom has a problem on its side; try again in a minute"
	default:
		return "zoom: the token endpoint at " + e.Host + " answered " + statusText(e.Status) +
			" without an access token: check ZOOM_TOKEN_URL (normally " + DefaultTokenURL + ")"
	}
}

func reasonSuffix(reason string) string {
	if reason == "" {
		return ""
	}
	return ": " + reason
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
