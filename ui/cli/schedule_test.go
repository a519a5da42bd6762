package cli

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// testClock is a settable clock for Streams.Now.
type testClock struct{ ns atomic.Int64 }

func (c *testClock) set(t time.Time) { c.ns.Store(t.UnixNano()) }
func (c *testClock) now() time.Time  { return time.Unix(0, c.ns.Load()).In(time.UTC) }

// The schedule tests run at 07:00 UTC in the UTC location, so HH:MM is UTC.
var scheduleT0 = time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC)

// execAt runs a command line as exec does, with the clock clk.
func (h *harness) execAt(ctx context.Context, clk *testClock, args ...string) result {
	h.t.Helper()
	s, out, errOut := h.streams("")
	s.Now = clk.now
	code := Execute(ctx, args, s)
	res := result{code: code, stdout: out.String(), stderr: errOut.String()}
	h.assertNoSecret(res)
	return res
}

func newClockAt(t time.Time) *testClock { c := &testClock{}; c.set(t); return c }

func TestSendAtParsesTheAcceptedForms(t *testing.T) {
	now := time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"08:00", time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)},
		{"tomorrow 06:30", time.Date(2026, 12, 1, 6, 30, 0, 0, time.UTC)},
		{"2026-12-24T09:00:00+01:00", time.Date(2026, 12, 24, 8, 0, 0, 0, time.UTC)},
	} {
		got, err := parseDue("--at", tc.in, now)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("parseDue(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"06:59", "2026-11-29T08:00:00Z", "8am", "tomorrow", "25:00", "next week"} {
		_, err := parseDue("--at", bad, now)
		if err == nil || report(err, &strings.Builder{}) != ExitUsage || !strings.Contains(err.Error(), "tomorrow HH:MM") {
			t.Errorf("parseDue(%q) = %v; want a usage error naming the accepted forms", bad, err)
		}
	}
}

