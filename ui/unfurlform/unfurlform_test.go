package unfurlform

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/widget"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

func newForm(t *testing.T, withDraft bool) (*Model, *commontest.Env) {
	t.Helper()
	env := commontest.NewEnv(t)
	m := New(env.Common(themes.NoColor(), 80, 21))
	commontest.Run(m.Init(), 10*time.Millisecond)
	if withDraft {
		content, _ := json.Marshal(map[string]any{"head": map[string]string{"text": "Link preview"}})
		m.Update(common.SubmitDraftMsg{Mode: common.ComposeUnfurl, Draft: compose.Card{Source: "Link preview", Content: content}})
	}
	return m, env
}

func feed(m *Model, msgs ...tea.Msg) []tea.Msg {
	var out []tea.Msg
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		wait := 20 * time.Millisecond
		if m.flight.Active() {
			wait = 5 * time.Second
		}
		got := commontest.RunUntil(cmd, wait, func(msg tea.Msg) bool { _, ok := msg.(widget.Landed); return ok })
		for _, g := range got {
			if _, ok := g.(widget.Landed); ok {
				out = append(out, feed(m, g)...)
			}
		}
		out = append(out, got...)
	}
	return out
}

func fill(user, trigger string) []tea.Msg {
	msgs := commontest.Type(user)
	msgs = append(msgs, commontest.Key("tab"))
	msgs = append(msgs, commontest.Type(trigger)...)
	return append(msgs, commontest.Key("ctrl+s"))
}

func TestUnfurlPostsAJSONStringAndRecordsIt(t *testing.T) {
	m, env := newForm(t, true)
	trigger := env.Server.IssueTrigger("alice")
	all := feed(m, fill("alice", trigger)...)
	status, _ := commontest.Find[common.StatusMsg](all)
	if status.Kind != common.StatusOK || !strings.Contains(status.Text, trigger) {
		t.Fatalf("status %+v", status)
	}
	unfurls := env.Server.Unfurls()
	if len(unfurls) != 1 || unfurls[0].UserID != "alice" {
		t.Fatalf("simulator unfurls %+v", unfurls)
	}
	var body struct{ Content any }
	reqs := env.Server.Requests()
	if err := json.Unmarshal(reqs[len(reqs)-1].Body, &body); err != nil {
		t.Fatal(err)
	}
	if _, isString := body.Content.(string); !isString {
		t.Fatalf("content went on the wire as %T, want a JSON string", body.Content)
	}
	recorded, err := env.Store.Unfurls(5)
	if err != nil || len(recorded) != 1 || recorded[0].TriggerID != trigger {
		t.Fatalf("history unfurls %+v, %v", recorded, err)
	}
}

func TestUnknownTriggerShowsZoomsSentence(t *testing.T) {
	m, _ := newForm(t, true)
	all := feed(m, fill("alice", "never-issued")...)
	status, _ := commontest.Find[common.StatusMsg](all)
	if status.Kind != common.StatusError || !strings.Contains(status.Text, "8002") {
		t.Fatalf("status %+v", status)
	}
}

func TestMissingInputNeverReachesTheNetwork(t *testing.T) {
	cases := []struct {
		name          string
		draft         bool
		user, trigger string
		want          string
	}{
		{"no card", false, "alice", "t1", "no card"},
		{"no user", true, "", "t1", "user id"},
		{"no trigger", true, "alice", "", "trigger id"},
		{"spaces", true, "al ice", "t1", "without spaces"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, env := newForm(t, c.draft)
			all := feed(m, fill(c.user, c.trigger)...)
			status, _ := commontest.Find[common.StatusMsg](all)
			if status.Kind != common.StatusError || !strings.Contains(status.Text, c.want) {
				t.Fatalf("status %+v", status)
			}
			if n := len(env.Server.Requests()); n != 0 {
				t.Fatalf("%d requests reached the simulator", n)
			}
		})
	}
}

func TestGoldenViews(t *testing.T) {
	for _, draft := range []bool{false, true} {
		t.Run(fmt.Sprintf("unfurl-draft-%v", draft), func(t *testing.T) {
			m, _ := newForm(t, draft)
			feed(m, commontest.Type("alice")...)
			commontest.Golden(t, m.View())
		})
	}
}

// A link-shared event fills the form (u on the Events screen sends the ids), and posting
// it works as is.
func TestAnEventFillsTheIDs(t *testing.T) {
	env := commontest.NewEnv(t)
	_, trigger, err := env.Server.ShareLink(zoomtest.LinkShare{Link: "https://example.com/x"})
	if err != nil {
		t.Fatal(err)
	}
	m := New(env.Common(themes.NoColor(), 80, 21))
	commontest.Run(m.Init(), 10*time.Millisecond)
	m.Update(common.UnfurlEventMsg{UserID: zoomtest.DemoUnfurlUserID, TriggerID: trigger, Link: "https://example.com/x"})
	content, _ := json.Marshal(map[string]any{"head": map[string]string{"text": "Link preview"}})
	m.Update(common.SubmitDraftMsg{Mode: common.ComposeUnfurl, Draft: compose.Card{Content: content}})
	if view := commontest.Plain(m.View()); !strings.Contains(view, "https://example.com/x") || !strings.Contains(view, trigger) {
		t.Errorf("the form does not show the event's link and trigger:\n%s", view)
	}
	all := feed(m, commontest.Key("ctrl+s"))
	if status, _ := commontest.Find[common.StatusMsg](all); status.Kind != common.StatusOK {
		t.Fatalf("status %+v", status)
	}
	if u := env.Server.Unfurls(); len(u) != 1 || u[0].TriggerID != trigger {
		t.Fatalf("simulator unfurls %+v", u)
	}
}
