//go:build e2e

package e2e

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// control is a tmux control-mode client (tmux -C) attached to a terminal's
// session. The latency harness sends keys and reads the screen through it:
// each command is one line on a pipe and one answer block back, with no
// tmux process started per poll, so polling the screen costs the tmux
// server a fraction of a millisecond instead of a fork and exec (about
// 2 ms on the 2-core machine) and takes less CPU from the app measured.
type control struct {
	t   testing.TB
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

// attach starts a control client on term's session. Pane output is not
// streamed to it (no-output): it reads the screen only when asked.
func attach(t testing.TB, term *terminal) *control {
	t.Helper()
	cmd := exec.Command("tmux", "-L", term.socket, "-C", "attach-session", "-t", "app")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("tmux -C: %v", err)
	}
	c := &control{t: t, cmd: cmd, in: in, out: bufio.NewReaderSize(out, 1<<16)}
	t.Cleanup(func() { in.Close(); cmd.Wait() })
	c.block() // the answer to attach-session itself
	c.run("refresh-client -f no-output")
	if size := c.run("display-message -p '#{window_width}x#{window_height}'"); strings.TrimSpace(size) != "120x40" {
		t.Fatalf("the control client changed the window to %s; the harness measures at 120x40", size)
	}
	return c
}

// run sends one tmux command and returns its output.
func (c *control) run(command string) string {
	c.t.Helper()
	if _, err := fmt.Fprintln(c.in, command); err != nil {
		c.t.Fatalf("tmux -C %q: %v", command, err)
	}
	out, err := c.block()
	if err != nil {
		c.t.Fatalf("tmux -C %q: %v", command, err)
	}
	return out
}

// block reads the next %begin … %end (or %error) block, skipping the
// notifications tmux sends between blocks.
func (c *control) block() (string, error) {
	var sb strings.Builder
	inBlock := false
	for {
		line, err := c.out.ReadString('\n')
		if err != nil {
			return "", fmt.Errorf("the control client stopped: %w", err)
		}
		switch {
		case !inBlock && strings.HasPrefix(line, "%begin "):
			inBlock = true
		case !inBlock:
			// a notification (%session-changed, %window-renamed, …)
		case strings.HasPrefix(line, "%end "):
			return sb.String(), nil
		case strings.HasPrefix(line, "%error "):
			return "", fmt.Errorf("tmux: %s", strings.TrimSpace(sb.String()))
		default:
			sb.WriteString(line)
		}
	}
}

// screen is the pane's visible text, without colours.
func (c *control) screen() string { return c.run("capture-pane -p -t app") }

// typeText sends text as typed characters, all in one write to the pane.
func (c *control) typeText(text string) { c.run("send-keys -t app -l -- " + tmuxQuote(text)) }

// press sends tmux key names (Enter, C-End, F3, …), one command each.
func (c *control) press(keys ...string) {
	for _, k := range keys {
		c.run("send-keys -t app " + k)
	}
}

// tmuxQuote quotes s for tmux's command parser: single quotes keep
// everything literal but a single quote, which the harness never types.
func tmuxQuote(s string) string {
	if strings.ContainsAny(s, "'\n") {
		panic("tmuxQuote: the harness types no quotes or newlines: " + s)
	}
	return "'" + s + "'"
}

// pollEvery is the pause between two reads of the screen. A read costs the
// tmux server about 0.1–0.3 ms; the pause leaves the app the CPU it needs
// on a 2-core machine. The harness measures its own resolution (a change
// the terminal itself echoes) and prints it with the figures.
const pollEvery = 500 * time.Microsecond

// until polls the screen from start until ok holds for it, and returns the
// time since start; it fails the test after limit.
func (c *control) until(start time.Time, limit time.Duration, what string, ok func(screen string) bool) time.Duration {
	c.t.Helper()
	for {
		screen := c.screen()
		if ok(screen) {
			return time.Since(start)
		}
		if time.Since(start) > limit {
			c.t.Fatalf("after %v the screen still does not show %s:\n%s", limit, what, screen)
		}
		time.Sleep(pollEvery)
	}
}

// still waits until the screen has not changed for stillFor: whatever
// the last keys started (a render, an autosave) has finished drawing.
func (c *control) still() {
	c.t.Helper()
	const stillFor = 100 * time.Millisecond
	deadline := time.Now().Add(latencyLimit)
	last, since := c.screen(), time.Now()
	for time.Since(since) < stillFor {
		if time.Now().After(deadline) {
			c.t.Fatalf("the screen kept changing for %v", latencyLimit)
		}
		time.Sleep(2 * time.Millisecond)
		if screen := c.screen(); screen != last {
			last, since = screen, time.Now()
		}
	}
}

// showsAll is a screen test: every one of texts is on the screen.
func showsAll(texts ...string) func(string) bool {
	return func(screen string) bool {
		for _, text := range texts {
			if !strings.Contains(screen, text) {
				return false
			}
		}
		return true
	}
}
