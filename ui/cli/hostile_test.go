package cli

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// The hostile corpus (issue 10): text from outside — Zoom's answers and error messages,
// ids, card text, history records, request paths — holding escape sequences. Every output
// path of every subcommand must show it, never let the terminal act on it; machine output
// (--json, export, payload) must stay valid JSON holding the exact strings.

// hostileHead is a card head holding the escapes of zoomtest.HostileText.
const hostileHead = "Release " + zoomtest.HostileText

// assertShownNotObeyed fails when stdout or stderr holds an ESC, a BEL (the end of an
// OSC), any other C0 control but newline and tab, DEL, a C1 control (U+0080–U+009F in
// UTF-8) or a raw 0x9b (8-bit CSI), or is not valid UTF-8.
func assertShownNotObeyed(t *testing.T, what string, res result) {
	t.Helper()
	for name, out := range map[string]string{"stdout": res.stdout, "stderr": res.stderr} {
		if !utf8.ValidString(out) {
			t.Errorf("%s: %s is not valid UTF-8: %q", what, name, out)
			continue
		}
		for i, r := range out {
			if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) {
				t.Errorf("%s: %s holds control %U at byte %d:\n%q", what, name, r, i, out)
				break
			}
		}
	}
}

// hostileHarness is a harness whose simulator answers in hostile mode.
func hostileHarness(t *testing.T) *harness {
	h := newHarness(t)
	h.server.SetHostile(true)
	return h
}

