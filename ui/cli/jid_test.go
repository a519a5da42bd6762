package cli

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// Malformed JIDs and ids are usage errors (exit 2) that name the flag or variable, found
// before anything else: no request reaches the simulator (not even for a token), and no
// history file is created, so no malformed recipient can be stored.
func TestMalformedJIDsNeverReachTheNetwork(t *testing.T) {
	general := zoomtest.ChannelGeneral
	tests := []struct {
		name      string
		args      []string
		env       map[string]string
		fragments []string
	}{
		{name: "not a JID", args: []string{"send", "--to", "not-a-jid"}, fragments: []string{"--to", `"not-a-jid"`, "no @"}},
		{name: "another domain", args: []string{"send", "--to", "a@b.com"}, fragments: []string{"--to", `"a@b.com"`, "not a Zoom chat domain"}},
		{name: "a newline inside", args: []string{"send", "--to", "a@xmpp.zoom.us\nb@xmpp.zoom.us"}, fragments: []string{"--to", `a@xmpp.zoom.us\nb@xmpp.zoom.us`, "whitespace"}},
		{name: "two JIDs glued", args: []string{"send", "--to", zoomtest.UserAlice + " " + zoomtest.UserBob}, fragments: []string{"--to", "whitespace"}},
		{name: "two JIDs glued without a space", args: []string{"send", "--to", zoomtest.UserAlice + zoomtest.UserBob}, fragments: []string{"--to", "2 @ signs"}},
		{name: "an escape sequence", args: []string{"send", "--to", "a\x1b[2J@xmpp.zoom.us"}, fragments: []string{"--to", `\x1b`, "control character"}},
		{name: "a NUL", args: []string{"send", "--to", "a\x00@xmpp.zoom.us"}, fragments: []string{"--to", "control character"}},
		{name: "a zero-width space", args: []string{"send", "--to", "a\u200b@xmpp.zoom.us"}, fragments: []string{"--to", "non-ASCII"}},
		{name: "empty local part", args: []string{"send", "--to", "@xmpp.zoom.us"}, fragments: []string{"--to", "before the @"}},
		{name: "a resource", args: []string{"send", "--to", zoomtest.UserAlice + "/robot_x"}, fragments: []string{"--to", "resource part", "/robot_x"}},
		{name: "visible to a channel", args: []string{"send", "--to", general, "--visible-to", zoomtest.ChannelRandom}, fragments: []string{"--visible-to", "channel"}},
		{name: "visible to a name", args: []string{"send", "--to", general, "--visible-to", "alice"}, fragments: []string{"--visible-to", `"alice"`}},
		{name: "reply to with a space", args: []string{"send", "--to", general, "--reply-to", "MSG 1"}, fragments: []string{"--reply-to", "whitespace"}},
		{name: "reply to with a newline", args: []string{"send", "--to", general, "--reply-to", "MSG\n1"}, fragments: []string{"--reply-to", `"MSG\n1"`}},
		{name: "a dry run", args: []string{"send", "--dry-run", "--to", "not-a-jid"}, fragments: []string{"--to"}},
		{name: "without history", args: []string{"send", "--no-history", "--to", "a@b.com"}, fragments: []string{"--to"}},
		{name: "bad ZOOM_BOT_JID", args: []string{"send", "--to", general}, env: map[string]string{"ZOOM_BOT_JID": "bot"},
			fragments: []string{"ZOOM_BOT_JID", "from the environment", `"bot"`, "no @"}},
		{name: "ZOOM_BOT_JID a channel", args: []string{"send", "--to", general}, env: map[string]string{"ZOOM_BOT_JID": general},
			fragments: []string{"ZOOM_BOT_JID", "channel"}},
		{name: "bad ZOOM_USER_JID", args: []string{"send", "--to", general}, env: map[string]string{"ZOOM_USER_JID": "admin@xmpp.zoom.us\r\n"},
			fragments: []string{"ZOOM_USER_JID", "from the environment", `\r\n`}},
		{name: "bad --bot-jid", args: []string{"send", "--bot-jid", "bot@example.com", "--to", general},
			fragments: []string{"ZOOM_BOT_JID", "the --bot-jid flag", "not a Zoom chat domain"}},
		{name: "bad ZOOM_ACCOUNT_ID", args: []string{"send", "--to", general}, env: map[string]string{"ZOOM_ACCOUNT_ID": "ACCT 1"},
			fragments: []string{"ZOOM_ACCOUNT_ID", "from the environment", "without spaces"}},
		{name: "bad ZOOM_CLIENT_ID, not quoted", args: []string{"send", "--to", general}, env: map[string]string{"ZOOM_CLIENT_ID": "pasted secret\n"},
			fragments: []string{"ZOOM_CLIENT_ID", "from the environment", "without spaces"}},
		{name: "bad ZOOM_BOT_JID for edit", args: []string{"edit", "MSG-1"}, env: map[string]string{"ZOOM_BOT_JID": "bot"}, fragments: []string{"ZOOM_BOT_JID"}},
		{name: "bad ZOOM_BOT_JID for delete", args: []string{"delete", "--yes", "MSG-1"}, env: map[string]string{"ZOOM_BOT_JID": "bot"}, fragments: []string{"ZOOM_BOT_JID"}},
		{name: "history --to", args: []string{"history", "--to", "general"}, fragments: []string{"--to", `"general"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			for k, v := range tt.env {
				h.env[k] = v
			}
			args := tt.args
			if len(args) > 0 && (args[0] == "send" || args[0] == "edit") {
				args = append(args, h.writeFile("card.md", sampleCard))
			}
			res := h.exec("", args...)

			assertOneErrorLine(t, res, ExitUsage, tt.fragments...)
			if strings.Contains(res.stderr, "pasted secret") {
				t.Errorf("stderr quotes the client id: %q", res.stderr)
			}
			if strings.ContainsAny(res.stderr, "\x00\x1b\r\u200b") {
				t.Errorf("stderr carries a control character: %q", res.stderr)
			}
			if n := h.apiRequests(); n != 0 {
				t.Errorf("%d requests reached the simulator: %+v", n, h.server.Requests())
			}
			if _, err := os.Stat(h.env["ZOOMPOSE_DB"]); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the history file exists after a refused command (%v)", err)
			}
		})
	}
}

// A bot JID from a profile of the config file is named with its key, profile and file.
func TestMalformedJIDInAProfileNamesIt(t *testing.T) {
	h := newHarness(t)
	delete(h.env, "ZOOM_BOT_JID")
	h.env["ZOOMPOSE_CONFIG"] = h.writeFile("config.toml", "[profiles.sim]\nbot_jid = \"v1bot@xmpp.zoom.us b@xmpp.zoom.us\"\n")
	res := h.exec("", "send", "--profile", "sim", "--to", zoomtest.ChannelGeneral, h.writeFile("card.md", sampleCard))
	assertOneErrorLine(t, res, ExitUsage, "ZOOM_BOT_JID", `bot_jid in profile "sim" of `+h.env["ZOOMPOSE_CONFIG"], "whitespace")
	if n := h.apiRequests(); n != 0 {
		t.Errorf("%d requests reached the simulator", n)
	}
}

// Well-formed JIDs in any case of the domain, and Zoom for Government's domains, pass the
// local check (the simulator then says whether it knows them).
func TestWellFormedJIDsPassTheLocalCheck(t *testing.T) {
	h := newHarness(t)
	card := h.writeFile("card.md", sampleCard)
	upper := strings.ToUpper(zoomtest.ChannelGeneral[strings.Index(zoomtest.ChannelGeneral, "@"):])
	for _, to := range []string{strings.Split(zoomtest.ChannelGeneral, "@")[0] + upper, "825c9e31f1064c73b394c5e4557d3447@conference.xmpp.zoomgov.com"} {
		res := h.exec("", "send", "--dry-run", "--to", to, "--visible-to", zoomtest.UserAlice, "--reply-to", "20190618205516496_ynICmz8_aw1", card)
		if res.code != 0 || !strings.Contains(res.stdout, to) {
			t.Errorf("send --dry-run --to %s = %d: %s%s", to, res.code, res.stdout, res.stderr)
		}
	}
}

// The configured identities matter only where Zoom is called: the history commands work with a
// malformed bot JID, and the app starts offline with the sentence that names it.
func TestMalformedIdentityStopsOnlyWhatCallsZoom(t *testing.T) {
	h := newHarness(t)
	h.send(h.card())
	h.env["ZOOM_BOT_JID"] = "bot"

	if res := h.exec("", "history"); res.code != ExitOK {
		t.Errorf("history with a malformed ZOOM_BOT_JID: exit %d, stderr %s", res.code, res.stderr)
	}
	streams, _, _ := h.streams("")
	cfg, cleanup, err := (&Common{Streams: streams}).loadConfig()
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	run := appRunOptions(cfg, false)
	if run.Zoom != nil || !strings.Contains(run.ConfigHint, "ZOOM_BOT_JID") {
		t.Errorf("the app would start with Zoom config %v and hint %q; want offline, naming ZOOM_BOT_JID", run.Zoom, run.ConfigHint)
	}
}
