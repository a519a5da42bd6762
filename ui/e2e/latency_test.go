//go:build e2e

package e2e

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/history/historytest/fixture"
	"github.com/zoompose/zoompose/ui/editor/editortest"
	"github.com/zoompose/zoompose/ui/widget"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// samplesEnv sets how many times each measurement repeats (default 20;
// the 500-key bursts repeat a quarter as often, at least 3 times, each
// restarting the program).
const samplesEnv = "ZOOMPOSE_LATENCY_SAMPLES"

// latencyLimit is how long one measurement may wait for the screen before
// the harness gives up: far above any target, so only a hang reaches it.
// A burst of 500 keys into the stock textarea takes 8–30 s on a loaded
// 2-core machine, hence the burst's own, longer limit.
const (
	latencyLimit = 20 * time.Second
	burstLimit   = 120 * time.Second
)

// TestLatency measures what a user feels in a real terminal: the zoompose
// binary and a stock bubbles textarea program (testdata/stocktextarea), both
// built in this run, each in a 120×40 tmux pane, typed into with tmux
// send-keys while the harness reads the screen until it shows the result.
// Every figure is a time from the moment the harness sends the keys (or
// starts the program) to the first screen read that shows what the user
// waits for, repeated; the table gives min, median and p90 and the ratio of
// medians to the stock program measured in the same run. It is behind the
// e2e build tag because it takes minutes and its absolute figures depend on
// the machine:
//
//	go test -tags e2e -run TestLatency -count 1 -v ./ui/e2e/
func TestLatency(t *testing.T) {
	n := latencySamples(t)
	lab := newLab(t)
	var rep report
	rep.note("machine: %d CPUs (GOMAXPROCS %d), %s, %s %s/%s, load average at start %s", runtime.NumCPU(), runtime.GOMAXPROCS(0),
		cpuModel(), runtime.Version(), runtime.GOOS, runtime.GOARCH, loadAverage())
	var stockEcho []time.Duration
	t.Run("resolution", func(t *testing.T) {
		lab.on(t)
		rep.row("harness: send-keys → screen shows it (the terminal's own echo, no app)", lab.terminalEcho(n), nil, "")
		rep.row("harness: one screen read (capture-pane over tmux -C)", lab.screenRead(n), nil, "")
	})
	t.Run("echo", func(t *testing.T) {
		lab.on(t)
		stockEcho = lab.keyEcho(n, stockProgram)
		rep.row("stock textarea: key echo, 4 KB text", stockEcho, nil, "")
		rep.row("zoompose: key echo, 4 KB draft", lab.keyEcho(n, zoomposeProgram), stockEcho, "keep")
	})
	t.Run("burst", func(t *testing.T) {
		lab.on(t)
		bursts := max(n/4, 3)
		stockBurst := lab.burst(bursts, stockProgram)
		rep.row("stock textarea: burst of 500 keys, 4 KB text, per key", stockBurst, nil, "")
		rep.row("zoompose: burst of 500 keys, 4 KB draft, per key", lab.burst(bursts, zoomposeProgram), stockBurst, "keep")
	})
	t.Run("preview", func(t *testing.T) {
		lab.on(t)
		rep.row("zoompose: keystroke → preview shows it, 4 KB card", lab.previewRefresh(n, lab.db4, lab.card4), stockEcho, "≤ 40 ms")
		rep.row("zoompose: keystroke → preview shows it, 40 KB card", lab.previewRefresh(n, lab.db40, lab.card40), stockEcho, "≤ 40 ms")
	})
	t.Run("launch", func(t *testing.T) {
		lab.on(t)
		launches := lab.launches(n)
		rep.row("stock textarea: launch → first full frame, 4 KB text", launches[0], nil, "")
		rep.row("zoompose: launch → first full frame, empty history", launches[1], launches[0], "≤ 1.3×")
		rep.row("zoompose: launch → first full frame, 100k history", launches[2], launches[0], "≤ 1.3×")
	})
	t.Run("filter", func(t *testing.T) {
		lab.on(t)
		filter, search := lab.historyFilter(n)
		rep.row("zoompose: history filter, 100k: last key → list updated", filter, nil, "≤ 50 ms")
		rep.row("  of which the search (store.List, in-process, same file)", search, nil, "")
		rest := quantile(sorted(filter), 0.5) - quantile(sorted(search), 0.5)
		rep.footnote("history filter: median %s ms, of which the search %s ms and the rest (scheduling, redraw, the frame) %s ms",
			ms(quantile(sorted(filter), 0.5)), ms(quantile(sorted(search), 0.5)), ms(rest))
	})
	t.Run("cli", func(t *testing.T) {
		lab.on(t)
		lab.historyCommands(n, &rep)
	})
	t.Run("events", func(t *testing.T) {
		lab.on(t)
		rep.row("zoompose: Events screen: a link shared → the screen shows it", lab.eventsScreen(n), nil, "≤ 1 s")
		rep.row("zoompose events --json: a link shared → its line printed", lab.eventsCommand(n), nil, "≤ 1 s")
	})
	t.Run("groups", func(t *testing.T) {
		lab.on(t)
		expand, detail := lab.groupScreens(n)
		rep.row("zoompose: history, 100k + a broadcast: → on it → its copies shown", expand, stockEcho, "≤ 50 ms")
		rep.row("zoompose: history, 100k + a broadcast: enter → the group's detail", detail, stockEcho, "≤ 50 ms")
	})
	lab.on(t)
	rep.note("load average at end %s", loadAverage())
	rep.print(os.Stdout)
}

