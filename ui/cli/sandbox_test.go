package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// syncBuffer is a bytes.Buffer safe for the sandbox's request logger and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// parseExports reads the `export NAME=value` lines the sandbox printed into an environment.
func parseExports(t *testing.T, out string) map[string]string {
	t.Helper()
	env := map[string]string{}
	for line := range strings.Lines(out) {
		if kv, ok := strings.CutPrefix(strings.TrimSpace(line), "export "); ok {
			k, v, _ := strings.Cut(kv, "=")
			env[k] = strings.Trim(v, "'")
		}
	}
	return env
}

// The sandbox command serves the simulator, prints exports that the other commands work
// with, logs one line per request and stops cleanly when its context ends (SIGINT/SIGTERM).
func TestSandboxServesTheOtherCommands(t *testing.T) {
	sb := startSandbox(t)
	out, errOut, baseURL, stop, done := &sb.out, &sb.errOut, sb.url, sb.stop, sb.done

	exports := parseExports(t, out.String())
	for _, k := range []string{"ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET", "ZOOM_ACCOUNT_ID", "ZOOM_BOT_JID", "ZOOM_USER_JID", "ZOOMPOSE_DB", "ZOOMPOSE_CONFIG", "ZOOMPOSE_PROFILE"} {
		if exports[k] == "" {
			t.Errorf("no export line for %s:\n%s", k, out.String())
		}
	}
	if exports["ZOOM_API_URL"] != baseURL+"/v2" || exports["ZOOM_TOKEN_URL"] != baseURL+"/oauth/token" {
		t.Errorf("exports point at %s and %s, the sandbox is %s", exports["ZOOM_API_URL"], exports["ZOOM_TOKEN_URL"], baseURL)
	}
	if !strings.Contains(out.String(), zoomtest.ChannelGeneral) || !strings.Contains(out.String(), "general") {
		t.Errorf("the demo channels are not listed:\n%s", out.String())
	}

	// Another "shell" with exactly the printed environment sends through the sandbox.
	h := newHarness(t)
	h.env = exports
	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.writeFile("card.md", sampleCard))
	if res.code != 0 || res.stderr != "profile: sandbox (dev)\n" {
		t.Fatalf("send through the sandbox: exit %d, stderr %q", res.code, res.stderr)
	}
	if !strings.Contains(errOut.String(), "POST /v2/im/chat/messages 201") {
		t.Errorf("no request log line:\n%s", errOut.String())
	}

	stop()
	if err := <-done; err != nil {
		t.Fatalf("the sandbox did not stop cleanly: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(exports["ZOOMPOSE_DB"])); !os.IsNotExist(err) {
		t.Errorf("the throw-away history folder is still there (%v)", err)
	}
}

func TestSandboxOnATakenAddressSaysSo(t *testing.T) {
	server := zoomtest.NewServer()
	defer server.Close()
	addr := strings.TrimPrefix(server.URL, "http://")
	h := newHarness(t)

	res := h.exec("", "sandbox", "--addr", addr)

	assertOneErrorLine(t, res, ExitAPI, addr, "--addr")
}

// StartSandbox (behind --sandbox) gives a working configuration with labelled demo
// recipients, and its cleanup removes the throw-away history.
func TestStartSandbox(t *testing.T) {
	cfg, cleanup, err := StartSandbox()
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t)
	h.env = map[string]string{"ZOOMPOSE_CONFIG": cfg.Path, "HOME": h.dir}
	res := h.exec("", "send", "--to", zoomtest.ChannelRandom, h.writeFile("card.md", sampleCard))
	if res.code != 0 || res.stderr != "profile: sandbox (dev)\n" {
		t.Fatalf("send with the sandbox profile: exit %d, stderr %q", res.code, res.stderr)
	}
	h.env["ZOOMPOSE_DB"] = cfg.DB
	table := h.exec("", "history")
	if !strings.Contains(table.stdout, "random") {
		t.Errorf("the history does not show the channel's label:\n%s", table.stdout)
	}

	cleanup()
	if _, err := os.Stat(cfg.DB); !os.IsNotExist(err) {
		t.Errorf("the throw-away history survived cleanup (%v)", err)
	}
}

// --sandbox runs a single command against an in-process simulator, whatever the environment.
func TestSandboxFlag(t *testing.T) {
	h := newHarness(t)
	h.env = map[string]string{"HOME": h.dir, "ZOOM_CLIENT_SECRET": "ignored"}
	res := h.exec("", "send", "--sandbox", "--to", zoomtest.ChannelGeneral, h.writeFile("card.md", sampleCard))
	if res.code != 0 || strings.TrimSpace(res.stdout) == "" || res.stderr != "profile: sandbox (dev)\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
	}
}

// runningSandbox is `zoompose sandbox` running in the test: its output, its URL, stop (its
// SIGINT) and done (its result).
type runningSandbox struct {
	out, errOut syncBuffer
	url         string
	stop        context.CancelFunc
	done        chan error
}

// startSandbox runs the sandbox command on a free loopback port until it listens.
func startSandbox(t *testing.T) *runningSandbox {
	t.Helper()
	sb := &runningSandbox{done: make(chan error, 1)}
	ready := make(chan string, 1)
	ctx, stop := context.WithCancel(context.Background())
	sb.stop = stop
	t.Cleanup(stop)
	o := &sandboxOptions{
		Common:    &Common{Streams: Streams{In: strings.NewReader(""), Out: &sb.out, Err: &sb.errOut, Getenv: func(string) string { return "" }}},
		Addr:      "127.0.0.1:0",
		listening: func(url string) { ready <- url },
	}
	go func() { sb.done <- runSandbox(ctx, o) }()
	select {
	case sb.url = <-ready:
	case err := <-sb.done:
		t.Fatalf("the sandbox stopped at once: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("the sandbox did not start")
	}
	return sb
}

// TestSandboxLogShowsNotes: the simulator's notes on a card (what Zoom would not render as
// written) are printed under the request's line, each on its own line, shown not obeyed.
func TestSandboxLogShowsNotes(t *testing.T) {
	var w syncBuffer
	requestLogger(&w)("%s", "POST /v2/im/chat/messages 201 2ms\n  note: content.head.style: Zoom ignores style\n  note: x\x1b[2J")
	lines := strings.Split(strings.TrimSuffix(w.String(), "\n"), "\n")
	if len(lines) != 3 || !strings.HasSuffix(lines[0], " POST /v2/im/chat/messages 201 2ms") ||
		strings.TrimSpace(lines[1]) != "note: content.head.style: Zoom ignores style" || strings.TrimSpace(lines[2]) != "note: x␛[2J" {
		t.Errorf("log lines %q", lines)
	}
}
