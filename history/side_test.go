package history

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"
)

func TestDraftsSaveReplaceListDelete(t *testing.T) {
	s, _ := openTemp(t)
	for _, d := range []Draft{
		{Name: "a", Source: "first", UpdatedAt: minute(1)},
		{Name: "b", Source: "second", UpdatedAt: minute(2)},
		{Name: "a", Source: "first, edited", UpdatedAt: minute(3)},
	} {
		if err := s.SaveDraft(d); err != nil {
			t.Fatal(err)
		}
	}
	drafts, err := s.Drafts()
	if err != nil {
		t.Fatal(err)
	}
	want := []Draft{{Name: "a", Source: "first, edited", UpdatedAt: minute(3)}, {Name: "b", Source: "second", UpdatedAt: minute(2)}}
	if !reflect.DeepEqual(drafts, want) {
		t.Errorf("Drafts() = %+v, want %+v", drafts, want)
	}
	if err := s.DeleteDraft("a"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteDraft("a"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice = %v, want ErrNotFound", err)
	}
	if err := s.SaveDraft(Draft{Source: "x"}); err == nil {
		t.Error("a draft without a name was saved")
	}
}

func TestTemplatesSortedByName(t *testing.T) {
	s, _ := openTemp(t)
	for _, name := range []string{"weekly", "alert", "release"} {
		if err := s.SaveTemplate(Template{Name: name, Source: "{{.who}} " + name}); err != nil {
			t.Fatal(err)
		}
	}
	templates, err := s.Templates()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tmpl := range templates {
		names = append(names, tmpl.Name)
		if tmpl.UpdatedAt.IsZero() {
			t.Errorf("template %s has no UpdatedAt", tmpl.Name)
		}
	}
	if want := []string{"alert", "release", "weekly"}; !reflect.DeepEqual(names, want) {
		t.Errorf("Templates() names = %v, want %v", names, want)
	}
	if err := s.DeleteTemplate("alert"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteTemplate("alert"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice = %v, want ErrNotFound", err)
	}
}

func TestRecipientsUsesLabelsAndOrder(t *testing.T) {
	s, _ := openTemp(t)
	steps := []error{
		s.TouchRecipient("general@conf", minute(1)),
		s.TouchRecipient("ada@x", minute(5)),
		s.TouchRecipient("general@conf", minute(9)),
		s.TouchRecipient("general@conf", minute(3)), // an older use never moves LastUsed back
		s.SetRecipientLabel("general@conf", "#general"),
		s.SetRecipientLabel("new@x", "never used"),
	}
	if err := errors.Join(steps...); err != nil {
		t.Fatal(err)
	}
	got, err := s.Recipients()
	if err != nil {
		t.Fatal(err)
	}
	want := []Recipient{
		{JID: "general@conf", Label: "#general", LastUsed: minute(9), Uses: 3},
		{JID: "ada@x", LastUsed: minute(5), Uses: 1},
		{JID: "new@x", Label: "never used"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Recipients() =\n%+v\nwant\n%+v", got, want)
	}
	if err := s.TouchRecipient("", minute(1)); err == nil {
		t.Error("a recipient without a JID was recorded")
	}
}

// The outbox is a view of the records whose operation needs the admin: it
// survives a restart because the records do, and settling a record from
// anywhere takes it out.
func TestOutboxSurvivesRestart(t *testing.T) {
	s, path := openTemp(t)
	mustPut(t, s, message("m1", "a@x", minute(0), "Standup", "at ten"))
	failed := beginSend(t, s, newSend("b@x", "Lunch", "at noon"), minute(1))
	if _, err := s.NotApplied(failed.ID, "Zoom answered 503", true, Tries{}); err != nil {
		t.Fatal(err)
	}
	edit := card("Standup", "at eleven")
	if _, err := s.BeginChange("m1", OpEdit, &Revision{Content: edit, Source: "# Standup\n\nat eleven"}, minute(2)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Unknown("m1", "the connection dropped after the request was written", Tries{}); err != nil {
		t.Fatal(err)
	}
	u, err := s.BeginUnfurl(Unfurl{UserID: "user", TriggerID: "trig", Content: card("link", "preview")}, minute(3))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SettleUnfurl(u.ID, OpFailed, "Zoom answered 502", false, Tries{}); err != nil {
		t.Fatal(err)
	}
	settled := beginSend(t, s, newSend("c@x", "Done", "soon"), minute(4))
	if _, err := s.Applied(settled.ID, Answer{MessageID: "zoom-done", At: minute(4)}); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	want := []OutboxEntry{
		{ID: failed.ID, Kind: OpSend, State: OpFailed, Target: "b@x", Card: failed.Revisions[0], Err: "Zoom answered 503", At: minute(1), Attempts: 1, Profile: "default"},
		{ID: "m1", Kind: OpEdit, State: OpUnknown, Target: "m1", Card: Revision{Content: edit, Source: "# Standup\n\nat eleven", At: minute(2)},
			Err: "the connection dropped after the request was written", At: minute(2), Attempts: 1, Profile: "default"},
		{ID: u.ID, Kind: OpUnfurl, State: OpFailed, Target: "trig", Card: Revision{Content: card("link", "preview"), At: minute(3)}, Err: "Zoom answered 502", At: minute(3), Attempts: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Outbox() after restart =\n%+v\nwant, oldest first,\n%+v", got, want)
	}

	// Settling a record, from this screen or any other, takes it out.
	if _, err := s.Discard(failed.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Discard(failed.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("discarding twice = %v, want ErrNotFound (the record went)", err)
	}
	if _, err := s.Resolve("m1", Resolution{Arrived: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Outbox(); len(got) != 1 || got[0].ID != u.ID {
		t.Errorf("Outbox() after settling two = %+v, want the unfurl only", got)
	}
}

// Every Begin* checks what it is given before it writes anything.
func TestBeginRejectsWithoutWriting(t *testing.T) {
	s, _ := openTemp(t)
	mustPut(t, s, message("m1", "a@x", minute(0), "h", "b"))
	bad := json.RawMessage("{")
	tests := map[string]func() error{
		"send without recipient": func() error { _, err := s.BeginSend(newSend("", "h", "b"), minute(1)); return err },
		"send without card": func() error {
			_, err := s.BeginSend(Message{ToJID: "a@x"}, minute(1))
			return err
		},
		"send with two cards": func() error {
			m := newSend("a@x", "h", "b")
			m.Revisions = append(m.Revisions, m.Revisions[0])
			_, err := s.BeginSend(m, minute(1))
			return err
		},
		"send with content not JSON": func() error {
			_, err := s.BeginSend(Message{ToJID: "a@x", Revisions: []Revision{{Content: bad}}}, minute(1))
			return err
		},
		"change of kind send":   func() error { _, err := s.BeginChange("m1", OpSend, nil, minute(1)); return err },
		"change of kind unfurl": func() error { _, err := s.BeginChange("m1", OpUnfurl, nil, minute(1)); return err },
		"edit without a card":   func() error { _, err := s.BeginChange("m1", OpEdit, nil, minute(1)); return err },
		"edit with content not JSON": func() error {
			_, err := s.BeginChange("m1", OpEdit, &Revision{Content: bad}, minute(1))
			return err
		},
		"unfurl with content not JSON": func() error {
			_, err := s.BeginUnfurl(Unfurl{UserID: "u", TriggerID: "t", Content: bad}, minute(1))
			return err
		},
	}
	for name, begin := range tests {
		before := s.writes.Load()
		if err := begin(); err == nil {
			t.Errorf("%s: accepted", name)
		}
		if s.writes.Load() != before {
			t.Errorf("%s: refused, but after a write", name)
		}
	}
	if got, _ := s.Get("m1"); got.Op != nil || got.Status != StatusSent {
		t.Errorf("m1 after the refusals = %+v, want it untouched", got)
	}
	if out, _ := s.Outbox(); len(out) != 0 {
		t.Errorf("Outbox() = %+v, want empty", out)
	}
}

func TestUnfurlsNewestFirstWithLimit(t *testing.T) {
	s, _ := openTemp(t)
	for i := range 5 {
		u := Unfurl{ID: fmt.Sprintf("u%d", i), UserID: "user", TriggerID: fmt.Sprintf("t%d", i), Content: card("link", "preview"), At: minute(i)}
		if err := s.PutUnfurl(u); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Unfurls(3)
	if err != nil {
		t.Fatal(err)
	}
	var triggers []string
	for _, u := range got {
		triggers = append(triggers, u.TriggerID)
	}
	if want := []string{"t4", "t3", "t2"}; !reflect.DeepEqual(triggers, want) {
		t.Errorf("Unfurls(3) triggers = %v, want %v", triggers, want)
	}
	if err := s.PutUnfurl(Unfurl{TriggerID: "t", Content: json.RawMessage("nope")}); err == nil {
		t.Error("an unfurl with content that is not JSON was recorded")
	}
}
