package history

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

const (
	jidGeneral = "5a1d0c2e9b7f4e61a3c8d2f0b4e6a901@conference.xmpp.zoom.us"
	jidRandom  = "c4b2a9e8f1d74c3ea5b0d6f2e9c1a723@conference.xmpp.zoom.us"
	jidAlice   = "kdykjnimt4kpd8kkdqt9fq@xmpp.zoom.us"
	jidBob     = "r7qmzx2lw0sbenhv5tj3ua@xmpp.zoom.us"
)

func mustLabel(t *testing.T, s *Store, jid, label string) {
	t.Helper()
	if err := s.LabelRecipient(jid, label); err != nil {
		t.Fatalf("LabelRecipient(%s, %q): %v", jid, label, err)
	}
}

func TestLabelsAreUniqueNamesThatAreNotJIDs(t *testing.T) {
	s, _ := openTemp(t)
	mustLabel(t, s, jidGeneral, "ops")
	mustLabel(t, s, jidGeneral, "Ops") // its own label again, in another case
	if _, err := s.PutList("eng", []string{jidRandom}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ jid, label, want string }{
		{jidAlice, "OPS", "already the label of " + jidGeneral},
		{jidAlice, "ENG", "already the name of a list"},
		{jidAlice, "alice@home", "has an @"},
		{jidAlice, " alice", "starts or ends with a space"},
		{jidAlice, "   ", "is empty"},
	} {
		err := s.LabelRecipient(tc.jid, tc.label)
		var nameErr *NameError
		if !errors.As(err, &nameErr) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("LabelRecipient(%q) = %v, want a *NameError saying %q", tc.label, err, tc.want)
		}
	}
	// SetRecipientLabel keeps the same rules, and "" still removes a label.
	if err := s.SetRecipientLabel(jidAlice, "ops"); err == nil {
		t.Error("SetRecipientLabel took a label another recipient has")
	}
	if err := s.SetRecipientLabel(jidGeneral, ""); err != nil {
		t.Fatal(err)
	}
	mustLabel(t, s, jidAlice, "ops") // free again
}

