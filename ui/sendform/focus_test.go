package sendform

import (
	"testing"
	"time"

	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// ctrl+s with no recipient says so and puts the cursor where it is needed.
func TestSendWithoutRecipientFocusesTo(t *testing.T) {
	for from := fieldTo + 1; from < fieldCount; from++ {
		m, _ := newForm(t, 100, 30)
		for range from {
			feed(m, commontest.Key("tab"))
		}
		if m.focus != from {
			t.Fatalf("tab reached field %d, want %d", m.focus, from)
		}
		msgs := feed(m, commontest.Key("ctrl+s"))
		status, _ := commontest.Find[common.StatusMsg](msgs)
		if m.focus != fieldTo || m.fields.Focused() != fieldTo || !m.Typing() {
			t.Fatalf("from field %d, after %q the focus is on field %d (inputs %d), want the To field", from, status.Text, m.focus, m.fields.Focused())
		}
	}
}

// The form opens on the To field, not on whichever field had focus when it
// was left.
func TestFormReopensOnTheToField(t *testing.T) {
	m, _ := newForm(t, 100, 30)
	feed(m, commontest.Key("tab"), commontest.Key("tab"))
	commontest.Run(m.Init(), time.Second) // the form is shown again
	if m.focus != fieldTo || m.fields.Focused() != fieldTo {
		t.Fatalf("the form reopened on field %d (inputs %d), want the To field", m.focus, m.fields.Focused())
	}
}

// A field the last ctrl+s refused is where the form reopens: it needs input.
func TestFormReopensOnARefusedField(t *testing.T) {
	m, _ := newForm(t, 100, 30)
	feed(m, commontest.Type("#general")...)
	feed(m, commontest.Key("tab"))
	feed(m, commontest.Type("not an id!")...)
	feed(m, commontest.Key("ctrl+s"))
	if m.focus != fieldReplyTo || !m.marked(fieldReplyTo) {
		t.Fatalf("ctrl+s left the focus on field %d, marked %v; want the refused Reply to", m.focus, m.marked(fieldReplyTo))
	}
	feed(m, commontest.Key("tab"))
	commontest.Run(m.Init(), time.Second)
	if m.focus != fieldReplyTo {
		t.Fatalf("the form reopened on field %d, want the refused Reply to", m.focus)
	}
}
