//go:build e2e

package e2e

import (
	"bufio"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// The harness's rows for the screens issues 12 and 13 added: events as they
// arrive (on the Events screen and from `zoompose events --json`) and a
// broadcast group in the history of 100 000 messages.

// eventsEnv makes the app or the events command listen on the lab
// simulator's event WebSocket.
func (l *lab) eventsEnv() []string {
	return []string{"ZOOM_EVENTS_URL=" + l.srv.EventsURL(), "ZOOM_EVENT_SUBSCRIPTION_ID=" + zoomtest.SubscriptionID}
}

// shareLink plays a user sharing link in a channel, as the sandbox's play
// endpoint does for an admin in a second shell; the simulator sends the
// link_shared event while it answers.
func (l *lab) shareLink(link string) {
	l.t.Helper()
	resp, err := http.PostForm(l.srv.URL+zoomtest.PlayPath+"share-link", url.Values{"link": {link}, "channel": {"general"}})
	if err != nil {
		l.t.Fatalf("share-link: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		l.t.Fatalf("share-link: %s", resp.Status)
	}
}

// latencyLink is a link that appears on the screen only once sample i's
// event has arrived.
func latencyLink(i int) string { return fmt.Sprintf("https://example.com/lat/E%03dq", i) }

// eventsScreen opens the Events screen on a connected app and times each
// shared link from the share until the feed shows it.
func (l *lab) eventsScreen(n int) []time.Duration {
	l.launch(zoomposeProgram, l.fresh(l.db4), l.card4, l.eventsEnv()...)
	defer l.stop()
	l.ctl.press("F5")
	l.ctl.until(time.Now(), latencyLimit, "the connected Events screen", showsAll("zoompose › Events", "WebSocket: connected"))
	var out []time.Duration
	for i := range n {
		link := latencyLink(i)
		start := time.Now()
		l.shareLink(link)
		out = append(out, l.ctl.until(start, latencyLimit, link, showsAll(link)))
	}
	return out
}

// eventsCommand runs `zoompose events --json` as a process and times each
// shared link from the share until the command has printed its line (kept
// in the history first, as the command does).
func (l *lab) eventsCommand(n int) []time.Duration {
	l.t.Helper()
	cmd := exec.Command(l.bin, "events", "--json")
	cmd.Env = append(slices.Clone(l.env), l.eventsEnv()...)
	cmd.Env = append(cmd.Env, "ZOOMPOSE_DB="+l.fresh(l.db4))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		l.t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		l.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		l.t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() }()
	lines, states := linesOf(stdout), linesOf(stderr)
	waitForLine(l, states, "connected", "the events command connected")
	var out []time.Duration
	for i := range n {
		link := latencyLink(i)
		start := time.Now()
		l.shareLink(link)
		waitForLine(l, lines, link, "the event line for "+link)
		out = append(out, time.Since(start))
	}
	return out
}

// linesOf delivers r's lines as they are read.
func linesOf(r interface{ Read([]byte) (int, error) }) <-chan string {
	out := make(chan string, 64)
	go func() {
		defer close(out)
		scan := bufio.NewScanner(r)
		scan.Buffer(make([]byte, 0, 64<<10), 1<<20)
		for scan.Scan() {
			out <- scan.Text()
		}
	}()
	return out
}

// waitForLine reads lines until one contains text; it fails the test after
// latencyLimit or when the lines end.
func waitForLine(l *lab, lines <-chan string, text, what string) {
	l.t.Helper()
	limit := time.After(latencyLimit)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				l.t.Fatalf("the command's output ended before %s", what)
			}
			if strings.Contains(line, text) {
				return
			}
		case <-limit:
			l.t.Fatalf("no %s after %v", what, latencyLimit)
		}
	}
}

// broadcastRecipients are the copies of the harness's broadcast: the
// simulator's three channels and its user.
var broadcastRecipients = []string{zoomtest.ChannelGeneral, zoomtest.ChannelAnnouncements, zoomtest.ChannelRandom, zoomtest.UserJID}

// groupScreens sends a broadcast of four copies with the real binary into a
// copy of the 100 000-message history, opens the History screen on it and
// times, n times each, → on the group's row until its copies are shown under
// it, and enter until the group's detail lists them.
func (l *lab) groupScreens(n int) (expand, detail []time.Duration) {
	db := l.fresh(l.history100k())
	l.broadcast(db)
	shown := func(screen string) bool { return countJIDs(screen) == len(broadcastRecipients) }
	l.launch(zoomposeProgram, db, l.card4)
	defer l.stop()
	l.ctl.press("F3")
	l.ctl.until(time.Now(), latencyLimit, "the group's row", showsAll("[Messages]", "4 copies"))
	for range n {
		start := time.Now()
		l.ctl.press("Right")
		expand = append(expand, l.ctl.until(start, latencyLimit, "the group's copies", shown))
		l.ctl.press("Left")
		l.ctl.until(time.Now(), latencyLimit, "the group folded", func(s string) bool { return !shown(s) })

		start = time.Now()
		l.ctl.press("Enter")
		detail = append(detail, l.ctl.until(start, latencyLimit, "the group's detail", func(s string) bool {
			return strings.Contains(s, "Broadcast grp-") && shown(s)
		}))
		l.ctl.press("Escape")
		l.ctl.until(time.Now(), latencyLimit, "the history again", showsAll("[Messages]", "4 copies"))
	}
	return expand, detail
}

// broadcast runs `zoompose send` with every broadcast recipient on db.
func (l *lab) broadcast(db string) {
	l.t.Helper()
	card := filepath.Join(l.dir, "broadcast.md")
	if err := os.WriteFile(card, []byte("Maintenance window tonight at 22:00.\n"), 0o600); err != nil {
		l.t.Fatal(err)
	}
	args := []string{"send"}
	for _, jid := range broadcastRecipients {
		args = append(args, "--to", jid)
	}
	cmd := exec.Command(l.bin, append(args, card)...)
	cmd.Env = append(slices.Clone(l.env), "ZOOMPOSE_DB="+db)
	if out, err := cmd.CombinedOutput(); err != nil {
		l.t.Fatalf("zoompose send (broadcast): %v\n%s", err, out)
	}
}

// countJIDs is how many of the broadcast's recipients the screen names (by
// the start of their JID, which every width shows).
func countJIDs(screen string) int {
	n := 0
	for _, jid := range broadcastRecipients {
		if strings.Contains(screen, jid[:11]) {
			n++
		}
	}
	return n
}
