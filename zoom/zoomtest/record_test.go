package zoomtest

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestRequestsRecordTheWire(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	id := mustSend(t, s, token)
	call(t, newRequest(t, http.MethodDelete, deleteURL(s, id, deleteQuery()), token, nil))

	reqs := s.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests recorded, want token, send, delete", len(reqs))
	}
	tok, snd, del := reqs[0], reqs[1], reqs[2]
	if tok.Method != "POST" || tok.Path != "/oauth/token" || tok.RawQuery != "grant_type=client_credentials" || tok.Status != 200 {
		t.Errorf("token request recorded as %+v", tok)
	}
	if snd.Path != "/v2/im/chat/messages" || snd.Status != 201 || snd.Header.Get("Authorization") != "Bearer "+token ||
		snd.Header.Get("Content-Type") != "application/json" || !strings.Contains(string(snd.Body), `"robot_jid":"`+RobotJID+`"`) {
		t.Errorf("send recorded as %s %s %d %v %s", snd.Method, snd.Path, snd.Status, snd.Header, snd.Body)
	}
	if del.Method != "DELETE" || del.Path != "/v2/im/chat/messages/"+id || !strings.Contains(del.RawQuery, "robot_jid=") || del.Status != 200 {
		t.Errorf("delete recorded as %+v", del)
	}
	reqs[1].Header.Set("Authorization", "changed")
	if s.Requests()[1].Header.Get("Authorization") == "changed" {
		t.Error("Requests() returned the handler's own header map")
	}
}

func TestLogLinesCarryNoSecret(t *testing.T) {
	s := startServer(t, nil)
	logged := captureLog(s)
	token := fetchToken(t, s)
	id := mustSend(t, s, token)
	send(t, s, "wrong-token", sendEnvelope())
	call(t, newRequest(t, http.MethodDelete, deleteURL(s, id, deleteQuery()), token, nil))
	s.DropNext(1)
	if resp, err := http.DefaultClient.Do(newRequest(t, http.MethodPost, s.APIURL()+"/im/chat/messages", token, sendEnvelope())); err == nil {
		resp.Body.Close()
	}

	lines := logged()
	want := []*regexp.Regexp{
		regexp.MustCompile(`^POST /oauth/token 200 \d+ms$`),
		regexp.MustCompile(`^POST /v2/im/chat/messages 201 \d+ms$`),
		regexp.MustCompile(`^POST /v2/im/chat/messages 401 \d+ms$`),
		regexp.MustCompile(`^DELETE /v2/im/chat/messages/` + id + ` 200 \d+ms$`),
		regexp.MustCompile(`^POST /v2/im/chat/messages 201 \d+ms \(connection dropped before the answer\)$`),
	}
	if len(lines) != len(want) {
		t.Fatalf("log lines %q, want %d", lines, len(want))
	}
	for i, line := range lines {
		if !want[i].MatchString(line) {
			t.Errorf("line %d %q does not match %s", i, line, want[i])
		}
		for _, secret := range []string{ClientSecret, token, AccountID} {
			if strings.Contains(line, secret) {
				t.Errorf("line %q reveals %q", line, secret)
			}
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	s := startServer(t, nil)
	const workers, each = 8, 10
	var wg sync.WaitGroup
	ids := make(chan string, workers*each)
	for range workers {
		wg.Go(func() {
			token := fetchToken(t, s)
			for range each {
				a := send(t, s, token, sendEnvelope())
				if a.status != http.StatusCreated {
					t.Errorf("concurrent send answered %d", a.status)
					return
				}
				ids <- a.body["message_id"].(string)
				s.Requests()
				s.Unfurls()
			}
		})
	}
	wg.Wait()
	close(ids)
	unique := map[string]bool{}
	for id := range ids {
		unique[id] = true
	}
	if len(unique) != workers*each || len(s.Messages()) != workers*each {
		t.Fatalf("%d unique ids and %d messages, want %d of each", len(unique), len(s.Messages()), workers*each)
	}
	if n := len(s.Requests()); n != workers*each+workers {
		t.Errorf("%d requests recorded, want %d", n, workers*each+workers)
	}
}

func TestRequestLogIsBounded(t *testing.T) {
	s := startServer(t, nil)
	for range maxRecordedRequests + 5 {
		s.Handler.mu.Lock()
		s.Handler.record(&http.Request{Method: "GET", URL: mustParseURL(t, "/x")}, nil, 404, false)
		s.Handler.mu.Unlock()
	}
	fetchToken(t, s)
	reqs := s.Requests()
	if len(reqs) != maxRecordedRequests || reqs[len(reqs)-1].Path != "/oauth/token" {
		t.Fatalf("%d requests kept, last %q; want the most recent %d", len(reqs), reqs[len(reqs)-1].Path, maxRecordedRequests)
	}
}

// captureLog collects the simulator's log lines; the function it returns is a
// copy of those logged so far.
func captureLog(s *Server) func() []string {
	var mu sync.Mutex
	var lines []string
	s.SetLogf(func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, sprintf(format, args...))
	})
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(lines)
	}
}
