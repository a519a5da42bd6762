package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/widget"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// withFailedSend returns an outbox screen holding one send that failed on a
// 503, made through the real ops layer.
func withFailedSend(t *testing.T) (*Model, *commontest.Env) {
	t.Helper()
	return outboxAfterSend(t, 80, func(s *zoomtest.Server) { s.FailNext(1, 503) }, new(*ops.OutboxError))
}

// outboxAfterSend arms the simulator with arm, sends one card through the
// real ops layer, checks that the send failed as want (a pointer to an error
// type, for errors.As) says, and returns an outbox screen width wide that
// shows it.
func outboxAfterSend(t *testing.T, width int, arm func(*zoomtest.Server), want any) (*Model, *commontest.Env) {
	t.Helper()
	env := commontest.NewEnv(t)
	arm(env.Server)
	content, _ := json.Marshal(map[string]any{"head": map[string]string{"text": "Outage notice"}})
	_, err := env.Deps.Ops().Send(context.Background(), ops.Envelope{ToJID: zoomtest.ChannelGeneral},
		compose.Card{Source: "Outage notice", Content: content})
	if !errors.As(err, want) {
		t.Fatalf("setup: want a %T, got %v", want, err)
	}
	m := New(env.Common(themes.NoColor(), width, 21))
	feed(m, m.Init())
	return m, env
}

// feed runs cmd and hands every message it produces back to m, as the
// runtime would, until m is quiet.
func feed(m *Model, cmd tea.Cmd) []tea.Msg {
	var all []tea.Msg
	for cmd != nil {
		msgs := commontest.RunUntil(cmd, 5*time.Second, func(tea.Msg) bool { return false })
		all = append(all, msgs...)
		var next []tea.Cmd
		for _, msg := range msgs {
			switch msg.(type) {
			case loadedMsg, settledMsg, widget.Landed, common.HistoryChangedMsg:
				_, c := m.Update(msg)
				next = append(next, c)
			}
		}
		cmd = tea.Batch(next...)
	}
	return all
}

func press(m *Model, name string) []tea.Msg {
	_, cmd := m.Update(commontest.Key(name))
	return feed(m, cmd)
}

func TestFailedSendIsListedWithItsError(t *testing.T) {
	m, _ := withFailedSend(t)
	view := commontest.Plain(m.View())
	for _, want := range []string{"1 need action", "send", "failed", zoomtest.ChannelGeneral[:20], "503"} {
		if !strings.Contains(view, want) {
			t.Fatalf("view lacks %q:\n%s", want, view)
		}
	}
	commontest.Golden(t, m.View())
}

func TestRetrySendsAndEmptiesTheOutbox(t *testing.T) {
	m, env := withFailedSend(t)
	all := press(m, "r")
	status, _ := commontest.Find[common.StatusMsg](all)
	if status.Kind != common.StatusOK {
		t.Fatalf("status %+v", status)
	}
	if m.list.Len() != 0 {
		t.Fatalf("entries left: %+v", m.list.Items())
	}
	if len(env.Server.Messages()) != 1 {
		t.Fatalf("simulator has %d messages", len(env.Server.Messages()))
	}
}

func TestRetryThatFailsAgainCountsTheAttempt(t *testing.T) {
	m, env := withFailedSend(t)
	env.Server.FailNext(1, 502)
	all := press(m, "r")
	if status, _ := commontest.Find[common.StatusMsg](all); status.Kind != common.StatusError {
		t.Fatalf("status %+v", status)
	}
	if m.list.Len() != 1 || m.list.Items()[0].Attempts != 2 || !strings.Contains(m.list.Items()[0].Err, "502") {
		t.Fatalf("entries %+v", m.list.Items())
	}
}

func TestDiscardAsksFirst(t *testing.T) {
	m, _ := withFailedSend(t)
	press(m, "x")
	press(m, "n") // anything but y keeps it
	if m.list.Len() != 1 {
		t.Fatal("entry discarded without a yes")
	}
	press(m, "x")
	press(m, "y")
	if m.list.Len() != 0 {
		t.Fatalf("entry kept after yes: %+v", m.list.Items())
	}
}

func TestOpenPutsTheCardBackInTheComposer(t *testing.T) {
	m, _ := withFailedSend(t)
	compose, ok := commontest.Find[common.ComposeMsg](press(m, "enter"))
	if !ok || compose.Source != "Outage notice" || compose.Mode != common.ComposeNew || compose.Record != m.list.Items()[0].ID {
		t.Fatalf("compose %+v: want the card, tied to its record so that sending it closes the entry", compose)
	}
}