// plantHostileRecords writes history records as a hostile server and card would leave
// them: a message with an escape-laden head, id, recipient and recipient label, and an
// unfurl with escape-laden ids. They go straight into the store: send refuses such a card.
func plantHostileRecords(t *testing.T, h *harness) (messageID string) {
	t.Helper()
	content, err := json.Marshal(map[string]any{
		"head": map[string]any{"text": hostileHead},
		"body": []any{map[string]any{"type": "message", "text": "body " + zoomtest.HostileText}},
	})
	if err != nil {
		t.Fatal(err)
	}
	st := h.store()
	toJID := "x" + zoomtest.HostileIDSuffix + "@conference.xmpp.zoom.us"
	revisions := []history.Revision{{Content: content, Source: "---\nhead: " + hostileHead + "\n---\n"}}
	// One under an id the commands accept as an argument, one under a hostile id.
	messageID = "5DD614F4-DD19-4C39-8D03-93C4D0A0C839"
	for _, id := range []string{messageID, "PLANTED" + zoomtest.HostileIDSuffix} {
		if err := st.PutMessage(history.Message{
			ID: id, ToJID: toJID, Status: history.StatusSent, ZoomSentTime: zoomtest.HostileText, Revisions: revisions,
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetRecipientLabel(toJID, "label "+zoomtest.HostileText); err != nil {
		t.Fatal(err)
	}
	if err := st.PutUnfurl(history.Unfurl{
		UserID: zoomtest.HostileUnfurlUserID, TriggerID: zoomtest.HostileUnfurlTriggerID, Content: content,
	}); err != nil {
		t.Fatal(err)
	}
	h.closeStore()
	return messageID
}

// TestHostileAnswersAreShownNotObeyed runs send, edit, delete and unfurl against a hostile
// simulator: ids, fields and error messages full of escapes come out shown.
func TestHostileAnswersAreShownNotObeyed(t *testing.T) {
	h := hostileHarness(t)
	card := h.card()

	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, card)
	assertShownNotObeyed(t, "send", res)
	if res.code != 0 {
		t.Fatalf("send = %d: %s", res.code, res.stderr)
	}
	id := h.server.Messages()[0].ID
	if want := termtext.Line(id) + "\n"; res.stdout != want {
		t.Errorf("send printed %q, want the hostile id shown: %q", res.stdout, want)
	}

	res = h.exec("", "send", "--json", "--to", zoomtest.ChannelGeneral, card)
	assertShownNotObeyed(t, "send --json", res)
	var answer messageOutput
	if err := json.Unmarshal([]byte(res.stdout), &answer); err != nil {
		t.Fatalf("send --json is not JSON: %v\n%s", err, res.stdout)
	}
	if want := h.server.Messages()[1].ID; answer.MessageID != want || !strings.Contains(answer.SentTime, zoomtest.HostileText) {
		t.Errorf("send --json = %+v, want message id %q and the exact hostile sent_time", answer, want)
	}

	for _, args := range [][]string{
		{"edit", id, h.writeFile("fixed.md", editedCard)},
		{"edit", "--json", id, h.writeFile("fixed.md", editedCard)},
		{"edit", "--dry-run", id, h.writeFile("fixed.md", editedCard)},
		{"delete", "--dry-run", id},
		{"delete", "--yes", id},
		{"delete", "--yes", id}, // again: Zoom's hostile 404
		{"send", "--to", zoomtest.ChannelGeneral, "--reply-to", id, card},
		{"unfurl", "--user-id", zoomtest.HostileUnfurlUserID, "--trigger-id", zoomtest.HostileUnfurlTriggerID, card},
		{"unfurl", "--user-id", zoomtest.DemoUnfurlUserID, "--trigger-id", "unknown-trigger", card}, // hostile 404
		{"send", "--to", "5a1d0c2e9b7f4e61a3c8d2f0b4e6a999@conference.xmpp.zoom.us", card},          // hostile 403
		{"send", "--bogus\x1b[2J", card},   // cobra's flag error quotes the argument
		{"history", "--search", "\x1b[2J"}, // nothing matches
		{"history", "--status", "\x1b]52;c;aGk=\x07"},
	} {
		res := h.exec("", args...)
		assertShownNotObeyed(t, strings.Join(args, " "), res)
	}

	h.server.FailNext(1, http.StatusServiceUnavailable)
	res = h.exec("", "send", "--to", zoomtest.ChannelGeneral, card)
	assertShownNotObeyed(t, "send, 503", res)
	if res.code != ExitAPI || !strings.Contains(res.stderr, "␛]52;c;") {
		t.Errorf("send against a hostile 503 = %d, stderr %q: want Zoom's message, shown", res.code, res.stderr)
	}

	res = h.exec("", "history")
	assertShownNotObeyed(t, "history", res)
	if !strings.Contains(res.stdout, "␛]52;c;") {
		t.Errorf("history does not show the hostile ids:\n%s", res.stdout)
	}
	assertShownNotObeyed(t, "history --unfurls", h.exec("", "history", "--unfurls"))
	assertExactJSONLines(t, h, "history", "--json")
	assertExactJSONLines(t, h, "history", "export")
}

// assertExactJSONLines runs a command whose stdout is JSON lines and checks that they
// decode, that nothing in them acts on a terminal, and that the hostile ids the
// simulator minted are in them exactly.
func assertExactJSONLines(t *testing.T, h *harness, args ...string) {
	t.Helper()
	res := h.exec("", args...)
	what := strings.Join(args, " ")
	assertShownNotObeyed(t, what, res)
	if res.code != 0 {
		t.Fatalf("%s = %d: %s", what, res.code, res.stderr)
	}
	var decoded strings.Builder
	for line := range strings.Lines(res.stdout) {
		var v any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("%s: a line is not JSON: %v\n%s", what, err, line)
		}
		flat, _ := json.Marshal(v)
		decoded.Write(flat)
	}
	want := zoomtest.HostileIDSuffix
	wantJSON, _ := json.Marshal(want)
	if !strings.Contains(decoded.String(), strings.Trim(string(wantJSON), `"`)) {
		t.Errorf("%s does not hold %q exactly:\n%s", what, want, res.stdout)
	}
}

// TestHostileRecordsAreShownNotObeyed lists, asks about, resolves and exports history
// records whose head, ids, recipient and label hold escapes.
func TestHostileRecordsAreShownNotObeyed(t *testing.T) {
	h := newHarness(t)
	planted := plantHostileRecords(t, h)

	res := h.exec("", "history")
	assertShownNotObeyed(t, "history", res)
	if !strings.Contains(res.stdout, "Release ␛]52;c;aGFja2Vk␇␛[2J") || !strings.Contains(res.stdout, "label ␛]52") {
		t.Errorf("history does not show the head and label as text:\n%s", res.stdout)
	}
	if !strings.Contains(res.stdout, "PLANTED␛]52;c;aGFja2Vk␇") {
		t.Errorf("history does not show the hostile id as text:\n%s", res.stdout)
	}
	if lines := strings.Split(strings.TrimSpace(res.stdout), "\n"); len(lines) != 3 {
		t.Errorf("history printed %d lines, want a header and two rows:\n%s", len(lines), res.stdout)
	}
	res = h.exec("", "history", "--unfurls")
	assertShownNotObeyed(t, "history --unfurls", res)
	if !strings.Contains(res.stdout, termtext.Line(zoomtest.HostileUnfurlUserID)) {
		t.Errorf("history --unfurls does not show the user id as text:\n%s", res.stdout)
	}
	for _, args := range [][]string{{"history", "--json"}, {"history", "export"}, {"history", "--unfurls", "--json"}} {
		res := h.exec("", args...)
		assertShownNotObeyed(t, strings.Join(args, " "), res)
		if !strings.Contains(res.stdout, `Release \u001b]52;c;aGFja2Vk\u0007\u001b[2J`) || !strings.Contains(res.stdout, `\u009b2J`) {
			t.Errorf("%v does not hold the head exactly, escaped:\n%s", args, res.stdout)
		}
	}

	// The delete question names the message's recipient by its (hostile) label.
	res = h.run("n\n", deleteWith(deleteOptions{MessageID: planted}, true))
	assertShownNotObeyed(t, "delete's question", res)
	if !strings.Contains(res.stderr, "Delete message "+planted+" (sent to label ␛]52;c;aGFja2Vk␇") {
		t.Errorf("the question does not show the label as text: %q", res.stderr)
	}
	res = h.run("n\n", deleteWith(deleteOptions{MessageID: "PLANTED" + zoomtest.HostileIDSuffix}, true))
	assertShownNotObeyed(t, "delete of a hostile id", res)

	// A send whose answer never came, resolved with a hostile message id.
	h.server.DropNext(1)
	assertShownNotObeyed(t, "send, dropped", h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.card()))
	entry := onlyOutboxEntry(t, h, history.OpUnknown)
	h.closeStore()
	res = h.exec("", "history", "resolve", entry.ID, "--arrived", "--message-id", "RESOLVED"+zoomtest.HostileIDSuffix)
	assertShownNotObeyed(t, "history resolve", res)
	res = h.exec("", "history", "resolve", entry.ID+"\x1b[2J", "--not-arrived")
	assertShownNotObeyed(t, "history resolve of an unknown id", res)
}

