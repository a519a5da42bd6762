package detail

import (
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

var groupRecipients = []string{zoomtest.ChannelGeneral, zoomtest.ChannelAnnouncements, zoomtest.ChannelRandom}

// broadcast sends sourceV1 to the three channels as a group.
func broadcast(t *testing.T, env *commontest.Env) ops.GroupResult {
	t.Helper()
	var envs []ops.Envelope
	for _, jid := range groupRecipients {
		envs = append(envs, ops.Envelope{ToJID: jid})
	}
	res, err := env.Deps.Ops().Broadcast(t.Context(), envs, card(t, sourceV1), nil)
	if err != nil || res.Failed() != 0 {
		t.Fatal(err, res)
	}
	if err := env.Store.SetRecipientLabel(zoomtest.ChannelGeneral, "#general"); err != nil {
		t.Fatal(err)
	}
	return res
}

func openGroup(t *testing.T, env *commontest.Env, id string) *Model {
	t.Helper()
	m := New(env.Common(themes.NoColor(), 130, 30))
	press(m, common.ShowDetailMsg{ID: id})
	if m.group == nil || !m.group.loaded {
		t.Fatalf("group %s did not load", id)
	}
	return m
}

func TestGroupDetailListsCopiesAndOpensOne(t *testing.T) {
	env := commontest.NewEnv(t)
	res := broadcast(t, env)
	m := openGroup(t, env, res.Group)
	view := commontest.Plain(m.View())
	for _, want := range []string{"Broadcast " + res.Group + " · 3 copies", "Release 2.4 is out", "1/3", "#general", zoomtest.ChannelRandom, "e edits all"} {
		if !strings.Contains(view, want) {
			t.Errorf("the group view lacks %q:\n%s", want, view)
		}
	}
	press(m, commontest.Key("down"), commontest.Key("enter"))
	if m.group != nil || m.id != res.Copies[1].Message.ID || !m.loaded {
		t.Fatalf("enter did not open copy 2: id %s", m.id)
	}
	if !m.keys.Delete.Enabled() || !strings.Contains(commontest.Plain(m.View()), zoomtest.ChannelAnnouncements) {
		t.Fatalf("the copy is not shown with its own actions:\n%s", commontest.Plain(m.View()))
	}
	press(m, commontest.Key("esc"))
	if m.group == nil || m.group.id != res.Group {
		t.Fatal("esc on a copy opened from its group did not go back to the group")
	}
}

// Edit all with one copy failing: the diff is shown once, every copy's
// outcome is listed, the failed one is in the outbox, and the others have a
// second revision on Zoom.
func TestGroupEditAllWithAPartialFailure(t *testing.T) {
	env := commontest.NewEnv(t)
	res := broadcast(t, env)
	m := openGroup(t, env, res.Group)
	out := press(m, commontest.Key("e"))
	compose, ok := commontest.Find[common.ComposeMsg](out)
	if !ok || compose.Mode != common.ComposeEdit || compose.Message == nil || compose.Message.ID != res.Group {
		t.Fatalf("e did not open the group's edit draft: %+v", out)
	}
	press(m, common.SubmitDraftMsg{Mode: common.ComposeEdit, Draft: card(t, sourceV2), Message: compose.Message})
	if m.confirm == nil || m.confirm.action != actionEditGroup {
		t.Fatal("no confirmation for the group edit")
	}
	dialog := commontest.Plain(m.View())
	if strings.Count(dialog, "+The deploy finished in 5 minutes.") != 1 || !strings.Contains(dialog, "all 3 live copies") {
		t.Fatalf("the confirmation does not show the diff once:\n%s", dialog)
	}
	env.Server.FailNext(1, 500) // copy 1's edit
	out = press(m, commontest.Key("y"))
	status, _ := commontest.Find[common.StatusMsg](out)
	if status.Kind != common.StatusError || !strings.Contains(status.Text, "Edited 2 of 3") || !strings.Contains(status.Text, "1 failed") {
		t.Fatalf("status %+v", status)
	}
	if sent, ok := commontest.Find[common.DraftSentMsg](out); !ok || sent.MessageID != res.Group {
		t.Fatalf("the group's edit draft was not released: %+v", out)
	}
	view := commontest.Plain(m.View())
	if strings.Count(view, "done") != 2 || !strings.Contains(view, "failed:") {
		t.Fatalf("the per-copy outcomes are not shown:\n%s", view)
	}
	for i, c := range res.Copies {
		z, _ := env.Server.Message(c.Message.ID)
		want := 2
		if i == 0 {
			want = 1
		}
		if len(z.Contents) != want {
			t.Errorf("copy %d holds %d revisions on Zoom, want %d", i+1, len(z.Contents), want)
		}
	}
	if outbox, _ := env.Store.Outbox(); len(outbox) != 1 || outbox[0].ID != res.Copies[0].Message.ID {
		t.Fatalf("outbox %+v", outbox)
	}
}

func TestGroupDeleteAllWithAPartialFailure(t *testing.T) {
	env := commontest.NewEnv(t)
	res := broadcast(t, env)
	m := openGroup(t, env, res.Group)
	press(m, commontest.Key("d"))
	if m.confirm == nil || !strings.Contains(commontest.Plain(m.View()), "Delete all 3 live copies") {
		t.Fatalf("no question:\n%s", commontest.Plain(m.View()))
	}
	env.Server.FailNext(1, 502)
	out := press(m, commontest.Key("y"))
	status, _ := commontest.Find[common.StatusMsg](out)
	if !strings.Contains(status.Text, "Deleted 2 of 3") || !strings.Contains(status.Text, "1 failed") {
		t.Fatalf("status %+v", status)
	}
	copies, err := env.Store.Group(res.Group)
	if err != nil {
		t.Fatal(err)
	}
	deleted := 0
	for _, c := range copies {
		if c.Status == history.StatusDeleted {
			deleted++
		}
	}
	if deleted != 2 {
		t.Fatalf("%d copies deleted, want 2", deleted)
	}
}

func TestGroupActionsAskOnceOnProd(t *testing.T) {
	env := commontest.NewEnv(t)
	res := broadcast(t, env)
	env.Deps.Profile.Kind = "prod"
	m := openGroup(t, env, res.Group)
	press(m, commontest.Key("d"))
	if m.confirm == nil || !m.confirm.dialog.GuardsProd() {
		t.Fatal("delete all on a prod profile is not guarded")
	}
}

// scheduleBroadcast schedules sourceV1 to the three channels for an hour
// after the test clock; nothing goes out.
func scheduleBroadcast(t *testing.T, env *commontest.Env) (string, []history.Scheduled) {
	t.Helper()
	var envs []ops.Envelope
	for _, jid := range groupRecipients {
		envs = append(envs, ops.Envelope{ToJID: jid})
	}
	group, scs, err := env.Deps.Ops().ScheduleBroadcast(envs, card(t, sourceV1), commontest.Clock.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return group, scs
}

// A scheduled broadcast none of whose copies went out: the group's detail
// does not offer edit all or delete all as if they did something (it showed
// "0 copies" and e and d did nothing, silently); it says the copies are
// scheduled, not sent, and where they are changed, and e and d say it too.
func TestGroupDetailOfAScheduledBroadcast(t *testing.T) {
	env := commontest.NewEnv(t)
	group, scs := scheduleBroadcast(t, env)
	m := openGroup(t, env, group)
	view := commontest.Plain(m.View())
	for _, want := range []string{"· 0 copies · 3 scheduled, not sent", "Release 2.4 is out", "Nothing to edit or delete on Zoom: no copy is sent yet", "3 copies scheduled for Thu 2026-11-26 10:30", "edits, reschedules or cancels them", scs[2].ID} {
		if !strings.Contains(view, want) {
			t.Errorf("the group view lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "e edits all") || m.keys.Edit.Enabled() || m.keys.Delete.Enabled() {
		t.Errorf("edit all and delete all are offered with no copy sent:\n%s", view)
	}
	for _, k := range []string{"e", "d"} {
		out := press(m, commontest.Key(k))
		status, ok := commontest.Find[common.StatusMsg](out)
		if !ok || status.Kind != common.StatusWarn || !strings.Contains(status.Text, "scheduled for") || !strings.Contains(status.Text, "Scheduled list") {
			t.Errorf("%s on a group with nothing sent: %+v", k, out)
		}
		if _, composing := commontest.Find[common.ComposeMsg](out); composing || m.confirm != nil {
			t.Errorf("%s on a group with nothing sent opened the composer or a question", k)
		}
	}
	help := m.HelpKeys()
	found := false
	for _, col := range help {
		for _, h := range col {
			if h.Binding.Help().Desc == "edit all" && strings.Contains(h.Why, "scheduled") {
				found = true
			}
		}
	}
	if !found {
		t.Error("the help does not say why edit all is off")
	}
	if n := len(env.Server.Requests()); n != 0 {
		t.Fatalf("%d requests reached Zoom", n)
	}
}

// With one copy sent and two scheduled, delete all acts on the sent one and
// says, in its question and its outcome, that the scheduled ones are left.
func TestGroupDetailWithSomeCopiesStillScheduled(t *testing.T) {
	env := commontest.NewEnv(t)
	group, scs := scheduleBroadcast(t, env)
	if _, err := env.Deps.Ops().FireScheduled(t.Context(), scs[0].ID); err != nil {
		t.Fatal(err)
	}
	m := openGroup(t, env, group)
	view := commontest.Plain(m.View())
	if !strings.Contains(view, "· 1 copies · 2 scheduled, not sent") || !strings.Contains(view, "e edits all") || !strings.Contains(view, "2 copies still scheduled") {
		t.Fatalf("the group view:\n%s", view)
	}
	press(m, commontest.Key("d"))
	if m.confirm == nil || !strings.Contains(commontest.Plain(m.View()), "Delete all 1 live copies") || !strings.Contains(commontest.Plain(m.View()), "2 copies still scheduled") {
		t.Fatalf("the question:\n%s", commontest.Plain(m.View()))
	}
	out := press(m, commontest.Key("y"))
	status, _ := commontest.Find[common.StatusMsg](out)
	if !strings.Contains(status.Text, "Deleted 1 of 1") || !strings.Contains(status.Text, "2 copies still scheduled, not sent, left as they are") {
		t.Fatalf("status %+v", status)
	}
	if waiting, _ := env.Store.ScheduledSends(false); len(waiting) != 2 {
		t.Fatalf("%d copies still scheduled, want the two left alone", len(waiting))
	}
}
