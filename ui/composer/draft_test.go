package composer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/compose/starters"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
)

// draftSource returns the named draft's source in st, and whether it exists.
func draftSource(t *testing.T, st *history.Store, name string) (string, bool) {
	t.Helper()
	drafts, err := st.Drafts()
	if err != nil {
		t.Fatalf("Drafts: %v", err)
	}
	for _, d := range drafts {
		if d.Name == name {
			return d.Source, true
		}
	}
	return "", false
}

func TestDraftAutosaveAndRestore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	st, err := history.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	settle(t, m, m.Init())
	settle(t, m, typeText(m, "Quarterly numbers\nare in")...)
	if got, ok := draftSource(t, st, draftCurrent); !ok || got != "Quarterly numbers\nare in" {
		t.Fatalf("autosaved draft = %q (exists %v)", got, ok)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	// A new process restores it at start and says so.
	st2, err := history.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	m2 := newTestModel(t, 120, 40, themes.NoColor(), st2)
	msgs := settle(t, m2, m2.Init())
	if m2.Source() != "Quarterly numbers\nare in" {
		t.Errorf("restored source %q", m2.Source())
	}
	if s := statuses(msgs); len(s) != 1 || !strings.HasPrefix(s[0].Text, "Draft restored") {
		t.Errorf("statuses %+v, want one saying the draft was restored", s)
	}
	if settle(t, m2, m2.Init()); m2.Source() != "Quarterly numbers\nare in" {
		t.Error("a second Init changed the text")
	}

	// Once sent, the draft is cleared and deleted.
	_, cmd := m2.Update(common.DraftSentMsg{})
	settle(t, m2, cmd)
	if m2.Source() != "" {
		t.Errorf("source after DraftSentMsg = %q, want empty", m2.Source())
	}
	if _, ok := draftSource(t, st2, draftCurrent); ok {
		t.Error("the sent draft is still in the history file")
	}
}

func TestAutosaveWaitsForAPause(t *testing.T) {
	st, _ := openStore(t)
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	settle(t, m, m.Init())
	cmds := typeText(m, "abc")
	ticks := msgsOf[autosaveTickMsg](cmds[0])
	if len(ticks) != 1 {
		t.Fatalf("the first key scheduled %d autosave ticks, want 1", len(ticks))
	}
	if _, cmd := m.Update(ticks[0]); cmd != nil {
		settle(t, m, cmd)
	}
	if _, ok := draftSource(t, st, draftCurrent); ok {
		t.Error("the draft was saved while typing went on")
	}
	settle(t, m, cmds[2])
	if got, _ := draftSource(t, st, draftCurrent); got != "abc" {
		t.Errorf("draft after the pause = %q, want abc", got)
	}
}

func TestAutosaveAfterMaxWait(t *testing.T) {
	st, _ := openStore(t)
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	now := fixedNow
	m.common.Deps.Now = func() time.Time { return now }
	m.drafts.maxWait = 5 * time.Second
	settle(t, m, m.Init())
	first := typeText(m, "a")[0]
	now = now.Add(6 * time.Second)
	typeText(m, "b")
	settle(t, m, first) // an old tick, but the text has waited too long
	if got, _ := draftSource(t, st, draftCurrent); got != "ab" {
		t.Errorf("draft after max wait = %q, want ab", got)
	}
}

func TestFlushSavesNow(t *testing.T) {
	st, _ := openStore(t)
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	settle(t, m, m.Init())
	typeText(m, "unsaved") // autosave ticks never run
	settle(t, m, m.Flush())
	if got, _ := draftSource(t, st, draftCurrent); got != "unsaved" {
		t.Errorf("draft after Flush = %q", got)
	}
	if m.Flush() != nil {
		t.Error("Flush with nothing new to save returned a command")
	}
}

func TestEditDraftKeepsNewDraft(t *testing.T) {
	st, _ := openStore(t)
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	settle(t, m, m.Init())
	typeText(m, "new message in progress")
	sent := &history.Message{ID: "m9", Revisions: []history.Revision{{Source: "sent text"}}}
	_, cmd := m.Update(common.ComposeMsg{Mode: common.ComposeEdit, Message: sent})
	settle(t, m, cmd)
	if m.Source() != "sent text\n" {
		t.Fatalf("edit mode source %q", m.Source())
	}
	settle(t, m, typeText(m, "!")...)
	if got, _ := draftSource(t, st, "edit m9"); got != "sent text\n!" {
		t.Errorf("edit draft %q", got)
	}
	_, cmd = m.Update(common.DraftSentMsg{})
	settle(t, m, cmd)
	if m.Mode() != common.ComposeNew || m.Source() != "new message in progress" {
		t.Errorf("after the edit was sent: mode %v source %q, want the new-message draft back", m.Mode(), m.Source())
	}
	if _, ok := draftSource(t, st, "edit m9"); ok {
		t.Error("the edit draft is still stored after the edit was sent")
	}
}

