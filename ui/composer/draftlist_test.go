package composer

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
)

// The drafts list (ctrl+l) names each draft's target; enter opens one, and
// an edit reopened after a restart reads its message when it is sent.
func TestDraftListOpensADraftAfterARestart(t *testing.T) {
	st, _ := openStore(t)
	msg := sentMessage("m9", false)
	if err := st.PutMessage(msg); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{draftCurrent: "text A", "edit m9": "Deploy fixed"} {
		if err := st.SaveDraft(history.Draft{Name: name, Source: text, UpdatedAt: fixedNow}); err != nil {
			t.Fatal(err)
		}
	}
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	settle(t, m, m.Init())
	if m.Source() != "text A" {
		t.Fatalf("at start the editor holds %q", m.Source())
	}
	press(m, "ctrl+l")
	view := ansi.Strip(m.View())
	for _, want := range []string{"Open drafts", "New message (shown)", "Edit of m9", "Deploy fixed", "saved Mar 14 09:26"} {
		if !strings.Contains(view, want) {
			t.Errorf("the drafts list lacks %q:\n%s", want, view)
		}
	}
	if !m.Typing() {
		t.Error("the drafts list lets global letter keys through")
	}
	press(m, "down")
	settle(t, m, press(m, "enter"))
	if m.Title() != "Editing m9" || m.Source() != "Deploy fixed" || m.overlay != overlayNone {
		t.Fatalf("after enter: title %q source %q overlay %d", m.Title(), m.Source(), m.overlay)
	}
	subs := submitted(toAny(settle(t, m, press(m, "ctrl+s"))))
	if len(subs) != 1 || subs[0].Mode != common.ComposeEdit || subs[0].Message == nil || subs[0].Message.ID != "m9" {
		t.Fatalf("submissions %+v, want the edit of m9 with its message", subs)
	}
	if subs[0].Draft.Markdown {
		t.Error("the reopened edit turned markdown on")
	}
}

// Discarding from the list asks first; n keeps the draft, y removes it
// everywhere and, when it was shown, goes back to the new message.
func TestDraftListDiscardAsksFirst(t *testing.T) {
	st, _ := openStore(t)
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	settle(t, m, m.Init())
	typeText(m, "text A")
	send(t, m, editKey(sentMessage("m9", false)))
	settle(t, m, typeText(m, "!")...)

	press(m, "ctrl+l") // the shown edit is first
	typeText(m, "x")
	if !strings.Contains(ansi.Strip(m.View()), "Discard your edit of m9?") {
		t.Fatalf("x did not ask:\n%s", ansi.Strip(m.View()))
	}
	typeText(m, "n")
	if m.discarding != "" || m.open["edit m9"] == nil {
		t.Fatal("n did not keep the draft")
	}
	typeText(m, "x")
	msgs := settle(t, m, typeText(m, "y")...)
	if !hasStatus(msgs, "Discarded your edit of m9") {
		t.Errorf("statuses %+v", statuses(msgs))
	}
	if _, ok := draftSource(t, st, "edit m9"); ok || m.open["edit m9"] != nil {
		t.Error("the discarded draft survived")
	}
	if m.Mode() != common.ComposeNew || m.Source() != "text A" || m.overlay != overlayDrafts {
		t.Errorf("after discarding the shown draft: mode %v source %q overlay %d", m.Mode(), m.Source(), m.overlay)
	}
	press(m, "esc")
	if m.overlay != overlayNone {
		t.Error("esc did not close the list")
	}
}

// The list and its question fit the smallest supported size, and control
// characters in a draft never reach the terminal.
func TestDraftListFitsSmallSizes(t *testing.T) {
	for _, size := range [][2]int{{60, 16}, {80, 24}} {
		m := newTestModel(t, size[0], size[1], themes.NoColor(), nil)
		m.editor.SetValue("evil \x1b[31m title")
		send(t, m, editKey(sentMessage("a-rather-long-message-id-from-zoom", false)))
		typeText(m, "!")
		press(m, "ctrl+l")
		checkSize(t, m.View(), size[0], size[1])
		if strings.Contains(m.View(), "\x1b[31m") {
			t.Errorf("%dx%d: an escape sequence from a draft reached the view", size[0], size[1])
		}
		typeText(m, "x")
		view := ansi.Strip(m.View())
		checkSize(t, m.View(), size[0], size[1])
		if !strings.Contains(view, "y discards") {
			t.Errorf("%dx%d: the question is cut:\n%s", size[0], size[1], view)
		}
	}
}
