package cli

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

func sendWith(o sendOptions) func(c *Common) error {
	return func(c *Common) error {
		o.Common = c
		return runSend(context.Background(), &o)
	}
}

func TestSendDeliversAndRecordsTheCard(t *testing.T) {
	h := newHarness(t)
	file := h.writeFile("card.md", sampleCard)

	res := h.run("", sendWith(sendOptions{To: []string{zoomtest.ChannelGeneral}, cardInput: cardInput{File: file}}))

	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if res.stderr != "profile: env\n" {
		t.Errorf("stderr = %q, want only the profile line", res.stderr)
	}
	id := strings.TrimSpace(res.stdout)
	sent, ok := h.server.Message(id)
	if !ok {
		t.Fatalf("the simulator has no message %q", id)
	}
	if sent.ToJID != zoomtest.ChannelGeneral || !sent.Markdown {
		t.Errorf("simulator got to=%s markdown=%v", sent.ToJID, sent.Markdown)
	}
	m, err := h.store().Get(id)
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	live := m.Live()
	if m.Status != history.StatusSent || live.Source != sampleCard || !jsonEqual(t, live.Content, sent.Contents[0]) {
		t.Errorf("history record = status %s, source %q, content %s; simulator content %s", m.Status, live.Source, live.Content, sent.Contents[0])
	}
	if m.Profile != EnvProfileName || m.AccountID != zoomtest.AccountID || m.RobotJID != zoomtest.RobotJID {
		t.Errorf("history identities = %s/%s/%s", m.Profile, m.AccountID, m.RobotJID)
	}
	recipients, err := h.store().Recipients()
	if err != nil || len(recipients) != 1 || recipients[0].JID != zoomtest.ChannelGeneral {
		t.Errorf("recipients = %+v, %v; want the general channel", recipients, err)
	}
}

func TestSendOptionsReachTheWire(t *testing.T) {
	h := newHarness(t)
	parent := h.send(h.writeFile("parent.md", sampleCard))
	file := h.writeFile("reply.md", sampleCard)

	res := h.run("", sendWith(sendOptions{
		To: []string{zoomtest.ChannelGeneral}, ReplyTo: parent, VisibleTo: zoomtest.UserAlice,
		JSON: true, cardInput: cardInput{File: file, NoMarkdown: true},
	}))

	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	var out messageOutput
	if err := json.Unmarshal([]byte(res.stdout), &out); err != nil {
		t.Fatalf("--json printed %q: %v", res.stdout, err)
	}
	sent, _ := h.server.Message(out.MessageID)
	if sent.ReplyTo != parent || sent.VisibleToUser != zoomtest.UserAlice || sent.Markdown {
		t.Errorf("simulator got reply_to=%q visible_to=%q markdown=%v", sent.ReplyTo, sent.VisibleToUser, sent.Markdown)
	}
	if out.ToJID != zoomtest.ChannelGeneral || out.SentTime == "" || out.RobotJID != zoomtest.RobotJID || !strings.HasPrefix(out.TrackingID, "zsbx-") {
		t.Errorf("--json output = %+v", out)
	}
	m, _ := h.store().Get(out.MessageID)
	if m.ReplyTo != parent || m.VisibleToUser != zoomtest.UserAlice || m.Markdown {
		t.Errorf("history = reply_to %q visible_to %q markdown %v", m.ReplyTo, m.VisibleToUser, m.Markdown)
	}
}

func TestSendReadsJSONFromStdin(t *testing.T) {
	h := newHarness(t)

	res := h.run(sampleJSON, sendWith(sendOptions{To: []string{zoomtest.UserAlice}, cardInput: cardInput{File: "-"}}))

	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	id := strings.TrimSpace(res.stdout)
	sent, _ := h.server.Message(id)
	if !jsonEqual(t, sent.Contents[0], []byte(sampleJSON)) {
		t.Errorf("simulator content = %s, want %s", sent.Contents[0], sampleJSON)
	}
	m, _ := h.store().Get(id)
	if m.Live().Source != "" {
		t.Errorf("a JSON card has no card source, history has %q", m.Live().Source)
	}
}

func TestSendFillsTemplateVariables(t *testing.T) {
	h := newHarness(t)
	file := h.writeFile("template.md", "---\nhead: Release {{.version}}\n---\nShipped by {{.team}}.\n")

	res := h.run("", sendWith(sendOptions{To: []string{zoomtest.ChannelGeneral}, cardInput: cardInput{File: file, Vars: []string{"version=2.0", "team=Platform"}}}))

	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	sent, _ := h.server.Message(strings.TrimSpace(res.stdout))
	if !strings.Contains(string(sent.Contents[0]), "Release 2.0") || !strings.Contains(string(sent.Contents[0]), "Shipped by Platform") {
		t.Errorf("variables were not filled: %s", sent.Contents[0])
	}
}

