package history

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
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

func TestOutboxSurvivesRestart(t *testing.T) {
	s, path := openTemp(t)
	entries := []OutboxEntry{
		{ID: "o2", Op: "edit", Envelope: json.RawMessage(`{"message_id":"m1"}`), Err: "outcome unknown", At: minute(2), Attempts: 1},
		{ID: "o1", Op: "send", Envelope: json.RawMessage(`{"to_jid":"a@x"}`), Source: "# hi", At: minute(1)},
	}
	for _, e := range entries {
		if err := s.PutOutbox(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutOutbox(OutboxEntry{Op: "delete"}); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || !reflect.DeepEqual(got[:2], []OutboxEntry{entries[1], entries[0]}) || !strings.HasPrefix(got[2].ID, "local-") {
		t.Errorf("Outbox() after restart = %+v, want o1, o2 oldest first then the generated one", got)
	}
	if err := s.DeleteOutbox("o1"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteOutbox("o1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice = %v, want ErrNotFound", err)
	}
}

func TestOutboxRejects(t *testing.T) {
	s, _ := openTemp(t)
	tests := map[string]OutboxEntry{
		"unknown op":        {ID: "x", Op: "resend"},
		"envelope not JSON": {ID: "x", Op: "send", Envelope: json.RawMessage("{")},
	}
	for name, e := range tests {
		if err := s.PutOutbox(e); err == nil {
			t.Errorf("%s: PutOutbox accepted %+v", name, e)
		}
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
