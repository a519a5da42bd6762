package history

import (
	"errors"
	"fmt"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func testEvent(name string, ts int64, payload string, at int) Event {
	raw := fmt.Sprintf(`{"event":%q,"event_ts":%d,"payload":%s}`, name, ts, payload)
	return Event{Name: name, TS: ts, Raw: []byte(raw), ReceivedAt: minute(at), Source: "websocket"}
}

func TestPutEventKeepsADuplicateOnce(t *testing.T) {
	s, path := openTemp(t)
	e := testEvent("bot_notification", 1, `{"cmd":"hi"}`, 0)
	if stored, err := s.PutEvent(e); err != nil || !stored {
		t.Fatalf("first put: stored %v, %v", stored, err)
	}
	again := e
	again.ReceivedAt, again.Source = minute(1), "webhook"
	again.Raw = []byte(`{"payload": {"cmd": "hi"}, "event": "bot_notification", "event_ts": 1}`) // re-encoded
	if stored, err := s.PutEvent(again); err != nil || stored {
		t.Fatalf("duplicate put: stored %v, %v", stored, err)
	}
	other := testEvent("bot_notification", 2, `{"cmd":"hi"}`, 2) // same payload, later event_ts
	if stored, _ := s.PutEvent(other); !stored {
		t.Fatal("an event with another event_ts was taken for a duplicate")
	}
	// Reopen: the events and the duplicate check survive.
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if stored, _ := s2.PutEvent(e); stored {
		t.Error("duplicate stored after reopening")
	}
	var got []Event
	if err := s2.EachEvent(func(e Event) error { got = append(got, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].TS != 1 || got[1].TS != 2 || string(got[0].Raw) != string(e.Raw) || got[0].Source != "websocket" {
		t.Errorf("events = %+v", got)
	}
}

func TestEventsAreBoundedOldestFirst(t *testing.T) {
	defer func(old uint64) { eventLimit = old }(eventLimit)
	eventLimit = 5
	s, _ := openTemp(t)
	for i := range 8 {
		e := testEvent("interactive_message_actions", int64(i), fmt.Sprintf(`{"messageId":"m%d"}`, i%2), i)
		e.MessageID = fmt.Sprintf("m%d", i%2)
		if _, err := s.PutEvent(e); err != nil {
			t.Fatal(err)
		}
	}
	recent, err := s.RecentEvents(100)
	if err != nil || len(recent) != 5 || recent[0].TS != 7 || recent[4].TS != 3 {
		t.Fatalf("recent = %+v, %v", recent, err)
	}
	// The dropped events' identities went with them: the oldest can be kept again.
	if stored, _ := s.PutEvent(testEvent("interactive_message_actions", 0, `{"messageId":"m0"}`, 9)); !stored {
		t.Error("a dropped event still counts as kept")
	}
	m1, err := s.Interactions("m1")
	if err != nil || len(m1) != 2 || m1[0].TS != 5 || m1[1].TS != 7 {
		t.Errorf("interactions of m1 = %+v, %v (want ts 5 and 7: 1 and 3 were dropped)", m1, err)
	}
}

func TestInteractionsIndexOnlyCardAnswers(t *testing.T) {
	s, _ := openTemp(t)
	click := testEvent("interactive_message_actions", 1, `{"messageId":"abc","actionItem":{"text":"Yes"}}`, 0)
	click.MessageID, click.Who, click.What = "abc", "Alice", "clicked Yes"
	link := testEvent("team_chat.link_shared", 2, `{"object":{"message_id":"abc"}}`, 1)
	link.MessageID = "abc"
	prefix := testEvent("interactive_message_select", 3, `{"messageId":"abcd"}`, 2)
	prefix.MessageID = "abcd"
	for _, e := range []Event{click, link, prefix} {
		if _, err := s.PutEvent(e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Interactions("abc")
	if err != nil || len(got) != 1 || got[0].Who != "Alice" || got[0].What != "clicked Yes" {
		t.Errorf("Interactions(abc) = %+v, %v", got, err)
	}
	if _, err := s.PutEvent(Event{Name: "x", Raw: []byte(`{"event":`)}); err == nil {
		t.Error("invalid JSON was kept")
	}
	stop := errors.New("stop")
	n := 0
	if err := s.EachEvent(func(Event) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("EachEvent did not stop: %v after %d", err, n)
	}
}

func TestNoEventsInAFreshHistory(t *testing.T) {
	s, _ := openTemp(t)
	if got, err := s.RecentEvents(0); err != nil || len(got) != 0 {
		t.Errorf("RecentEvents = %v, %v", got, err)
	}
	if got, err := s.Interactions("m"); err != nil || len(got) != 0 {
		t.Errorf("Interactions = %v, %v", got, err)
	}
}

func TestAnUnreadableEventCountIsRecounted(t *testing.T) {
	defer func(old uint64) { eventLimit = old }(eventLimit)
	eventLimit = 3
	s, _ := openTemp(t)
	for i := range 3 {
		if _, err := s.PutEvent(testEvent("bot_notification", int64(i), `{}`, i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketEventCount).Put(keyEventCount, []byte("x")) }); err != nil {
		t.Fatal(err)
	}
	for i := 3; i < 5; i++ {
		if _, err := s.PutEvent(testEvent("bot_notification", int64(i), `{}`, i)); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := s.RecentEvents(10); len(got) != 3 || got[0].TS != 4 {
		t.Errorf("kept %d events after a bad count, want the newest 3: %+v", len(got), got)
	}
}
