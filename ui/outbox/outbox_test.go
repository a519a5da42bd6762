package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/ops"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// withFailedSend returns an outbox screen holding one send that failed on a
// 503, made through the real ops layer.
func withFailedSend(t *testing.T) (*Model, *commontest.Env) {
	t.Helper()
	env := commontest.NewEnv(t)
	env.Server.FailNext(1, 503)
	content, _ := json.Marshal(map[string]any{"head": map[string]string{"text": "Outage notice"}})
	_, err := env.Deps.Ops().Send(context.Background(), ops.Envelope{ToJID: zoomtest.ChannelGeneral},
		ops.Card{Source: "Outage notice", Content: content})
	var kept *ops.OutboxError
	if !errors.As(err, &kept) {
		t.Fatalf("setup: want an outbox error, got %v", err)
	}
	m := New(env.Common(themes.NoColor(), 80, 21))
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
			case loadedMsg, discardedMsg, common.Landed, common.HistoryChangedMsg:
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
	for _, want := range []string{"1 waiting", "send", zoomtest.ChannelGeneral[:20], "503"} {
		if !strings.Contains(view, want) {
			t.Fatalf("view lacks %q:\n%s", want, view)
		}
	}
	commontest.Golden(t, "outbox-one-entry", view)
}

func TestRetrySendsAndEmptiesTheOutbox(t *testing.T) {
	m, env := withFailedSend(t)
	all := press(m, "r")
	status, _ := commontest.Find[common.StatusMsg](all)
	if status.Kind != common.StatusOK {
		t.Fatalf("status %+v", status)
	}
	if len(m.entries) != 0 {
		t.Fatalf("entries left: %+v", m.entries)
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
	if len(m.entries) != 1 || m.entries[0].Attempts != 2 || !strings.Contains(m.entries[0].Err, "502") {
		t.Fatalf("entries %+v", m.entries)
	}
}

func TestDiscardAsksFirst(t *testing.T) {
	m, _ := withFailedSend(t)
	press(m, "x")
	press(m, "n") // anything but y keeps it
	if len(m.entries) != 1 {
		t.Fatal("entry discarded without a yes")
	}
	press(m, "x")
	press(m, "y")
	if len(m.entries) != 0 {
		t.Fatalf("entry kept after yes: %+v", m.entries)
	}
}

func TestOpenPutsTheCardBackInTheComposer(t *testing.T) {
	m, _ := withFailedSend(t)
	compose, ok := commontest.Find[common.ComposeMsg](press(m, "enter"))
	if !ok || compose.Source != "Outage notice" || compose.Mode != common.ComposeNew {
		t.Fatalf("compose %+v", compose)
	}
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
	if m.flight.Active() || !m.keys.Retry.Enabled() || len(m.entries) != 1 {
		t.Fatalf("after the cancelled retry: active=%v retry key=%v entries=%+v", m.flight.Active(), m.keys.Retry.Enabled(), m.entries)
	}
}