func TestScheduleFromTheCommandLine(t *testing.T) {
	h := newHarness(t)
	clk := newClockAt(scheduleT0)
	ctx := context.Background()
	file := h.writeFile("card.md", sampleCard)

	// Invalid: a past time, nothing sent or recorded (exit 2).
	res := h.execAt(ctx, clk, "send", "--to", zoomtest.ChannelGeneral, "--at", "06:00", file)
	assertOneErrorLine(t, res, ExitUsage, "in the past", "tomorrow HH:MM")
	// Validated as a send is: a card with an error is exit 2, nothing scheduled.
	bad := h.writeFile("bad.md", "```fields\nnot a field\n```\n")
	if res := h.execAt(ctx, clk, "send", "--to", zoomtest.ChannelGeneral, "--at", "08:00", bad); res.code != ExitUsage {
		t.Fatalf("a bad card scheduled: exit %d, %s", res.code, res.stderr)
	}

	schedule := func(at string) string {
		res := h.execAt(ctx, clk, "send", "--to", zoomtest.ChannelGeneral, "--at", at, file)
		if res.code != 0 || !strings.Contains(res.stderr, "scheduled for") {
			t.Fatalf("send --at %s: exit %d, %s", at, res.code, res.stderr)
		}
		return strings.TrimSpace(res.stdout)
	}
	fires := schedule("08:00")
	cancelled := schedule("08:30")
	dayLate := schedule("07:10")
	minutesLate := schedule("tomorrow 07:00")
	if h.apiRequests() != 0 {
		t.Fatalf("scheduling called Zoom %d times", h.apiRequests())
	}

	res = h.execAt(ctx, clk, "schedule", "cancel", cancelled)
	if res.code != 0 || !strings.Contains(res.stdout, "cancelled "+cancelled) {
		t.Fatalf("cancel: exit %d, %s%s", res.code, res.stdout, res.stderr)
	}
	if res := h.execAt(ctx, clk, "schedule", "cancel", cancelled); res.code != ExitUsage {
		t.Fatalf("cancelling twice: exit %d", res.code)
	}
	res = h.execAt(ctx, clk, "schedule", "--json")
	var listed []scheduledOutput
	for line := range strings.Lines(res.stdout) {
		var o scheduledOutput
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			t.Fatal(err)
		}
		listed = append(listed, o)
	}
	if len(listed) != 3 || listed[0].ID != dayLate || listed[1].ID != fires || listed[2].ID != minutesLate || listed[0].FirstLine != "Release 1.4" {
		t.Fatalf("schedule --json = %s", res.stdout)
	}

	// 08:00 exactly: one is due on time; dayLate (07:10) is 50 minutes late: sent, said.
	clk.set(scheduleT0.Add(time.Hour))
	res = h.execAt(ctx, clk, "schedule", "run")
	if res.code != 0 || !strings.Contains(res.stdout, "sent "+fires) || !strings.Contains(res.stdout, "sent "+dayLate) || !strings.Contains(res.stdout, "50m0s late") {
		t.Fatalf("run at 08:00: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if got := len(h.server.Messages()); got != 2 {
		t.Fatalf("the simulator has %d messages, want 2", got)
	}
	// Nothing more is due until tomorrow: a run sends nothing.
	if res := h.execAt(ctx, clk, "schedule", "run"); res.code != 0 || !strings.Contains(res.stderr, "nothing is due") {
		t.Fatalf("second run: exit %d %s", res.code, res.stderr)
	}
	// Missed by a day: the machine was off; tomorrow's 07:00 is 1 day late, skipped.
	clk.set(scheduleT0.Add(48 * time.Hour))
	res = h.execAt(ctx, clk, "schedule", "run")
	if res.code != ExitAPI || !strings.Contains(res.stderr, "skipped "+minutesLate) || !strings.Contains(res.stderr, "24h0m0s late") {
		t.Fatalf("run a day late: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if got := len(h.server.Messages()); got != 2 {
		t.Fatalf("a send a day late went out: %d messages", got)
	}
	// The admin sends it anyway.
	res = h.execAt(ctx, clk, "schedule", "send-now", minutesLate)
	if res.code != 0 || len(h.server.Messages()) != 3 {
		t.Fatalf("send-now: exit %d %s", res.code, res.stderr)
	}
	m, err := h.store().Get(fires)
	if err != nil || m.Status != history.StatusSent || m.Live().Source != sampleCard {
		t.Fatalf("fired record = %+v, %v", m, err)
	}
	all, _ := h.store().ScheduledSends(true)
	if len(all) != 1 || all[0].ID != cancelled || all[0].State != history.ScheduleCancelled {
		t.Fatalf("left scheduled: %+v", all)
	}
}

func TestScheduleMaxLateFromTheProfile(t *testing.T) {
	h := newHarness(t)
	clk := newClockAt(scheduleT0)
	ctx := context.Background()
	h.env["ZOOMPOSE_SCHEDULE_MAX_LATE"] = "10m"
	file := h.writeFile("card.md", sampleCard)
	res := h.execAt(ctx, clk, "send", "--to", zoomtest.ChannelGeneral, "--at", "07:05", file)
	if res.code != 0 {
		t.Fatal(res.stderr)
	}
	clk.set(scheduleT0.Add(20 * time.Minute))
	if res := h.execAt(ctx, clk, "schedule", "run"); res.code != ExitAPI || !strings.Contains(res.stderr, "more than the 10m0s") {
		t.Fatalf("exit %d %s", res.code, res.stderr)
	}
	if res := h.execAt(ctx, clk, "schedule", "run", "--max-late", "1h"); res.code != 0 || len(h.server.Messages()) != 1 {
		t.Fatalf("--max-late 1h: exit %d %s", res.code, res.stderr)
	}
	h.env["ZOOMPOSE_SCHEDULE_MAX_LATE"] = "soon"
	if res := h.execAt(ctx, clk, "schedule", "run"); res.code != ExitUsage {
		t.Fatalf("a bad schedule_max_late: exit %d %s", res.code, res.stderr)
	}
}

// The realistic race: `schedule run` (cron) while another zoompose holds the history to
// send the same due record (a --watch pass, the app). The lock makes run wait; by the time
// it gets the file, the record is a sent message, and run sends nothing.
func TestScheduleRunWaitsForAHolderAndNeverSendsTwice(t *testing.T) {
	h := newHarness(t)
	clk := newClockAt(scheduleT0)
	ctx := context.Background()
	id := strings.TrimSpace(h.execAt(ctx, clk, "send", "--to", zoomtest.ChannelGeneral, "--at", "07:01", h.writeFile("c.md", sampleCard)).stdout)
	clk.set(scheduleT0.Add(2 * time.Minute))

	// The watcher: a real second open of the file (bbolt's flock conflicts between two
	// opens even within one process), holding it while its pass runs.
	holder, err := history.Open(h.env["ZOOMPOSE_DB"])
	if err != nil {
		t.Fatal(err)
	}
	started := time.Now()
	var wg sync.WaitGroup
	var cron result
	wg.Go(func() { cron = h.execAt(ctx, clk, "schedule", "run", "--wait", "20s") })
	time.Sleep(1500 * time.Millisecond) // run is waiting for the lock now
	watch := h.execWithStore(holder, clk)
	holder.Close()
	wg.Wait()
	if !strings.Contains(watch, "sent "+id) {
		t.Fatalf("the holder did not send it: %s", watch)
	}
	if cron.code != 0 || strings.Contains(cron.stdout, "sent") || time.Since(started) < 1500*time.Millisecond {
		t.Fatalf("run while held: exit %d\n%s%s", cron.code, cron.stdout, cron.stderr)
	}
	if got := len(h.server.Messages()); got != 1 {
		t.Fatalf("the simulator has %d messages, want 1", got)
	}
	// Without --wait long enough, run gives up having sent nothing (exit 1).
	holder, err = history.Open(h.env["ZOOMPOSE_DB"])
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	res := h.execAt(ctx, clk, "schedule", "run", "--wait", "0s")
	if res.code != ExitAPI || !strings.Contains(res.stderr, "nothing was sent") {
		t.Fatalf("run with the history held: exit %d %s", res.code, res.stderr)
	}
}

// execWithStore runs one pass of schedule run over an already open store, as a watcher
// that holds the file does, and returns what it printed.
func (h *harness) execWithStore(store *history.Store, clk *testClock) string {
	h.t.Helper()
	s, out, errOut := h.streams("")
	s.Now = clk.now
	o := &scheduleRunOptions{Common: &Common{Streams: s}, Poll: time.Second}
	r, err := o.start()
	if err != nil {
		h.t.Fatal(err)
	}
	defer r.s.cleanup()
	if _, err := r.operations(store).RunDue(context.Background(), time.Hour, r.report); err != nil {
		h.t.Fatal(err)
	}
	return out.String() + errOut.String()
}

func TestScheduleWatchSendsAsSendsFallDue(t *testing.T) {
	h := newHarness(t)
	clk := newClockAt(scheduleT0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	file := h.writeFile("card.md", sampleCard)
	first := strings.TrimSpace(h.execAt(ctx, clk, "send", "--to", zoomtest.ChannelGeneral, "--at", "07:01", file).stdout)
	second := strings.TrimSpace(h.execAt(ctx, clk, "send", "--to", zoomtest.ChannelGeneral, "--at", "07:02", file).stdout)

	var wg sync.WaitGroup
	var watch result
	wg.Go(func() { watch = h.execAt(ctx, clk, "schedule", "run", "--watch", "--poll", "50ms") })
	waitUntil(t, "the watcher is up", func() bool { return len(h.server.Messages()) == 0 })
	clk.set(scheduleT0.Add(time.Minute))
	waitUntil(t, "the first send", func() bool { return len(h.server.Messages()) == 1 })
	// Between passes the history is free: a command can read it.
	if res := h.execAt(ctx, clk, "schedule"); res.code != 0 || !strings.Contains(res.stdout, second) {
		t.Fatalf("schedule while watching: exit %d %s", res.code, res.stderr)
	}
	clk.set(scheduleT0.Add(2 * time.Minute))
	// Settled in the history, not only received by the simulator: cancelling while the
	// answer is still on its way would leave the send's outcome unknown.
	waitUntil(t, "the second send, settled", func() bool {
		res := h.execAt(ctx, clk, "history", "--status", "sent", "--json")
		return res.code == 0 && strings.Count(res.stdout, "\n") == 2
	})
	cancel()
	wg.Wait()
	if watch.code != 0 || !strings.Contains(watch.stdout, "sent "+first) || !strings.Contains(watch.stdout, "sent "+second) {
		t.Fatalf("watch: exit %d\n%s%s", watch.code, watch.stdout, watch.stderr)
	}
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func TestCompletionOfProfilesAndScheduledSends(t *testing.T) {
	h := newHarness(t)
	clk := newClockAt(scheduleT0)
	ctx := context.Background()
	// Completion never creates a history.
	res := h.execAt(ctx, clk, "__complete", "schedule", "cancel", "")
	if res.code != 0 || strings.Contains(res.stdout, "local-") {
		t.Fatalf("completion without a history: %d %s %s", res.code, res.stdout, res.stderr)
	}
	if _, err := history.OpenExisting(h.env["ZOOMPOSE_DB"]); err == nil {
		t.Fatal("completion created a history")
	}
	config := h.writeFile("config.toml", "default_profile = \"dev\"\n[profiles.dev]\nkind = \"dev\"\n[profiles.\"prod\\u001b[31m\"]\nkind = \"prod\"\napi_url = \"https://api.zoom.us/v2\"\n")
	h.env["ZOOMPOSE_CONFIG"] = config
	res = h.execAt(ctx, clk, "__complete", "--profile", "")
	if !strings.Contains(res.stdout, "dev\tdev, default\n") || !strings.Contains(res.stdout, "prod␛[31m\tprod, https://api.zoom.us/v2\n") || strings.Contains(res.stdout, "\x1b") {
		t.Fatalf("profile completion:\n%q", res.stdout)
	}
	delete(h.env, "ZOOMPOSE_CONFIG")
	hostile := h.writeFile("hostile.md", "---\nhead: \"Maintenance\\u001b]0;pwned\\u0007 tonight\"\n---\nbody\n")
	id := strings.TrimSpace(h.execAt(ctx, clk, "send", "--to", zoomtest.ChannelGeneral, "--at", "08:00", hostile).stdout)
	res = h.execAt(ctx, clk, "__complete", "schedule", "cancel", "")
	if !strings.HasPrefix(res.stdout, id+"\t2026-11-30 ") || !strings.Contains(res.stdout, "Maintenance") || strings.ContainsAny(res.stdout, "\x1b\x07") {
		t.Fatalf("schedule id completion:\n%q", res.stdout)
	}
}

// Real processes racing for one due send: several `schedule run` (cron firing while the
// previous run is slow) and a `schedule run --watch`, each its own zoompose process with
// its own open of the file. bbolt's lock lets one in at a time and the due record becomes
// an in-flight send in the transaction that checks it: Zoom gets it once.
func TestScheduleRunProcessesRaceAndSendOnce(t *testing.T) {
	h := newHarness(t)
	due := time.Now().Add(1500 * time.Millisecond).Truncate(time.Second).Add(time.Second)
	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, "--at", due.Format(time.RFC3339), h.writeFile("c.md", sampleCard))
	if res.code != 0 {
		t.Fatal(res.stderr)
	}
	id := strings.TrimSpace(res.stdout)
	env := os.Environ()
	for k, v := range h.env {
		env = append(env, k+"="+v)
	}
	start := func(args string) (*exec.Cmd, *syncBuffer) {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(env, "ZOOMPOSE_TEST_MAIN=1", "ZOOMPOSE_TEST_ARGS="+args)
		out := &syncBuffer{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, out
	}
	watch, watchOut := start("schedule run --watch --poll 100ms")
	time.Sleep(time.Until(due))
	var runs []*exec.Cmd
	var outs []*syncBuffer
	for range 3 {
		cmd, out := start("schedule run --wait 20s")
		runs, outs = append(runs, cmd), append(outs, out)
	}
	for i, cmd := range runs {
		if err := cmd.Wait(); err != nil {
			t.Errorf("run %d: %v\n%s", i, err, outs[i].String())
		}
	}
	waitUntil(t, "a send", func() bool { return len(h.server.Messages()) >= 1 })
	time.Sleep(300 * time.Millisecond) // a second send, if there were one, has time to arrive
	_ = watch.Process.Signal(syscall.SIGTERM)
	if err := watch.Wait(); err != nil {
		t.Errorf("watch: %v\n%s", err, watchOut.String())
	}
	senders := 0
	for _, out := range append(outs, watchOut) {
		if strings.Contains(out.String(), "sent "+id) {
			senders++
		}
	}
	if got := len(h.server.Messages()); got != 1 || senders != 1 {
		t.Fatalf("Zoom got %d messages and %d processes said sent; want 1 and 1\nwatch: %s\nruns: %s | %s | %s",
			got, senders, watchOut.String(), outs[0].String(), outs[1].String(), outs[2].String())
	}
}

// send --at with several recipients schedules a broadcast: a scheduled send
// per copy, one group; schedule run sends each when due, and the group's
// edit then reaches every copy sent.
func TestScheduleABroadcastFromTheCommandLine(t *testing.T) {
	h := newHarness(t)
	clk := newClockAt(scheduleT0)
	ctx := context.Background()
	file := h.writeFile("card.md", sampleCard)

	res := h.execAt(ctx, clk, "send", "--to", zoomtest.ChannelGeneral, "--to", zoomtest.ChannelRandom, "--at", "08:00", file)
	if res.code != 0 || !strings.Contains(res.stderr, "scheduled 2 copies (broadcast grp-") {
		t.Fatalf("send --at to two: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
	if len(lines) != 2 || !strings.HasSuffix(lines[0], "\t"+zoomtest.ChannelGeneral) || !strings.HasSuffix(lines[1], "\t"+zoomtest.ChannelRandom) {
		t.Fatalf("stdout = %q; want SCHEDULED_ID<TAB>TO_JID per copy", res.stdout)
	}
	if h.apiRequests() != 0 {
		t.Fatalf("scheduling called Zoom %d times", h.apiRequests())
	}
	res = h.execAt(ctx, clk, "schedule", "--json")
	var group string
	for line := range strings.Lines(res.stdout) {
		var o scheduledOutput
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			t.Fatal(err)
		}
		if o.Group == "" || (group != "" && o.Group != group) {
			t.Fatalf("schedule --json: copies of one broadcast carry one group: %s", res.stdout)
		}
		group = o.Group
	}

	// A third copy scheduled for later, then cancelled by the broadcast's id.
	res = h.execAt(ctx, clk, "send", "--to", zoomtest.ChannelGeneral, "--to", zoomtest.ChannelAnnouncements, "--at", "09:00", file)
	later := regexp.MustCompile(`broadcast (grp-[^ )]+)`).FindStringSubmatch(res.stderr)[1]
	if res := h.execAt(ctx, clk, "schedule", "cancel", later); res.code != 0 || strings.Count(res.stdout, "cancelled local-") != 2 {
		t.Fatalf("cancel %s: exit %d\nstdout %q\nstderr %s", later, res.code, res.stdout, res.stderr)
	}
	if res := h.execAt(ctx, clk, "schedule", "cancel", later); res.code != ExitUsage || !strings.Contains(res.stderr, "no copy of "+later+" is waiting") {
		t.Fatalf("cancelling a cancelled broadcast again: exit %d\n%s", res.code, res.stderr)
	}

	clk.set(scheduleT0.Add(time.Hour))
	if res := h.execAt(ctx, clk, "schedule", "run"); res.code != 0 || len(h.server.Messages()) != 2 {
		t.Fatalf("run at 08:00: exit %d, %d messages\n%s", res.code, len(h.server.Messages()), res.stderr)
	}
	fixed := h.writeFile("fixed.md", editedCard)
	if res := h.execAt(ctx, clk, "edit", group, fixed); res.code != 0 || len(strings.Split(strings.TrimSpace(res.stdout), "\n")) != 2 {
		t.Fatalf("edit %s: exit %d\n%s%s", group, res.code, res.stdout, res.stderr)
	}
	for _, m := range h.server.Messages() {
		if len(m.Contents) != 2 {
			t.Errorf("copy %s has %d revisions on Zoom; want the group edit", m.ID, len(m.Contents))
		}
	}
}

// edit and delete of a scheduled broadcast, or of one scheduled copy, before anything went
// out: exit 2 before the network, saying the copies are scheduled, not sent, and how to
// reach them (it used to print "0 of 0 copies edited", exit 0, and the copies went out later
// with the old card; a copy's id said "recorded without the message id", exit 1). Once one
// copy went out, the group edit and delete act on it and say how many still wait.
func TestEditAndDeleteOfAScheduledBroadcast(t *testing.T) {
	h := newHarness(t)
	clk := newClockAt(scheduleT0)
	ctx := context.Background()
	res := h.execAt(ctx, clk, "send", "--to", zoomtest.ChannelGeneral, "--to", zoomtest.ChannelRandom, "--at", "08:00", h.writeFile("card.md", sampleCard))
	group := regexp.MustCompile(`broadcast (grp-[^ )]+)`).FindStringSubmatch(res.stderr)[1]
	first, _, _ := strings.Cut(strings.TrimSpace(res.stdout), "\t")
	fixed := h.writeFile("fixed.md", editedCard)

	assertOneErrorLine(t, h.execAt(ctx, clk, "edit", group, fixed), ExitUsage,
		"cannot edit broadcast "+group, "scheduled, not sent", "zoompose schedule cancel "+group, "Scheduled list", "2 copies waiting, the first due 2026-11-30 08:00")
	assertOneErrorLine(t, h.execAt(ctx, clk, "delete", group, "--yes"), ExitUsage,
		"cannot delete broadcast "+group, "scheduled, not sent", "zoompose schedule cancel "+group)
	for _, verb := range []string{"edit", "delete"} {
		args := []string{verb, first, fixed}
		if verb == "delete" {
			args = []string{verb, first, "--yes"}
		}
		res := h.execAt(ctx, clk, args...)
		assertOneErrorLine(t, res, ExitUsage, "cannot "+verb+" "+first, "scheduled for", "not sent",
			"zoompose schedule cancel "+first, "zoompose schedule reschedule "+first+" --at TIME", "Scheduled list")
		if strings.Contains(res.stderr, "without the message id") {
			t.Errorf("%s of a scheduled copy blames a missing message id:\n%s", verb, res.stderr)
		}
	}
	if h.apiRequests() != 0 {
		t.Fatalf("the refusals reached Zoom %d times", h.apiRequests())
	}
	// Listing the group shows no message yet, and says where its copies are.
	list := h.execAt(ctx, clk, "history", "--group", group)
	if list.code != 0 || !strings.Contains(list.stderr, "note: 2 copies of "+group+" not sent yet (scheduled, the first due 2026-11-30 08:00): zoompose schedule lists them") {
		t.Errorf("history --group of a scheduled broadcast: exit %d\n%s%s", list.code, list.stdout, list.stderr)
	}

	// The first copy goes out now; the second still waits.
	if res := h.execAt(ctx, clk, "schedule", "send-now", first); res.code != 0 {
		t.Fatalf("send-now: exit %d %s", res.code, res.stderr)
	}
	edit := h.execAt(ctx, clk, "edit", group, fixed)
	if edit.code != 0 || strings.Count(edit.stdout, "\n") != 1 || !strings.Contains(edit.stderr, "1 of 1 copies edited") ||
		!strings.Contains(edit.stderr, "1 copy of "+group+" is still scheduled, not sent, and not edited") || !strings.Contains(edit.stderr, "schedule cancel "+group) {
		t.Fatalf("edit with one copy sent, one scheduled: exit %d\n%s%s", edit.code, edit.stdout, edit.stderr)
	}
	del := h.execAt(ctx, clk, "delete", group, "--yes")
	if del.code != 0 || strings.Count(del.stdout, "deleted ") != 1 || !strings.Contains(del.stderr, "1 copy of "+group+" is still scheduled, not sent, and not deleted") {
		t.Fatalf("delete with one copy sent, one scheduled: exit %d\n%s%s", del.code, del.stdout, del.stderr)
	}
	if waiting, _ := h.store().ScheduledSends(false); len(waiting) != 1 || waiting[0].Message.ToJID != zoomtest.ChannelRandom {
		t.Fatalf("the group edit and delete touched the waiting copy: %+v", waiting)
	}
}
