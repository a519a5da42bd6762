// Package zoom is a client for Zoom Team Chat's chatbot API: send, edit and
// delete chatbot messages and unfurl links, with client-credentials tokens,
// typed errors that say what to fix, bounded 429 retries and a strict rule
// never to re-send a request that may already have reached Zoom.
//
// The client never writes the client secret or an access token into an error,
// a log line or a dry-run request.
package zoom

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"
)

// DefaultAPIURL is Zoom's global REST API base; every region accepts it.
const DefaultAPIURL = "https://api.zoom.us/v2"

// DefaultTokenURL is the chatbot token endpoint used by Zoom's own SDK.
const DefaultTokenURL = "https://zoom.us/oauth/token"

// Defaults applied by New when the Config leaves a field zero.
const (
	DefaultMaxAttempts      = 3
	DefaultMaxRateLimitWait = time.Minute
)

// Config holds everything a Client needs. Secrets live only here and in the
// client's token source; Client.Config returns a copy without them.
type Config struct {
	ClientID, ClientSecret string
	AccountID              string
	RobotJID               string // bot JID
	UserJID                string // user on whose behalf messages are sent
	APIURL                 string // default DefaultAPIURL
	TokenURL               string // default DefaultTokenURL

	// HTTPClient is used for token and API requests. The default gives a
	// request 45 seconds in all, 30 for the answer's headers and 10 each
	// for dialling and the TLS handshake.
	HTTPClient *http.Client

	// MaxAttempts is the total number of tries when Zoom answers 429
	// (default 3). A 401 refresh is not counted.
	MaxAttempts int

	// MaxRateLimitWait is the longest Retry-After the client sleeps through
	// (default one minute). Longer waits, such as a daily limit that resets
	// at midnight, are returned at once as a 429 *APIError with RetryAfter.
	MaxRateLimitWait time.Duration

	// OnRateLimit, when set, is called before each 429 wait so a UI can show
	// a countdown. It is called on the goroutine making the request.
	OnRateLimit func(RateLimitWait)

	// Sleep waits d or until ctx is done; tests may shorten waits with it.
	// The default uses a timer and returns ctx.Err() on cancellation.
	Sleep func(ctx context.Context, d time.Duration) error

	// Version is reported in the User-Agent as "zoompose/<Version>". The
	// default is the main module's version from the build info, or "dev".
	Version string
}

// RateLimitWait describes one wait after a 429 answer.
type RateLimitWait struct {
	Op      string        // "send", "edit", "delete" or "unfurl"
	Attempt int           // the attempt that was rate limited, from 1
	Wait    time.Duration // how long the client will sleep
	Until   time.Time     // when the next attempt is made
	Type    string        // X-RateLimit-Type: "QPS", "Daily-limit" or ""
}

// MissingFieldError names a missing Config field; Field is one of
// "ClientID", "ClientSecret", "AccountID", "RobotJID", "UserJID" so callers
// can map it to the environment variable to set.
type MissingFieldError struct{ Field string }

// fieldEnvVars maps a MissingFieldError.Field to its environment variable.
var fieldEnvVars = map[string]string{
	"ClientID":     "ZOOM_CLIENT_ID",
	"ClientSecret": "ZOOM_CLIENT_SECRET",
	"AccountID":    "ZOOM_ACCOUNT_ID",
	"RobotJID":     "ZOOM_BOT_JID",
	"UserJID":      "ZOOM_USER_JID",
	// EventsConfig.SubscriptionID, for ListenEvents.
	"EventSubscriptionID": "ZOOM_EVENT_SUBSCRIPTION_ID",
}

// EnvVar is the environment variable that sets the field, e.g. ZOOM_BOT_JID
// for RobotJID.
func (e *MissingFieldError) EnvVar() string { return fieldEnvVars[e.Field] }

func (e *MissingFieldError) Error() string {
	return "zoom: no " + e.Field + " is configured: set " + e.EnvVar() + " (or the profile's config file)"
}

// Client talks to the chatbot API. It is safe for concurrent use; all calls
// share one cached access token.
type Client struct {
	cfg       Config
	http      *http.Client
	tokens    *tokenSource
	userAgent string
}

// New checks that every credential and identity is present and returns a
// Client. It does no network I/O: the first token is fetched on first use.
func New(cfg Config) (*Client, error) {
	required := []struct{ name, value string }{
		{"ClientID", cfg.ClientID},
		{"ClientSecret", cfg.ClientSecret},
		{"AccountID", cfg.AccountID},
		{"RobotJID", cfg.RobotJID},
		{"UserJID", cfg.UserJID},
	}
	for _, f := range required {
		if strings.TrimSpace(f.value) == "" {
			return nil, &MissingFieldError{Field: f.name}
		}
	}
	cfg = withDefaults(cfg)
	for _, u := range []struct{ name, value string }{{"APIURL", cfg.APIURL}, {"TokenURL", cfg.TokenURL}} {
		if err := checkBaseURL(u.name, u.value); err != nil {
			return nil, err
		}
	}
	c := &Client{cfg: cfg, http: cfg.HTTPClient, userAgent: "zoompose/" + cfg.Version}
	c.tokens = newTokenSource(cfg.ClientID, cfg.ClientSecret, cfg.TokenURL, c.http)
	return c, nil
}

// AccessToken returns the access token the client sends as (fetching one
// when none is cached or it is near expiry) and when it expires (zero when
// the token endpoint did not say). It is the one way a token leaves the
// client, for `zoompose token`, whose purpose is to print it for a script;
// the client itself never writes one anywhere. Errors are *TokenError.
func (c *Client) AccessToken(ctx context.Context) (token string, expires time.Time, err error) {
	token, err = c.tokens.Token(ctx)
	if err != nil {
		return "", time.Time{}, err
	}
	return token, c.tokens.expiry(), nil
}

// Config returns a copy of the configuration the client uses, with the
// defaults filled in and ClientSecret cleared.
func (c *Client) Config() Config {
	cfg := c.cfg
	cfg.ClientSecret = ""
	return cfg
}

func withDefaults(cfg Config) Config {
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	cfg.APIURL = strings.TrimRight(cfg.APIURL, "/")
	if cfg.TokenURL == "" {
		cfg.TokenURL = DefaultTokenURL
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = defaultHTTPClient()
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = DefaultMaxAttempts
	}
	if cfg.MaxRateLimitWait <= 0 {
		cfg.MaxRateLimitWait = DefaultMaxRateLimitWait
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleepContext
	}
	if cfg.Version == "" {
		cfg.Version = buildVersion()
	}
	return cfg
}

// checkBaseURL rejects URLs the transport would fail on later with a less
// helpful message, and URLs carrying user info, which could leak into errors.
func checkBaseURL(field, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &InvalidRequestError{Field: field, Reason: "is not an http(s) URL: use e.g. " + defaultFor(field)}
	}
	if u.User != nil {
		return &InvalidRequestError{Field: field, Reason: "must not contain a user name or password: credentials go in ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET"}
	}
	return nil
}

func defaultFor(field string) string {
	if field == "TokenURL" {
		return DefaultTokenURL
	}
	return DefaultAPIURL
}

// defaultHTTPClient bounds every phase so a hung network surfaces as an
// error instead of a frozen UI.
func defaultHTTPClient() *http.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   4,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{Transport: transport, Timeout: 45 * time.Second}
}

func buildVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		if v := info.Main.Version; v != "" && v != "(devel)" {
			return strings.TrimPrefix(v, "v")
		}
	}
	return "dev"
}
