package historyview

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/widget"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// record is a compact description of a message to seed the history with.
type record struct {
	id     string
	to     string
	status history.Status
	head   string
	body   string
}

// labels are the names the seeded recipients get.
var labels = map[string]string{
	zoomtest.ChannelGeneral:       "#general",
	zoomtest.ChannelAnnouncements: "#announcements",
	zoomtest.UserAlice:            "Alice",
}

// seed writes records into the store, the first newest, one minute apart,
// and labels the recipients.
func seed(t testing.TB, store *history.Store, records []record) {
	t.Helper()
	for i, r := range records {
		content, err := json.Marshal(map[string]any{
			"head": map[string]string{"text": r.head},
			"body": []map[string]string{{"type": "message", "text": r.body}},
		})
		if err != nil {
			t.Fatal(err)
		}
		at := commontest.Clock.Add(-time.Duration(i) * time.Minute)
		m := history.Message{
			ID: r.id, ToJID: r.to, Status: r.status, SentAt: at, ZoomSentTime: at.Format("2006-01-02 15:04:05"),
			Revisions: []history.Revision{{Content: content, At: at}},
		}
		if err := store.PutMessage(m); err != nil {
			t.Fatal(err)
		}
		if err := store.TouchRecipient(r.to, at); err != nil {
			t.Fatal(err)
		}
	}
	for jid, label := range labels {
		if err := store.SetRecipientLabel(jid, label); err != nil {
			t.Fatal(err)
		}
	}
}

// sample is a small history with every status and three recipients.
var sample = []record{
	{"m6", zoomtest.ChannelGeneral, history.StatusSent, "Release 2.4 is out", "Deploy finished at noon."},
	{"m5", zoomtest.ChannelAnnouncements, history.StatusEdited, "Maintenance window", "Saturday 02:00–04:00 UTC."},
	{"m4", zoomtest.UserAlice, history.StatusSent, "", "Hi Alice, the deploy report is attached."},
	{"m3", zoomtest.ChannelGeneral, history.StatusDeleted, "Wrong channel", "Please ignore."},
	{"m2", zoomtest.ChannelRandom, history.StatusOutcomeUnknown, "Lunch?", "Pizza at 12:30."},
	{"m1", zoomtest.ChannelAnnouncements, history.StatusSent, "Welcome", "Say hello to the new bot."},
}

// many returns n records to #general, newest first.
func many(n int) []record {
	out := make([]record, n)
	for i := range out {
		out[i] = record{fmt.Sprintf("p%03d", n-i), zoomtest.ChannelGeneral, history.StatusSent, fmt.Sprintf("Post %d", n-i), "text"}
	}
	return out
}

// newScreen returns a History screen over a history seeded with records,
// with its first page loaded.
func newScreen(t *testing.T, theme themes.Theme, width, height int, records []record) (*Model, *commontest.Env) {
	t.Helper()
	env := commontest.NewEnv(t)
	seed(t, env.Store, records)
	m := New(env.Common(theme, width, height))
	settle(m, m.Init())
	return m, env
}

// own reports whether msg is one the screen sends itself through its
// commands and must get back, as the Bubble Tea runtime would deliver it.
func own(msg tea.Msg) bool {
	switch msg.(type) {
	case pageMsg, debounceMsg, unfurlsMsg, common.RecipientsMsg:
		return true
	case scheduledReadMsg, scheduleDoneMsg, widget.Landed: // scheduled.go
		return true
	}
	return false
}

// settle runs cmd, feeds the screen's own messages back into it until it is
// quiet, and returns every other message the commands produced.
func settle(m *Model, cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	for cmd != nil {
		var next []tea.Cmd
		for _, msg := range commontest.Run(cmd, 2*time.Second) {
			if !own(msg) {
				out = append(out, msg)
				continue
			}
			_, c := m.Update(msg)
			next = append(next, c)
		}
		cmd = tea.Batch(next...)
	}
	return out
}

// press feeds key presses (or other messages) in one burst, as a fast typist
// would, then settles every command they started.
func press(m *Model, msgs ...tea.Msg) []tea.Msg {
	var cmds []tea.Cmd
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		cmds = append(cmds, cmd)
	}
	return settle(m, tea.Batch(cmds...))
}

func ids(rows []history.Message) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

// rowIDs are the ids of the list's rows.
func rowIDs(rows []messageRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}
