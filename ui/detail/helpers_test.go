package detail

import (
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/widget"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// card is the card the composer sends for source.
func card(t testing.TB, source string) compose.Card { return commontest.Card(t, source) }

const (
	sourceV1 = "---\nhead: Release 2.4 is out\n---\n\nThe deploy finished in 4 minutes.\n"
	sourceV2 = "---\nhead: Release 2.4 is out\n---\n\nThe deploy finished in 5 minutes.\n"
	sourceV3 = "---\nhead: Release 2.4.1 is out\n---\n\nThe deploy finished in 5 minutes.\n"
)

// sent sends sourceV1 to #general through the real operations (simulator
// and history), labels the channel, and applies edits one by one.
func sent(t *testing.T, env *commontest.Env, edits ...string) history.Message {
	t.Helper()
	o := env.Deps.Ops()
	s, err := o.Send(t.Context(), ops.Envelope{ToJID: zoomtest.ChannelGeneral}, card(t, sourceV1))
	if err != nil {
		t.Fatal(err)
	}
	m := s.Message
	for _, source := range edits {
		if m, err = o.Edit(t.Context(), m.ID, card(t, source)); err != nil {
			t.Fatal(err)
		}
	}
	if err := env.Store.SetRecipientLabel(zoomtest.ChannelGeneral, "#general"); err != nil {
		t.Fatal(err)
	}
	return m
}

// fixed writes a message with a fixed id and times, for goldens.
func fixed(t *testing.T, env *commontest.Env, status history.Status, sources ...string) history.Message {
	t.Helper()
	m := history.Message{
		ID: "A1B2C3D4-0000-4000-8000-000000000001", ToJID: zoomtest.ChannelGeneral, UserJID: zoomtest.UserJID,
		ZoomSentTime: "2026-11-26 09:00:00", SentAt: commontest.Clock.Add(-30 * time.Minute), Status: status,
	}
	for i, source := range sources {
		c := card(t, source)
		m.Revisions = append(m.Revisions, history.Revision{
			Source: c.Source, Content: c.Content, Markdown: c.Markdown, At: m.SentAt.Add(time.Duration(i) * 10 * time.Minute),
		})
	}
	if status == history.StatusDeleted {
		m.DeletedAt = commontest.Clock
	}
	if err := env.Store.PutMessage(m); err != nil {
		t.Fatal(err)
	}
	if err := env.Store.SetRecipientLabel(zoomtest.ChannelGeneral, "#general"); err != nil {
		t.Fatal(err)
	}
	return m
}

// open returns a detail screen showing message id, loaded.
func open(t *testing.T, env *commontest.Env, theme themes.Theme, width, height int, id string) *Model {
	t.Helper()
	m := New(env.Common(theme, width, height))
	press(m, common.ShowDetailMsg{ID: id})
	if !m.loaded {
		t.Fatalf("message %s did not load: %s", id, m.problem)
	}
	return m
}

// press feeds msgs to the screen one by one and settles the commands each
// one starts, feeding the screen's own results back as the runtime would.
// It returns every other message the commands produced.
func press(m *Model, msgs ...tea.Msg) []tea.Msg {
	var out []tea.Msg
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		out = append(out, settle(m, cmd)...)
	}
	return out
}

func settle(m *Model, cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	for cmd != nil {
		var next []tea.Cmd
		for _, msg := range commontest.RunUntil(cmd, 5*time.Second, isResult) {
			switch msg.(type) {
			case loadedMsg, groupLoadedMsg, widget.Landed, common.CopyMsg:
				_, c := m.Update(msg)
				next = append(next, c)
			case spinner.TickMsg: // the runtime would keep it spinning; tests need not
			default:
				out = append(out, msg)
			}
		}
		cmd = tea.Batch(next...)
	}
	return out
}

// isResult stops waiting once an action's result arrived: the spinner that
// runs beside it would otherwise hold the wait.
func isResult(msg tea.Msg) bool { _, ok := msg.(widget.Landed); return ok }