// Bad input is exit 2, one line on stderr, and nothing on the network (not even a token).
func TestSendRejectsBadInputBeforeTheNetwork(t *testing.T) {
	cases := []struct {
		name      string
		opts      sendOptions
		files     map[string]string
		unsetEnv  string
		env       map[string]string
		fragments []string
	}{
		{name: "missing recipient", opts: sendOptions{}, files: map[string]string{"card.md": sampleCard}, fragments: []string{"--to"}},
		{name: "invalid JSON", opts: sendOptions{To: []string{zoomtest.ChannelGeneral}}, files: map[string]string{"card.json": `{"head": {"text": "x"`}, fragments: []string{"card.json:1:1", "error"}},
		{name: "JSON that is not an object", opts: sendOptions{To: []string{zoomtest.ChannelGeneral}}, files: map[string]string{"card.json": `["a"]`}, fragments: []string{"card.json", "object"}},
		{name: "card source with an error", opts: sendOptions{To: []string{zoomtest.ChannelGeneral}}, files: map[string]string{"card.md": "Hello\n\n```fields wide\nx: y\n```\n"}, fragments: []string{"card.md:3:"}},
		{name: "missing template variable", opts: sendOptions{To: []string{zoomtest.ChannelGeneral}}, files: map[string]string{"card.md": "Hi {{.name}}\n"}, fragments: []string{"name", "--var name="}},
		{name: "malformed --var", opts: sendOptions{To: []string{zoomtest.ChannelGeneral}, cardInput: cardInput{Vars: []string{"novalue"}}}, files: map[string]string{"card.md": sampleCard}, fragments: []string{"name=value"}},
		{name: "missing bot JID", opts: sendOptions{To: []string{zoomtest.ChannelGeneral}}, files: map[string]string{"card.md": sampleCard}, unsetEnv: "ZOOM_BOT_JID", fragments: []string{"ZOOM_BOT_JID"}},
		{name: "API URL that is not http", opts: sendOptions{To: []string{zoomtest.ChannelGeneral}}, files: map[string]string{"card.md": sampleCard}, env: map[string]string{"ZOOM_API_URL": "ftp://zoom.example"}, fragments: []string{"ZOOM_API_URL", "the environment"}},
		{name: "missing client secret", opts: sendOptions{To: []string{zoomtest.ChannelGeneral}}, files: map[string]string{"card.md": sampleCard}, unsetEnv: "ZOOM_CLIENT_SECRET", fragments: []string{"ZOOM_CLIENT_SECRET"}},
		{name: "missing file", opts: sendOptions{To: []string{zoomtest.ChannelGeneral}, cardInput: cardInput{File: "/nonexistent/card.md"}}, fragments: []string{"cannot read the card"}},
		{name: "curl without dry run", opts: sendOptions{To: []string{zoomtest.ChannelGeneral}, requestOptions: requestOptions{Curl: true}}, files: map[string]string{"card.md": sampleCard}, fragments: []string{"--dry-run"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			delete(h.env, tc.unsetEnv)
			for k, v := range tc.env {
				h.env[k] = v
			}
			for name, content := range tc.files {
				tc.opts.File = h.writeFile(name, content)
			}
			res := h.run("", sendWith(tc.opts))
			assertOneErrorLine(t, res, ExitUsage, tc.fragments...)
			if n := h.apiRequests(); n != 0 {
				t.Errorf("%d requests reached the simulator", n)
			}
		})
	}
}

func TestSendReportsZoomErrorsOnOneLine(t *testing.T) {
	cases := []struct {
		name      string
		to        string
		secret    string
		fragments []string
	}{
		{name: "wrong secret", to: zoomtest.ChannelGeneral, secret: "not-the-sandbox-secret-42", fragments: []string{"ZOOM_CLIENT_SECRET", "invalid_client"}},
		{name: "recipient the bot cannot reach", to: "nobody@xmpp.zoom.us", fragments: []string{"send: Zoom said", "code"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			if tc.secret != "" {
				h.env["ZOOM_CLIENT_SECRET"] = tc.secret
				h.secrets = append(h.secrets, tc.secret)
			}
			res := h.run("", sendWith(sendOptions{To: []string{tc.to}, cardInput: cardInput{File: h.writeFile("card.md", sampleCard)}}))
			assertOneErrorLine(t, res, ExitAPI, tc.fragments...)
			if res.stdout != "" {
				t.Errorf("stdout = %q, want nothing", res.stdout)
			}
			page, _ := h.store().List(history.Query{})
			if len(page.Messages) != 0 {
				t.Errorf("a failed send was recorded as sent: %+v", page.Messages)
			}
			if kept, _ := h.store().Outbox(); len(kept) != 0 {
				t.Errorf("a send Zoom rejected was kept in the outbox (retrying cannot help): %+v", kept)
			}
		})
	}
}

// A 429 with a short Retry-After is waited out, and the wait is announced on stderr.
func TestSendWaitsOutARateLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.server.RateLimitNext(1, "1")

	res := h.run("", sendWith(sendOptions{To: []string{zoomtest.ChannelGeneral}, cardInput: cardInput{File: h.writeFile("card.md", sampleCard)}}))

	if res.code != 0 || !strings.Contains(res.stderr, "rate limit was reached; waiting 1s before try 2 of the send") {
		t.Fatalf("exit %d, stderr:\n%s", res.code, res.stderr)
	}
	if len(h.server.Messages()) != 1 {
		t.Errorf("the simulator has %d messages, want 1", len(h.server.Messages()))
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("invalid JSON %s: %v", a, err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatalf("invalid JSON %s: %v", b, err)
	}
	xs, _ := json.Marshal(x)
	ys, _ := json.Marshal(y)
	return string(xs) == string(ys)
}

// Every try of a rate-limited send is counted in its record, and history
// --json carries the count.
func TestHistoryJSONCountsTheTriesOfARateLimitedSend(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.server.RateLimitNext(2, "0")
	if res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.writeFile("card.md", sampleCard)); res.code != 0 {
		t.Fatalf("send: exit %d, stderr:\n%s", res.code, res.stderr)
	}
	res := h.exec("", "history", "--json")
	if res.code != 0 || !strings.Contains(res.stdout, `"last_tries":{"requests":3,"rate_limited":2}`) {
		t.Fatalf("history --json (exit %d) does not carry the three tries:\n%s%s", res.code, res.stdout, res.stderr)
	}
}
