package e2e

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history/historytest/fixture"
)

// streamLimitMiB is issue 14's bound on the peak memory of history --json
// and history export at any history size.
const streamLimitMiB = 40

// BenchmarkHistoryStream runs the real binary's history --json (every
// message) and history export on histories of 10 000 and 100 000 messages
// and measures each run's peak resident set (the kernel's maxrss of the
// child: its heap and every page of the history file it still had mapped)
// and its rate. The floor is `history --limit 1` on the same file, the
// memory of starting the binary and opening the history at all, measured in
// the same run. It fails when a peak passes streamLimitMiB or when the
// 100 000-message peak is more than 4 MiB above the 10 000-message one: the
// memory must not grow with the history. It is a benchmark so that the
// default `go test` run does not build the two fixtures (about 15 s):
//
//	go test -run '^$' -bench HistoryStream -benchtime 3x -count 3 ./ui/e2e/
func BenchmarkHistoryStream(b *testing.B) {
	bin := buildZoompose(b)
	peaks := map[string]float64{}
	for _, n := range []int{10_000, 100_000} {
		db := filepath.Join(b.TempDir(), "history.db")
		fixture.Fill(b, db, n)
		commands := map[string][]string{
			"floor":  {"history", "--limit", "1"},
			"json":   {"history", "--json", "--limit", strconv.Itoa(n)},
			"export": {"history", "export"},
		}
		for _, name := range []string{"floor", "json", "export"} {
			b.Run(fmt.Sprintf("%s-%dk", name, n/1000), func(b *testing.B) {
				var peak float64
				var spent time.Duration
				for b.Loop() {
					rss, took := runMeasured(b, bin, db, commands[name]...)
					peak, spent = max(peak, rss), spent+took
				}
				b.ReportMetric(peak, "MiB-peak-rss")
				if name != "floor" {
					b.ReportMetric(float64(n)*float64(b.N)/spent.Seconds(), "records/s")
				}
				peaks[fmt.Sprint(name, n)] = peak
				if peak > streamLimitMiB {
					b.Errorf("%s on %d messages peaked at %.1f MiB, over the %d MiB bound", name, n, peak, streamLimitMiB)
				}
			})
		}
	}
	for _, name := range []string{"json", "export"} {
		if small, large := peaks[fmt.Sprint(name, 10_000)], peaks[fmt.Sprint(name, 100_000)]; large > small+4 {
			b.Errorf("%s: %.1f MiB at 100 000 messages, %.1f MiB at 10 000: memory grows with the history", name, large, small)
		}
	}
}

// measureEnv makes the test binary TestMeasureChild, the helper that runs
// the command runMeasured measures.
const measureEnv = "ZOOMPOSE_MEASURE_CHILD"

// runMeasured runs the binary on db with args, its output discarded, and
// returns its peak resident set in MiB and how long it ran.
//
// It does not start the binary itself: Linux counts into a new program's
// maxrss the peak of the process it was started from, and this benchmark's
// process has just built a 100 000-message history (several hundred MiB).
// The test binary, started afresh as TestMeasureChild, starts it instead and
// reports what wait4 said; that helper's own peak (about 10 MiB) is below
// what is measured.
func runMeasured(b testing.TB, bin, db string, args ...string) (float64, time.Duration) {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestMeasureChild$")
	dir := b.TempDir()
	cmd.Env = []string{measureEnv + "=1", "ZOOMPOSE_DB=" + db, "HOME=" + dir, "XDG_CONFIG_HOME=" + dir, "PATH=" + os.Getenv("PATH")}
	cmd.Args = append(cmd.Args, append([]string{"--", bin}, args...)...)
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("zoompose %v: %v\n%s", args, err, out)
	}
	var kib, nanos int64
	if _, err := fmt.Sscanf(reportLine(string(out)), "maxrss-kib %d took-ns %d", &kib, &nanos); err != nil {
		b.Fatalf("the measuring helper said %q: %v", out, err)
	}
	return float64(kib) / 1024, time.Duration(nanos)
}

// TestMeasureChild is runMeasured's helper, not a test: it runs the command
// after "--" with its output discarded and prints its peak resident set
// (Linux reports maxrss in KiB) and how long it ran.
func TestMeasureChild(t *testing.T) {
	if os.Getenv(measureEnv) == "" {
		t.Skip("the helper process of BenchmarkHistoryStream")
	}
	args := os.Args
	for len(args) > 0 && args[0] != "--" {
		args = args[1:]
	}
	if len(args) < 2 {
		t.Fatal("no command after --")
	}
	cmd := exec.Command(args[1], args[2:]...)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %v", args[1:], err)
	}
	took := time.Since(start)
	usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Fatal("this system does not report a child's peak memory")
	}
	fmt.Printf("maxrss-kib %d took-ns %d\n", usage.Maxrss, took.Nanoseconds())
}

// reportLine is the helper's line among what the test binary printed.
func reportLine(out string) string {
	for line := range strings.Lines(out) {
		if strings.HasPrefix(line, "maxrss-kib ") {
			return line
		}
	}
	return ""
}

// buildZoompose builds the binary into a temp dir (buildBinary for a
// benchmark).
func buildZoompose(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "zoompose")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/zoompose/zoompose").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
