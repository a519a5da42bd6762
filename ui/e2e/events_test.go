package e2e

import (
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// TestShareALinkThenUnfurlItFromTheEvent is the whole loop an admin runs: the app listens
// on the simulator's event WebSocket, someone shares a link (here from "a second
// terminal": the sandbox's play endpoint over HTTP), the Events screen shows it, u opens
// the unfurl card with the event's ids, ctrl+s twice posts it, and the simulator holds it.
func TestShareALinkThenUnfurlItFromTheEvent(t *testing.T) {
	bin := buildBinary(t)
	srv := zoomtest.NewServer()
	defer srv.Close()
	dir := t.TempDir()
	env := simulatorEnv(srv, dir, filepath.Join(dir, "history.db"),
		"ZOOM_EVENTS_URL="+srv.EventsURL(), "ZOOM_EVENT_SUBSCRIPTION_ID="+zoomtest.SubscriptionID)
	term := start(t, env, bin+" 2>"+filepath.Join(dir, "stderr"))
	term.waitFor("New message", "events connected")
	term.press("F5")
	term.waitFor("zoompose › Events", "WebSocket: connected")
	waitUntil(t, "the simulator holds the event connection", func() bool { return srv.EventConnections() == 1 })

	resp, err := http.PostForm(srv.URL+zoomtest.PlayPath+"share-link", url.Values{"link": {"https://example.com/design/9"}, "channel": {"random"}})
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("share-link: %v %v", resp, err)
	}
	resp.Body.Close()
	screen := term.waitFor("team_chat.link_shared", "#random", "https://example.com/design/9", "u composes an unfurl card")
	term.press("u")
	term.waitFor("Unfurl", "https://example.com/design/9")
	term.press("C-s")
	term.waitFor("User id", zoomtest.DemoUnfurlUserID)
	term.press("C-s")
	waitUntil(t, "the simulator holds the unfurl", func() bool { return len(srv.Unfurls()) == 1 })
	term.waitFor("Unfurl posted")
	u := srv.Unfurls()[0]
	if u.UserID != zoomtest.DemoUnfurlUserID || !strings.Contains(screen, u.TriggerID) || !strings.Contains(string(u.Content), "design/9") {
		t.Errorf("unfurl %+v; the events screen showed:\n%s", u, screen)
	}
}

// TestSandboxFromTheOfflineNoticeReceivesEvents: a new user without credentials starts the
// sandbox from the app's offline notice; the app listens on the sandbox's event WebSocket
// as it would on Zoom's, so a link shared there (from another shell, at the URL the Events
// screen names) shows up on the Events screen.
func TestSandboxFromTheOfflineNoticeReceivesEvents(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	env := []string{"ZOOMPOSE_DB=" + filepath.Join(dir, "history.db"), "XDG_CONFIG_HOME=" + dir, "XDG_DATA_HOME=" + dir,
		"HOME=" + dir, "TERM=xterm-256color"}
	term := start(t, env, bin+" 2>"+filepath.Join(dir, "stderr"))
	term.waitFor("ZOOM_CLIENT_ID")
	term.press("s")
	term.waitFor("· sandbox ·", "events connected") // the status bar, once the sandbox is up
	term.press("F5")
	screen := term.waitFor("zoompose › Events", "WebSocket: connected", "/sandbox/share-link")
	found := sandboxURL.FindStringSubmatch(screen)
	if found == nil {
		t.Fatalf("the Events screen names no sandbox URL:\n%s", screen)
	}
	resp, err := http.PostForm(found[1]+zoomtest.PlayPath+"share-link", url.Values{"link": {"https://example.com/offline/1"}})
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("share-link: %v %v", resp, err)
	}
	resp.Body.Close()
	term.waitFor("team_chat.link_shared", "https://example.com/offline/1")
}

var sandboxURL = regexp.MustCompile(`(http://127\.0\.0\.1:\d+)/sandbox/share-link`)
