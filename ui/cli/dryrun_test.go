package cli

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// A dry run validates and prints the exact request, and nothing reaches the simulator: not
// the API call, not even the token request.
func TestDryRunMakesNoRequest(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{name: "send", args: []string{"send", "--to", zoomtest.ChannelGeneral, "CARD"},
			want: []string{"POST ", "/v2/im/chat/messages", zoom.RedactedAuthorization, `"to_jid":"` + zoomtest.ChannelGeneral, "Release 1.4", `"is_markdown_support":true`}},
		{name: "edit", args: []string{"edit", "MSG-1", "CARD"},
			want: []string{"PUT ", "/v2/im/chat/messages/MSG-1", zoom.RedactedAuthorization, "Release 1.4"}},
		{name: "delete", args: []string{"delete", "MSG-1"},
			want: []string{"DELETE ", "/v2/im/chat/messages/MSG-1?", "account_id=" + zoomtest.AccountID, zoom.RedactedAuthorization}},
		{name: "unfurl", args: []string{"unfurl", "--user-id", shareUser, "--trigger-id", "T-9", "CARD"},
			want: []string{"POST ", "/v2/im/chat/users/" + shareUser + "/unfurls/T-9", zoom.RedactedAuthorization, `"content":"{`}},
		{name: "send as curl", args: []string{"send", "--curl", "--to", zoomtest.ChannelGeneral, "CARD"},
			want: []string{"curl ", "/v2/im/chat/messages", "$ZOOM_TOKEN"}},
		{name: "delete as curl", args: []string{"delete", "--curl", "MSG-1"},
			want: []string{"curl ", "DELETE", "$ZOOM_TOKEN"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			card := h.writeFile("card.md", sampleCard)
			args := []string{tc.args[0], "--dry-run"}
			for _, a := range tc.args[1:] {
				args = append(args, strings.Replace(a, "CARD", card, 1))
			}

			res := h.exec("", args...)

			if res.code != 0 {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.stdout, w) {
					t.Errorf("dry run output lacks %q:\n%s", w, res.stdout)
				}
			}
			if n := len(h.server.Requests()); n != 0 {
				t.Errorf("%d requests reached the simulator", n)
			}
			if page, _ := h.store().Outbox(); len(page) != 0 {
				t.Errorf("a dry run wrote to the outbox: %+v", page)
			}
		})
	}
}

func TestDryRunStillValidates(t *testing.T) {
	h := newHarness(t)
	res := h.exec("", "send", "--dry-run", "--to", zoomtest.ChannelGeneral, h.writeFile("card.json", `{"head":`))
	if res.code != ExitUsage || len(h.server.Requests()) != 0 {
		t.Fatalf("exit %d, %d requests; stderr %s", res.code, len(h.server.Requests()), res.stderr)
	}
}

// TestCurlScriptRuns: the --curl output, pasted into a shell that has the client id and
// secret, fetches a token as its comment says and sends the card: the simulator holds it.
func TestCurlScriptRuns(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is needed (.ci/run installs it): %v", tool, err)
		}
	}
	h := newHarness(t)
	res := h.exec("", "send", "--dry-run", "--curl", "--to", zoomtest.ChannelGeneral, h.writeFile("card.md", sampleCard))
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	// The comment's export line that asks curl for the token, uncommented, then the curl
	// command (the zoompose token line is TestTokenFillsTheCurlScript's).
	var script []string
	for line := range strings.Lines(res.stdout) {
		if after, ok := strings.CutPrefix(line, "#   "); ok && !strings.Contains(line, "zoompose token") {
			line = after
		}
		if !strings.HasPrefix(line, "#") {
			script = append(script, line)
		}
	}
	cmd := exec.Command("bash", "-euo", "pipefail", "-c", strings.Join(script, ""))
	cmd.Env = append(os.Environ(), "ZOOM_CLIENT_ID="+zoomtest.ClientID, "ZOOM_CLIENT_SECRET="+zoomtest.ClientSecret)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the script failed: %v\n%s\n--- script:\n%s", err, out, strings.Join(script, ""))
	}
	if sent := h.server.Messages(); len(sent) != 1 || !strings.Contains(string(sent[0].Contents[0]), "Release 1.4") {
		t.Errorf("the simulator holds %d messages; curl printed %s", len(sent), out)
	}
}
