package cli

import (
	"strings"
	"testing"
)

func TestEverySubcommandHasHelp(t *testing.T) {
	cases := map[string]string{
		"send":           "--visible-to",
		"edit":           "MESSAGE_ID",
		"delete":         "--yes",
		"unfurl":         "--trigger-id",
		"history":        "--search",
		"history export": "JSON lines",
		"preview":        "--theme",
		"payload":        "--compact",
		"lint":           "--strict",
		"sandbox":        "--addr",
	}
	for command, want := range cases {
		t.Run(command, func(t *testing.T) {
			h := newHarness(t)
			res := h.exec("", append(strings.Fields(command), "--help")...)
			if res.code != 0 || !strings.Contains(res.stdout, want) || !strings.Contains(res.stdout, "--profile") {
				t.Errorf("exit %d; help lacks %q or --profile:\n%s", res.code, want, res.stdout)
			}
		})
	}
}

func TestCompletionScripts(t *testing.T) {
	for shell, marker := range map[string]string{"bash": "complete", "zsh": "#compdef", "fish": "complete -c zoompose"} {
		t.Run(shell, func(t *testing.T) {
			h := newHarness(t)
			res := h.exec("", "completion", shell)
			if res.code != 0 || !strings.Contains(res.stdout, marker) {
				t.Errorf("exit %d; %s completion lacks %q", res.code, shell, marker)
			}
		})
	}
}

// Flag and argument mistakes are usage errors: exit 2, nothing on the network.
func TestCommandLineMistakes(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{name: "unknown flag", args: []string{"send", "--too", "x"}, want: "--too"},
		{name: "unknown subcommand", args: []string{"sned"}, want: "sned"},
		{name: "edit without id", args: []string{"edit"}, want: "MESSAGE_ID"},
		{name: "delete with two ids", args: []string{"delete", "a", "b", "--yes"}, want: "MESSAGE_ID"},
		{name: "send with two files", args: []string{"send", "--to", "x", "a.md", "b.md"}, want: "too many arguments"},
		{name: "preview without file", args: []string{"preview"}, want: "FILE"},
		{name: "bad --limit", args: []string{"history", "--limit", "many"}, want: "--limit"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			res := h.exec("", tc.args...)
			assertOneErrorLine(t, res, ExitUsage, tc.want, "--help)")
			if n := len(h.server.Requests()); n != 0 {
				t.Errorf("%d requests reached the simulator", n)
			}
		})
	}
}

func TestSendWithoutFileReadsStdinUnlessItIsATerminal(t *testing.T) {
	h := newHarness(t)
	piped := h.exec(sampleCard, "send", "--to", "5a1d0c2e9b7f4e61a3c8d2f0b4e6a901@conference.xmpp.zoom.us")
	if piped.code != 0 {
		t.Fatalf("piped card: exit %d: %s", piped.code, piped.stderr)
	}
	res := h.run("", func(c *Common) error {
		c.InTerminal = true
		_, err := loadCard(cardInput{}, c.Streams)
		return err
	})
	assertOneErrorLine(t, res, ExitUsage, "FILE", "- to read it from stdin")
}
