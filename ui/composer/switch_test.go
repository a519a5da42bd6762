package composer

import (
	"encoding/json"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
)

// liveText is the card of sentMessage, as the detail screen hands it over.
const liveText = "Deploy finished"

// sentMessage is a sent message as the history holds it.
func sentMessage(id string, markdown bool) history.Message {
	content, _ := json.Marshal(map[string]any{"body": []any{map[string]any{"type": "message", "text": liveText}}})
	return history.Message{ID: id, ToJID: "general@conference.xmpp.zoom.us", Markdown: markdown, Status: history.StatusSent,
		Revisions: []history.Revision{{Content: content, Source: liveText, Markdown: markdown, At: fixedNow}}}
}

// editKey is what `e` on a message in the detail screen sends.
func editKey(msg history.Message) common.ComposeMsg {
	return common.ComposeMsg{Mode: common.ComposeEdit, Source: liveText, Message: &msg}
}

// newKey is what f2/ctrl+n send.
var newKey = common.ComposeMsg{Mode: common.ComposeNew}

// send delivers msg to the composer and runs what it returns.
func send(t *testing.T, m *Model, msg tea.Msg) []tea.Msg {
	t.Helper()
	_, cmd := m.Update(msg)
	return settle(t, m, cmd)
}

// hasStatus reports whether a status among msgs contains text.
func hasStatus(msgs []tea.Msg, text string) bool {
	for _, s := range statuses(msgs) {
		if strings.Contains(s.Text, text) {
			return true
		}
	}
	return false
}

// f2 after an edit (or an unfurl) shows the new message's text at once,
// and the draft left behind is saved under its own name.
func TestComposeNewAlwaysShowsTheNewMessage(t *testing.T) {
	tests := []struct {
		name    string
		leave   common.ComposeMsg
		left    string // the draft left behind
		leftSrc string // its text
		wantNew string
	}{
		{"from an edit", editKey(sentMessage("m9", false)), "edit m9", liveText + " more", "text A"},
		{"from an unfurl", common.ComposeMsg{Mode: common.ComposeUnfurl, Source: "Link preview"}, draftUnfurl, "Link preview more", "text A"},
		{"from the new message itself", newKey, draftCurrent, "text A more", "text A more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, _ := openStore(t)
			m := newTestModel(t, 120, 40, themes.NoColor(), st)
			settle(t, m, m.Init())
			typeText(m, "text A")
			send(t, m, tt.leave)
			typeText(m, " more")

			_, cmd := m.Update(newKey)
			// At once: no command has run yet.
			if m.Mode() != common.ComposeNew || m.Title() != "New message" || m.Source() != tt.wantNew {
				t.Fatalf("after f2: mode %v, title %q, source %q; want the new message with %q", m.Mode(), m.Title(), m.Source(), tt.wantNew)
			}
			settle(t, m, cmd, m.Flush())
			if got, _ := draftSource(t, st, tt.left); got != tt.leftSrc {
				t.Errorf("the draft left behind was saved as %q, want %q", got, tt.leftSrc)
			}
		})
	}
}

// `e` again on a message with an unsent edit restores the edit (from
// memory, or from the history file after a restart); it never starts over
// from the live card.
func TestEditAgainRestoresTheUnsentEdit(t *testing.T) {
	msg := sentMessage("m9", false)
	tests := []struct {
		name    string
		between func(t *testing.T, m *Model) *Model // what happens between the two `e`s
	}{
		{"while still editing", func(t *testing.T, m *Model) *Model { return m }},
		{"after f2", func(t *testing.T, m *Model) *Model { send(t, m, newKey); return m }},
		{"after a restart", func(t *testing.T, m *Model) *Model {
			settle(t, m, m.Flush())
			next := newTestModel(t, 120, 40, themes.NoColor(), m.store())
			settle(t, next, next.Init())
			return next
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, _ := openStore(t)
			m := newTestModel(t, 120, 40, themes.NoColor(), st)
			settle(t, m, m.Init())
			send(t, m, editKey(msg))
			typeText(m, " at noon")
			m = tt.between(t, m)

			msgs := send(t, m, editKey(msg))
			if m.Source() != liveText+" at noon" {
				t.Fatalf("after e again the editor holds %q, want the unsent edit", m.Source())
			}
			if !hasStatus(msgs, "Restored your edit of m9") {
				t.Errorf("statuses %+v, want one saying the unsent edit was restored", statuses(msgs))
			}
			settle(t, m, m.Flush())
			if got, _ := draftSource(t, st, "edit m9"); got != liveText+" at noon" {
				t.Errorf("after quitting the edit draft is %q", got)
			}
		})
	}
}

