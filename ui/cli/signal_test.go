package cli

import (
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// When ZOOMPOSE_TEST_MAIN is set, the test binary is zoompose itself: the process-level
// tests below run it as a child to send real signals to Main.
func TestMain(m *testing.M) {
	if os.Getenv("ZOOMPOSE_TEST_MAIN") == "1" {
		os.Exit(Main(strings.Fields(os.Getenv("ZOOMPOSE_TEST_ARGS")), SystemStreams()))
	}
	os.Exit(m.Run())
}

// `zoompose sandbox` stops cleanly on SIGINT and SIGTERM: exit 0, its history removed.
func TestSandboxStopsOnSignals(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "ZOOMPOSE_TEST_MAIN=1", "ZOOMPOSE_TEST_ARGS=sandbox --addr 127.0.0.1:0")
			stdout := &exportWatcher{name: "ZOOMPOSE_DB", found: make(chan string, 1)}
			var stderr syncBuffer
			cmd.Stdout, cmd.Stderr = stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			var db string
			select {
			case db = <-stdout.found:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				t.Fatal("no ZOOMPOSE_DB export line within 10s")
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("exit: %v; stderr:\n%s", err, stderr.String())
				}
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				t.Fatal("the sandbox did not stop within 10s")
			}
			if !strings.Contains(stderr.String(), "sandbox stopped") {
				t.Errorf("stderr:\n%s", stderr.String())
			}
			if _, err := os.Stat(db); !os.IsNotExist(err) {
				t.Errorf("the throw-away history %s survived (%v)", db, err)
			}
		})
	}
}

// exportWatcher is the child's stdout: it reports the value of the export line of name.
type exportWatcher struct {
	name  string
	found chan string
	buf   syncBuffer
	sent  bool
}

func (w *exportWatcher) Write(p []byte) (int, error) {
	n, err := w.buf.Write(p)
	if w.sent {
		return n, err
	}
	for line := range strings.Lines(w.buf.String()) {
		v, ok := strings.CutPrefix(strings.TrimSpace(line), "export "+w.name+"=")
		if ok && strings.HasSuffix(line, "\n") { // a whole line, not the start of one
			w.found <- strings.Trim(v, "'")
			w.sent = true
			break
		}
	}
	return n, err
}
