package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// prodProfile points the harness at a config file whose profile "acme" is prod, with the
// given confirm setting ("" leaves it out), and clears the environment's credentials.
func prodProfile(h *harness, kind, confirm string) {
	for _, k := range []string{"ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET", "ZOOM_ACCOUNT_ID", "ZOOM_BOT_JID", "ZOOM_USER_JID", "ZOOM_API_URL", "ZOOM_TOKEN_URL"} {
		delete(h.env, k)
	}
	profile := "default_profile = \"acme\"\n[profiles.acme]\nkind = \"" + kind + "\"\n" +
		"client_id = \"" + zoomtest.ClientID + "\"\nclient_secret = \"" + zoomtest.ClientSecret + "\"\n" +
		"account_id = \"" + zoomtest.AccountID + "\"\nbot_jid = \"" + zoomtest.RobotJID + "\"\n" +
		"user_jid = \"" + zoomtest.UserJID + "\"\n" +
		"api_url = \"" + h.server.APIURL() + "\"\ntoken_url = \"" + h.server.TokenURL() + "\"\n"
	if confirm != "" {
		profile += "confirm = \"" + confirm + "\"\n"
	}
	h.env["ZOOMPOSE_CONFIG"] = h.writeFile("config.toml", profile)
}

func sendInTerminal(o sendOptions, terminal bool) func(c *Common) error {
	return func(c *Common) error {
		c.InTerminal = terminal
		return sendWith(o)(c)
	}
}

// TestProdGuardOnSend: a prod profile asks on a terminal and names itself; no sends nothing
// and records nothing; a script proceeds unless the profile says confirm = "always", which
// needs --yes; a dev profile never asks.
func TestProdGuardOnSend(t *testing.T) {
	cases := []struct {
		name, kind, confirm, answer string
		terminal, yes               bool
		sent                        bool
		says                        string
	}{
		{"terminal, no", "prod", "", "n\n", true, false, false, "Profile acme is PROD. Send this card to " + zoomtest.ChannelGeneral + "? [y/N]"},
		{"terminal, nothing typed", "prod", "", "", true, false, false, "the answer was not yes"},
		{"terminal, yes", "prod", "", "yes\n", true, false, true, "Profile acme is PROD."},
		{"terminal, --yes", "prod", "", "", true, true, true, ""},
		{"script", "prod", "", "", false, false, true, ""},
		{"script, confirm always", "prod", "always", "", false, false, false, `confirm = "always"`},
		{"script, confirm always, --yes", "prod", "always", "", false, true, true, ""},
		{"dev on a terminal", "dev", "", "", true, false, true, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			prodProfile(h, tc.kind, tc.confirm)
			o := sendOptions{To: []string{zoomtest.ChannelGeneral}, Yes: tc.yes}
			o.File = h.writeFile("card.md", sampleCard)
			res := h.run(tc.answer, sendInTerminal(o, tc.terminal))
			if sent := len(h.server.Messages()) == 1; sent != tc.sent || (res.code == 0) != tc.sent {
				t.Fatalf("sent %v, exit %d, want sent %v:\n%s", sent, res.code, tc.sent, res.stderr)
			}
			if tc.says != "" && !strings.Contains(res.stderr, tc.says) {
				t.Errorf("stderr does not say %q:\n%s", tc.says, res.stderr)
			}
			if tc.says == "" && strings.Contains(res.stderr, "PROD") {
				t.Errorf("asked when it should not have:\n%s", res.stderr)
			}
			if !tc.sent {
				if page, _ := h.store().List(history.Query{}); len(page.Messages) != 0 {
					t.Errorf("a declined send left records: %+v", page.Messages)
				}
			}
		})
	}
}

// TestProdGuardOnEditAndDelete: edit asks like send; delete's own question names the profile.
func TestProdGuardOnEditAndDelete(t *testing.T) {
	h := newHarness(t)
	id := h.send(h.writeFile("card.md", sampleCard))
	prodProfile(h, "prod", "")

	res := h.run("n\n", func(c *Common) error {
		c.InTerminal = true
		o := editOptions{Common: c, MessageID: id}
		o.File = h.writeFile("fixed.md", "Fixed")
		return runEdit(context.Background(), &o)
	})
	if m, _ := h.server.Message(id); res.code != ExitUsage || len(m.Contents) != 1 || !strings.Contains(res.stderr, "Replace the card of message "+id) {
		t.Errorf("declined edit: exit %d, %d revisions at Zoom:\n%s", res.code, len(m.Contents), res.stderr)
	}

	res = h.run("n\n", deleteWith(deleteOptions{MessageID: id}, true))
	if m, _ := h.server.Message(id); res.code != ExitUsage || m.Deleted || !strings.Contains(res.stderr, "Profile acme is PROD. Delete message "+id) {
		t.Errorf("declined delete: exit %d, deleted %v:\n%s", res.code, m.Deleted, res.stderr)
	}
}

// TestConfirmSettingIsChecked: a confirm value other than terminal or always is refused by name.
func TestConfirmSettingIsChecked(t *testing.T) {
	h := newHarness(t)
	prodProfile(h, "prod", "sometimes")
	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.writeFile("card.md", sampleCard))
	assertOneErrorLine(t, res, ExitUsage, `confirm = "sometimes"`, `"always"`)
}
