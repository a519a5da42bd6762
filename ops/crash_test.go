package ops

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// The child's environment: set only when this test binary runs as the
// sender that TestCrashKillsLeaveEverySendRecorded kills.
const (
	crashHistoryEnv = "ZOOMPOSE_OPS_CRASH_HISTORY" // the history file
	crashSimEnv     = "ZOOMPOSE_OPS_CRASH_SIM"     // the simulator's base URL
	crashRunEnv     = "ZOOMPOSE_OPS_CRASH_RUN"     // this run's label, unique across the kills
)

// crashText is the unique head text of send i of run.
func crashText(run string, i int) string { return fmt.Sprintf("crash %s/%d", run, i) }

// crashChildOps is what a crash test's child process sends through: the history at path
// (recovering what the last child left in flight) and the simulator at simURL. fail
// reports an error on stderr and exits 3, which the parent reports.
func crashChildOps(who, path, simURL string) (o *Ops, fail func(error)) {
	fail = func(err error) {
		fmt.Fprintln(os.Stderr, who+":", err)
		os.Exit(3)
	}
	store, err := history.Open(path)
	if err != nil {
		fail(err)
	}
	client, err := zoom.New(simulatorConfig(simURL))
	if err != nil {
		fail(err)
	}
	return &Ops{Client: client, Store: store, Profile: "crash"}, fail
}

// TestCrashChild is the child process: it opens the history (recovering
// what the last child left in flight), says "ready" and sends through
// ops.Send in a loop until it is killed (or 20 s pass, if the parent is
// gone). It exits 3 on any error, which the parent reports.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashHistoryEnv)
	if path == "" {
		t.Skip("runs only as the child process of TestCrashKillsLeaveEverySendRecorded")
	}
	o, fail := crashChildOps("crash child", path, os.Getenv(crashSimEnv))
	fmt.Println("ready")
	run := os.Getenv(crashRunEnv)
	for i, stop := 0, time.Now().Add(20*time.Second); time.Now().Before(stop); i++ {
		if _, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card(crashText(run, i))); err != nil {
			fail(err)
		}
	}
	os.Exit(0)
}

// TestCrashKillsLeaveEverySendRecorded kills a child sending through
// ops.Send with SIGKILL at random moments, 200 times over one history file
// and one simulator, then checks the write-ahead's promise: every message
// Zoom holds is in the history exactly once — sent under Zoom's id, or of
// unknown outcome — and no record claims a message Zoom does not hold.
func TestCrashKillsLeaveEverySendRecorded(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process 200 times; skipped with -short")
	}
	fixture := zoomtest.DefaultFixture()
	fixture.PerSecond, fixture.Daily = 0, 0 // the loops must not be throttled
	srv := zoomtest.NewServerWith(fixture)
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "history.db")
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, seed>>1))
	t.Logf("seed %d", seed)

	const kills = 200
	earlyKills := 0
	for run := range kills {
		srv.SetLatency(time.Duration(1+rng.IntN(4)) * time.Millisecond)
		// One kill in ten lands while the child starts (or recovers the
		// file in Open); the others after it is ready, while it sends.
		early := rng.IntN(10) == 0
		if early {
			earlyKills++
		}
		killChild(t, path, srv.URL, fmt.Sprint(run), early, time.Duration(rng.IntN(30_000))*time.Microsecond)
	}
	// A dead child's last request may still be in the simulator's latency.
	quiet(srv)

	store := openStore(t, path)
	c := checkCrashHistory(t, store, srv)
	t.Logf("%d kills (%d while starting), %d messages on Zoom, %d records sent, %d outcome-unknown (%d of them on Zoom, %d not)",
		kills, earlyKills, c.messages, c.sent, c.unknownOnZoom+c.unknownNot, c.unknownOnZoom, c.unknownNot)
	if c.messages == 0 || c.sent == 0 {
		t.Fatal("the children sent nothing: the kills came too early to test anything")
	}
}

// killChild starts the child and kills it after wait, counted from its
// "ready" line, or from its start when early.
func killChild(t *testing.T, path, url, run string, early bool, wait time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashHistoryEnv+"="+path, crashSimEnv+"="+url, crashRunEnv+"="+run)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := lineFrom(stdout, "ready")
	if !early {
		awaitLine(t, cmd, &stderr, ready, 10*time.Second, "run "+run+" was ready")
	}
	time.Sleep(wait)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != -1 { // -1: ended by the signal
		t.Fatalf("run %s: the child ended by itself before the kill (%v): %s", run, err, stderr.String())
	}
}

