package composer

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// A broadcast group's edit draft reopened after a restart stands for its
// first live copy under the group's id, so submitting it reaches the group's
// confirmation; a group whose copies are all deleted is refused.
func TestEditedMessageOfAGroup(t *testing.T) {
	store, err := history.Open(filepath.Join(t.TempDir(), "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	card := commontest.Card(t, "---\nhead: Maintenance\n---\n")
	copies := []history.Message{
		{ToJID: "a1@conference.xmpp.zoom.us", Revisions: []history.Revision{history.RevisionOf(card, time.Now())}},
		{ToJID: "b2@conference.xmpp.zoom.us", Revisions: []history.Revision{history.RevisionOf(card, time.Now())}},
	}
	group, _, err := store.BeginBroadcast(copies, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	msg, refusal := editedMessage(store, group)
	if refusal != "" || msg.ID != group || msg.Group != group || msg.ToJID != copies[0].ToJID || len(msg.Revisions) != 1 {
		t.Fatalf("edited %+v, refusal %q", msg, refusal)
	}
	if _, refusal := editedMessage(store, "grp-nosuch"); !strings.Contains(refusal, "broadcast grp-nosuch could not be read") {
		t.Fatalf("refusal %q", refusal)
	}
}
