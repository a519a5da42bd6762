package history

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/zoompose/zoompose/compose"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// newSend is a message as the send form hands it to BeginSend.
func newSend(to, head, body string) Message {
	return Message{
		Profile: "default", ToJID: to,
		Revisions: []Revision{{Content: card(head, body), Source: "# " + head + "\n\n" + body}},
	}
}

// beginSend records the intent to send m at at.
func beginSend(t testing.TB, s *Store, m Message, at time.Time) Message {
	t.Helper()
	m, err := s.BeginSend(m, at)
	if err != nil {
		t.Fatalf("BeginSend: %v", err)
	}
	return m
}

// beginChange records the intent to edit (with a new card) or delete id.
func beginChange(t testing.TB, s *Store, id string, kind OpKind, at time.Time) Message {
	t.Helper()
	var rev *Revision
	if kind == OpEdit {
		rev = &Revision{Content: card("edited", id), Source: "# edited\n\n" + id}
	}
	m, err := s.BeginChange(id, kind, rev, at)
	if err != nil {
		t.Fatalf("BeginChange(%s, %s): %v", id, kind, err)
	}
	return m
}

func mustGet(t testing.TB, s *Store, id string) Message {
	t.Helper()
	m, err := s.Get(id)
	if err != nil {
		t.Fatalf("Get(%s): %v", id, err)
	}
	return m
}

// opState is the state of m's unsettled operation, "" when it is settled.
func opState(m Message) OpState {
	if m.Op == nil {
		return ""
	}
	return m.Op.State
}

// rawHas reports whether key is in bucket, read under the Store's own
// handle (no alias is followed).
func rawHas(t testing.TB, s *Store, bucket []byte, key string) bool {
	t.Helper()
	var found bool
	_ = s.view(func(tx *bolt.Tx) error {
		found = tx.Bucket(bucket).Get([]byte(key)) != nil
		return nil
	})
	return found
}

func TestBeginSendRecordsTheIntent(t *testing.T) {
	s, _ := openTemp(t)
	m := beginSend(t, s, newSend("a@x", "Hello", "world"), minute(1))
	if !strings.HasPrefix(m.ID, "local-") || m.Status != StatusSending || !m.SentAt.Equal(minute(1)) {
		t.Errorf("BeginSend = %+v, want a local id, status sending, SentAt at", m)
	}
	wantOp := &Operation{Kind: OpSend, State: OpInFlight, At: minute(1), Attempts: 1, Tries: &Tries{}}
	if !reflect.DeepEqual(m.Op, wantOp) || !m.Revisions[0].At.Equal(minute(1)) {
		t.Errorf("BeginSend op = %+v, revision at %v; want %+v", m.Op, m.Revisions[0].At, wantOp)
	}
	if got := mustGet(t, s, m.ID); !reflect.DeepEqual(got, m) {
		t.Errorf("Get = %+v, want what BeginSend returned %+v", got, m)
	}
	if page, _ := s.List(Query{Status: StatusSending}); !reflect.DeepEqual(ids(page.Messages), []string{m.ID}) {
		t.Errorf("List(sending) = %v, want the intent", ids(page.Messages))
	}
	if out, _ := s.Outbox(); len(out) != 0 {
		t.Errorf("Outbox() = %+v, want nothing: an operation in flight needs no action yet", out)
	}
	if r, _ := s.Recipients(); len(r) != 0 {
		t.Errorf("Recipients() = %+v, want none until Zoom applies the send", r)
	}
}

// Each way a send settles, and what it leaves.
func TestSendSettles(t *testing.T) {
	tests := []struct {
		name    string
		settle  func(s *Store, id string) (Message, error)
		id      string // the record's id afterwards: "local" for the local id, "" when it is gone
		status  Status
		state   OpState
		err     string
		outbox  bool
		unknown bool // List(Status: outcome-unknown) finds it
	}{
		{"applied", func(s *Store, id string) (Message, error) {
			return s.Applied(id, Answer{MessageID: "zoom-1", RobotJID: "bot@x", UserJID: "admin@x", SentTime: "2026-03-14T09:01:02Z", At: minute(2)})
		}, "zoom-1", StatusSent, "", "", false, false},
		{"not applied, kept", func(s *Store, id string) (Message, error) {
			return s.NotApplied(id, "Zoom answered 503", true, Tries{})
		},
			"local", StatusFailed, OpFailed, "Zoom answered 503", true, false},
		{"not applied, forgotten", func(s *Store, id string) (Message, error) {
			return s.NotApplied(id, "Zoom answered 400", false, Tries{})
		},
			"", "", "", "", false, false},
		{"unknown", func(s *Store, id string) (Message, error) { return s.Unknown(id, "the connection dropped", Tries{}) },
			"local", StatusOutcomeUnknown, OpUnknown, "the connection dropped", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTemp(t)
			intent := beginSend(t, s, newSend("a@x", "Hello", "world"), minute(1))
			if _, err := tt.settle(s, intent.ID); err != nil {
				t.Fatal(err)
			}
			page, _ := s.List(Query{})
			got, err := s.Get(intent.ID)
			if tt.id == "" {
				if !errors.Is(err, ErrNotFound) || len(page.Messages) != 0 {
					t.Errorf("after a forgotten send: Get = %v, List = %v; want it gone", err, ids(page.Messages))
				}
				return
			}
			want := map[string]string{"local": intent.ID}[tt.id]
			if want == "" {
				want = tt.id
			}
			if err != nil || got.ID != want || got.Status != tt.status || opState(got) != tt.state {
				t.Fatalf("Get(local id) = %+v, %v; want id %s, status %s, op %q", got, err, want, tt.status, tt.state)
			}
			if got.Op != nil && got.Op.Err != tt.err {
				t.Errorf("op error = %q, want %q", got.Op.Err, tt.err)
			}
			if !reflect.DeepEqual(ids(page.Messages), []string{want}) {
				t.Errorf("List = %v, want one record, %s", ids(page.Messages), want)
			}
			out, _ := s.Outbox()
			if inOutbox := len(out) == 1 && out[0].ID == want && out[0].Target == "a@x"; inOutbox != tt.outbox {
				t.Errorf("Outbox() = %+v, want it listed: %v", out, tt.outbox)
			}
			unknown, _ := s.List(Query{Status: StatusOutcomeUnknown})
			if found := len(unknown.Messages) == 1; found != tt.unknown {
				t.Errorf("List(outcome-unknown) = %v, want it found: %v", ids(unknown.Messages), tt.unknown)
			}
		})
	}
}