// withUnknownSend returns an outbox screen holding one send whose answer never
// came: the simulator applied it and dropped the connection.
func withUnknownSend(t *testing.T) (*Model, *commontest.Env) {
	t.Helper()
	return outboxAfterSend(t, 80, func(s *zoomtest.Server) { s.DropNext(1) }, new(*ops.UnknownError))
}

// An unknown outcome is never sent again without a yes: r asks, and only y
// posts the second copy.
func TestSendAgainOfAnUnknownOutcomeAsksFirst(t *testing.T) {
	m, env := withUnknownSend(t)
	view := commontest.Plain(m.View())
	if !strings.Contains(view, "outcome unknown") || !strings.Contains(view, "no answer came") {
		t.Fatalf("the view does not say what is known:\n%s", view)
	}
	if msgs := press(m, "r"); len(msgs) != 0 || len(env.Server.Messages()) != 1 {
		t.Fatalf("r sent at once: %d messages on Zoom", len(env.Server.Messages()))
	}
	if view := commontest.Plain(m.View()); !strings.Contains(view, "may post a duplicate") {
		t.Fatalf("r does not warn of a duplicate:\n%s", view)
	}
	press(m, "n") // anything but y keeps it
	if len(env.Server.Messages()) != 1 || m.list.Len() != 1 {
		t.Fatalf("declined, yet %d messages on Zoom and %d entries", len(env.Server.Messages()), m.list.Len())
	}
	press(m, "r")
	press(m, "y")
	if len(env.Server.Messages()) != 2 || m.list.Len() != 0 {
		t.Fatalf("after y: %d messages on Zoom (want 2), entries %+v", len(env.Server.Messages()), m.list.Items())
	}
}

// a records that it arrived, with the id Zoom shows; n that it did not, which
// leaves it failed and safe to retry.
func TestResolveAnUnknownOutcome(t *testing.T) {
	t.Run("arrived", func(t *testing.T) {
		m, env := withUnknownSend(t)
		zoomID := env.Server.Messages()[0].ID
		press(m, "a")
		// The id prompt takes every key: its help and footer name enter and esc.
		for _, keys := range [][]key.Binding{m.ShortHelp(), common.Bindings(m.HelpKeys())[0]} {
			if len(keys) != 2 || !keys[0].Enabled() || keys[0].Help().Key != "enter" || keys[1].Help().Key != "esc" {
				t.Fatalf("the id prompt's keys are %+v, want enter and esc", keys)
			}
		}
		_, cmd := m.Update(tea.PasteMsg{Content: zoomID})
		feed(m, cmd)
		press(m, "enter")
		if m.list.Len() != 0 {
			t.Fatalf("entries left: %+v", m.list.Items())
		}
		if got, err := env.Store.Get(zoomID); err != nil || got.Status != history.StatusSent {
			t.Fatalf("record under Zoom's id = %+v, %v", got, err)
		}
	})
	t.Run("not arrived", func(t *testing.T) {
		m, env := withUnknownSend(t)
		press(m, "n")
		if m.list.Len() != 1 || m.list.Items()[0].State != history.OpFailed {
			t.Fatalf("entries %+v, want one failed", m.list.Items())
		}
		press(m, "r") // failed: no question
		if len(env.Server.Messages()) != 2 || m.list.Len() != 0 {
			t.Fatalf("after the retry: %d messages, entries %+v", len(env.Server.Messages()), m.list.Items())
		}
	})
}

// TestEscCancelsARetry checks that while a retry runs only esc acts, that
// help says so, and that the cancelled retry keeps the entry.
func TestEscCancelsARetry(t *testing.T) {
	m, env := withFailedSend(t)
	env.Server.SetLatency(3 * time.Second)
	_, run := m.Update(commontest.Key("r"))
	help := m.ShortHelp()
	if !slices.ContainsFunc(help, func(b key.Binding) bool { return b.Enabled() && b.Help().Desc == "cancel retry" }) ||
		slices.ContainsFunc(help, func(b key.Binding) bool { return b.Enabled() && b.Help().Desc == "retry" }) {
		t.Fatalf("help while retrying does not offer exactly cancel: %+v", help)
	}
	if _, cmd := m.Update(commontest.Key("r")); cmd != nil {
		t.Fatal("a second r started something while a retry runs")
	}
	m.Update(commontest.Key("esc"))
	start := time.Now()
	feed(m, run)
	if waited := time.Since(start); waited > 2*time.Second {
		t.Fatalf("esc did not cancel the retry: it took %v", waited)
	}
	if m.flight.Active() || !m.keys.Retry.Enabled() || m.list.Len() != 1 {
		t.Fatalf("after the cancelled retry: active=%v retry key=%v entries=%+v", m.flight.Active(), m.keys.Retry.Enabled(), m.list.Items())
	}
}

