package composer

import (
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
)

// ctrl+z undoes a change that replaced the text: the $EDITOR round trip, a
// template the card started from, a template or an element inserted.
func TestUndoCoversWholeTextChanges(t *testing.T) {
	st, _ := openStore(t)
	if err := st.SaveTemplate(history.Template{Name: "weekly", Source: "Weekly update"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		before string
		change func(t *testing.T, m *Model)
	}{
		{"$EDITOR round trip", "before", func(t *testing.T, m *Model) {
			file := msgsOf[externalFileMsg](press(m, "ctrl+x"))[0]
			send(t, m, externalDoneMsg{source: "after\n", draft: file.draft})
			if m.Source() != "after" {
				t.Fatalf("the external editor's text is not in the editor: %q", m.Source())
			}
		}},
		{"start from a template", "", func(t *testing.T, m *Model) {
			settle(t, m, press(m, "ctrl+t"))
			settle(t, m, press(m, "enter"))
		}},
		{"replace the draft with a template", "Intro", func(t *testing.T, m *Model) {
			settle(t, m, press(m, "ctrl+t"))
			settle(t, m, press(m, "enter"))
			settle(t, m, typeText(m, "y")...)
		}},
		{"insert an element", "Intro", func(t *testing.T, m *Model) {
			press(m, "ctrl+o")
			settle(t, m, press(m, "enter"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, 120, 40, themes.NoColor(), st)
			typeText(m, tt.before)
			tt.change(t, m)
			if m.Source() == tt.before {
				t.Fatal("the change did nothing")
			}
			press(m, "ctrl+z")
			if m.Source() != tt.before {
				t.Errorf("after ctrl+z the editor holds %q, want %q", m.Source(), tt.before)
			}
		})
	}
}

// A card sent along with the switch (resend, outbox, unfurl again) never
// silently replaces text: it is one undo step, and the status says so.
func TestCardGivenWithTheSwitchIsOneUndoStep(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	typeText(m, "half written")
	msgs := send(t, m, common.ComposeMsg{Mode: common.ComposeNew, Source: "resent card"})
	if m.Source() != "resent card" || !hasStatus(msgs, "ctrl+z") {
		t.Fatalf("source %q statuses %+v", m.Source(), statuses(msgs))
	}
	press(m, "ctrl+z")
	if m.Source() != "half written" {
		t.Errorf("ctrl+z gave %q, want the text the card replaced", m.Source())
	}
}
