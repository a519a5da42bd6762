package history

import (
	"encoding/json"
	"strings"
	"testing"
)

// The tries of each attempt add up on the operation, the outbox entry shows
// the sum, and the answer that settles it keeps the total on the message,
// all in the transactions that settle it.
func TestTriesAddUpOverAttemptsAndStayOnTheMessage(t *testing.T) {
	s, _ := openTemp(t)
	m := beginSend(t, s, newSend("c@x", "head", "body"), minute(1))
	if _, err := s.NotApplied(m.ID, "rate limited", true, Tries{Requests: 3, RateLimited: 3}); err != nil {
		t.Fatal(err)
	}
	entries, err := s.Outbox()
	if err != nil || len(entries) != 1 {
		t.Fatalf("outbox %+v, %v", entries, err)
	}
	if want := (Tries{Requests: 3, RateLimited: 3}); entries[0].Tries != want || entries[0].Attempts != 1 {
		t.Fatalf("outbox entry counts %d attempts, %+v; want 1 attempt, %+v", entries[0].Attempts, entries[0].Tries, want)
	}
	if _, err := s.BeginRetry(m.ID, nil, minute(2)); err != nil {
		t.Fatal(err)
	}
	sent, err := s.Applied(m.ID, Answer{MessageID: "zoom-1", Tries: Tries{Requests: 2, RateLimited: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Tries{Requests: 5, RateLimited: 4}); sent.LastTries != want || mustGet(t, s, "zoom-1").LastTries != want {
		t.Fatalf("sent record keeps %+v, want %+v", sent.LastTries, want)
	}
	data, _ := json.Marshal(sent)
	if !strings.Contains(string(data), `"last_tries":{"requests":5,"rate_limited":4}`) {
		t.Fatalf("the record's JSON does not carry its tries: %s", data)
	}
}

// An unfurl counts its tries the same way.
func TestUnfurlTriesAddUp(t *testing.T) {
	s, _ := openTemp(t)
	u, err := s.BeginUnfurl(Unfurl{UserID: "u", TriggerID: "t", Content: []byte(`{}`)}, minute(1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SettleUnfurl(u.ID, OpFailed, "503", false, Tries{Requests: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SettleUnfurl(u.ID, OpInFlight, "", false, Tries{}); err != nil {
		t.Fatal(err)
	}
	done, err := s.SettleUnfurl(u.ID, "", "", false, Tries{Requests: 3, RateLimited: 2})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Tries{Requests: 4, RateLimited: 2}); done.LastTries != want {
		t.Fatalf("posted unfurl keeps %+v, want %+v", done.LastTries, want)
	}
}

// InFlight counts what is on its way to Zoom, and nothing once it settled.
func TestInFlightCountsUnansweredOperations(t *testing.T) {
	s, _ := openTemp(t)
	m := beginSend(t, s, newSend("c@x", "head", "body"), minute(1))
	if _, err := s.BeginUnfurl(Unfurl{UserID: "u", TriggerID: "t", Content: []byte(`{}`)}, minute(1)); err != nil {
		t.Fatal(err)
	}
	got, err := s.InFlight()
	if err != nil || got[OpSend] != 1 || got[OpUnfurl] != 1 || len(got) != 2 {
		t.Fatalf("InFlight = %v, %v; want one send and one unfurl", got, err)
	}
	if _, err := s.Applied(m.ID, Answer{MessageID: "zoom-1"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.InFlight(); got[OpSend] != 0 {
		t.Fatalf("a settled send is still counted in flight: %v", got)
	}
}