func TestResolveRecipients(t *testing.T) {
	s, _ := openTemp(t)
	mustLabel(t, s, jidGeneral, "ops")
	mustLabel(t, s, jidAlice, "alice")
	list, err := s.PutList("eng", []string{"OPS", jidRandom, "alice", jidRandom})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{jidGeneral, jidRandom, jidAlice}; !reflect.DeepEqual(list.Members, want) {
		t.Fatalf("list members = %v, want labels resolved and repeats dropped: %v", list.Members, want)
	}
	got, err := s.ResolveRecipients([]string{jidBob, "Eng", "ops", jidBob})
	if err != nil {
		t.Fatal(err)
	}
	want := []ResolvedRecipient{{JID: jidBob}, {JID: jidGeneral, Via: "Eng"}, {JID: jidRandom, Via: "Eng"}, {JID: jidAlice, Via: "Eng"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("resolved = %+v\nwant %+v", got, want)
	}
	// Every unknown name at once; nothing resolved.
	got, err = s.ResolveRecipients([]string{"nope", "ops", "nada"})
	var unknown *UnknownNamesError
	if !errors.As(err, &unknown) || !reflect.DeepEqual(unknown.Names, []string{"nope", "nada"}) || got != nil {
		t.Fatalf("ResolveRecipients(unknown) = %v, %v; want both unknown names", got, err)
	}
	// A list is saved resolved: renaming or removing a label later does not change it.
	if err := s.Rename("alice", "Alice E"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RemoveRecipient("ops"); err != nil {
		t.Fatal(err)
	}
	got, err = s.ResolveRecipients([]string{"eng", "alice e"})
	if err != nil || len(got) != 3 || got[2].JID != jidAlice {
		t.Fatalf("after rename and remove: %+v, %v", got, err)
	}
	if _, err := s.ResolveRecipients([]string{"ops"}); !errors.As(err, &unknown) {
		t.Fatalf("a removed label still resolves: %v", err)
	}
	// An unknown member refuses the whole list.
	if _, err := s.PutList("more", []string{jidBob, "ghost"}); !errors.As(err, &unknown) {
		t.Fatalf("PutList with an unknown member = %v", err)
	}
	// Lists rename and go; their names follow the label rules.
	if err := s.Rename("ENG", "engineering"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutList("Alice E", []string{jidBob}); err == nil {
		t.Fatal("a list took a label's name")
	}
	lists, _ := s.Lists()
	if len(lists) != 1 || lists[0].Name != "engineering" {
		t.Fatalf("lists = %+v", lists)
	}
	if err := s.RemoveList("Engineering"); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveList("engineering"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("removing a removed list = %v", err)
	}
}

func TestBroadcastGroup(t *testing.T) {
	s, _ := openTemp(t)
	at := minute(1)
	var copies []Message
	for _, jid := range []string{jidGeneral, jidRandom, jidAlice} {
		copies = append(copies, Message{ToJID: jid, Revisions: []Revision{{Content: card("Hi", "all")}}})
	}
	writes := s.writes.Load()
	group, recs, err := s.BeginBroadcast(copies, at)
	if err != nil {
		t.Fatal(err)
	}
	if n := s.writes.Load() - writes; n != 1 {
		t.Errorf("BeginBroadcast took %d write transactions, want 1", n)
	}
	if !IsGroupID(group) || len(recs) != 3 {
		t.Fatalf("group %q, %d records", group, len(recs))
	}
	// Queued copies wait in the outbox, certainly not sent.
	if out, _ := s.Outbox(); len(out) != 3 {
		t.Fatalf("outbox holds %d, want the 3 queued copies", len(out))
	}
	// Copy 1 is sent (moves to Zoom's id), copy 2 refused and forgotten, copy 3 left queued.
	if _, err := s.BeginRetry(recs[0].ID, nil, at); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Applied(recs[0].ID, Answer{MessageID: "ZOOM-1", At: at}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.BeginRetry(recs[1].ID, nil, at); err != nil {
		t.Fatal(err)
	}
	if _, err := s.NotApplied(recs[1].ID, "refused", false, Tries{}); err != nil {
		t.Fatal(err)
	}
	members, err := s.Group(group)
	if err != nil {
		t.Fatal(err)
	}
	if len(members) != 2 || members[0].ID != "ZOOM-1" || members[0].Status != StatusSent || members[1].ID != recs[2].ID || members[1].Status != StatusFailed {
		t.Fatalf("group members = %+v", members)
	}
	for _, m := range members {
		if m.Group != group {
			t.Errorf("%s carries group %q, want %q", m.ID, m.Group, group)
		}
	}
	if _, err := s.Group("grp-nothing"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Group(unknown) = %v", err)
	}
	if err := checkConsistent(s); err != nil {
		t.Fatal(err)
	}
}

// A history written by zoompose before named lists and groups existed (testdata, made
// with the code of the commit before them) reads as it did, has no lists and no groups,
// resolves its labels, and takes lists and broadcasts when opened for writing.
func TestHistoryWrittenBeforeGroupsReadsAndWorks(t *testing.T) {
	data, err := os.ReadFile("testdata/v4-before-groups.db")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "history.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ro, err := OpenReadOnly(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	lists, err := ro.Lists()
	if err != nil || len(lists) != 0 {
		t.Fatalf("lists of an old file = %v, %v", lists, err)
	}
	if _, err := ro.Group("grp-x"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Group on an old file = %v", err)
	}
	got, err := ro.ResolveRecipients([]string{"GENERAL", "alice"})
	if err != nil || len(got) != 2 || got[0].JID != jidGeneral || got[1].JID != jidAlice {
		t.Fatalf("labels of an old file resolve to %+v, %v", got, err)
	}
	if err := ro.LabelRecipient(jidBob, "bob"); err == nil {
		t.Fatal("a read-only store wrote")
	}
	ro.Close()

	s, err := OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m, err := s.Get("OLD-MSG-1")
	if err != nil || m.Group != "" {
		t.Fatalf("old message = %+v, %v", m, err)
	}
	if _, err := s.PutList("eng", []string{"general", "alice"}); err != nil {
		t.Fatal(err)
	}
	group, _, err := s.BeginBroadcast([]Message{{ToJID: jidGeneral, Revisions: []Revision{{Content: card("New", "copy")}}}}, minute(2))
	if err != nil {
		t.Fatal(err)
	}
	if members, err := s.Group(group); err != nil || len(members) != 1 {
		t.Fatalf("group on an old file = %+v, %v", members, err)
	}
	if err := checkConsistent(s); err != nil {
		t.Fatal(err)
	}
}

func TestOpenReadOnlyCreatesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none", "history.db")
	if _, err := OpenReadOnly(path, time.Second); !errors.Is(err, ErrNoHistory) {
		t.Fatalf("OpenReadOnly(missing) = %v", err)
	}
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Fatalf("OpenReadOnly created its folder: %v", err)
	}
}
