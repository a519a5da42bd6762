package cli

import (
	"errors"
	"testing"
)

// The app's offline notice names every missing credential at once.
func TestAppConfigHintNamesEveryMissingCredential(t *testing.T) {
	cases := []struct {
		name string
		cfg  Config
		want string
	}{
		{"nothing set", Config{}, "Set ZOOM_ACCOUNT_ID, ZOOM_BOT_JID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET, ZOOM_USER_JID in the environment (see zoompose --help)."},
		{"with a config file", Config{ClientID: "id", ClientSecret: "s", AccountID: "a", Path: "/home/me/.config/zoompose/config.toml"},
			"Set ZOOM_BOT_JID, ZOOM_USER_JID in the environment or a profile of /home/me/.config/zoompose/config.toml (see zoompose --help)."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := appConfigHint(c.cfg, errors.New("missing")); got != c.want {
				t.Fatalf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}