func TestRestoreNeverOverwritesTyping(t *testing.T) {
	st, _ := openStore(t)
	if err := st.SaveDraft(history.Draft{Name: draftCurrent, Source: "old draft"}); err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	load := m.Init()
	typeText(m, "typed first")
	settle(t, m, load)
	if m.Source() != "typed first" {
		t.Errorf("a late draft load replaced typed text: %q", m.Source())
	}
}

func TestTemplatesSaveAndStartFrom(t *testing.T) {
	st, _ := openStore(t)
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	settle(t, m, m.Init())
	const tpl = "---\nhead: Weekly update\n---\n\nHello {{.team}}"
	m.editor.SetValue(tpl)
	press(m, "alt+s")
	if m.overlay != overlayTemplateName {
		t.Fatal("alt+s did not ask for a template name")
	}
	settle(t, m, press(m, "enter"))
	if m.form.errMsg == "" || m.overlay != overlayTemplateName {
		t.Error("an empty template name was accepted")
	}
	typeText(m, "weekly")
	msgs := settle(t, m, press(m, "enter"))
	if s := statuses(msgs); len(s) != 1 || s[0].Kind != common.StatusOK {
		t.Errorf("statuses %+v after saving", s)
	}
	ts, err := st.Templates()
	if err != nil || len(ts) != 1 || ts[0].Name != "weekly" || ts[0].Source != tpl {
		t.Fatalf("templates %+v, %v", ts, err)
	}

	m2 := newTestModel(t, 120, 40, themes.NoColor(), st)
	settle(t, m2, press(m2, "ctrl+t"))
	if m2.overlay != overlayTemplates {
		t.Fatal("ctrl+t did not list the templates")
	}
	settle(t, m2, press(m2, "enter"))
	if m2.Source() != tpl {
		t.Errorf("started from template: %q", m2.Source())
	}

	// With text in the editor the picker asks; y replaces the draft (the
	// issue asks for replace-after-asking: inserting at the cursor is gone).
	m2.editor.SetValue("keep me")
	settle(t, m2, press(m2, "ctrl+t"))
	settle(t, m2, press(m2, "enter"))
	if got := m2.Source(); got != "keep me" || m2.picker.replacing == nil {
		t.Fatalf("choosing over existing text did not ask first: %q", got)
	}
	settle(t, m2, typeText(m2, "y")...)
	if got := m2.Source(); got != tpl {
		t.Errorf("y over existing text gave %q", got)
	}
}

// With no saved template the picker still opens, on the shipped starters.
func TestNoSavedTemplatesListsTheStarters(t *testing.T) {
	st, _ := openStore(t)
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	settle(t, m, press(m, "ctrl+t"))
	if m.overlay != overlayTemplates || len(m.menu.items) != len(starters.All()) {
		t.Fatalf("overlay %d, %d items", m.overlay, len(m.menu.items))
	}
}

func TestExternalEditorRoundTrip(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	m.editor.SetValue("before")
	files := msgsOf[externalFileMsg](press(m, "ctrl+x"))
	if len(files) != 1 {
		t.Fatal("ctrl+x did not write the draft to a file")
	}
	path := files[0].path
	if data, err := os.ReadFile(path); err != nil || string(data) != "before" {
		t.Fatalf("temp file holds %q, %v", data, err)
	}
	if _, cmd := m.Update(files[0]); cmd == nil {
		t.Fatal("no command to run the editor")
	}
	// What the editor does: rewrite the file, newline at the end.
	if err := os.WriteFile(path, []byte("after\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, cmd := m.Update(readExternalFile(files[0], nil))
	settle(t, m, cmd)
	if m.Source() != "after" {
		t.Errorf("source after the external editor %q, want after", m.Source())
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("the temporary file was left behind")
	}
}

func TestEditorCommand(t *testing.T) {
	tests := []struct {
		visual, editor string
		want           string
	}{
		{"", "", "vi"},
		{"", "nano", "nano"},
		{"code --wait", "nano", "code --wait"},
		{"  ", "hx", "hx"},
	}
	for _, tt := range tests {
		t.Setenv("VISUAL", tt.visual)
		t.Setenv("EDITOR", tt.editor)
		if got := strings.Join(editorCommand(), " "); got != tt.want {
			t.Errorf("VISUAL=%q EDITOR=%q: %q, want %q", tt.visual, tt.editor, got, tt.want)
		}
	}
}
