package history

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/compose"
)

func TestPutMessageThenGetReturnsEveryField(t *testing.T) {
	s, _ := openTemp(t)
	want := message("m1", "chan@conference.xmpp.zoom.us", minute(3), "Release", "v2 is out")
	want.ReplyTo = "parent-1"
	want.VisibleToUser = "ada@xmpp.zoom.us"
	want.Markdown = true
	want.Revisions[0].Markdown = true
	mustPut(t, s, want)
	got, err := s.Get("m1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Get returned\n%+v\nwant\n%+v", got, want)
	}
}

func TestPutMessageFillsDefaults(t *testing.T) {
	s, _ := openTemp(t)
	before := time.Now()
	mustPut(t, s, Message{ID: "m1", ToJID: "a@x", Revisions: []Revision{{Content: json.RawMessage(`{"head":{"text":"x"}}`)}}})
	got, err := s.Get("m1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != StatusSent {
		t.Errorf("Status = %q, want sent", got.Status)
	}
	if got.SentAt.Before(before) || got.Revisions[0].At != got.SentAt {
		t.Errorf("SentAt %v / revision At %v: want now and equal", got.SentAt, got.Revisions[0].At)
	}
}

func TestPutMessageRejectsBadRecords(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Message)
		want string
	}{
		{"no id", func(m *Message) { m.ID = "" }, "needs an ID"},
		{"unknown status", func(m *Message) { m.Status = "lost" }, `status "lost"`},
		{"content not JSON", func(m *Message) { m.Revisions[0].Content = json.RawMessage(`{"head":`) }, "not valid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTemp(t)
			m := message("m1", "a@x", minute(1), "h", "b")
			tt.edit(&m)
			err := s.PutMessage(m)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("PutMessage = %v, want an error containing %q", err, tt.want)
			}
			if page, _ := s.List(Query{}); len(page.Messages) != 0 {
				t.Errorf("a rejected message was written: %v", ids(page.Messages))
			}
		})
	}
}

