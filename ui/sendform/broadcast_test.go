package sendform

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/widget"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// named gives the history a label (ops) and a list (eng) and hands the form
// the names, as Init would read them.
func named(t *testing.T, m *Model, env *commontest.Env) {
	t.Helper()
	if err := env.Store.LabelRecipient(zoomtest.ChannelRandom, "ops"); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Store.PutList("eng", []string{zoomtest.ChannelGeneral, zoomtest.ChannelAnnouncements}); err != nil {
		t.Fatal(err)
	}
	for _, msg := range commontest.Run(tea.Batch(common.LoadRecipients(env.Store), loadLists(env.Store)), time.Second) {
		_, cmd := m.Update(msg)
		for _, next := range commontest.Run(cmd, time.Second) {
			m.Update(next)
		}
	}
}

// broadcastSettle feeds a broadcast's progress and then its result back, as
// the runtime does, calling watch after each copy; it returns everything
// produced. The copies' stream is read one message at a time, each read
// issued by the message before it, as on the form.
func broadcastSettle(m *Model, msgs []tea.Msg, watch func()) []tea.Msg {
	all := append([]tea.Msg(nil), msgs...)
	var landed []tea.Msg
	queue := msgs
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		switch msg.(type) {
		case widget.Landed:
			landed = append(landed, msg)
		case common.CopyMsg:
			_, cmd := m.Update(msg)
			watch()
			next := commontest.RunUntil(cmd, 5*time.Second, func(msg tea.Msg) bool { _, ok := msg.(common.CopyMsg); return ok })
			all = append(all, next...)
			queue = append(queue, next...)
		}
	}
	for _, msg := range landed {
		_, cmd := m.Update(msg)
		all = append(all, commontest.Run(cmd, 50*time.Millisecond)...)
	}
	return all
}

func TestCompletionOffersListsAndEnterTakesIt(t *testing.T) {
	m, env := newForm(t, 80, 24)
	named(t, m, env)
	feed(m, commontest.Type("en")...)
	if len(m.matches) == 0 || m.matches[0].List != "eng" {
		t.Fatalf("matches = %+v, want the list eng first", m.matches)
	}
	if view := commontest.Plain(m.View()); !strings.Contains(view, "eng  list · 2 recipients") {
		t.Fatalf("the list is not shown as one:\n%s", view)
	}
	feed(m, commontest.Key("enter"))
	feed(m, commontest.Type("op")...) // fuzzy: "op" is in "ops" and in nothing else
	feed(m, commontest.Key("enter"))
	if got := m.fields.Value(fieldTo); got != "eng, ops," {
		t.Fatalf("To = %q", got)
	}
	feed(m, commontest.Key("enter")) // nothing typed after the comma: enter moves on
	if m.focus != fieldReplyTo {
		t.Fatalf("focus = %d, want reply-to", m.focus)
	}
}

func TestUnknownNameIsShownWithHowToAddIt(t *testing.T) {
	m, env := newForm(t, 80, 24)
	named(t, m, env)
	all := feed(m, append(commontest.Type("eng, nosuch"), commontest.Key("tab"), commontest.Key("ctrl+s"))...)
	status, _ := commontest.Find[common.StatusMsg](all)
	if status.Kind != common.StatusError || !strings.Contains(status.Text, `"nosuch"`) || !strings.Contains(status.Text, "recipients add") {
		t.Fatalf("status %+v", status)
	}
	if m.focus != fieldTo || !strings.Contains(commontest.Plain(m.View()), "✗ unknown name") {
		t.Fatalf("focus %d; view:\n%s", m.focus, commontest.Plain(m.View()))
	}
	if n := len(env.Server.Messages()); n != 0 {
		t.Fatalf("%d messages reached the simulator", n)
	}
}