// Applied moves a send to Zoom's id in one transaction: the local id
// becomes an alias, nothing is left under it, and the recipient counts one
// use.
func TestAppliedSendMovesToZoomID(t *testing.T) {
	s, _ := openTemp(t)
	intent := beginSend(t, s, newSend("a@x", "Hello", "world"), minute(1))
	before := s.writes.Load()
	m, err := s.Applied(intent.ID, Answer{MessageID: "zoom-1", RobotJID: "bot@x", ToJID: "a@x", UserJID: "admin@x", SentTime: "1773478860000", At: minute(2)})
	if err != nil {
		t.Fatal(err)
	}
	if n := s.writes.Load() - before; n != 1 {
		t.Errorf("Applied took %d write transactions, want 1 (record, alias and recipient together)", n)
	}
	want := intent
	want.ID, want.Status, want.Op = "zoom-1", StatusSent, nil
	want.RobotJID, want.UserJID, want.ZoomSentTime = "bot@x", "admin@x", "1773478860000"
	if !reflect.DeepEqual(m, want) {
		t.Errorf("Applied =\n%+v\nwant\n%+v", m, want)
	}
	for _, id := range []string{intent.ID, "zoom-1"} {
		if got := mustGet(t, s, id); !reflect.DeepEqual(got, want) {
			t.Errorf("Get(%s) = %+v, want the record under Zoom's id", id, got)
		}
	}
	if rawHas(t, s, bucketMessages, intent.ID) || rawHas(t, s, bucketPending, intent.ID) || rawHas(t, s, bucketPending, "zoom-1") {
		t.Error("the local record or a pending entry is left behind")
	}
	if alias := rawHas(t, s, bucketAliases, intent.ID); !alias {
		t.Error("no alias from the local id")
	}
	recipients, _ := s.Recipients()
	if wantR := []Recipient{{JID: "a@x", LastUsed: minute(2), Uses: 1}}; !reflect.DeepEqual(recipients, wantR) {
		t.Errorf("Recipients() = %+v, want %+v", recipients, wantR)
	}
	if page, _ := s.List(Query{Text: "world"}); !reflect.DeepEqual(ids(page.Messages), []string{"zoom-1"}) {
		t.Errorf("search = %v, want zoom-1 only (the local id's index entries gone)", ids(page.Messages))
	}
	if _, err := s.Applied(intent.ID, Answer{MessageID: "zoom-2"}); !isSettled(err, StatusSent) {
		t.Errorf("Applied twice = %v, want a SettledError", err)
	}
	if r, _ := s.Recipients(); r[0].Uses != 1 {
		t.Errorf("a refused Applied counted a use: %+v", r)
	}
}

func isSettled(err error, status Status) bool {
	var settled *SettledError
	return errors.As(err, &settled) && settled.Status == status
}

func isBusy(err error, kind OpKind, state OpState) bool {
	var busy *BusyError
	return errors.As(err, &busy) && busy.Op.Kind == kind && busy.Op.State == state
}

// Each way an edit or a delete settles, on a message zoompose sent and on
// one it did not (a placeholder record).
func TestChangeSettles(t *testing.T) {
	type outcome struct {
		status    Status // "" when the record is gone
		state     OpState
		revisions int
	}
	settles := []struct {
		name   string
		settle func(s *Store, id string) (Message, error)
	}{
		{"applied", func(s *Store, id string) (Message, error) { return s.Applied(id, Answer{At: minute(3)}) }},
		{"kept", func(s *Store, id string) (Message, error) {
			return s.NotApplied(id, "Zoom answered 503", true, Tries{})
		}},
		{"forgotten", func(s *Store, id string) (Message, error) {
			return s.NotApplied(id, "Zoom answered 404", false, Tries{})
		}},
		{"unknown", func(s *Store, id string) (Message, error) { return s.Unknown(id, "timed out", Tries{}) }},
	}
	tests := []struct {
		kind     OpKind
		foreign  bool
		inFlight Status
		want     map[string]outcome
	}{
		{OpEdit, false, StatusSent, map[string]outcome{
			"applied":   {StatusEdited, "", 2},
			"kept":      {StatusSent, OpFailed, 1},
			"forgotten": {StatusSent, "", 1},
			"unknown":   {StatusOutcomeUnknown, OpUnknown, 1},
		}},
		{OpDelete, false, StatusSent, map[string]outcome{
			"applied":   {StatusDeleted, "", 1},
			"kept":      {StatusSent, OpFailed, 1},
			"forgotten": {StatusSent, "", 1},
			"unknown":   {StatusOutcomeUnknown, OpUnknown, 1},
		}},
		{OpEdit, true, StatusOutcomeUnknown, map[string]outcome{
			"applied":   {StatusEdited, "", 1},
			"kept":      {StatusOutcomeUnknown, OpFailed, 0},
			"forgotten": {"", "", 0},
			"unknown":   {StatusOutcomeUnknown, OpUnknown, 0},
		}},
		{OpDelete, true, StatusOutcomeUnknown, map[string]outcome{
			"applied":   {StatusDeleted, "", 0},
			"kept":      {StatusOutcomeUnknown, OpFailed, 0},
			"forgotten": {"", "", 0},
			"unknown":   {StatusOutcomeUnknown, OpUnknown, 0},
		}},
	}
	for _, tt := range tests {
		for _, st := range settles {
			name := fmt.Sprintf("%s/foreign=%v/%s", tt.kind, tt.foreign, st.name)
			t.Run(name, func(t *testing.T) {
				s, _ := openTemp(t)
				id := "m1"
				if tt.foreign {
					id = "zoom-foreign"
				} else {
					mustPut(t, s, message(id, "a@x", minute(0), "Hello", "world"))
				}
				intent := beginChange(t, s, id, tt.kind, minute(2))
				wantPrior := map[bool]Status{false: StatusSent, true: ""}[tt.foreign]
				if intent.Status != tt.inFlight || intent.Op.Kind != tt.kind || intent.Op.State != OpInFlight || intent.Op.Prior != wantPrior {
					t.Fatalf("BeginChange = status %s, op %+v; want status %s, op %s in flight with prior %q", intent.Status, intent.Op, tt.inFlight, tt.kind, wantPrior)
				}
				if _, err := st.settle(s, id); err != nil {
					t.Fatal(err)
				}
				want := tt.want[st.name]
				got, err := s.Get(id)
				if want.status == "" {
					if !errors.Is(err, ErrNotFound) {
						t.Errorf("Get = %+v, %v; want the placeholder gone", got, err)
					}
					return
				}
				if err != nil || got.Status != want.status || opState(got) != want.state || len(got.Revisions) != want.revisions {
					t.Errorf("after %s: status %s, op %q, %d revisions (%v); want %s, %q, %d",
						st.name, got.Status, opState(got), len(got.Revisions), err, want.status, want.state, want.revisions)
				}
				if !got.Status.Valid() {
					t.Errorf("status %q is not a valid status", got.Status)
				}
				if tt.kind == OpEdit && st.name == "applied" && !bytes.Equal(got.Live().Content, card("edited", id)) {
					t.Errorf("live content = %s, want the edit's card", got.Live().Content)
				}
				if tt.kind == OpDelete && st.name == "applied" && !got.DeletedAt.Equal(minute(3)) {
					t.Errorf("DeletedAt = %v, want the answer's time", got.DeletedAt)
				}
				if page, _ := s.List(Query{Status: want.status}); !reflect.DeepEqual(ids(page.Messages), []string{id}) {
					t.Errorf("List(%s) = %v, want the index in step with the record", want.status, ids(page.Messages))
				}
				out, _ := s.Outbox()
				if listed := len(out) == 1 && out[0].Kind == tt.kind && out[0].Target == id; listed != (want.state != "") {
					t.Errorf("Outbox() = %+v, want it listed: %v", out, want.state != "")
				}
			})
		}
	}
}