// TestHostileCardsAreShownNotObeyed: a card holding escapes in its head, a field key and
// a button is refused or drawn as text by preview, payload, send --dry-run and send;
// what payload prints is exact JSON.
func TestHostileCardsAreShownNotObeyed(t *testing.T) {
	h := hostileHarness(t)
	source := "---\nhead: " + hostileHead + "\n---\n\n```fields\nKey\x1b[2K\x1b[1Gail2: value\n```\n\n```actions\n- [Go \x1b[31mnow](go)\n```\n"
	jsonCard, _ := json.Marshal(map[string]any{
		"head": map[string]any{"text": hostileHead},
		"body": []any{map[string]any{"type": "fields", "items": []any{map[string]any{"key": "Key\x1b[2K\x1b[1Gail2", "value": "v"}}}},
	})
	for name, file := range map[string]string{
		"source": h.writeFile("hostile.md", source),
		"json":   h.writeFile("hostile.json", string(jsonCard)),
	} {
		for _, args := range [][]string{
			{"preview", "--width", "40", file},
			{"payload", file},
			{"payload", "--compact", file},
			{"send", "--dry-run", "--to", zoomtest.ChannelGeneral, file},
			{"send", "--dry-run", "--curl", "--to", zoomtest.ChannelGeneral, file},
			{"send", "--to", zoomtest.ChannelGeneral, file},
		} {
			res := h.exec("", args...)
			what := name + ": " + strings.Join(args, " ")
			assertShownNotObeyed(t, what, res)
			switch {
			case res.code == ExitUsage:
				// Refused: the diagnostics said why, shown (the card holds control characters).
			case res.code != 0:
				t.Errorf("%s = %d: %s", what, res.code, res.stderr)
			case args[0] == "preview" && !strings.Contains(res.stdout, "␛[2K␛[1Ga"):
				t.Errorf("%s does not show the field key as text:\n%s", what, res.stdout)
			case args[0] == "payload":
				var v map[string]any
				if err := json.Unmarshal([]byte(res.stdout), &v); err != nil {
					t.Errorf("%s is not JSON: %v", what, err)
				} else if head := v["head"].(map[string]any)["text"]; head != hostileHead {
					t.Errorf("%s head = %q, want %q", what, head, hostileHead)
				}
			}
		}
	}
}

