package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/history/historytest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// A history file with a damaged page that opening it does not read (the messages bucket's)
// stops a send before anything goes on the network: the intent cannot be written, so the
// command names the file and says nothing was sent.
func TestSendWithADamagedHistorySendsNothing(t *testing.T) {
	h := newHarness(t)
	for range 3 { // enough that the messages bucket has a page of its own
		h.send(h.card())
	}
	path := h.env["ZOOMPOSE_DB"]
	damageMessagesPage(t, path)
	before := len(h.server.Messages())

	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.card())

	assertOneErrorLine(t, res, ExitAPI, path, "damaged", "nothing was sent", "--no-history")
	if got := len(h.server.Messages()); got != before {
		t.Errorf("the simulator holds %d messages, want %d: a send went out with no record", got, before)
	}
}

// damageMessagesPage overwrites the root page of the messages bucket of a closed history
// with garbage, as a failing disk would: the file opens, and the next write finds it.
func damageMessagesPage(t *testing.T, path string) { historytest.DamageMessagesPage(t, path) }

// A full disk (here: a file size limit below the history's pages, so every page write
// fails) stops a send before anything goes on the network, and the history is intact once
// there is room again.
func TestSendWithAFullDiskSendsNothing(t *testing.T) {
	if ranInOwnProcess(t) {
		return
	}
	h := newHarness(t)
	h.send(h.card())
	before := len(h.server.Messages())

	res := withFileSizeLimit(t, 8192, func() result {
		return h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.card())
	})

	assertOneErrorLine(t, res, ExitAPI, h.env["ZOOMPOSE_DB"], "nothing was sent")
	if got := len(h.server.Messages()); got != before {
		t.Errorf("the simulator holds %d messages, want %d: a send went out with no record", got, before)
	}
	if page, err := h.store().List(history.Query{}); err != nil || len(page.Messages) != before {
		t.Errorf("after the disk freed up, the history holds %d messages (%v), want %d", len(page.Messages), err, before)
	}
}

// ranInOwnProcess runs the calling test again in a child process of its own and reports
// true once it passed there, unless this is that child (false: run it here). The file size limit of withFileSizeLimit applies to
// every file the process writes, and `go test` (when it caches results) has the testing
// package append to a log of the files and variables the tests used: once that log has
// grown past the limit, its next write fails and the whole package is reported as failed
// ("can't write testlog.txt: file too large"). The child is started without that log.
func ranInOwnProcess(t *testing.T) bool {
	t.Helper()
	const childEnv = "ZOOMPOSE_TEST_OWN_PROCESS"
	if os.Getenv(childEnv) == t.Name() {
		return false
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+regexp.QuoteMeta(t.Name())+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), childEnv+"="+t.Name())
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("%s in its own process: %v\n%s", t.Name(), err, out)
	}
	return true
}

// withFileSizeLimit runs fn with this process's file size limit at limit bytes, the way a
// full disk refuses writes: a write past it fails with EFBIG (SIGXFSZ is ignored meanwhile).
func withFileSizeLimit(t *testing.T, limit uint64, fn func() result) result {
	t.Helper()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Skipf("no file size limit on this platform: %v", err)
	}
	signal.Ignore(syscall.SIGXFSZ)
	defer signal.Reset(syscall.SIGXFSZ)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: old.Max}); err != nil {
		t.Skipf("cannot set a file size limit: %v", err)
	}
	defer func() {
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
			t.Fatalf("could not restore the file size limit: %v", err)
		}
	}()
	return fn()
}

// Every command that writes the history opens it through openHistory before it does anything
// else: a file that is not a history stops it with one line naming the file, where its path
// came from and what was not done.
func TestWritersRefuseAFileThatIsNotAHistory(t *testing.T) {
	cases := []struct {
		name    string
		args    func(h *harness) []string
		notDone string
	}{
		{"send", func(h *harness) []string { return []string{"send", "--to", zoomtest.ChannelGeneral, h.card()} }, "nothing was sent"},
		{"recipients add", func(*harness) []string {
			return []string{"recipients", "add", zoomtest.ChannelGeneral, "--label", "ops"}
		}, "nothing was changed"},
		{"history import", func(h *harness) []string {
			return []string{"history", "import", h.writeFile("in.jsonl", "")}
		}, "nothing was imported"},
		{"events", func(h *harness) []string {
			h.env["ZOOM_EVENT_SUBSCRIPTION_ID"] = zoomtest.SubscriptionID
			h.env["ZOOM_EVENTS_URL"] = h.server.EventsURL()
			return []string{"events"}
		}, "no event was received"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			path := h.writeFile("not-a-history.db", strings.Repeat("not a bbolt file\n", 512))
			h.env["ZOOMPOSE_DB"] = path
			res := h.exec("", tc.args(h)...)
			assertOneErrorLine(t, res, ExitAPI, path, "from the environment", tc.notDone)
			if n := h.apiRequests(); n != 0 {
				t.Errorf("%d requests reached the simulator", n)
			}
		})
	}
}

