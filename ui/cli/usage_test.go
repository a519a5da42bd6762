package cli

import (
	"net"
	"strings"
	"testing"
)

// Usage mistakes exit 2 with one line that says what is accepted, everywhere; nothing
// reaches the simulator.
func TestUsageMistakesExit2(t *testing.T) {
	shells := "bash, zsh, fish, powershell"
	themes := "high-contrast, no-color, zoom-dark, zoom-light"
	tests := []struct {
		name      string
		args      []string
		env       map[string]string
		fragments []string
	}{
		{"completion without a shell", []string{"completion"}, nil, []string{"needs a shell", shells}},
		{"completion tcsh", []string{"completion", "tcsh"}, nil, []string{`"tcsh"`, shells}},
		{"completion bogus", []string{"completion", "bogus"}, nil, []string{`"bogus"`, shells}},
		{"help on an unknown topic", []string{"help", "bogus"}, nil, []string{`"bogus"`, "zoompose --help"}},
		{"sandbox --addr without a port", []string{"sandbox", "--addr", "bogus"}, nil, []string{"--addr", `"bogus"`, "HOST:PORT"}},
		{"sandbox --addr with a port too big", []string{"sandbox", "--addr", "127.0.0.1:99999"}, nil, []string{"--addr", "0 to 65535"}},
		{"sandbox --addr with a named port", []string{"sandbox", "--addr", "127.0.0.1:http"}, nil, []string{"--addr", "0 to 65535"}},
		{"sandbox --addr with a space", []string{"sandbox", "--addr", "127.0.0.1 :80"}, nil, []string{"--addr", "host"}},
		{"preview --theme nope", []string{"preview", "--theme", "nope"}, nil, []string{"--theme", `"nope"`, themes}},
		{"preview --theme nope without colour", []string{"preview", "--theme", "nope"}, map[string]string{"NO_COLOR": "1"}, []string{"--theme", themes}},
		{"preview --width 0", []string{"preview", "--width", "0"}, nil, []string{"--width", "from 10 to 1000", "got 0"}},
		{"preview --width -1", []string{"preview", "--width", "-1"}, nil, []string{"--width", "from 10 to 1000", "got -1"}},
		{"preview --width 5", []string{"preview", "--width", "5"}, nil, []string{"--width", "from 10 to 1000", "got 5"}},
		{"preview --width too wide", []string{"preview", "--width", "100000000"}, nil, []string{"--width", "from 10 to 1000", "got 100000000"}},
		{"history --limit 0", []string{"history", "--limit", "0"}, nil, []string{"--limit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			for k, v := range tt.env {
				h.env[k] = v
			}
			args := tt.args
			if args[0] == "preview" {
				args = append(args, h.writeFile("card.md", sampleCard))
			}
			res := h.exec("", args...)
			assertOneErrorLine(t, res, ExitUsage, tt.fragments...)
			if res.stdout != "" {
				t.Errorf("stdout = %q, want nothing", res.stdout)
			}
			if n := h.apiRequests(); n != 0 {
				t.Errorf("%d requests reached the simulator", n)
			}
		})
	}
}

// What is well formed but cannot be done is not a usage error: a port in use is exit 1.
func TestSandboxOnAPortInUseIsExit1(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("no loopback port: %v", err)
	}
	defer ln.Close()
	h := newHarness(t)
	res := h.exec("", "sandbox", "--addr", ln.Addr().String())
	assertOneErrorLine(t, res, ExitAPI, ln.Addr().String(), "--addr")
}

// The accepted values still work.
func TestUsageValuesThatAreAccepted(t *testing.T) {
	h := newHarness(t)
	card := h.writeFile("card.md", sampleCard)
	for _, args := range [][]string{
		{"completion", "bash"},
		{"completion", "powershell"},
		{"help", "history", "resolve"},
		{"preview", "--width", "10", card},
		{"preview", "--width", "1000", card},
		{"preview", "--theme", "auto", card},
		{"preview", "--theme", "zoom-light", card},
	} {
		res := h.exec("", args...)
		if res.code != 0 || res.stdout == "" {
			t.Errorf("%s = %d, stdout %d bytes: %s", strings.Join(args, " "), res.code, len(res.stdout), res.stderr)
		}
	}
	if res := h.run("", func(c *Common) error {
		c.Getenv = func(k string) string { return map[string]string{"COLUMNS": "100000"}[k] }
		return runPreview(&previewOptions{Common: c, cardInput: cardInput{File: card}})
	}); res.code != 0 || len(res.stdout) > 20_000 {
		t.Errorf("preview with a huge $COLUMNS = %d, %d bytes: the width is not capped", res.code, len(res.stdout))
	}
}