// TestHostileTokenAnswersAreShownNotObeyed: the token endpoint's error and reason carry
// escapes (a hostile simulator refusing a wrong secret), or echo the Authorization header.
func TestHostileTokenAnswersAreShownNotObeyed(t *testing.T) {
	h := hostileHarness(t)
	card := h.card()
	h.env["ZOOM_CLIENT_SECRET"] = "not-the-secret"
	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, card)
	assertShownNotObeyed(t, "send, hostile token refusal", res)
	if res.code != ExitAPI || !strings.Contains(res.stderr, "␛]52;c;") {
		t.Errorf("send = %d, stderr %q: want the token endpoint's hostile error, shown", res.code, res.stderr)
	}
	h.env["ZOOM_CLIENT_SECRET"] = zoomtest.ClientSecret

	// The credentials in the forms an echo quotes them must not come out either.
	basic := base64.StdEncoding.EncodeToString([]byte(zoomtest.ClientID + ":" + zoomtest.ClientSecret))
	h.secrets = append(h.secrets, basic)
	for _, status := range []int{http.StatusUnauthorized, http.StatusServiceUnavailable} {
		echo := httptest.NewServer(zoomtest.Echo(status, nil))
		t.Cleanup(echo.Close)
		h.env["ZOOM_TOKEN_URL"] = echo.URL + "/oauth/token"
		res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, card)
		assertShownNotObeyed(t, "send, token echo", res)
		if res.code != ExitAPI {
			t.Errorf("send against a token echo %d = %d: %s", status, res.code, res.stderr)
		}
	}
}

// TestHostileSandboxLog: the sandbox logs a request whose path holds escapes
// (percent-encoded on the wire) without them reaching its stderr.
func TestHostileSandboxLog(t *testing.T) {
	sb := startSandbox(t)
	out, errOut, baseURL, stop, done := &sb.out, &sb.errOut, sb.url, sb.stop, sb.done
	resp, err := http.Post(baseURL+"/v2/im/chat/messages/%1B%5D52%3Bc%3BaGk%3D%07%1B%5B2J%C2%9B2J", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	res := result{stdout: out.String(), stderr: errOut.String()}
	assertShownNotObeyed(t, "sandbox", res)
	if !strings.Contains(res.stderr, "/v2/im/chat/messages/") {
		t.Errorf("the request was not logged:\n%s", res.stderr)
	}

	// The log writer shows whatever a log line holds.
	var w syncBuffer
	requestLogger(&w)("%s", "GET /x\x1b]52;c;aGk=\x07\u009b2J\n")
	assertShownNotObeyed(t, "request logger", result{stderr: w.String()})
	if !strings.Contains(w.String(), "GET /x␛]52;c;aGk=␇\\u009b2J\n") {
		t.Errorf("request logger wrote %q", w.String())
	}
}

// TestHostileErrorLines: report, warnings and diagnostics keep outside text on one line,
// shown, never obeyed.
func TestHostileErrorLines(t *testing.T) {
	var b strings.Builder
	code := report(errors.New("send: Zoom said 400: \x1b]52;c;aGk=\x07\nline two\u009b2J"), &b)
	if want := "error: send: Zoom said 400: ␛]52;c;aGk=␇ line two\\u009b2J\n"; code != ExitAPI || b.String() != want {
		t.Errorf("report wrote %q (%d), want %q", b.String(), code, want)
	}
	b.Reset()
	warnHistory(&b, "message ID\x1b[2J was sent", errors.New("disk \x1b[31mfull"))
	if want := "warning: message ID␛[2J was sent, but the history could not be written: disk ␛[31mfull\n"; b.String() != want {
		t.Errorf("warnHistory wrote %q, want %q", b.String(), want)
	}
	if got := cell("a\tb\nc\x1b[2J"); got != "a b c␛[2J" {
		t.Errorf("cell = %q", got)
	}
}

// TestHostileTokenIsRefusedBeforeTheAPI: a token endpoint answering an access token that
// holds escape sequences and control characters is refused by the token source, before any
// API request: send exits 1 saying so (not "could not reach Zoom", which Go's HTTP client
// would say of the header), without quoting the token, and records a plain failure: no
// outcome unknown and no outbox entry, since nothing was written to the API.
func TestHostileTokenIsRefusedBeforeTheAPI(t *testing.T) {
	h := newHarness(t)
	h.server.SetTokenSuffix(zoomtest.HostileText)
	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.card())
	assertOneErrorLine(t, res, ExitAPI, "not a bearer token", "refused", "no request was made", "ZOOM_TOKEN_URL comes from")
	assertShownNotObeyed(t, "send, hostile token", res)
	for _, wrong := range []string{"could not reach", "outcome unknown", "outbox", "zsbx.", "␛"} {
		if strings.Contains(res.stderr, wrong) {
			t.Errorf("stderr says %q:\n%s", wrong, res.stderr)
		}
	}
	for _, r := range h.server.Requests() {
		if r.Path != "/oauth/token" {
			t.Errorf("a request reached the API: %s %s", r.Method, r.Path)
		}
	}
	if out, err := h.store().Outbox(); err != nil || len(out) != 0 {
		t.Errorf("outbox = %+v, %v; want empty", out, err)
	}
	if page, err := h.store().List(history.Query{}); err != nil || len(page.Messages) != 0 {
		t.Errorf("history holds %+v, %v; want no record of the send", page, err)
	}
}