// An edit nobody changed is no draft: `e` again starts from the live card,
// which may be newer, and nothing is written to the history file.
func TestUnchangedEditFollowsTheLiveCard(t *testing.T) {
	st, _ := openStore(t)
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	settle(t, m, m.Init())
	send(t, m, editKey(sentMessage("m9", false)))
	send(t, m, newKey)
	newer := common.ComposeMsg{Mode: common.ComposeEdit, Source: "Deploy finished, all green", Message: editKey(sentMessage("m9", false)).Message}
	if msgs := send(t, m, newer); m.Source() != newer.Source || hasStatus(msgs, "Restored") {
		t.Errorf("source %q, statuses %+v; want the newer live card and no restore", m.Source(), statuses(msgs))
	}
	settle(t, m, m.Flush())
	if _, ok := draftSource(t, st, "edit m9"); ok {
		t.Error("an unchanged edit was saved as a draft")
	}
}

// Quitting (Flush) saves the shown draft under its own name only: no
// switch, and no `e` again, ever writes one target's text under another's.
func TestFlushNeverOverwritesAnotherDraft(t *testing.T) {
	st, _ := openStore(t)
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	settle(t, m, m.Init())
	typeText(m, "new text")
	msg := sentMessage("m9", false)
	send(t, m, editKey(msg))
	settle(t, m, typeText(m, "!")...) // autosaved
	send(t, m, newKey)
	typeText(m, " grows")
	send(t, m, editKey(msg))
	settle(t, m, m.Flush())
	send(t, m, common.ComposeMsg{Mode: common.ComposeUnfurl})
	settle(t, m, m.Flush())

	want := map[string]string{draftCurrent: "new text grows", "edit m9": liveText + "!"}
	for name, text := range want {
		if got, _ := draftSource(t, st, name); got != text {
			t.Errorf("draft %q = %q, want %q", name, got, text)
		}
	}
	if _, ok := draftSource(t, st, draftUnfurl); ok {
		t.Error("an empty unfurl draft was saved")
	}
}

// A drafts read that arrives after `e` restores the saved edit only while
// the author has not typed in it.
func TestLateDraftsReadRestoresAnUntouchedEdit(t *testing.T) {
	st, _ := openStore(t)
	if err := st.SaveDraft(history.Draft{Name: "edit m9", Source: "saved edit", UpdatedAt: fixedNow}); err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	read := m.Init()
	send(t, m, editKey(sentMessage("m9", false)))
	msgs := settle(t, m, read)
	if m.Source() != "saved edit" || !hasStatus(msgs, "Restored your edit of m9") {
		t.Errorf("source %q statuses %+v", m.Source(), statuses(msgs))
	}
}

// Opening an outbox card twice keeps the changes made to it the first time.
func TestOutboxCardReopenedKeepsChanges(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	open := common.ComposeMsg{Mode: common.ComposeNew, Source: "Lunch at noon", Record: "r1"}
	send(t, m, open)
	typeText(m, "!")
	send(t, m, newKey)
	msgs := send(t, m, open)
	if m.Source() != "Lunch at noon!" || !hasStatus(msgs, "Restored your card of outbox send r1") {
		t.Errorf("source %q statuses %+v", m.Source(), statuses(msgs))
	}
}