// A history file the user cannot write (mode 0400) stops a send before anything goes on
// the network: exit 1, naming the file and saying nothing was sent.
func TestSendWithAReadOnlyHistorySendsNothing(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes a 0400 file anyway")
	}
	h := newHarness(t)
	h.send(h.card())
	path := h.env["ZOOMPOSE_DB"]
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(path, 0o600) })
	before := len(h.server.Messages())

	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.card())

	assertOneErrorLine(t, res, ExitAPI, path, "nothing was sent")
	if got := len(h.server.Messages()); got != before {
		t.Errorf("the simulator holds %d messages, want %d: a send went out with no record", got, before)
	}
}

// putMessages writes n sent messages, each in a transaction of its own as sends write them,
// with fixed ids, times and cards: the same file every time, so that damage planted in it by
// a seed lands on the same bytes.
func putMessages(t *testing.T, path string, n int) {
	t.Helper()
	s, err := history.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	for i := range n {
		at := at.Add(time.Duration(i) * time.Minute)
		m := history.Message{
			ID: fmt.Sprintf("m%03d", i), Profile: "default", AccountID: zoomtest.AccountID, RobotJID: zoomtest.RobotJID,
			ToJID: zoomtest.ChannelGeneral, UserJID: zoomtest.UserJID, SentAt: at, Status: history.StatusSent,
			Revisions: []history.Revision{{Content: json.RawMessage(`{"head":{"text":"head"},"body":[{"type":"message","text":"body"}]}`), Source: "# head\n\nbody", At: at}},
		}
		if err := s.PutMessage(m); err != nil {
			t.Fatal(err)
		}
	}
}

// Bit flips in a page of the history (the audit's: 200 in page 3; this seed makes both the
// first write and the first read fault outside bbolt's memory mapping) stop a send before the
// network and make `history` say the file is damaged: one line naming the file, no crash.
func TestBitFlipsInTheHistoryStopASendWithoutACrash(t *testing.T) {
	h := newHarness(t)
	path := h.env["ZOOMPOSE_DB"]
	putMessages(t, path, 3)
	historytest.FlipBits(t, path, 19, 3*4096, 4096, 200)

	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.card())
	assertOneErrorLine(t, res, ExitAPI, path, "damaged", "nothing was sent")
	if n := len(h.server.Messages()); n != 0 {
		t.Errorf("the simulator holds %d messages, want none: a send went out with no record", n)
	}
	res = h.exec("", "history")
	assertOneErrorLine(t, res, ExitAPI, path, "damaged")
}

// A page in use listed as free in bbolt's list of free pages (one flipped bit can do it)
// passes opening the history and its first write, and fails a later one: after the intent,
// once Zoom has answered. The history checks the list before it writes anything, so the
// send stops before the network, naming the file; reading the history still works.
func TestDamagedFreelistStopsASendBeforeTheNetwork(t *testing.T) {
	h := newHarness(t)
	path := h.env["ZOOMPOSE_DB"]
	putMessages(t, path, 50)
	page := historytest.ListPageInUse(t, path)

	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.card())
	assertOneErrorLine(t, res, ExitAPI, path, "damaged", "list of free pages", fmt.Sprintf("page %d", page), "nothing was sent")
	if n := h.apiRequests(); n != 0 {
		t.Errorf("%d requests reached the simulator, want none", n)
	}
	res = h.exec("", "history", "--json", "--limit", "100")
	if res.code != 0 || strings.Count(res.stdout, "\n") != 50 {
		t.Errorf("history --json: exit %d, %d lines, want the 50 messages; stderr:\n%s", res.code, strings.Count(res.stdout, "\n"), res.stderr)
	}
}
