package zoom

import (
	"errors"
	"testing"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

func TestNewNamesTheMissingField(t *testing.T) {
	tests := []struct {
		field string
		clear func(*Config)
	}{
		{"ClientID", func(c *Config) { c.ClientID = "" }},
		{"ClientSecret", func(c *Config) { c.ClientSecret = "" }},
		{"AccountID", func(c *Config) { c.AccountID = " " }},
		{"RobotJID", func(c *Config) { c.RobotJID = "" }},
		{"UserJID", func(c *Config) { c.UserJID = "" }},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			cfg := validConfig()
			tt.clear(&cfg)
			_, err := New(cfg)
			var missing *MissingFieldError
			if !errors.As(err, &missing) || missing.Field != tt.field {
				t.Fatalf("New error = %v, want MissingFieldError{%s}", err, tt.field)
			}
		})
	}
}

func TestNewRejectsUnusableURLs(t *testing.T) {
	tests := []struct {
		name  string
		field string
		set   func(*Config)
	}{
		{"no scheme", "APIURL", func(c *Config) { c.APIURL = "api.zoom.us/v2" }},
		{"ftp", "TokenURL", func(c *Config) { c.TokenURL = "ftp://zoom.us/oauth/token" }},
		{"credentials in URL", "TokenURL", func(c *Config) { c.TokenURL = "https://id:secret@zoom.us/oauth/token" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := validConfig()
			tt.set(&cfg)
			_, err := New(cfg)
			var invalid *InvalidRequestError
			if !errors.As(err, &invalid) || invalid.Field != tt.field {
				t.Fatalf("New error = %v, want InvalidRequestError on %s", err, tt.field)
			}
		})
	}
}

func TestConfigFillsDefaultsAndHidesTheSecret(t *testing.T) {
	c := newClient(t, validConfig())
	got := c.Config()
	if got.ClientSecret != "" {
		t.Error("Config() returned the client secret")
	}
	if got.APIURL != DefaultAPIURL || got.TokenURL != DefaultTokenURL {
		t.Errorf("URLs = %q, %q; want the defaults", got.APIURL, got.TokenURL)
	}
	if got.MaxAttempts != DefaultMaxAttempts || got.MaxRateLimitWait != DefaultMaxRateLimitWait {
		t.Errorf("MaxAttempts=%d MaxRateLimitWait=%v; want the defaults", got.MaxAttempts, got.MaxRateLimitWait)
	}
	if got.HTTPClient == nil || got.HTTPClient.Timeout == 0 {
		t.Error("default HTTP client has no timeout")
	}
	if c.cfg.ClientSecret != zoomtest.ClientSecret {
		t.Error("Config() cleared the secret inside the client too")
	}
}

func TestAPIURLTrailingSlashIsIgnored(t *testing.T) {
	cfg := validConfig()
	cfg.APIURL = "https://api.zoom.us/v2/"
	c := newClient(t, cfg)
	p, err := c.PrepareDelete(DeleteRequest{MessageID: "M1"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "https://api.zoom.us/v2/im/chat/messages/M1?"; p.URL[:len(want)] != want {
		t.Errorf("URL = %q, want prefix %q", p.URL, want)
	}
}
