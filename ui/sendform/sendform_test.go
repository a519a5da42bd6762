package sendform

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/widget"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

func draft() compose.Card {
	content, _ := json.Marshal(map[string]any{"head": map[string]string{"text": "Release 2.4"}})
	return compose.Card{Source: "---\nhead: Release 2.4\n---\n", Content: content}
}

// newForm returns a send form holding a draft, and the test world.
func newForm(t *testing.T, width, height int) (*Model, *commontest.Env) {
	t.Helper()
	env := commontest.NewEnv(t)
	m := New(env.Common(themes.NoColor(), width, height))
	commontest.Run(m.Init(), time.Second)
	m.Update(common.SubmitDraftMsg{Mode: common.ComposeNew, Draft: draft()})
	return m, env
}

// feed sends msgs to m and returns the messages its commands produced; a
// send is waited for until its result arrives, anything else (cursor blinks)
// is abandoned after a moment.
func feed(m *Model, msgs ...tea.Msg) []tea.Msg {
	var out []tea.Msg
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		wait := 20 * time.Millisecond
		if m.flight.Active() || m.resolving {
			wait = 5 * time.Second
		}
		got := commontest.RunUntil(cmd, wait, isResult)
		out = append(out, got...)
		for _, step := range got { // the names resolved: the send goes on, as the runtime would
			if _, ok := step.(resolvedMsg); ok {
				out = append(out, feed(m, step)...)
			}
		}
	}
	return out
}

func isResult(msg tea.Msg) bool {
	switch msg.(type) {
	case widget.Landed, resolvedMsg:
		return true
	}
	return false
}

// settle feeds produced messages back into the model until it is quiet,
// the way the Bubble Tea runtime would.
func settle(m *Model, msgs []tea.Msg) []tea.Msg {
	var all []tea.Msg
	for len(msgs) > 0 {
		all = append(all, msgs...)
		var next []tea.Msg
		for _, msg := range msgs {
			if _, ok := msg.(widget.Landed); ok {
				next = append(next, feed(m, msg)...)
			}
		}
		msgs = next
	}
	return all
}

func TestSendRecordsBeforeSayingSent(t *testing.T) {
	m, env := newForm(t, 80, 20)
	msgs := append(commontest.Type(zoomtest.ChannelGeneral), commontest.Key("ctrl+s"))
	all := settle(m, feed(m, msgs...))
	detail, ok := commontest.Find[common.ShowDetailMsg](all)
	if !ok {
		t.Fatalf("no detail navigation after send; messages: %v", all)
	}
	rec, err := env.Store.Get(detail.ID)
	if err != nil {
		t.Fatalf("the UI said sent but the history has no record: %v", err)
	}
	if rec.ToJID != zoomtest.ChannelGeneral || string(rec.Live().Content) != string(draft().Content) {
		t.Fatalf("recorded %+v", rec)
	}
	status, _ := commontest.Find[common.StatusMsg](all)
	if status.Kind != common.StatusOK || !strings.Contains(status.Text, detail.ID) {
		t.Fatalf("status %+v", status)
	}
	if _, ok := commontest.Find[common.DraftSentMsg](all); !ok {
		t.Fatal("the composer was not told its draft went out")
	}
}

func TestRecipientCompletionUsesLabels(t *testing.T) {
	m, env := newForm(t, 80, 20)
	if err := env.Store.TouchRecipient(zoomtest.ChannelGeneral, commontest.Clock); err != nil {
		t.Fatal(err)
	}
	if err := env.Store.SetRecipientLabel(zoomtest.ChannelGeneral, "#general"); err != nil {
		t.Fatal(err)
	}
	for _, msg := range commontest.Run(common.LoadRecipients(env.Store), time.Second) {
		m.Update(msg)
	}
	feed(m, commontest.Type("gener")...)
	if view := commontest.Plain(m.View()); !strings.Contains(view, "#general") {
		t.Fatalf("completion list does not show the label:\n%s", view)
	}
	// enter takes the highlighted suggestion (issue 13 and 15); the field
	// holds its label, resolved when the card is sent.
	feed(m, commontest.Key("enter"))
	if got := m.fields.Value(fieldTo); got != "#general," || m.focus != fieldTo {
		t.Fatalf("enter filled %q, focus %d", got, m.focus)
	}
}

func TestInvalidRecipientNeverReachesTheNetwork(t *testing.T) {
	for _, to := range []string{"", "general"} {
		t.Run(fmt.Sprintf("to=%q", to), func(t *testing.T) {
			m, env := newForm(t, 80, 20)
			msgs := append(commontest.Type(to), commontest.Key("ctrl+s"))
			all := feed(m, msgs...)
			status, ok := commontest.Find[common.StatusMsg](all)
			if !ok || status.Kind != common.StatusError {
				t.Fatalf("no error status: %v", all)
			}
			if n := len(env.Server.Requests()); n != 0 {
				t.Fatalf("%d requests reached the simulator", n)
			}
		})
	}
}

func TestAPIErrorStaysOnTheFormWithItsSentence(t *testing.T) {
	m, env := newForm(t, 80, 20)
	msgs := append(commontest.Type("nobody@xmpp.zoom.us"), commontest.Key("ctrl+s"))
	all := settle(m, feed(m, msgs...))
	status, _ := commontest.Find[common.StatusMsg](all)
	if status.Kind != common.StatusError || !strings.Contains(status.Text, "7004") {
		t.Fatalf("status %+v", status)
	}
	if !strings.Contains(commontest.Plain(m.View()), "7004") {
		t.Fatalf("the form does not show the error:\n%s", m.View())
	}
	if page, _ := env.Store.List(history.Query{Limit: 5}); len(page.Messages) != 0 {
		t.Fatalf("a rejected send was recorded: %+v", page.Messages)
	}
}

func TestRateLimitShowsACountdown(t *testing.T) {
	m, _ := newForm(t, 80, 20)
	feed(m, commontest.Type(zoomtest.ChannelGeneral)...)
	// A send in flight that the simulator holds long enough to see the wait.
	m.flight.Start(func(ctx context.Context) tea.Msg { <-ctx.Done(); return nil })
	defer m.flight.Cancel()
	m.keys.setSending(true)
	m.Update(common.RateLimitMsg{Op: "send", Attempt: 1, Until: time.Now().Add(3 * time.Second)})
	view := commontest.Plain(m.View())
	if !strings.Contains(view, "rate limit: retrying in 3s") && !strings.Contains(view, "rate limit: retrying in 2s") {
		t.Fatalf("no countdown:\n%s", view)
	}
}

func TestRateLimitedSendIsKeptInOutbox(t *testing.T) {
	m, env := newForm(t, 80, 20)
	env.Server.RateLimitNext(10, "1")
	msgs := append(commontest.Type(zoomtest.ChannelGeneral), commontest.Key("ctrl+s"))
	all := settle(m, feed(m, msgs...))
	status, _ := commontest.Find[common.StatusMsg](all)
	if status.Kind != common.StatusError || !strings.Contains(status.Text, "outbox") {
		t.Fatalf("status %+v", status)
	}
	if entries, _ := env.Store.Outbox(); len(entries) != 1 {
		t.Fatalf("outbox %+v", entries)
	}
}

func TestGoldenViews(t *testing.T) {
	for _, size := range [][2]int{{80, 21}, {120, 37}} {
		t.Run(fmt.Sprintf("sendform-%dx%d", size[0], size[1]), func(t *testing.T) {
			m, _ := newForm(t, size[0], size[1])
			feed(m, commontest.Type("team")...)
			commontest.Golden(t, m.View())
		})
	}
}
