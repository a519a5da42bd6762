package ops

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// setup returns Ops wired to a fresh simulator and a history file in a temp dir.
func setup(t *testing.T) (*Ops, *zoomtest.Server) {
	t.Helper()
	srv := zoomtest.NewServer()
	t.Cleanup(srv.Close)
	return &Ops{Client: newClient(t, srv, nil), Store: openStore(t, filepath.Join(t.TempDir(), "history.db")), Profile: "test"}, srv
}

// simulatorConfig is the client configuration for the simulator at url
// (srv.URL): the sandbox identities, one try per request.
func simulatorConfig(url string) zoom.Config {
	return zoom.Config{
		ClientID: zoomtest.ClientID, ClientSecret: zoomtest.ClientSecret, AccountID: zoomtest.AccountID,
		RobotJID: zoomtest.RobotJID, UserJID: zoomtest.UserJID, APIURL: url + "/v2", TokenURL: url + "/oauth/token",
		MaxAttempts: 1,
	}
}

// newClient returns a client of srv; edit, when not nil, changes its config.
func newClient(t testing.TB, srv *zoomtest.Server, edit func(*zoom.Config)) *zoom.Client {
	t.Helper()
	cfg := simulatorConfig(srv.URL)
	if edit != nil {
		edit(&cfg)
	}
	client, err := zoom.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// openStore opens the history at path, closed at test end (closing twice is
// harmless, so a test may close it earlier).
func openStore(t testing.TB, path string) *history.Store {
	t.Helper()
	store, err := history.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// card is a one-line card whose head and source carry text.
func card(text string) compose.Card {
	content, _ := json.Marshal(map[string]any{"head": map[string]string{"text": text}})
	return compose.Card{Source: "---\nhead: " + text + "\n---\n", Content: content}
}

// headText is the head text of a card's content, as card writes it.
func headText(content json.RawMessage) string {
	var c struct {
		Head struct {
			Text string `json:"text"`
		} `json:"head"`
	}
	_ = json.Unmarshal(content, &c)
	return c.Head.Text
}

// apiCalls counts the API requests (token requests not included) the
// simulator received with method on a path starting with prefix.
func apiCalls(srv *zoomtest.Server, method, prefix string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && strings.HasPrefix(r.Path, "/v2"+prefix) {
			n++
		}
	}
	return n
}

// posts counts the sends the simulator received, answered or not.
func posts(srv *zoomtest.Server) int { return apiCalls(srv, "POST", "/im/chat/messages") }

// allAPICalls counts every API request the simulator received.
func allAPICalls(srv *zoomtest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/v2/") {
			n++
		}
	}
	return n
}

// waitFor polls cond every few milliseconds for up to five seconds.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(2 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
	}
}

// outbox returns the outbox, failing the test when it cannot be read.
func outbox(t testing.TB, o *Ops) []history.OutboxEntry {
	t.Helper()
	entries, err := o.Store.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// onlyEntry returns the one outbox entry, which must be record id's.
func onlyEntry(t testing.TB, o *Ops, id string) history.OutboxEntry {
	t.Helper()
	entries := outbox(t, o)
	if len(entries) != 1 || entries[0].ID != id {
		t.Fatalf("want %s alone in the outbox, got %+v", id, entries)
	}
	return entries[0]
}

// listed returns the ids of the messages List finds for q.
func listed(t testing.TB, o *Ops, q history.Query) []string {
	t.Helper()
	page, err := o.Store.List(q)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range page.Messages {
		ids = append(ids, m.ID)
	}
	return ids
}

// get returns record id, failing the test when it cannot be read.
func get(t testing.TB, o *Ops, id string) history.Message {
	t.Helper()
	m, err := o.Store.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// unknownID returns the record id an *UnknownError names, failing the test
// on any other error.
func unknownID(t testing.TB, err error) string {
	t.Helper()
	var unknown *UnknownError
	if !errors.As(err, &unknown) || !errors.Is(err, zoom.ErrOutcomeUnknown) || unknown.RecordID == "" {
		t.Fatalf("want an *UnknownError wrapping zoom.ErrOutcomeUnknown, got %T %v", err, err)
	}
	return unknown.RecordID
}

// result is what an operation run on another goroutine returned.
type result[T any] struct {
	v   T
	err error
}

// async runs op on its own goroutine; receive its result from the channel.
func async[T any](op func() (T, error)) <-chan result[T] {
	ch := make(chan result[T], 1)
	go func() {
		v, err := op()
		ch <- result[T]{v, err}
	}()
	return ch
}