// Unknown sends, edits and deletes all carry the status outcome-unknown, so
// one filter finds every record that may or may not have reached Zoom.
func TestListFindsEveryUnknownOutcome(t *testing.T) {
	s, _ := openTemp(t)
	mustPut(t, s,
		message("m-edit", "a@x", minute(0), "Edit", "me"),
		message("m-delete", "a@x", minute(1), "Delete", "me"),
		message("m-sent", "a@x", minute(2), "Leave", "me"),
	)
	send := beginSend(t, s, newSend("a@x", "Unknown", "send"), minute(3))
	failed := beginSend(t, s, newSend("a@x", "Failed", "send"), minute(4))
	beginChange(t, s, "m-edit", OpEdit, minute(5))
	beginChange(t, s, "m-delete", OpDelete, minute(6))
	beginChange(t, s, "zoom-foreign", OpDelete, minute(7))
	for _, id := range []string{send.ID, "m-edit", "m-delete", "zoom-foreign"} {
		if _, err := s.Unknown(id, "timed out", Tries{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.NotApplied(failed.ID, "503", true, Tries{}); err != nil {
		t.Fatal(err)
	}
	page, err := s.List(Query{Status: StatusOutcomeUnknown})
	// Newest first by when each message was sent (the placeholder: when its
	// change was asked), not by when its operation began.
	if want := []string{"zoom-foreign", send.ID, "m-delete", "m-edit"}; err != nil || !reflect.DeepEqual(ids(page.Messages), want) {
		t.Errorf("List(outcome-unknown) = %v, %v; want %v", ids(page.Messages), err, want)
	}
	if page, _ := s.List(Query{Status: StatusFailed}); !reflect.DeepEqual(ids(page.Messages), []string{failed.ID}) {
		t.Errorf("List(failed) = %v, want the failed send", ids(page.Messages))
	}
}

// A message with an unsettled operation refuses a change until it is
// settled; only a change Zoom certainly did not apply may be superseded.
func TestBeginChangeRefusesWhileBusy(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, s *Store) string
		kind  OpKind
		state OpState
	}{
		{"send in flight", func(t *testing.T, s *Store) string {
			return beginSend(t, s, newSend("a@x", "h", "b"), minute(1)).ID
		}, OpSend, OpInFlight},
		{"send failed", func(t *testing.T, s *Store) string {
			m := beginSend(t, s, newSend("a@x", "h", "b"), minute(1))
			_, _ = s.NotApplied(m.ID, "503", true, Tries{})
			return m.ID
		}, OpSend, OpFailed},
		{"send unknown", func(t *testing.T, s *Store) string {
			m := beginSend(t, s, newSend("a@x", "h", "b"), minute(1))
			_, _ = s.Unknown(m.ID, "timed out", Tries{})
			return m.ID
		}, OpSend, OpUnknown},
		{"edit in flight", func(t *testing.T, s *Store) string {
			return beginChange(t, s, "m1", OpEdit, minute(1)).ID
		}, OpEdit, OpInFlight},
		{"edit unknown", func(t *testing.T, s *Store) string {
			beginChange(t, s, "m1", OpEdit, minute(1))
			_, _ = s.Unknown("m1", "timed out", Tries{})
			return "m1"
		}, OpEdit, OpUnknown},
		{"delete in flight", func(t *testing.T, s *Store) string {
			return beginChange(t, s, "m1", OpDelete, minute(1)).ID
		}, OpDelete, OpInFlight},
		{"delete unknown", func(t *testing.T, s *Store) string {
			beginChange(t, s, "m1", OpDelete, minute(1))
			_, _ = s.Unknown("m1", "timed out", Tries{})
			return "m1"
		}, OpDelete, OpUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTemp(t)
			mustPut(t, s, message("m1", "a@x", minute(0), "h", "b"))
			id := tt.setup(t, s)
			before := mustGet(t, s, id)
			for _, kind := range []OpKind{OpEdit, OpDelete} {
				_, err := s.BeginChange(id, kind, &Revision{Content: card("x", "y")}, minute(2))
				if !isBusy(err, tt.kind, tt.state) {
					t.Errorf("BeginChange(%s) = %v, want a BusyError naming the %s %s", kind, err, tt.state, tt.kind)
				}
				if err != nil && !strings.Contains(err.Error(), id) {
					t.Errorf("the BusyError %q does not name the message", err)
				}
			}
			if after := mustGet(t, s, id); !reflect.DeepEqual(after, before) {
				t.Errorf("a refused change altered the record:\n%+v\nwas\n%+v", after, before)
			}
		})
	}
}