// TestHostileTemplatesAndScheduleAreShownNotObeyed: a saved template whose name and
// description (its first line) hold escapes, and scheduled sends whose recipient, its
// label and card head hold them, come out of `templates` and the `schedule` list as text;
// their --json output holds the exact strings, escaped.
func TestHostileTemplatesAndScheduleAreShownNotObeyed(t *testing.T) {
	h := newHarness(t)
	st := h.store()
	if err := st.SaveTemplate(history.Template{
		Name:   "tpl " + zoomtest.HostileText,
		Source: "---\nhead: " + hostileHead + "\n---\nHello {{.who}}\n",
	}); err != nil {
		t.Fatal(err)
	}
	content, err := json.Marshal(map[string]any{"head": map[string]any{"text": hostileHead}})
	if err != nil {
		t.Fatal(err)
	}
	labelled := "y" + zoomtest.HostileIDSuffix + "@conference.xmpp.zoom.us"
	bare := "z" + zoomtest.HostileIDSuffix + "@xmpp.zoom.us"
	if err := st.SetRecipientLabel(labelled, "sched "+zoomtest.HostileText); err != nil {
		t.Fatal(err)
	}
	due := time.Now().Add(time.Hour)
	for _, to := range []string{labelled, bare} {
		if _, err := st.Schedule(history.Message{
			ToJID: to, Revisions: []history.Revision{{Content: content, Source: "---\nhead: " + hostileHead + "\n---\n"}},
		}, due, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	h.closeStore()

	res := h.exec("", "templates")
	assertShownNotObeyed(t, "templates", res)
	if res.code != 0 || !strings.Contains(res.stdout, "tpl ␛]52;c;aGFja2Vk␇␛[2J") || !strings.Contains(res.stdout, "Release ␛]52;c;aGFja2Vk␇") {
		t.Errorf("templates does not show the name and description as text (exit %d):\n%s%s", res.code, res.stdout, res.stderr)
	}
	res = h.exec("", "schedule")
	assertShownNotObeyed(t, "schedule", res)
	for _, want := range []string{"sched ␛]52;c;aGFja2Vk␇", "z␛]52;c;aGFja2Vk␇", "Release ␛]52;c;aGFja2Vk␇"} {
		if res.code != 0 || !strings.Contains(res.stdout, want) {
			t.Errorf("schedule does not show %q (exit %d):\n%s%s", want, res.code, res.stdout, res.stderr)
		}
	}
	if lines := strings.Split(strings.TrimSpace(res.stdout), "\n"); len(lines) != 3 {
		t.Errorf("schedule printed %d lines, want a header and two rows:\n%s", len(lines), res.stdout)
	}
	for _, args := range [][]string{{"templates", "--json"}, {"schedule", "--json"}} {
		res := h.exec("", args...)
		assertShownNotObeyed(t, strings.Join(args, " "), res)
		if !strings.Contains(res.stdout, `\u001b]52;c;aGFja2Vk\u0007\u001b[2J`) {
			t.Errorf("%v does not hold the hostile text exactly, escaped:\n%s", args, res.stdout)
		}
	}
}
