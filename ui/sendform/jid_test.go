package sendform

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// A field that fails its check is named in the problem line, marked in the
// form and focused; nothing is recorded (not even a recent recipient) and
// nothing reaches the simulator.
func TestMalformedFieldsAreMarkedAndRefused(t *testing.T) {
	tests := []struct {
		name              string
		to, reply, vis    string
		paste             bool // deliver To as a paste rather than typed keys
		field             int
		label, mark, text string
	}{
		// A name without an @ is a label or a list since issue 13: unknown, it is refused as such.
		{name: "not a JID", to: "not-a-jid", field: fieldTo, label: "To:", mark: "unknown name", text: `unknown recipient name "not-a-jid"`},
		{name: "another domain", to: "a@b.com", field: fieldTo, label: "To:", mark: "not a Zoom JID", text: "not a Zoom chat domain"},
		{name: "two JIDs glued", to: zoomtest.UserAlice + " " + zoomtest.UserBob, field: fieldTo, label: "To:", mark: "not a Zoom JID", text: "whitespace"},
		{name: "a pasted newline", to: zoomtest.UserAlice + "\n" + zoomtest.UserBob, paste: true, field: fieldTo, label: "To:", mark: "not a Zoom JID"},
		{name: "empty local part", to: "@xmpp.zoom.us", field: fieldTo, label: "To:", mark: "not a Zoom JID", text: "before the @"},
		{name: "visible to a channel", to: zoomtest.ChannelGeneral, vis: zoomtest.ChannelRandom, field: fieldVisibleTo, label: "Visible to:", mark: "not a user JID", text: "channel"},
		{name: "visible to a name", to: zoomtest.ChannelGeneral, vis: "alice", field: fieldVisibleTo, label: "Visible to:", mark: "not a user JID", text: "no @"},
		{name: "reply to with a space", to: zoomtest.ChannelGeneral, reply: "MSG 1", field: fieldReplyTo, label: "Reply to:", mark: "not a message id", text: "whitespace"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, env := newForm(t, 80, 24)
			var msgs []tea.Msg
			if tt.paste {
				msgs = append(msgs, tea.PasteMsg{Content: tt.to})
			} else {
				msgs = append(msgs, commontest.Type(tt.to)...)
			}
			msgs = append(msgs, commontest.Key("tab"))
			msgs = append(msgs, commontest.Type(tt.reply)...)
			msgs = append(msgs, commontest.Key("tab"))
			msgs = append(msgs, commontest.Type(tt.vis)...)
			all := feed(m, append(msgs, commontest.Key("ctrl+s"))...)

			status, ok := commontest.Find[common.StatusMsg](all)
			if !ok || status.Kind != common.StatusError || !strings.HasPrefix(status.Text, tt.label) || !strings.Contains(status.Text, tt.text) {
				t.Fatalf("status = %+v; want an error starting %q saying %q", status, tt.label, tt.text)
			}
			if m.focus != tt.field {
				t.Errorf("focus = %d, want the refused field %d", m.focus, tt.field)
			}
			view := commontest.Plain(m.View())
			if !strings.Contains(view, "✗ "+tt.mark) || !strings.Contains(view, tt.label) {
				t.Errorf("the form does not mark the field with %q:\n%s", tt.mark, view)
			}
			if n := len(env.Server.Requests()); n != 0 {
				t.Errorf("%d requests reached the simulator", n)
			}
			page, _ := env.Store.List(history.Query{Limit: 5})
			recipients, _ := env.Store.Recipients()
			if len(page.Messages) != 0 || len(recipients) != 0 {
				t.Errorf("recorded %+v, recipients %+v", page.Messages, recipients)
			}
			if entries, _ := env.Store.Outbox(); len(entries) != 0 {
				t.Errorf("outbox %+v", entries)
			}
		})
	}
}

// An escape sequence put in a field (the input drops the ESC itself) is
// refused, and the problem line carries no control character.
func TestAnEscapeSequenceInAFieldIsRefused(t *testing.T) {
	m, env := newForm(t, 80, 24)
	m.fields.SetValue(fieldTo, "evil\x1b[2J@xmpp.zoom.us")
	all := feed(m, commontest.Key("ctrl+s"))
	status, _ := commontest.Find[common.StatusMsg](all)
	if status.Kind != common.StatusError || !strings.HasPrefix(status.Text, "To:") || strings.Contains(status.Text, "\x1b") {
		t.Fatalf("status = %q", status.Text)
	}
	if n := len(env.Server.Requests()); n != 0 {
		t.Errorf("%d requests reached the simulator", n)
	}
}

// The mark goes once the refused value is changed, and a fixed form sends.
func TestAFixedFieldLosesItsMarkAndSends(t *testing.T) {
	m, env := newForm(t, 80, 24)
	feed(m, append(commontest.Type("a@b.com"), commontest.Key("ctrl+s"))...)
	if !strings.Contains(commontest.Plain(m.View()), "✗ not a Zoom JID") {
		t.Fatalf("no mark:\n%s", commontest.Plain(m.View()))
	}
	m.fields.SetValue(fieldTo, zoomtest.ChannelGeneral)
	if strings.Contains(commontest.Plain(m.View()), "✗") {
		t.Fatalf("the mark stayed on a changed value:\n%s", commontest.Plain(m.View()))
	}
	all := settle(m, feed(m, commontest.Key("ctrl+s")))
	if _, ok := commontest.Find[common.ShowDetailMsg](all); !ok {
		t.Fatalf("the fixed form did not send: %v", all)
	}
	recipients, _ := env.Store.Recipients()
	if len(recipients) != 1 || recipients[0].JID != zoomtest.ChannelGeneral {
		t.Errorf("recipients = %+v", recipients)
	}
}

// A malformed recipient already in the history (stored before JIDs were checked) is never
// offered by the completion.
func TestCompletionSkipsMalformedRecipients(t *testing.T) {
	m, env := newForm(t, 80, 24)
	for _, jid := range []string{"evil\x1b[2J@xmpp.zoom.us", zoomtest.ChannelGeneral} {
		if err := env.Store.TouchRecipient(jid, commontest.Clock); err != nil {
			t.Fatal(err)
		}
	}
	for _, msg := range commontest.Run(common.LoadRecipients(env.Store), time.Second) {
		m.Update(msg)
	}
	feed(m, commontest.Type("@")...)
	if len(m.matches) != 1 || m.matches[0].JID != zoomtest.ChannelGeneral {
		t.Fatalf("matches = %+v, want only the general channel", m.matches)
	}
}