// lineFrom reports on the channel whether a child's stdout carried line, as
// soon as it does (false when stdout ends first), and keeps reading stdout
// to its end, so the child never blocks writing to it.
func lineFrom(stdout io.Reader, line string) <-chan bool {
	seen := make(chan bool, 1)
	go func() {
		found := false
		for lines := bufio.NewScanner(stdout); lines.Scan(); {
			if !found && lines.Text() == line {
				found = true
				seen <- true
			}
		}
		if !found {
			seen <- false
		}
	}()
	return seen
}

// awaitLine waits for seen (lineFrom) and fails the test, with the child's
// stderr, when the child ended first, or kills it after limit.
func awaitLine(t *testing.T, cmd *exec.Cmd, stderr *bytes.Buffer, seen <-chan bool, limit time.Duration, what string) {
	t.Helper()
	select {
	case ok := <-seen:
		if !ok {
			_ = cmd.Wait()
			t.Fatalf("the child ended before %s: %s", what, stderr.String())
		}
	case <-time.After(limit):
		_ = cmd.Process.Kill()
		t.Fatalf("not %s within %v", what, limit)
	}
}

// quiet waits until the simulator has had no request for 100 ms.
func quiet(srv *zoomtest.Server) {
	last := -1
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		n := len(srv.Requests())
		if n == last {
			return
		}
		last = n
	}
}

type crashCounts struct{ messages, sent, unknownOnZoom, unknownNot int }

// checkCrashHistory matches Zoom's messages with the history's records by
// their unique text.
func checkCrashHistory(t *testing.T, store *history.Store, srv *zoomtest.Server) crashCounts {
	t.Helper()
	onZoom := map[string]zoomtest.Message{}
	for _, m := range srv.Messages() {
		text := headText(m.Contents[0])
		if _, dup := onZoom[text]; dup {
			t.Errorf("Zoom holds %q twice: a send was repeated", text)
		}
		onZoom[text] = m
	}
	records := map[string][]history.Message{}
	q := history.Query{Limit: 1000}
	for {
		page, err := store.List(q)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range page.Messages {
			text := headText(m.Live().Content)
			records[text] = append(records[text], m)
		}
		if q.Cursor = page.Next; q.Cursor == "" {
			break
		}
	}
	if w := store.Warnings(); len(w) > 0 {
		t.Errorf("the history has damaged records after the kills: %q", w)
	}

	c := crashCounts{messages: len(onZoom)}
	for text, m := range onZoom {
		recs := records[text]
		switch {
		case len(recs) != 1:
			t.Errorf("Zoom holds %q (%s) but the history has %d records of it", text, m.ID, len(recs))
		case recs[0].Status == history.StatusSent && recs[0].ID != m.ID:
			t.Errorf("%q is on Zoom as %s but recorded as sent under %s", text, m.ID, recs[0].ID)
		case recs[0].Status != history.StatusSent && recs[0].Status != history.StatusOutcomeUnknown:
			t.Errorf("%q is on Zoom but its record is %s", text, recs[0].Status)
		}
	}
	for text, recs := range records {
		if len(recs) > 1 {
			t.Errorf("the history has %d records of %q", len(recs), text)
		}
		for _, r := range recs {
			_, zoomHas := onZoom[text]
			switch r.Status {
			case history.StatusSent:
				c.sent++
				if m, ok := srv.Message(r.ID); !ok || headText(m.Contents[0]) != text {
					t.Errorf("record %s says %q was sent, but Zoom does not hold it", r.ID, text)
				}
			case history.StatusOutcomeUnknown:
				if r.Op == nil || r.Op.Kind != history.OpSend || r.Op.State != history.OpUnknown {
					t.Errorf("record %s of %q is outcome-unknown with operation %+v", r.ID, text, r.Op)
				}
				if zoomHas {
					c.unknownOnZoom++
				} else {
					c.unknownNot++
				}
			default:
				t.Errorf("record %s of %q has status %s after recovery", r.ID, text, r.Status)
			}
		}
	}
	entries, err := store.Outbox()
	if err != nil || len(entries) != c.unknownOnZoom+c.unknownNot {
		t.Errorf("the outbox lists %d entries (%v), want the %d unknown outcomes", len(entries), err, c.unknownOnZoom+c.unknownNot)
	}
	return c
}