func TestPutMessageReplacesAndMovesInTime(t *testing.T) {
	s, _ := openTemp(t)
	mustPut(t, s,
		message("m1", "a@x", minute(1), "first", "old text"),
		message("m2", "a@x", minute(2), "second", "b"),
	)
	mustPut(t, s, message("m1", "b@x", minute(3), "first", "new text"))
	page, err := s.List(Query{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(page.Messages), []string{"m1", "m2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("List = %v, want %v (m1 once, now newest)", got, want)
	}
	if page, _ := s.List(Query{Text: "old text"}); len(page.Messages) != 0 {
		t.Errorf("search still finds the replaced text in %v", ids(page.Messages))
	}
	if page, _ := s.List(Query{To: "a@x"}); !reflect.DeepEqual(ids(page.Messages), []string{"m2"}) {
		t.Errorf("To filter uses the old recipient: %v", ids(page.Messages))
	}
}

// applyEdit records an edit of message id and Zoom's answer to it, as ops does.
func applyEdit(t testing.TB, s *Store, id string, rev Revision) Message {
	t.Helper()
	if _, err := s.BeginChange(id, OpEdit, &rev, rev.At); err != nil {
		t.Fatal(err)
	}
	m, err := s.Applied(id, Answer{At: rev.At})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// applyDelete records a delete of message id and Zoom's answer to it, as ops does.
func applyDelete(t testing.TB, s *Store, id string, at time.Time) Message {
	t.Helper()
	if _, err := s.BeginChange(id, OpDelete, nil, at); err != nil {
		t.Fatal(err)
	}
	m, err := s.Applied(id, Answer{At: at})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestAppliedEditKeepsHistoryAndUpdatesSearch(t *testing.T) {
	s, _ := openTemp(t)
	mustPut(t, s, message("m1", "a@x", minute(1), "Launch", "on Tuesday"))
	got := applyEdit(t, s, "m1", Revision{Content: card("Launch", "on Wednesday"), Source: "fixed day", At: minute(5)})
	if got.Status != StatusEdited || len(got.Revisions) != 2 || got.Live().Source != "fixed day" {
		t.Errorf("after the edit: status %q, %d revisions, live source %q", got.Status, len(got.Revisions), got.Live().Source)
	}
	stored, _ := s.Get("m1")
	if !reflect.DeepEqual(stored, got) {
		t.Errorf("Get differs from what Applied returned")
	}
	tests := map[string]int{"wednesday": 1, "tuesday": 0}
	for text, want := range tests {
		if page, _ := s.List(Query{Text: text}); len(page.Messages) != want {
			t.Errorf("search %q found %d, want %d (search follows the live revision)", text, len(page.Messages), want)
		}
	}
}

func TestBeginChangeRefusals(t *testing.T) {
	s, _ := openTemp(t)
	mustPut(t, s, message("m1", "a@x", minute(1), "h", "b"), message("m2", "a@x", minute(1), "h", "b"))
	applyDelete(t, s, "m1", minute(2))
	tests := []struct {
		name, id string
		content  json.RawMessage
		want     string
	}{
		{"deleted message", "m1", card("h", "b"), "was deleted on"},
		{"content not JSON", "m2", json.RawMessage("nope"), "not valid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rev := Revision{Content: tt.content}
			if _, err := s.BeginChange(tt.id, OpEdit, &rev, minute(3)); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("BeginChange = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestAppliedDeleteKeepsContent(t *testing.T) {
	s, _ := openTemp(t)
	orig := message("m1", "a@x", minute(1), "Oops", "wrong channel")
	mustPut(t, s, orig)
	got := applyDelete(t, s, "m1", minute(9))
	if got.Status != StatusDeleted || !got.DeletedAt.Equal(minute(9)) {
		t.Errorf("status %q deleted at %v", got.Status, got.DeletedAt)
	}
	if !reflect.DeepEqual(got.Revisions, orig.Revisions) {
		t.Error("the delete changed the revisions")
	}
	if page, _ := s.List(Query{Status: StatusDeleted, Text: "wrong channel"}); len(page.Messages) != 1 {
		t.Error("a deleted message is no longer findable by its text and status")
	}
}

func TestGetUnknownIsNotFound(t *testing.T) {
	s, _ := openTemp(t)
	_, err := s.Get("missing")
	if !errors.Is(err, ErrNotFound) || err.Error() != `there is no message "missing" in the history` {
		t.Errorf("Get(missing) = %v", err)
	}
}

func TestNewLocalIDIsUnique(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := NewLocalID()
		if seen[id] || !strings.HasPrefix(id, "local-") {
			t.Fatalf("NewLocalID gave %q (duplicate or wrong prefix)", id)
		}
		seen[id] = true
	}
}

// Writers and readers may share one Store from many goroutines (the UI saves
// drafts while a send records its message); -race checks the claim.
func TestStoreIsSafeForConcurrentUse(t *testing.T) {
	s, _ := openTemp(t)
	done := make(chan error)
	for w := range 4 {
		go func() {
			var err error
			for i := range 5 {
				err = errors.Join(err, s.PutMessage(message(fmt.Sprintf("w%d-%d", w, i), "a@x", minute(i), "h", "b")))
				_, lerr := s.List(Query{Text: "b"})
				err = errors.Join(err, lerr, s.SaveDraft(Draft{Name: "current", Source: fmt.Sprint(i)}))
			}
			done <- err
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	if page, _ := s.List(Query{Limit: 100}); len(page.Messages) != 20 {
		t.Errorf("after concurrent writes List has %d messages, want 20", len(page.Messages))
	}
}

// Each revision records its own is_markdown_support; Message.Markdown is the
// first send's, and speaks for revision 0 of a record written before
// revisions kept the flag.
func TestLiveMarkdown(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    Message
		want bool
	}{
		{"no revisions: the send's flag", Message{Markdown: true}, true},
		{"one revision, flag only on the message", Message{Markdown: true, Revisions: []Revision{{}}}, true},
		{"edited with markdown off", Message{Markdown: true, Revisions: []Revision{{Markdown: true}, {}}}, false},
		{"edited with markdown on", Message{Revisions: []Revision{{}, {Markdown: true}}}, true},
	} {
		if got := tc.m.LiveMarkdown(); got != tc.want {
			t.Errorf("%s: LiveMarkdown() = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// An edit keeps the mode the admin chose, and a flag the card chose (auto
// mode) stays the card's to choose.
func TestLiveMarkdownMode(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    Message
		want compose.MarkdownMode
	}{
		{"sent with markdown off by choice", Message{Revisions: []Revision{{}}}, compose.MarkdownOff},
		{"sent with markdown on by choice", Message{Revisions: []Revision{{Markdown: true}}}, compose.MarkdownOn},
		{"a plain card in auto mode", Message{Revisions: []Revision{{MarkdownAuto: true}}}, compose.MarkdownAuto},
		{"a bold card in auto mode", Message{Revisions: []Revision{{Markdown: true, MarkdownAuto: true}}}, compose.MarkdownAuto},
		{"auto, then edited with markdown off by choice", Message{Revisions: []Revision{{MarkdownAuto: true}, {}}}, compose.MarkdownOff},
		{"a record from before the mode was kept", Message{Markdown: true}, compose.MarkdownOn},
	} {
		if got := tc.m.LiveMarkdownMode(); got != tc.want {
			t.Errorf("%s: LiveMarkdownMode() = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// A card built in auto mode keeps that in its revision, and back.
func TestRevisionKeepsTheCardsMode(t *testing.T) {
	card, _, diags := compose.Build("Deploy done.\n")
	if compose.HasErrors(diags) || !card.Auto || card.Markdown {
		t.Fatalf("Build of a plain card = %+v, %v", card, diags)
	}
	rev := RevisionOf(card, time.Now())
	if !rev.MarkdownAuto || !rev.Card().Auto || (Message{Revisions: []Revision{rev}}).LiveMarkdownMode() != compose.MarkdownAuto {
		t.Errorf("revision %+v lost the card's auto mode", rev)
	}
	chosen, _ := card.WithMarkdown(false)
	if off := RevisionOf(chosen, time.Now()); off.MarkdownAuto || (Message{Revisions: []Revision{off}}).LiveMarkdownMode() != compose.MarkdownOff {
		t.Errorf("a card turned off by the admin counts as auto: %+v", chosen)
	}
}
