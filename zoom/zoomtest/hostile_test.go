package zoomtest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// hostileEscapes are the pieces of HostileText each answer must carry in hostile mode.
var hostileEscapes = []string{"\x1b]52;c;", "\x1b[2J", "\x1b]8;;", "\x1b[1;31m", "\u009b"}

func assertHostile(t *testing.T, what, s string) {
	t.Helper()
	for _, e := range hostileEscapes {
		if !strings.Contains(s, e) {
			t.Errorf("%s = %q does not carry %q", what, s, e)
		}
	}
}

// TestHostileMessageAnswer: a send answers a hostile message id that edit and delete
// accept, and escapes in every other field of the answer; what is stored is the request's.
func TestHostileMessageAnswer(t *testing.T) {
	s := startServer(t, nil)
	s.SetHostile(true)
	token := fetchToken(t, s)
	a := send(t, s, token, sendEnvelope())
	if a.status != http.StatusCreated {
		t.Fatalf("send answered %d: %s", a.status, a.raw)
	}
	id := a.body["message_id"].(string)
	if !strings.HasSuffix(id, HostileIDSuffix) {
		t.Errorf("message_id = %q, want the hostile suffix", id)
	}
	for _, k := range []string{"robot_jid", "to_jid", "user_jid", "sent_time"} {
		v, _ := a.body[k].(string)
		assertHostile(t, k, v)
	}
	if m, ok := s.Message(id); !ok || m.ToJID != ChannelGeneral || m.RobotJID != RobotJID {
		t.Errorf("stored message %+v, %v: want the request's JIDs under the hostile id", m, ok)
	}

	edit := sendEnvelope()
	delete(edit, "to_jid")
	path := s.APIURL() + "/im/chat/messages/" + url.PathEscape(id)
	if a := call(t, newRequest(t, http.MethodPut, path, token, edit)); a.status != http.StatusOK || a.body["message_id"] != id {
		t.Errorf("edit by the hostile id answered %d: %s", a.status, a.raw)
	}
	if a := call(t, newRequest(t, http.MethodDelete, path+"?"+deleteQuery().Encode(), token, nil)); a.status != http.StatusOK {
		t.Errorf("delete by the hostile id answered %d: %s", a.status, a.raw)
	}
}

// TestHostileErrors: every error message, the field problems of a 7001 and the token
// endpoint's error fields carry escapes, with the status and code unchanged.
func TestHostileErrors(t *testing.T) {
	s := startServer(t, nil)
	s.SetHostile(true)
	token := fetchToken(t, s)

	a := send(t, s, "wrong-token", sendEnvelope())
	if a.status != http.StatusUnauthorized || a.code() != codeInvalidToken {
		t.Fatalf("bad token answered %d/%d", a.status, a.code())
	}
	assertHostile(t, "401 message", a.body["message"].(string))

	a = send(t, s, token, withField(sendEnvelope(), "to_jid", nil))
	if a.status != http.StatusBadRequest || a.code() != codeInvalidBody {
		t.Fatalf("missing to_jid answered %d/%d", a.status, a.code())
	}
	assertHostile(t, "7001 message", a.body["message"].(string))
	assertHostile(t, "7001 field problem", a.errorText())

	s.FailNext(1, http.StatusServiceUnavailable)
	a = send(t, s, token, sendEnvelope())
	assertHostile(t, "503 message", a.body["message"].(string))

	req, _ := http.NewRequest(http.MethodPost, s.TokenURL()+"?grant_type=client_credentials", nil)
	req.SetBasicAuth(ClientID, "not-the-secret")
	a = call(t, req)
	if a.status != http.StatusBadRequest {
		t.Fatalf("bad secret answered %d", a.status)
	}
	assertHostile(t, "token reason", a.body["reason"].(string))
	assertHostile(t, "token error", a.body["error"].(string))
	if !strings.HasPrefix(a.body["error"].(string), "invalid_client") {
		t.Errorf("token error = %q, want it to start with the real code", a.body["error"])
	}
	// encoding/json escapes ESC on the wire; the C1 control travels raw.
	if strings.ContainsRune(string(a.raw), 0x1b) {
		t.Errorf("the answer has a raw ESC: %q", a.raw)
	}
}

// TestHostileUnfurlTrigger: the hostile link-shared pair is accepted for unfurls.
func TestHostileUnfurlTrigger(t *testing.T) {
	s := startServer(t, nil)
	s.SetHostile(true)
	token := fetchToken(t, s)
	card, _ := json.Marshal(map[string]any{"head": map[string]any{"text": "Preview"}})
	path := s.APIURL() + "/im/chat/users/" + url.PathEscape(HostileUnfurlUserID) + "/unfurls/" + url.PathEscape(HostileUnfurlTriggerID)
	a := call(t, newRequest(t, http.MethodPost, path, token, map[string]any{"content": string(card)}))
	if a.status != http.StatusNoContent {
		t.Fatalf("hostile unfurl answered %d: %s", a.status, a.raw)
	}
	if u := s.Unfurls(); len(u) != 1 || u[0].UserID != HostileUnfurlUserID || u[0].TriggerID != HostileUnfurlTriggerID {
		t.Errorf("unfurls = %+v", u)
	}
}

// TestHostileModeSwitchesOff: answers are plain by default and again after
// SetHostile(false).
func TestHostileModeSwitchesOff(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	plain := func(what string) {
		t.Helper()
		a := send(t, s, token, sendEnvelope())
		if strings.ContainsAny(string(a.raw), "\x1b\u009b") || strings.Contains(string(a.raw), `\u001b`) {
			t.Errorf("%s: answer carries escapes: %s", what, a.raw)
		}
	}
	plain("by default")
	s.SetHostile(true)
	if a := send(t, s, token, sendEnvelope()); !strings.Contains(string(a.raw), `\u001b`) {
		t.Errorf("hostile answer carries no escape: %s", a.raw)
	}
	s.SetHostile(false)
	plain("after SetHostile(false)")
}

// TestLogLineEscapesThePath: a control character sent percent-encoded in a path stays
// percent-encoded in the log line.
func TestLogLineEscapesThePath(t *testing.T) {
	s := startServer(t, nil)
	logged := captureLog(s)
	token := fetchToken(t, s)
	id := "ID" + HostileIDSuffix
	call(t, newRequest(t, http.MethodDelete, s.APIURL()+"/im/chat/messages/"+url.PathEscape(id)+"?"+deleteQuery().Encode(), token, nil))
	lines := logged()
	last := lines[len(lines)-1]
	if strings.ContainsAny(last, "\x1b\x07\u009b") || !strings.Contains(last, "%1B%5D52") {
		t.Errorf("log line %q: want the path percent-encoded", last)
	}
}
