package history

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

var seedRecipients = []string{"alpha@conference.xmpp.zoom.us", "beta@conference.xmpp.zoom.us", "ada@xmpp.zoom.us"}

var seedStatuses = []Status{StatusSent, StatusSent, StatusEdited, StatusDeleted, StatusOutcomeUnknown}

// seed writes 30 messages m00…m29, one a minute, cycling recipients and
// statuses; even ones mention a Quarterly Report, odd ones the lunch menu.
func seed(t testing.TB, s *Store) []Message {
	var all []Message
	for i := range 30 {
		topic := "lunch menu"
		if i%2 == 0 {
			topic = "Quarterly Report"
		}
		m := message(fmt.Sprintf("m%02d", i), seedRecipients[i%3], minute(i), fmt.Sprintf("Note %d", i), "About the "+topic)
		m.Status = seedStatuses[i%5]
		all = append(all, m)
	}
	mustPut(t, s, all...)
	return all
}

// expect is the oracle: the seeded ids matching keep, newest first.
func expect(all []Message, keep func(Message) bool) []string {
	var out []string
	for _, m := range slices.Backward(all) {
		if keep(m) {
			out = append(out, m.ID)
		}
	}
	return out
}

func TestListFilters(t *testing.T) {
	s, _ := openTemp(t)
	all := seed(t, s)
	tests := []struct {
		name string
		q    Query
		keep func(Message) bool
	}{
		{"everything", Query{Limit: 100}, func(Message) bool { return true }},
		{"by recipient", Query{Limit: 100, To: seedRecipients[1]}, func(m Message) bool { return m.ToJID == seedRecipients[1] }},
		{"by status", Query{Limit: 100, Status: StatusDeleted}, func(m Message) bool { return m.Status == StatusDeleted }},
		{"since inclusive", Query{Limit: 100, Since: minute(25)}, func(m Message) bool { return !m.SentAt.Before(minute(25)) }},
		{"until exclusive", Query{Limit: 100, Until: minute(4)}, func(m Message) bool { return m.SentAt.Before(minute(4)) }},
		{"date range", Query{Limit: 100, Since: minute(10), Until: minute(20)}, func(m Message) bool {
			return !m.SentAt.Before(minute(10)) && m.SentAt.Before(minute(20))
		}},
		{"text, any case", Query{Limit: 100, Text: "quarterly REPORT"}, func(m Message) bool { return m.ID[2]%2 == 0 }},
		{"text in the head", Query{Limit: 100, Text: "note 17"}, func(m Message) bool { return m.ID == "m17" }},
		{"element type names are not text", Query{Limit: 100, Text: "message"}, func(Message) bool { return false }},
		{"everything at once", Query{Limit: 100, To: seedRecipients[0], Status: StatusSent, Text: "lunch", Since: minute(5)}, func(m Message) bool {
			return m.ToJID == seedRecipients[0] && m.Status == StatusSent && strings.Contains(m.Live().Source, "lunch") && !m.SentAt.Before(minute(5))
		}},
		{"no match", Query{Text: "zebra"}, func(Message) bool { return false }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := s.List(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			want := expect(all, tt.keep)
			if got := ids(page.Messages); !slices.Equal(got, want) {
				t.Errorf("List(%+v)\n got %v\nwant %v", tt.q, got, want)
			}
			if page.Next != "" {
				t.Errorf("Next = %q on a complete result", page.Next)
			}
		})
	}
}

func TestListPagesWithCursor(t *testing.T) {
	s, _ := openTemp(t)
	all := seed(t, s)
	tests := []struct {
		name  string
		q     Query
		keep  func(Message) bool
		pages int
	}{
		{"everything by 7", Query{Limit: 7}, func(Message) bool { return true }, 5},
		{"exact multiple has no empty last page", Query{Limit: 10}, func(Message) bool { return true }, 3},
		{"text by 4", Query{Limit: 4, Text: "report"}, func(m Message) bool { return m.ID[2]%2 == 0 }, 4},
		{"recipient and range by 2", Query{Limit: 2, To: seedRecipients[2], Until: minute(20)}, func(m Message) bool {
			return m.ToJID == seedRecipients[2] && m.SentAt.Before(minute(20))
		}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			q, pages := tt.q, 0
			for {
				page, err := s.List(q)
				if err != nil {
					t.Fatal(err)
				}
				pages++
				if len(page.Messages) > tt.q.Limit || len(page.Messages) == 0 {
					t.Fatalf("page %d has %d messages (limit %d)", pages, len(page.Messages), tt.q.Limit)
				}
				got = append(got, ids(page.Messages)...)
				if page.Next == "" {
					break
				}
				q.Cursor = page.Next
			}
			if want := expect(all, tt.keep); !reflect.DeepEqual(got, want) {
				t.Errorf("paged\n got %v\nwant %v", got, want)
			}
			if pages != tt.pages {
				t.Errorf("%d pages, want %d", pages, tt.pages)
			}
		})
	}
}

func TestListDefaultLimit(t *testing.T) {
	s, _ := openTemp(t)
	for i := range DefaultLimit + 5 {
		mustPut(t, s, message(fmt.Sprintf("m%03d", i), "a@x", minute(i), "h", "b"))
	}
	page, err := s.List(Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Messages) != DefaultLimit || page.Next == "" {
		t.Errorf("got %d messages and Next %q, want %d and a cursor", len(page.Messages), page.Next, DefaultLimit)
	}
}

// Messages sent in the same instant come out in a stable order (id
// descending) and paging never repeats or drops one.
func TestListSameInstantTieBreak(t *testing.T) {
	s, _ := openTemp(t)
	for _, id := range []string{"b", "a", "c"} {
		mustPut(t, s, message(id, "a@x", base, "h", "b"))
	}
	var got []string
	q := Query{Limit: 1}
	for {
		page, err := s.List(q)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ids(page.Messages)...)
		if q.Cursor = page.Next; q.Cursor == "" {
			break
		}
	}
	if want := []string{"c", "b", "a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestListTimesBefore1970AndFarFuture(t *testing.T) {
	s, _ := openTemp(t)
	mustPut(t, s,
		message("old", "a@x", time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC), "h", "b"),
		message("now", "a@x", base, "h", "b"),
		message("far", "a@x", time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), "h", "b"),
	)
	page, err := s.List(Query{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(page.Messages), []string{"far", "now", "old"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestListRejectsForeignCursor(t *testing.T) {
	s, _ := openTemp(t)
	for _, cursor := range []string{"not base64!", "AAAA"} {
		if _, err := s.List(Query{Cursor: cursor}); err == nil || !strings.Contains(err.Error(), "first page") {
			t.Errorf("List(cursor %q) = %v, want a sentence telling to start again", cursor, err)
		}
	}
}