func TestBeginChangeSupersedesAFailedChange(t *testing.T) {
	s, _ := openTemp(t)
	mustPut(t, s, message("m1", "a@x", minute(0), "h", "b"))
	beginChange(t, s, "m1", OpEdit, minute(1))
	if _, err := s.NotApplied("m1", "503", true, Tries{}); err != nil {
		t.Fatal(err)
	}
	m := beginChange(t, s, "m1", OpDelete, minute(2))
	want := &Operation{Kind: OpDelete, State: OpInFlight, Prior: StatusSent, At: minute(2), Attempts: 2, Tries: &Tries{}}
	if !reflect.DeepEqual(m.Op, want) || m.Status != StatusSent {
		t.Errorf("the superseding delete = status %s, op %+v; want sent, %+v", m.Status, m.Op, want)
	}
	if m, err := s.Applied("m1", Answer{At: minute(3)}); err != nil || m.Status != StatusDeleted || len(m.Revisions) != 1 {
		t.Errorf("Applied = %+v, %v; want deleted with its one revision", m, err)
	}
	if _, err := s.BeginChange("m1", OpEdit, &Revision{Content: card("h", "c")}, minute(4)); err == nil || !strings.Contains(err.Error(), "deleted") {
		t.Errorf("editing a deleted message = %v, want a refusal", err)
	}

	// A failed change on a message zoompose did not send stays a
	// placeholder: superseded, it keeps no prior status, so it goes when
	// the new change is forgotten.
	beginChange(t, s, "zoom-foreign", OpEdit, minute(5))
	if _, err := s.NotApplied("zoom-foreign", "503", true, Tries{}); err != nil {
		t.Fatal(err)
	}
	if m := beginChange(t, s, "zoom-foreign", OpDelete, minute(6)); m.Op.Prior != "" || m.Op.Attempts != 2 {
		t.Errorf("superseded placeholder op = %+v, want no prior and a second attempt", m.Op)
	}
	if _, err := s.NotApplied("zoom-foreign", "404", false, Tries{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get("zoom-foreign"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(placeholder) = %v, want it gone", err)
	}
}

// A send's local id keeps naming it after Zoom's answer: a change through
// it lands on the record under Zoom's id.
func TestBeginChangeThroughTheLocalID(t *testing.T) {
	s, _ := openTemp(t)
	intent := beginSend(t, s, newSend("a@x", "h", "b"), minute(1))
	if _, err := s.Applied(intent.ID, Answer{MessageID: "zoom-1", At: minute(1)}); err != nil {
		t.Fatal(err)
	}
	m := beginChange(t, s, intent.ID, OpEdit, minute(2))
	if m.ID != "zoom-1" || rawHas(t, s, bucketMessages, intent.ID) {
		t.Errorf("BeginChange(local id) = %s, want the change on zoom-1 and no record under the local id", m.ID)
	}
	if m, err := s.Applied(intent.ID, Answer{At: minute(3)}); err != nil || m.ID != "zoom-1" || m.Status != StatusEdited {
		t.Errorf("Applied(local id) = %+v, %v; want zoom-1 edited", m, err)
	}
}

func TestBeginRetry(t *testing.T) {
	s, _ := openTemp(t)
	mustPut(t, s, message("m1", "a@x", minute(0), "h", "b"))

	// A failed send, sent again with a changed card.
	failed := beginSend(t, s, newSend("a@x", "Typo", "helo"), minute(1))
	if _, err := s.NotApplied(failed.ID, "503", true, Tries{}); err != nil {
		t.Fatal(err)
	}
	fixed := Revision{Content: card("Fixed", "hello"), Source: "# Fixed\n\nhello", Markdown: true}
	m, err := s.BeginRetry(failed.ID, &fixed, minute(2))
	if err != nil {
		t.Fatal(err)
	}
	wantOp := &Operation{Kind: OpSend, State: OpInFlight, At: minute(2), Attempts: 2, Tries: &Tries{}}
	if m.Status != StatusSending || !reflect.DeepEqual(m.Op, wantOp) || len(m.Revisions) != 1 || m.Revisions[0].Source != fixed.Source || !m.Markdown {
		t.Errorf("BeginRetry(send) = %+v, want sending with the new card, op %+v", m, wantOp)
	}
	if page, _ := s.List(Query{Text: "helo"}); len(page.Messages) != 0 {
		t.Errorf("search for the old card = %v, want none", ids(page.Messages))
	}
	if page, _ := s.List(Query{Text: "hello"}); !reflect.DeepEqual(ids(page.Messages), []string{failed.ID}) {
		t.Errorf("search for the new card = %v, want the retried send", ids(page.Messages))
	}
	if m, err := s.Applied(failed.ID, Answer{MessageID: "zoom-fixed", At: minute(2)}); err != nil || m.Live().Source != fixed.Source {
		t.Errorf("Applied after the retry = %+v, %v", m, err)
	}
	if _, err := s.BeginRetry(failed.ID, nil, minute(3)); !isSettled(err, StatusSent) {
		t.Errorf("BeginRetry of a send settled since = %v, want a SettledError", err)
	}

	// An edit of unknown outcome, sent again after the admin was asked.
	beginChange(t, s, "m1", OpEdit, minute(4))
	if _, err := s.Unknown("m1", "timed out", Tries{}); err != nil {
		t.Fatal(err)
	}
	m, err = s.BeginRetry("m1", nil, minute(5))
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != StatusSent || m.Op.State != OpInFlight || m.Op.Attempts != 2 || m.Op.Err != "" || m.Op.Revision == nil {
		t.Errorf("BeginRetry(unknown edit) = status %s, op %+v; want its prior status back and the edit in flight again", m.Status, m.Op)
	}
	if _, err := s.BeginRetry("m1", nil, minute(6)); !isBusy(err, OpEdit, OpInFlight) {
		t.Errorf("BeginRetry while in flight = %v, want a BusyError", err)
	}
	// A failed edit, sent again with another card.
	if _, err := s.NotApplied("m1", "503", true, Tries{}); err != nil {
		t.Fatal(err)
	}
	other := Revision{Content: card("h", "other")}
	if m, err = s.BeginRetry("m1", &other, minute(7)); err != nil || !bytes.Equal(m.Op.Revision.Content, other.Content) || m.Op.Attempts != 3 {
		t.Errorf("BeginRetry(failed edit, card) = op %+v, %v; want the new card", m.Op, err)
	}
	if m, err := s.Applied("m1", Answer{At: minute(8)}); err != nil || !bytes.Equal(m.Live().Content, other.Content) {
		t.Errorf("Applied = %+v, %v; want the retried card live", m, err)
	}
	if _, err := s.BeginRetry("m1", nil, minute(9)); !isSettled(err, StatusEdited) {
		t.Errorf("BeginRetry of a settled message = %v, want a SettledError", err)
	}
	if _, err := s.BeginRetry("nope", nil, minute(9)); !errors.Is(err, ErrNotFound) {
		t.Errorf("BeginRetry(nope) = %v, want ErrNotFound", err)
	}

	// A placeholder's failed change keeps its placeholder status on retry.
	beginChange(t, s, "zoom-foreign", OpDelete, minute(10))
	_, _ = s.NotApplied("zoom-foreign", "503", true, Tries{})
	if m, err := s.BeginRetry("zoom-foreign", nil, minute(11)); err != nil || m.Status != StatusOutcomeUnknown {
		t.Errorf("BeginRetry(placeholder) = status %q, %v; want outcome-unknown", m.Status, err)
	}
}

func TestResolve(t *testing.T) {
	type result struct {
		id     string // "local" for the local id
		kind   OpKind
		status Status
		state  OpState // of the record afterwards
	}
	tests := []struct {
		name  string
		begin func(t *testing.T, s *Store) string
		r     Resolution
		want  result
	}{
		{"send arrived with its id", beginUnknownSend, Resolution{Arrived: true, MessageID: "zoom-found"},
			result{"zoom-found", OpSend, StatusSent, ""}},
		{"send arrived without its id", beginUnknownSend, Resolution{Arrived: true},
			result{"local", OpSend, StatusSent, ""}},
		{"send did not arrive", beginUnknownSend, Resolution{},
			result{"local", OpSend, StatusFailed, OpFailed}},
		{"edit arrived", beginUnknownChange(OpEdit), Resolution{Arrived: true, MessageID: "ignored"},
			result{"m1", OpEdit, StatusEdited, ""}},
		{"edit did not arrive", beginUnknownChange(OpEdit), Resolution{},
			result{"m1", OpEdit, StatusSent, OpFailed}},
		{"delete arrived", beginUnknownChange(OpDelete), Resolution{Arrived: true},
			result{"m1", OpDelete, StatusDeleted, ""}},
		{"delete did not arrive", beginUnknownChange(OpDelete), Resolution{},
			result{"m1", OpDelete, StatusSent, OpFailed}},
		{"unfurl arrived", beginUnknownUnfurl, Resolution{Arrived: true},
			result{"local", OpUnfurl, StatusSent, ""}},
		{"unfurl did not arrive", beginUnknownUnfurl, Resolution{},
			result{"local", OpUnfurl, StatusFailed, OpFailed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTemp(t)
			mustPut(t, s, message("m1", "a@x", minute(0), "h", "b"))
			id := tt.begin(t, s)
			before := s.writes.Load()
			got, err := s.Resolve(id, tt.r)
			if err != nil {
				t.Fatal(err)
			}
			if n := s.writes.Load() - before; n != 1 {
				t.Errorf("Resolve took %d write transactions, want 1", n)
			}
			want := Resolved{ID: tt.want.id, Kind: tt.want.kind, Status: tt.want.status}
			if want.ID == "local" {
				want.ID = id
			}
			if got != want {
				t.Errorf("Resolve = %+v, want %+v", got, want)
			}
			out, _ := s.Outbox()
			if listed := len(out) == 1 && out[0].ID == want.ID && out[0].State == OpFailed; listed != (tt.want.state != "") {
				t.Errorf("Outbox() = %+v, want it listed as failed: %v", out, tt.want.state != "")
			}
			if tt.want.kind == OpUnfurl {
				us, _ := s.Unfurls(0)
				if len(us) != 1 || us[0].Status != want.Status || opState(Message{Op: us[0].Op}) != tt.want.state || us[0].Posted() != (tt.want.state == "") {
					t.Errorf("Unfurls() = %+v, want status %s", us, want.Status)
				}
				return
			}
			m := mustGet(t, s, id)
			if m.ID != want.ID || m.Status != want.Status || opState(m) != tt.want.state {
				t.Errorf("Get(%s) = %+v, want %+v with op %q", id, m, want, tt.want.state)
			}
			if tt.want.kind == OpSend {
				r, _ := s.Recipients()
				if used := len(r) == 1 && r[0].Uses == 1; used != (tt.want.state == "") {
					t.Errorf("Recipients() = %+v, want a use only when it arrived", r)
				}
			}
			if tt.want.state == OpFailed && m.Op.Err != "the admin said it did not arrive" {
				t.Errorf("op error = %q, want the admin's word", m.Op.Err)
			}
		})
	}
}

func beginUnknownSend(t *testing.T, s *Store) string {
	m := beginSend(t, s, newSend("a@x", "h", "b"), minute(1))
	if _, err := s.Unknown(m.ID, "timed out", Tries{}); err != nil {
		t.Fatal(err)
	}
	return m.ID
}

func beginUnknownChange(kind OpKind) func(t *testing.T, s *Store) string {
	return func(t *testing.T, s *Store) string {
		beginChange(t, s, "m1", kind, minute(1))
		if _, err := s.Unknown("m1", "timed out", Tries{}); err != nil {
			t.Fatal(err)
		}
		return "m1"
	}
}

func beginUnknownUnfurl(t *testing.T, s *Store) string {
	u, err := s.BeginUnfurl(Unfurl{UserID: "user", TriggerID: "trig", Content: card("link", "preview")}, minute(1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SettleUnfurl(u.ID, OpUnknown, "timed out", false, Tries{}); err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func TestResolveRefuses(t *testing.T) {
	s, _ := openTemp(t)
	mustPut(t, s, message("m1", "a@x", minute(0), "h", "b"))
	failed := beginSend(t, s, newSend("a@x", "h", "b"), minute(1))
	_, _ = s.NotApplied(failed.ID, "503", true, Tries{})
	inFlight := beginSend(t, s, newSend("a@x", "h", "b"), minute(2))
	tests := []struct {
		id    string
		check func(error) bool
	}{
		{"m1", func(err error) bool { return isSettled(err, StatusSent) }},
		{failed.ID, func(err error) bool { return err != nil && strings.Contains(err.Error(), "not of unknown outcome") }},
		{inFlight.ID, func(err error) bool { return err != nil && strings.Contains(err.Error(), "not of unknown outcome") }},
		{"nope", func(err error) bool { return errors.Is(err, ErrNotFound) }},
	}
	for _, tt := range tests {
		before := s.writes.Load()
		if _, err := s.Resolve(tt.id, Resolution{Arrived: true}); !tt.check(err) {
			t.Errorf("Resolve(%s) = %v", tt.id, err)
		}
		if s.writes.Load() != before {
			t.Errorf("a refused Resolve(%s) wrote", tt.id)
		}
	}
}

func TestDiscard(t *testing.T) {
	s, _ := openTemp(t)
	mustPut(t, s, message("m1", "a@x", minute(0), "h", "b"), message("m2", "a@x", minute(0), "h", "b"))
	failedSend := beginSend(t, s, newSend("a@x", "h", "b"), minute(1))
	_, _ = s.NotApplied(failedSend.ID, "503", true, Tries{})
	unknownSend := beginSend(t, s, newSend("a@x", "h", "b"), minute(2))
	_, _ = s.Unknown(unknownSend.ID, "timed out", Tries{})
	beginChange(t, s, "m1", OpEdit, minute(3))
	_, _ = s.NotApplied("m1", "503", true, Tries{})
	inFlight := beginChange(t, s, "m2", OpDelete, minute(4))

	if _, err := s.Discard(failedSend.ID); err != nil {
		t.Errorf("Discard(failed send) = %v", err)
	}
	if _, err := s.Get(failedSend.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the discarded send is still there: %v", err)
	}
	if m, err := s.Discard("m1"); err != nil || m.Status != StatusSent || m.Op != nil || len(m.Revisions) != 1 {
		t.Errorf("Discard(failed edit) = %+v, %v; want the message as it was", m, err)
	}
	for _, id := range []string{unknownSend.ID, inFlight.ID} {
		before := mustGet(t, s, id)
		if _, err := s.Discard(id); err == nil || !strings.Contains(err.Error(), "not a failed operation") {
			t.Errorf("Discard(%s) = %v, want a refusal", id, err)
		}
		if after := mustGet(t, s, id); !reflect.DeepEqual(after, before) {
			t.Errorf("a refused Discard altered %s", id)
		}
	}
	if _, err := s.Discard("m1"); !isSettled(err, StatusSent) {
		t.Errorf("Discard(settled) = %v, want a SettledError", err)
	}
	if out, _ := s.Outbox(); len(out) != 1 || out[0].ID != unknownSend.ID {
		t.Errorf("Outbox() = %+v, want the unknown send only", out)
	}
}

func TestUnfurlOperations(t *testing.T) {
	s, _ := openTemp(t)
	u, err := s.BeginUnfurl(Unfurl{Profile: "work", UserID: "user", TriggerID: "trig", Content: card("link", "preview"), Source: "# link"}, minute(1))
	if err != nil {
		t.Fatal(err)
	}
	wantOp := &Operation{Kind: OpUnfurl, State: OpInFlight, At: minute(1), Attempts: 1, Tries: &Tries{}}
	if !strings.HasPrefix(u.ID, "local-") || u.Status != StatusSending || !reflect.DeepEqual(u.Op, wantOp) || u.Posted() {
		t.Errorf("BeginUnfurl = %+v, want a local id, sending, in flight", u)
	}
	if out, _ := s.Outbox(); len(out) != 0 {
		t.Errorf("Outbox() = %+v, want nothing while in flight", out)
	}
	if _, err := s.SettleUnfurl(u.ID, OpFailed, "Zoom answered 502", false, Tries{}); err != nil {
		t.Fatal(err)
	}
	out, _ := s.Outbox()
	wantEntry := OutboxEntry{ID: u.ID, Kind: OpUnfurl, State: OpFailed, Target: "trig", Card: Revision{Content: card("link", "preview"), Source: "# link", At: minute(1)},
		Err: "Zoom answered 502", At: minute(1), Attempts: 1, Profile: "work"}
	if len(out) != 1 || !reflect.DeepEqual(out[0], wantEntry) {
		t.Errorf("Outbox() = %+v, want %+v", out, wantEntry)
	}
	retried, err := s.SettleUnfurl(u.ID, OpInFlight, "", false, Tries{})
	if err != nil || retried.Status != StatusSending || retried.Op.Attempts != 2 || retried.Op.Err != "" {
		t.Errorf("retry = %+v, %v; want a second attempt in flight", retried, err)
	}
	if _, err := s.SettleUnfurl(u.ID, OpInFlight, "", false, Tries{}); !isSettled(err, StatusSending) {
		t.Errorf("retry while in flight = %v, want a refusal", err)
	}
	posted, err := s.SettleUnfurl(u.ID, "", "", false, Tries{})
	if err != nil || posted.Status != StatusSent || posted.Op != nil || !posted.Posted() {
		t.Errorf("SettleUnfurl(applied) = %+v, %v", posted, err)
	}
	if _, err := s.SettleUnfurl(u.ID, OpFailed, "late", false, Tries{}); err == nil {
		t.Error("a settled unfurl was settled again")
	}
	if us, _ := s.Unfurls(0); len(us) != 1 || us[0].Status != StatusSent {
		t.Errorf("Unfurls() = %+v, want the one posted unfurl", us)
	}

	// A failure not worth retrying is forgotten.
	v, err := s.BeginUnfurl(Unfurl{UserID: "user", TriggerID: "expired", Content: card("link", "preview")}, minute(2))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SettleUnfurl(v.ID, OpFailed, "the trigger expired", true, Tries{}); err != nil {
		t.Fatal(err)
	}
	if us, _ := s.Unfurls(0); len(us) != 1 || rawHas(t, s, bucketPending, v.ID) {
		t.Errorf("Unfurls() = %+v, want the forgotten one gone with its pending entry", us)
	}
}

// A process that dies between Begin* and Zoom's answer leaves operations in
// flight; the next Open turns each into an unknown outcome with a sentence
// that says what happened, in one write transaction, and the Open after
// that writes nothing.
func TestOpenRecoversOperationsLeftInFlight(t *testing.T) {
	s, path := openTemp(t)
	mustPut(t, s, message("m-edit", "a@x", minute(0), "Edit", "me"), message("m-delete", "a@x", minute(0), "Delete", "me"))
	send := beginSend(t, s, newSend("a@x", "Crash", "now"), minute(1))
	beginChange(t, s, "m-edit", OpEdit, minute(2))
	beginChange(t, s, "m-delete", OpDelete, minute(3))
	beginChange(t, s, "zoom-foreign", OpDelete, minute(4))
	u, err := s.BeginUnfurl(Unfurl{UserID: "user", TriggerID: "trig", Content: card("link", "preview")}, minute(5))
	if err != nil {
		t.Fatal(err)
	}
	failed := beginSend(t, s, newSend("a@x", "Failed", "before"), minute(6))
	if _, err := s.NotApplied(failed.ID, "503", true, Tries{}); err != nil {
		t.Fatal(err)
	}
	_ = s.Close() // the crash: no answer ever settles them

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := s.writes.Load(); n != 1 {
		t.Errorf("Open made %d write transactions, want 1 for every recovery together", n)
	}
	wantStatus := map[string]Status{send.ID: StatusOutcomeUnknown, "m-edit": StatusOutcomeUnknown, "m-delete": StatusOutcomeUnknown, "zoom-foreign": StatusOutcomeUnknown}
	for id, status := range wantStatus {
		m := mustGet(t, s, id)
		if m.Status != status || opState(m) != OpUnknown || !strings.Contains(m.Op.Err, "crashed") {
			t.Errorf("%s after Open: status %s, op %+v; want outcome-unknown with a sentence", id, m.Status, m.Op)
		}
	}
	if m := mustGet(t, s, "m-edit"); m.Op.Prior != StatusSent || m.Op.Revision == nil {
		t.Errorf("the recovered edit lost its prior status or card: %+v", m.Op)
	}
	if m := mustGet(t, s, failed.ID); m.Status != StatusFailed || m.Op.Err != "503" {
		t.Errorf("the failed send changed on Open: %+v", m)
	}
	us, _ := s.Unfurls(0)
	if len(us) != 1 || us[0].Status != StatusOutcomeUnknown || us[0].Op.State != OpUnknown || us[0].Op.Err != diedInFlight {
		t.Errorf("unfurl after Open = %+v, want outcome-unknown", us)
	}
	page, _ := s.List(Query{Status: StatusOutcomeUnknown})
	if want := []string{"zoom-foreign", send.ID, "m-edit", "m-delete"}; !reflect.DeepEqual(ids(page.Messages), want) {
		t.Errorf("List(outcome-unknown) = %v, want %v", ids(page.Messages), want)
	}
	out, _ := s.Outbox()
	var got []string
	for _, e := range out {
		got = append(got, fmt.Sprintf("%s %s %s", e.ID, e.Kind, e.State))
	}
	want := []string{
		send.ID + " send outcome-unknown", "m-edit edit outcome-unknown", "m-delete delete outcome-unknown",
		"zoom-foreign delete outcome-unknown", u.ID + " unfurl outcome-unknown", failed.ID + " send failed",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Outbox() after recovery =\n%q\nwant\n%q", got, want)
	}
	if err := checkConsistent(s); err != nil {
		t.Error(err)
	}
	_ = s.Close()
	assertOpenDoesNotWrite(t, path)
}

// The Open of an up-to-date file with nothing in flight makes no write
// transaction and leaves the file's bytes as they were.
func TestOpenOfASettledFileDoesNotWrite(t *testing.T) {
	s, path := openTemp(t)
	if n := s.writes.Load(); n != 1 {
		t.Errorf("creating the file took %d write transactions, want 1", n)
	}
	mustPut(t, s, message("m1", "a@x", minute(0), "h", "b"))
	unknown := beginSend(t, s, newSend("a@x", "h", "b"), minute(1))
	_, _ = s.Unknown(unknown.ID, "timed out", Tries{})
	failed := beginSend(t, s, newSend("a@x", "h", "b"), minute(2))
	_, _ = s.NotApplied(failed.ID, "503", true, Tries{})
	_ = s.Close()
	assertOpenDoesNotWrite(t, path)
}

func assertOpenDoesNotWrite(t *testing.T, path string) {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := s.writes.Load(); n != 0 {
		t.Errorf("Open of a settled file made %d write transactions, want none", n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("Open of a settled file changed its bytes")
	}
}

// A record damaged while its operation was in flight is reported once and
// indexed as unknown, so that the next Open has nothing left to recover.
func TestOpenRecoversADamagedInFlightRecordOnce(t *testing.T) {
	s, path := openTemp(t)
	intent := beginSend(t, s, newSend("a@x", "h", "b"), minute(1))
	_ = s.Close()
	damage(t, path, bucketMessages, []byte(intent.ID))
	rawUpdate(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketPending).Put([]byte("gone"), []byte("im")) })

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0], intent.ID) {
		t.Errorf("Warnings() = %q, want one naming the damaged record", w)
	}
	if rawHas(t, s, bucketPending, "gone") {
		t.Error("the pending entry of a record that is not there was kept")
	}
	if out, err := s.Outbox(); err != nil || len(out) != 0 {
		t.Errorf("Outbox() = %+v, %v; want the damaged record skipped", out, err)
	}
	_ = s.Close()
	assertOpenDoesNotWrite(t, path)
}

// Every operation is one durable write for its intent and one for its
// outcome: a send is exactly two fsyncs, however much it records.
func TestWriteTransactionsPerOperation(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, s *Store)
		want int64
	}{
		{"send", func(t *testing.T, s *Store) {
			m := beginSend(t, s, newSend("a@x", "h", "b"), minute(1))
			if _, err := s.Applied(m.ID, Answer{MessageID: "zoom-1", At: minute(1)}); err != nil {
				t.Fatal(err)
			}
		}, 2},
		{"failed send", func(t *testing.T, s *Store) {
			m := beginSend(t, s, newSend("a@x", "h", "b"), minute(1))
			if _, err := s.NotApplied(m.ID, "503", true, Tries{}); err != nil {
				t.Fatal(err)
			}
		}, 2},
		{"edit", func(t *testing.T, s *Store) {
			beginChange(t, s, "m1", OpEdit, minute(1))
			if _, err := s.Applied("m1", Answer{}); err != nil {
				t.Fatal(err)
			}
		}, 2},
		{"delete", func(t *testing.T, s *Store) {
			beginChange(t, s, "m1", OpDelete, minute(1))
			if _, err := s.Applied("m1", Answer{}); err != nil {
				t.Fatal(err)
			}
		}, 2},
		{"unfurl", func(t *testing.T, s *Store) {
			u, err := s.BeginUnfurl(Unfurl{UserID: "u", TriggerID: "t", Content: card("h", "b")}, minute(1))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.SettleUnfurl(u.ID, "", "", false, Tries{}); err != nil {
				t.Fatal(err)
			}
		}, 2},
		{"refused change", func(t *testing.T, s *Store) {
			beginChange(t, s, "m1", OpDelete, minute(1))
			if _, err := s.BeginChange("m1", OpDelete, nil, minute(2)); err == nil {
				t.Fatal("a second change was accepted")
			}
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTemp(t)
			mustPut(t, s, message("m1", "a@x", minute(0), "h", "b"))
			before := s.writes.Load()
			tt.run(t, s)
			if n := s.writes.Load() - before; n != tt.want {
				t.Errorf("%s took %d committed write transactions, want %d", tt.name, n, tt.want)
			}
		})
	}
}