// A broadcast to a list and a label: one copy each, per-copy progress on
// the form, one failure kept in the outbox and listed with its error.
func TestBroadcastShowsEachCopyAndKeepsTheFailedOne(t *testing.T) {
	m, env := newForm(t, 80, 30)
	named(t, m, env)
	feed(m, commontest.Type("eng, ops")...)
	var progress []string
	_, cmd := m.Update(commontest.Key("ctrl+s"))
	msgs := commontest.RunUntil(cmd, 5*time.Second, isResult)
	var resolved tea.Msg
	for _, msg := range msgs {
		if _, ok := msg.(resolvedMsg); ok {
			resolved = msg
		}
	}
	if resolved == nil {
		t.Fatalf("the names were not resolved: %v", msgs)
	}
	env.Server.FailNext(1, 503) // copy 1 goes wrong
	_, cmd = m.Update(resolved)
	started := commontest.RunUntil(cmd, 5*time.Second, func(msg tea.Msg) bool { _, ok := msg.(widget.Landed); return ok })
	all := broadcastSettle(m, started, func() { progress = append(progress, commontest.Plain(m.View())) })

	if len(progress) == 0 || !strings.Contains(progress[0], "Broadcast: 1 of 3 copies settled") || !strings.Contains(progress[0], "✗ 1/3") {
		t.Fatalf("no per-copy progress; first frame:\n%s", strings.Join(progress, "\n----\n"))
	}
	view := commontest.Plain(m.View())
	for _, want := range []string{"✗ 1/3", "✓ 2/3", "✓ 3/3 ops", "1 of 3 copies of broadcast grp-"} {
		if !strings.Contains(view, want) {
			t.Errorf("the form does not show %q:\n%s", want, view)
		}
	}
	if _, ok := commontest.Find[common.DraftSentMsg](all); !ok {
		t.Error("the composer was not told its card went out")
	}
	if m.hasDraft {
		t.Error("the card stayed on the form: ctrl+s would post the copies again")
	}
	outbox, _ := env.Store.Outbox()
	if len(outbox) != 1 || outbox[0].Target != zoomtest.ChannelGeneral {
		t.Fatalf("outbox %+v", outbox)
	}
	kept, err := env.Store.Get(outbox[0].ID)
	if err != nil || kept.Group == "" {
		t.Fatalf("the failed copy %v %+v", err, kept)
	}
	if got := len(env.Server.Messages()); got != 2 {
		t.Fatalf("the simulator holds %d messages, want 2", got)
	}
	group, err := env.Store.Group(kept.Group)
	if err != nil || len(group) != 3 {
		t.Fatalf("group %v %+v", err, group)
	}
}

func TestAllCopiesSentOpensTheGroup(t *testing.T) {
	m, env := newForm(t, 80, 30)
	named(t, m, env)
	all := broadcastSettle(m, feed(m, append(commontest.Type("eng"), commontest.Key("ctrl+s"))...), func() {})
	show, ok := commontest.Find[common.ShowDetailMsg](all)
	if !ok || !history.IsGroupID(show.ID) {
		t.Fatalf("no group detail: %v", all)
	}
	if copies, err := env.Store.Group(show.ID); err != nil || len(copies) != 2 || copies[0].Status != history.StatusSent {
		t.Fatalf("group %v %+v", err, copies)
	}
}

func TestLabelTheHighlightedJID(t *testing.T) {
	m, env := newForm(t, 80, 24)
	if err := env.Store.TouchRecipient(zoomtest.ChannelGeneral, commontest.Clock); err != nil {
		t.Fatal(err)
	}
	named(t, m, env)
	feed(m, commontest.Type("5a1d")...)
	feed(m, commontest.Key("ctrl+l"))
	all := feed(m, append(commontest.Type("general"), commontest.Key("enter"))...)
	named, ok := commontest.Find[namedMsg](all)
	if !ok {
		t.Fatalf("no change made: %v", all)
	}
	all = feed(m, named)
	if _, ok := commontest.Find[common.HistoryChangedMsg](all); !ok {
		t.Fatalf("no change reported: %v", all)
	}
	got, err := env.Store.ResolveRecipients([]string{"general"})
	if err != nil || len(got) != 1 || got[0].JID != zoomtest.ChannelGeneral {
		t.Fatalf("resolve general: %v %+v", err, got)
	}
	for _, msg := range commontest.Run(common.LoadRecipients(env.Store), time.Second) {
		m.Update(msg)
	}
	if len(m.matches) == 0 || m.matches[0].Label != "general" {
		t.Fatalf("matches %+v", m.matches)
	}
	feed(m, commontest.Key("ctrl+x"))
	if !strings.Contains(commontest.Plain(m.View()), "Forget "+zoomtest.ChannelGeneral+"?") {
		t.Fatalf("no question:\n%s", commontest.Plain(m.View()))
	}
	feed(m, commontest.Key("y"))
	if rs, _ := env.Store.Recipients(); len(rs) != 1 { // ops stays; general is forgotten
		t.Fatalf("recipients after forgetting: %+v", rs)
	}
}
