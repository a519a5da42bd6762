package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// TestSwitchProfileInTheApp types into the real binary: a config file with a dev profile
// and a prod one, each on its own simulator and history file; f6 picks the prod one, the
// draft stays, and the send (through the prod guard) reaches the prod simulator only and
// is recorded in the prod profile's history.
func TestSwitchProfileInTheApp(t *testing.T) {
	bin := buildBinary(t)
	alpha, beta := zoomtest.NewServer(), zoomtest.NewServer()
	defer alpha.Close()
	defer beta.Close()
	dir := t.TempDir()
	alphaDB, betaDB := filepath.Join(dir, "alpha.db"), filepath.Join(dir, "beta.db")
	profile := func(name, kind string, srv *zoomtest.Server, db string) string {
		return fmt.Sprintf("[profiles.%s]\nkind = %q\nclient_id = %q\nclient_secret = %q\naccount_id = %q\nbot_jid = %q\nuser_jid = %q\napi_url = %q\ntoken_url = %q\ndb = %q\n\n",
			name, kind, zoomtest.ClientID, zoomtest.ClientSecret, zoomtest.AccountID, zoomtest.RobotJID, zoomtest.UserJID,
			srv.APIURL(), srv.TokenURL(), db)
	}
	config := "default_profile = \"alpha\"\n\n" + profile("alpha", "dev", alpha, alphaDB) + profile("beta", "prod", beta, betaDB)
	if err := os.MkdirAll(filepath.Join(dir, "zoompose"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "zoompose", "config.toml"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"XDG_CONFIG_HOME=" + dir, "XDG_DATA_HOME=" + dir, "HOME=" + dir, "TERM=xterm-256color"}
	term := start(t, env, bin+" 2>"+filepath.Join(dir, "stderr"))
	term.waitFor("New message", "DEV", "alpha")

	term.typeText("Maintenance tonight at 22:00.")
	term.waitFor("Maintenance tonight at 22:00.")
	term.press("F6")
	term.waitFor("Switch profile", "(current)", "beta")
	term.press("Down", "Enter")
	term.waitFor("PROD", "Profile beta is PRODUCTION", "Maintenance tonight at 22:00.")

	term.press("C-s")
	term.waitFor("Send the card", "To")
	term.typeText(zoomtest.ChannelGeneral)
	term.press("C-s")
	term.waitFor("Send to production")
	term.press("y")
	waitUntil(t, "the prod simulator has the message", func() bool { return len(beta.Messages()) == 1 })
	if n := len(alpha.Messages()); n != 0 {
		t.Fatalf("the dev simulator got %d messages after the switch", n)
	}
	term.waitFor("Sent ")
	term.press("C-c")
	waitForExit(t, betaDB)

	store := openHistory(t, betaDB)
	defer store.Close()
	page, err := store.List(history.Query{})
	if err != nil || len(page.Messages) != 1 || page.Messages[0].Profile != "beta" || page.Messages[0].ID != beta.Messages()[0].ID {
		t.Fatalf("the prod history holds %+v, %v; want the one message sent on beta", page.Messages, err)
	}
}