func latencySamples(t *testing.T) int {
	s := os.Getenv(samplesEnv)
	if s == "" {
		return 20
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 3 {
		t.Fatalf("%s=%q: want a number of samples, at least 3", samplesEnv, s)
	}
	return n
}

// lab is the harness's workbench: the two programs, the card fixtures, and
// one tmux pane (through a control client) the programs run in, one at a
// time.
type lab struct {
	t          *testing.T
	dir        string
	bin, stock string // the zoompose binary and the stock textarea program
	card4      string // the 4 KB card
	card40     string // the 40 KB card
	text4      string // the 4 KB card, as a file for the stock program
	db4, db40  string // histories holding only a 4 KB / 40 KB new-message draft
	db100k     string // 100 000 messages and the 4 KB draft, built on first use
	env        []string
	ctl        *control
	srv        *zoomtest.Server
}

func newLab(t *testing.T) *lab {
	l := &lab{t: t, dir: t.TempDir()}
	l.bin = buildBinary(t)
	l.stock = filepath.Join(l.dir, "stocktextarea")
	if out, err := exec.Command("go", "build", "-o", l.stock, "./testdata/stocktextarea").CombinedOutput(); err != nil {
		t.Fatalf("go build stocktextarea: %v\n%s", err, out)
	}
	l.card4, l.card40 = editortest.CardSource(4<<10), editortest.CardSource(40<<10)
	l.text4 = filepath.Join(l.dir, "card-4KB.md")
	if err := os.WriteFile(l.text4, []byte(l.card4), 0o600); err != nil {
		t.Fatal(err)
	}
	l.db4, l.db40 = filepath.Join(l.dir, "draft-4KB.db"), filepath.Join(l.dir, "draft-40KB.db")
	saveDraft(t, l.db4, l.card4)
	saveDraft(t, l.db40, l.card40)

	l.srv = zoomtest.NewServer()
	t.Cleanup(l.srv.Close)
	l.env = []string{
		"ZOOM_CLIENT_ID=" + zoomtest.ClientID, "ZOOM_CLIENT_SECRET=" + zoomtest.ClientSecret,
		"ZOOM_ACCOUNT_ID=" + zoomtest.AccountID, "ZOOM_BOT_JID=" + zoomtest.RobotJID,
		"ZOOM_USER_JID=" + zoomtest.UserJID, "ZOOM_API_URL=" + l.srv.APIURL(), "ZOOM_TOKEN_URL=" + l.srv.TokenURL(),
		"XDG_CONFIG_HOME=" + l.dir, "HOME=" + l.dir, "TERM=xterm-256color",
	}
	// The pane starts with cat: the terminal echoes what is typed with no
	// app in between, which is the harness's own resolution.
	term := start(t, nil, "exec cat")
	l.ctl = attach(t, term)
	l.ctl.run("set-option -g remain-on-exit on")
	return l
}

// on makes the lab report failures to t, the subtest running.
func (l *lab) on(t *testing.T) { l.t, l.ctl.t = t, t }

// history100k builds the history of 100 000 messages with the 4 KB draft
// the first time a measurement needs it (7–8 s).
func (l *lab) history100k() string {
	if l.db100k == "" {
		path := filepath.Join(l.dir, "history-100k.db")
		started := time.Now()
		fixture.Fill(l.t, path, rssRecords)
		saveDraft(l.t, path, l.card4)
		l.t.Logf("fixture: %d messages in %v", rssRecords, time.Since(started).Round(time.Millisecond))
		l.db100k = path
	}
	return l.db100k
}

// program is how to start one of the two programs on a card, and what its
// first full frame shows.
type program struct {
	name    string
	command func(l *lab, db string) string
	ready   func(card string) func(screen string) bool
}

var (
	// The stock program's first full frame: the card's top in the textarea.
	stockProgram = program{
		name:    "stock",
		command: func(l *lab, _ string) string { return "exec " + l.stock + " " + l.text4 },
		ready:   func(string) func(string) bool { return showsAll("head: Release notes", "**deploy pipeline**") },
	}
	// zoompose's: the composer with the restored draft in the editor, whose
	// cursor is at its end (the card's last line, as written), and the
	// preview (the card's first paragraph, rendered: no ** markers).
	zoomposeProgram = program{
		name: "zoompose",
		command: func(l *lab, db string) string {
			return "ZOOMPOSE_DB=" + db + " exec " + l.bin + " 2>>" + filepath.Join(l.dir, "stderr")
		},
		ready: func(card string) func(string) bool {
			return showsAll("New message", lastLine(card), "The deploy pipeline now")
		},
	}
)

// lastLine is the start of card's last line, as the editor shows it.
func lastLine(card string) string {
	lines := strings.Split(strings.TrimRight(card, "\n"), "\n")
	last := []rune(lines[len(lines)-1])
	return string(last[:min(len(last), 20)])
}

// launch starts p in the pane (killing what ran there) on the card in db,
// with the lab's environment and any extra VAR=value, and returns the time
// until its first full frame.
func (l *lab) launch(p program, db, card string, extraEnv ...string) time.Duration {
	l.t.Helper()
	ready := p.ready(card)
	if ready(l.ctl.screen()) {
		l.t.Fatalf("the pane already shows %s's first frame before it starts", p.name)
	}
	args := []string{"respawn-pane", "-k", "-t", "app"}
	for _, e := range append(slices.Clone(l.env), extraEnv...) {
		args = append(args, "-e", tmuxQuote(e))
	}
	args = append(args, tmuxQuote(p.command(l, db)))
	start := time.Now()
	l.ctl.run(strings.Join(args, " "))
	return l.ctl.until(start, latencyLimit, p.name+"'s first full frame", ready)
}

// stop quits the program with ctrl+c and waits until it has exited, so the
// next start finds the history file free and the screen cleared.
func (l *lab) stop() {
	l.t.Helper()
	l.ctl.press("C-c")
	deadline := time.Now().Add(latencyLimit)
	for strings.TrimSpace(l.ctl.run("display-message -p -t app '#{pane_dead}'")) != "1" {
		if time.Now().After(deadline) {
			l.t.Fatalf("the program did not quit on ctrl+c:\n%s", l.ctl.screen())
		}
		time.Sleep(5 * time.Millisecond)
	}
	l.ctl.run("clear-history -t app")
}

// fresh copies a history file, so that a run that types (and autosaves)
// leaves the original draft for the next.
func (l *lab) fresh(db string) string {
	l.t.Helper()
	data, err := os.ReadFile(db)
	if err != nil {
		l.t.Fatal(err)
	}
	f, err := os.CreateTemp(l.dir, "run-*.db")
	if err != nil {
		l.t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(data); err != nil {
		l.t.Fatal(err)
	}
	return f.Name()
}

// terminalEcho is the harness's resolution: typing a word into cat in raw
// mode, echoed by the terminal driver, until the screen shows it.
func (l *lab) terminalEcho(n int) []time.Duration {
	var out []time.Duration
	for i := range n {
		word := fmt.Sprintf("R%03dq", i)
		start := time.Now()
		l.ctl.typeText(word)
		out = append(out, l.ctl.until(start, latencyLimit, word, showsAll(word)))
		l.ctl.press("Enter")
	}
	return out
}

// screenRead is the cost of one read of the screen.
func (l *lab) screenRead(n int) []time.Duration {
	var out []time.Duration
	for range n {
		start := time.Now()
		l.ctl.screen()
		out = append(out, time.Since(start))
	}
	return out
}

// keyEcho types one character at a time at the end of the 4 KB card and
// times each until the screen shows it. Each line of typing starts with
// its own tag, so a character is found only where it was just typed.
func (l *lab) keyEcho(n int, p program) []time.Duration {
	l.launch(p, l.fresh(l.db4), l.card4)
	defer l.stop()
	l.ctl.press("C-End", "Enter")
	const perLine = 15
	var out []time.Duration
	line := ""
	for i := range n {
		if i%perLine == 0 {
			line = fmt.Sprintf("Zk%02dq", i/perLine)
			l.ctl.press("Enter")
			l.ctl.typeText(line)
			l.ctl.until(time.Now(), latencyLimit, line, showsAll(line))
		}
		c := string(rune('a' + i%perLine))
		line += c
		start := time.Now()
		l.ctl.typeText(c)
		out = append(out, l.ctl.until(start, latencyLimit, line, showsAll(line)))
	}
	return out
}

// burstWords is 500 typed characters: words, then a tag that marks the
// last key.
func burstWords(sample int) string {
	tag := fmt.Sprintf(" ENDb%03dz", sample)
	text := strings.Repeat("lorem ", 500/6) + tag
	return text[len(text)-500:]
}

// burst starts the program on the 4 KB card for each sample, types 500
// characters at its end in one write, and times until the last shows;
// the figure is that time over 500.
func (l *lab) burst(n int, p program) []time.Duration {
	var out []time.Duration
	for i := range n {
		l.launch(p, l.fresh(l.db4), l.card4)
		l.ctl.press("C-End", "Enter", "Enter")
		text := burstWords(i)
		tag := strings.TrimSpace(text[strings.LastIndex(text, " "):])
		start := time.Now()
		l.ctl.typeText(text)
		total := l.ctl.until(start, burstLimit, tag, showsAll(tag))
		out = append(out, total/time.Duration(len(text)))
		l.stop()
	}
	return out
}

// previewRefresh times one keystroke until the preview shows it: it types
// a bold word at the start of the card's first paragraph but for its last
// key (" **Zb07q*"), waits until the screen is still, then times the last
// "*" until the preview shows the word rendered (the editor shows it with
// its ** markers, the preview without).
func (l *lab) previewRefresh(n int, db, card string) []time.Duration {
	l.launch(zoomposeProgram, l.fresh(db), card)
	defer l.stop()
	l.ctl.press("C-Home", "Down", "Down", "Down", "Down", "Down", "Home")
	var out []time.Duration
	for i := range n {
		word := fmt.Sprintf("Zb%02dq", i)
		typing := regexp.MustCompile(`\*\*` + word + `\*([^*]|$)`)
		rendered := regexp.MustCompile(`(^|[^*])` + word + `([^*]|$)`)
		l.ctl.typeText(" **" + word + "*")
		l.ctl.until(time.Now(), latencyLimit, word+" being typed", typing.MatchString)
		l.ctl.still()
		start := time.Now()
		l.ctl.typeText("*")
		out = append(out, l.ctl.until(start, latencyLimit, word+" in the preview", rendered.MatchString))
	}
	return out
}

// launches starts the stock program, zoompose on an empty history and
// zoompose on 100 000 messages in turn, n times, so that the machine's
// noise falls on all three alike; each starts on the 4 KB card.
func (l *lab) launches(n int) [3][]time.Duration {
	var out [3][]time.Duration
	runs := []struct {
		p  program
		db string
	}{{stockProgram, ""}, {zoomposeProgram, l.db4}, {zoomposeProgram, l.history100k()}}
	for range n {
		for j, r := range runs {
			out[j] = append(out[j], l.launch(r.p, r.db, l.card4))
			l.stop()
		}
	}
	return out
}

// historyFilter opens the history of 100 000 messages, types all of the
// rare word but its last letter into the filter, waits for that filter's
// list, then times the last key until the list and its header show the
// whole word's matches. It also times the store's own search for the word
// on the same file, in this process, after the app quit.
func (l *lab) historyFilter(n int) (filter, search []time.Duration) {
	newest := widget.FirstLine(fixture.Message(rssRecords - 1).Live().Content)
	rare := widget.FirstLine(fixture.Message(9 * fixture.RareEvery).Live().Content)
	prefix, last := fixture.RareWord[:len(fixture.RareWord)-1], fixture.RareWord[len(fixture.RareWord)-1:]
	l.launch(zoomposeProgram, l.history100k(), l.card4)
	l.ctl.press("F3")
	l.ctl.until(time.Now(), latencyLimit, "the history", showsAll("[Messages]", newest))
	for range n {
		l.ctl.press("/")
		l.ctl.typeText(prefix)
		l.ctl.until(time.Now(), latencyLimit, "the prefix's list", showsAll(fmt.Sprintf("text %q", prefix), rare))
		start := time.Now()
		l.ctl.typeText(last)
		filter = append(filter, l.ctl.until(start, latencyLimit, "the word's list", showsAll(fmt.Sprintf("text %q", fixture.RareWord), rare)))
		l.ctl.press("Escape")
		l.ctl.until(time.Now(), latencyLimit, "the whole history again", func(s string) bool {
			return strings.Contains(s, newest) && !strings.Contains(s, "text \"")
		})
	}
	l.stop()

	store, err := history.Open(l.db100k)
	if err != nil {
		l.t.Fatal(err)
	}
	defer store.Close()
	for range n {
		start := time.Now()
		page, err := store.List(history.Query{Text: fixture.RareWord, Limit: history.DefaultLimit})
		search = append(search, time.Since(start))
		if err != nil || len(page.Messages) == 0 {
			l.t.Fatalf("the search for %q found %d messages (%v)", fixture.RareWord, len(page.Messages), err)
		}
	}
	return filter, search
}

// historyCommands measures the subcommands of the table on the 100k history, as
// processes of the real binary: `history --search` for a rare word against `history
// --limit 1` (starting the binary and opening the history at all), the search itself in
// process (what BenchmarkSearch/store-rare-word times), and `history --json` of every
// message and `history export`, with their rate and peak memory (the child's maxrss,
// through TestMeasureChild as BenchmarkHistoryStream does).
func (l *lab) historyCommands(n int, rep *report) {
	db := l.history100k()
	floor, search, inProcess := make([]time.Duration, 0, n), make([]time.Duration, 0, n), make([]time.Duration, 0, n)
	for range n {
		_, took := runMeasured(l.t, l.bin, db, "history", "--limit", "1")
		floor = append(floor, took)
		_, took = runMeasured(l.t, l.bin, db, "history", "--search", fixture.RareWord)
		search = append(search, took)
	}
	store, err := history.Open(db)
	if err != nil {
		l.t.Fatal(err)
	}
	for range n {
		start := time.Now()
		if _, err := store.List(history.Query{Text: fixture.RareWord, Limit: history.DefaultLimit}); err != nil {
			l.t.Fatal(err)
		}
		inProcess = append(inProcess, time.Since(start))
	}
	store.Close()
	rep.row("zoompose history --limit 1, 100k (start the binary, open the history)", floor, nil, "")
	rep.row("zoompose history --search RAREWORD, 100k (the whole process; ratio: ÷ --limit 1)", search, floor, "")
	rep.row("  the search itself (store.List, in-process)", inProcess, nil, "≤ 15 ms")

	streams := max(n/4, 3) // each reads all 100 000 messages
	for _, cmd := range [][]string{{"history", "--json", "--limit", strconv.Itoa(rssRecords)}, {"history", "export"}} {
		var took []time.Duration
		var peak float64
		for range streams {
			rss, d := runMeasured(l.t, l.bin, db, cmd...)
			took, peak = append(took, d), max(peak, rss)
		}
		name := "zoompose " + strings.Join(cmd[:2], " ")
		rep.row(name+", 100k messages (whole process)", took, nil, "≥ 100k/s")
		rep.footnote("%s: %.0f messages/s at the median, peak memory %.1f MiB (bound %d MiB)", name,
			float64(rssRecords)/quantile(sorted(took), 0.5).Seconds(), peak, streamLimitMiB)
		if peak > streamLimitMiB {
			l.t.Errorf("%s peaked at %.1f MiB, over the %d MiB bound", name, peak, streamLimitMiB)
		}
	}
}

// cpuModel is the first "model name" of /proc/cpuinfo, or "?".
func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "?"
	}
	for line := range strings.Lines(string(data)) {
		if name, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return "?"
}

// loadAverage is the first field of /proc/loadavg, or "?".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}

// report collects the table the harness prints.
type report struct {
	notes, footnotes []string
	rows             []reportRow
}

type reportRow struct {
	what     string
	samples  []time.Duration // sorted
	baseline []time.Duration // sorted; nil when the row has no baseline
	target   string
}

func (r *report) note(format string, args ...any) {
	r.notes = append(r.notes, fmt.Sprintf(format, args...))
}

func (r *report) footnote(format string, args ...any) {
	r.footnotes = append(r.footnotes, fmt.Sprintf(format, args...))
}

func (r *report) row(what string, samples, baseline []time.Duration, target string) {
	r.rows = append(r.rows, reportRow{what, sorted(samples), sorted(baseline), target})
}

func sorted(d []time.Duration) []time.Duration {
	if d == nil {
		return nil
	}
	d = slices.Clone(d)
	slices.Sort(d)
	return d
}

// quantile is the sample at fraction q of a sorted slice (nearest rank).
func quantile(d []time.Duration, q float64) time.Duration {
	i := int(q*float64(len(d))+0.5) - 1
	return d[min(max(i, 0), len(d)-1)]
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64)
}

func (r *report) print(w io.Writer) {
	fmt.Fprintln(w)
	for _, n := range r.notes {
		fmt.Fprintln(w, n)
	}
	fmt.Fprintf(w, "| %-72s | %3s | %8s | %8s | %8s | %-14s | %-8s |\n", "measurement (ms)", "n", "min", "median", "p90", "÷ stock median", "target")
	fmt.Fprintf(w, "|%s|%s|%s|%s|%s|%s|%s|\n", strings.Repeat("-", 74), "-----", "----------", "----------", "----------", "----------------", "----------")
	for _, row := range r.rows {
		ratio := ""
		if row.baseline != nil {
			ratio = fmt.Sprintf("%.2f×", float64(quantile(row.samples, 0.5))/float64(quantile(row.baseline, 0.5)))
		}
		fmt.Fprintf(w, "| %-72s | %3d | %8s | %8s | %8s | %-14s | %-8s |\n", row.what, len(row.samples),
			ms(row.samples[0]), ms(quantile(row.samples, 0.5)), ms(quantile(row.samples, 0.9)), ratio, row.target)
	}
	for _, n := range r.footnotes {
		fmt.Fprintln(w, n)
	}
}