// Sends from several goroutines (the TUI and its commands share one Store)
// each settle on their own record.
func TestConcurrentSends(t *testing.T) {
	s, _ := openTemp(t)
	const workers, each = 4, 5
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				m, err := s.BeginSend(newSend(fmt.Sprintf("to%d@x", w), "h", "b"), minute(i))
				if err == nil {
					_, err = s.Applied(m.ID, Answer{MessageID: fmt.Sprintf("zoom-%d-%d", w, i), At: minute(i)})
				}
				if err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	page, _ := s.List(Query{Limit: 100})
	if len(page.Messages) != workers*each {
		t.Errorf("List = %d records, want %d", len(page.Messages), workers*each)
	}
	recipients, _ := s.Recipients()
	for _, r := range recipients {
		if r.Uses != each {
			t.Errorf("recipient %s has %d uses, want %d", r.JID, r.Uses, each)
		}
	}
	if n := s.writes.Load(); n != 1+2*workers*each {
		t.Errorf("%d write transactions, want %d (Open, then two per send)", n, 1+2*workers*each)
	}
}

func TestDiscardAFailedUnfurl(t *testing.T) {
	s, _ := openTemp(t)
	u, err := s.BeginUnfurl(Unfurl{UserID: "user", TriggerID: "trig", Content: card("link", "preview")}, minute(1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SettleUnfurl(u.ID, OpFailed, "503", false, Tries{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Discard(u.ID); err != nil {
		t.Fatalf("Discard(failed unfurl) = %v", err)
	}
	if out, _ := s.Outbox(); len(out) != 0 {
		t.Errorf("Outbox() = %+v after the discard, want empty", out)
	}
	if got, _ := s.Unfurls(10); len(got) != 0 {
		t.Errorf("Unfurls() = %+v, want the unfurl Zoom never took gone", got)
	}
}

// A send resolved as arrived without Zoom's id keeps its local id, which Zoom does not
// know: changing it is refused before anything could go out.
func TestBeginChangeRefusesALocalID(t *testing.T) {
	s, _ := openTemp(t)
	m := beginSend(t, s, newSend("a@x", "h", "b"), minute(1))
	if _, err := s.Unknown(m.ID, "timed out", Tries{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Resolve(m.ID, Resolution{Arrived: true}); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []OpKind{OpEdit, OpDelete} {
		rev := RevisionOf(compose.Card{Content: card("h", "new")}, minute(2))
		_, err := s.BeginChange(m.ID, kind, &rev, minute(2))
		var noID *NoZoomIDError
		if !errors.As(err, &noID) || !Refused(err) {
			t.Errorf("BeginChange(%s of %s) = %v, want a NoZoomIDError refusal", kind, m.ID, err)
		}
	}
}

// A send resolved as arrived with a message id that another record has (its
// id, or the local id it was sent under) is refused in the one transaction,
// naming that record: neither record changes.
func TestResolveRefusesATakenMessageID(t *testing.T) {
	s, _ := openTemp(t)
	mustPut(t, s, message("m1", "a@x", minute(0), "h", "b"))
	sent := beginSend(t, s, newSend("a@x", "h", "sent"), minute(1))
	if _, err := s.Applied(sent.ID, Answer{MessageID: "m2", At: minute(1)}); err != nil {
		t.Fatal(err)
	}
	id := beginUnknownSend(t, s)
	for _, taken := range []struct{ id, owner string }{{"m1", "m1"}, {"m2", "m2"}, {sent.ID, "m2"}} {
		before := s.writes.Load()
		_, err := s.Resolve(id, Resolution{Arrived: true, MessageID: taken.id})
		var refused *IDTakenError
		if !errors.As(err, &refused) || refused.Owner != taken.owner || !strings.Contains(err.Error(), taken.owner) {
			t.Errorf("Resolve(%s, message id %s) = %v, want it refused naming %s", id, taken.id, err, taken.owner)
		}
		if s.writes.Load() != before {
			t.Errorf("the refused Resolve with %s wrote", taken.id)
		}
	}
	if m := mustGet(t, s, "m1"); m.Live().Source != message("m1", "a@x", minute(0), "h", "b").Live().Source || m.Status != StatusSent {
		t.Errorf("m1 = %+v, want it as it was", m)
	}
	if m := mustGet(t, s, id); opState(m) != OpUnknown {
		t.Errorf("%s = %+v, want it still of unknown outcome", id, m)
	}
}