// With a prod profile, r asks first and names the profile: any key but y
// keeps the entry, y sends it. A dev profile retries at once (above).
func TestRetryOnProdAsksFirst(t *testing.T) {
	m, env := withFailedSend(t)
	env.Deps.Profile.Name, env.Deps.Profile.Kind = "acme-prod", "prod"
	press(m, "r")
	view := commontest.Plain(m.View())
	if !strings.Contains(view, "PROD  Profile acme-prod is production") || !strings.Contains(view, "Try this send again on Zoom?") {
		t.Fatalf("r on prod did not ask:\n%s", view)
	}
	press(m, "enter")
	if len(env.Server.Messages()) != 0 || m.list.Len() != 1 {
		t.Fatalf("enter retried: %d messages, %d entries", len(env.Server.Messages()), m.list.Len())
	}
	press(m, "r")
	press(m, "y")
	if len(env.Server.Messages()) != 1 || m.list.Len() != 0 {
		t.Fatalf("y did not retry: %d messages, %d entries", len(env.Server.Messages()), m.list.Len())
	}
}

// The target column shows an unlabelled JID whole when the screen has room.
func TestTargetJIDIsWholeWhereThereIsRoom(t *testing.T) {
	m, _ := outboxAfterSend(t, 120, func(s *zoomtest.Server) { s.FailNext(1, 503) }, new(*ops.OutboxError))
	if view := commontest.Plain(m.View()); !strings.Contains(view, zoomtest.ChannelGeneral+" tries 1") {
		t.Errorf("120 columns do not show the whole JID:\n%s", view)
	}
}

// TestLongOutboxScrolls: more entries than fit scroll as every list does
// (the list component): the view keeps to the screen's height, the selected
// entry and its error stay on it, G reaches the last entry, and the line
// above the footer says where the selection is.
func TestLongOutboxScrolls(t *testing.T) {
	env := commontest.NewEnv(t)
	const entries = 20
	env.Server.FailNext(entries, 503)
	content, _ := json.Marshal(map[string]any{"head": map[string]string{"text": "Outage notice"}})
	for range entries {
		if _, err := env.Deps.Ops().Send(context.Background(), ops.Envelope{ToJID: zoomtest.ChannelGeneral},
			compose.Card{Source: "Outage notice", Content: content}); err == nil {
			t.Fatal("setup: a send went through")
		}
	}
	const height = 16
	m := New(env.Common(themes.NoColor(), 80, height))
	feed(m, m.Init())
	for _, keys := range [][]string{{}, {"G"}, {"pgup"}, {"g"}} {
		for _, k := range keys {
			press(m, k)
		}
		view := commontest.Plain(m.View())
		if lines := strings.Split(view, "\n"); len(lines) > height {
			t.Fatalf("after %v the view has %d lines on a %d-line screen:\n%s", keys, len(lines), height, view)
		}
		want := fmt.Sprintf("%d of %d", m.list.Selected()+1, entries)
		if !strings.Contains(view, "› ") || !strings.Contains(view, "503") || !strings.Contains(view, want) {
			t.Fatalf("after %v the selected entry, its error or %q is not on screen:\n%s", keys, want, view)
		}
	}
	if press(m, "G"); m.list.Selected() != entries-1 {
		t.Fatalf("G selected entry %d, want the last (%d)", m.list.Selected(), entries-1)
	}
}

// Three rate-limited tries inside one send show as three tries, not one:
// the client's repeats are counted in the record the outbox lists.
func TestRateLimitedTriesAreShown(t *testing.T) {
	m, _ := outboxAfterSend(t, 100, func(s *zoomtest.Server) { s.RateLimitNext(3, "1") }, new(*ops.OutboxError))
	view := commontest.Plain(m.View())
	if !strings.Contains(view, "tries 3 (3 rate-limited)") {
		t.Fatalf("the outbox does not count the three tries:\n%s", view)
	}
}
