package ui

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// releaseCard is the card most tests compose: a head and one paragraph.
const releaseCard = "---\nhead: Release 2.4\n---\n\nDeploy finished at noon."

// card is the card the composer sends for source.
func card(t *testing.T, source string) compose.Card { return commontest.Card(t, source) }

// sendReal sends source to #general through the real ops layer, so the
// simulator and the history both have it, and returns its id.
func sendReal(t *testing.T, env *commontest.Env, source string) string {
	t.Helper()
	sent, err := env.Deps.Ops().Send(context.Background(), ops.Envelope{ToJID: zoomtest.ChannelGeneral}, card(t, source))
	if err != nil {
		t.Fatalf("setup send: %v", err)
	}
	return sent.ID
}

// seeded is a history record written straight into the store, with a fixed
// id so that goldens do not depend on the simulator's random ids.
type seeded struct {
	id, to, source string
	status         history.Status
}

// seededHistory is three messages, newest first, one minute apart.
var seededHistory = []seeded{
	{"msg-release-24", zoomtest.ChannelGeneral, releaseCard, history.StatusSent},
	{"msg-maintenance", zoomtest.ChannelAnnouncements, "---\nhead: Maintenance window\n---\n\nSaturday 02:00 to 04:00 UTC.", history.StatusEdited},
	{"msg-alice", zoomtest.UserAlice, "Hi Alice, the deploy report is attached.", history.StatusSent},
}

// recipientLabels are the names the seeded recipients were given.
var recipientLabels = map[string]string{
	zoomtest.ChannelGeneral:       "#general",
	zoomtest.ChannelAnnouncements: "#announcements",
	zoomtest.UserAlice:            "Alice",
}

// seedHistory writes seededHistory and labels its recipients.
func seedHistory(t *testing.T, store *history.Store) {
	t.Helper()
	for i, s := range seededHistory {
		c := card(t, s.source)
		at := commontest.Clock.Add(-time.Duration(i) * time.Minute)
		m := history.Message{
			ID: s.id, Profile: "test", AccountID: zoomtest.AccountID, RobotJID: zoomtest.RobotJID,
			ToJID: s.to, UserJID: zoomtest.UserJID, Markdown: c.Markdown,
			ZoomSentTime: at.Format("2006-01-02 15:04:05"), SentAt: at, Status: s.status,
			Revisions: []history.Revision{{Content: c.Content, Source: s.source, Markdown: c.Markdown, At: at}},
		}
		if err := store.PutMessage(m); err != nil {
			t.Fatal(err)
		}
		if err := store.TouchRecipient(s.to, at); err != nil {
			t.Fatal(err)
		}
	}
	for jid, label := range recipientLabels {
		if err := store.SetRecipientLabel(jid, label); err != nil {
			t.Fatal(err)
		}
	}
}

// seedWorld is the state every screen has something to show in: the seeded
// history, a saved draft for the composer to restore, and one failed send
// waiting in the outbox.
func seedWorld(t *testing.T, env *commontest.Env) {
	t.Helper()
	seedHistory(t, env.Store)
	draft := history.Draft{Name: "current", Source: releaseCard, UpdatedAt: commontest.Clock.Add(-time.Hour)}
	if err := env.Store.SaveDraft(draft); err != nil {
		t.Fatal(err)
	}
	at := commontest.Clock.Add(-10 * time.Minute)
	failed := history.Message{
		ID: "local-lunch", Profile: "test", ToJID: zoomtest.ChannelRandom, SentAt: at, Status: history.StatusFailed,
		Revisions: []history.Revision{history.RevisionOf(card(t, "Lunch at 12:30?"), at)},
		Op: &history.Operation{Kind: history.OpSend, State: history.OpFailed, At: at, Attempts: 3,
			Err: "send: Zoom answered 503 (Service Unavailable); the card is kept here: retry it with r."},
	}
	if err := env.Store.PutMessage(failed); err != nil {
		t.Fatal(err)
	}
}

// tourStop is one screen of the tour through the app: the keys that lead
// there from the previous stop and the state that says it is fully drawn.
type tourStop struct {
	name  string // golden name; "" for a stop passed through without a golden
	keys  []string
	ready func(m *Model) bool
}

// tour visits every screen of a seeded world, starting on the composer.
var tour = []tourStop{
	{"composer", nil, func(m *Model) bool {
		return m.active == common.ScreenComposer && strings.Contains(m.status.Text, "Draft restored") &&
			m.outbox == 1 && previewed(m)
	}},
	{"help", []string{"f1"}, func(m *Model) bool { return m.showHelp && viewHas(m, "insert element") }},
	{"send", []string{"esc", "ctrl+s"}, func(m *Model) bool {
		return m.active == common.ScreenSend && viewHas(m, "Release 2.4 ·", "#general")
	}},
	{"history", []string{"f3"}, func(m *Model) bool {
		return m.active == common.ScreenHistory && viewHas(m, "1 of 4")
	}},
	{"detail", []string{"enter"}, func(m *Model) bool {
		return m.active == common.ScreenDetail && viewHas(m, "msg-release-24", "1 revision", "Deploy finished")
	}},
	{"", []string{"u"}, func(m *Model) bool {
		return m.active == common.ScreenComposer && viewHas(m, "Unfurl card") && previewed(m)
	}},
	{"unfurl", []string{"ctrl+s"}, func(m *Model) bool {
		return m.active == common.ScreenUnfurl && viewHas(m, "bytes of content")
	}},
	{"outbox", []string{"f4"}, func(m *Model) bool {
		return m.active == common.ScreenOutbox && viewHas(m, "1 need action")
	}},
}

// countedDraft matches the composer's count of a non-empty draft, which it
// shows once the preview of that text is rendered.
var countedDraft = regexp.MustCompile(` · [1-9][0-9,]* chars, `)

// previewed reports whether the composer shows the preview of a non-empty
// draft (not the one of the empty editor it starts with).
func previewed(m *Model) bool {
	return countedDraft.MatchString(commontest.Plain(m.View().Content))
}

// viewHas reports whether the root's frame shows every one of texts.
func viewHas(m *Model, texts ...string) bool {
	view := commontest.Plain(m.View().Content)
	for _, text := range texts {
		if !strings.Contains(view, text) {
			return false
		}
	}
	return true
}

// keyMsgs turns key names into key presses.
func keyMsgs(names []string) []tea.Msg {
	msgs := make([]tea.Msg, len(names))
	for i, n := range names {
		msgs[i] = commontest.Key(n)
	}
	return msgs
}
