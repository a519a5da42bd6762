package historyview

import (
	"regexp"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// A broadcast of three copies (one failed) beside a plain message is two
// rows; → shows the copies under the group's row, each openable, ← folds
// them, and enter on the group's row opens the group.
func TestGroupRowExpandsAndCollapses(t *testing.T) {
	m, env := newScreen(t, themes.NoColor(), 120, 20, nil)
	o := env.Deps.Ops()
	card := commontest.Card(t, "---\nhead: Maintenance at 08:00\n---\n")
	if _, err := o.Send(t.Context(), ops.Envelope{ToJID: zoomtest.UserAlice}, commontest.Card(t, "---\nhead: Hello Alice\n---\n")); err != nil {
		t.Fatal(err)
	}
	env.Server.FailNext(1, 503)
	var envs []ops.Envelope
	for _, jid := range []string{zoomtest.ChannelGeneral, zoomtest.ChannelAnnouncements, zoomtest.ChannelRandom} {
		envs = append(envs, ops.Envelope{ToJID: jid})
	}
	res, err := o.Broadcast(t.Context(), envs, card, nil)
	if err != nil || res.Failed() != 1 {
		t.Fatal(err, res.Failed())
	}
	press(m, common.HistoryChangedMsg{})
	if len(m.list.Items()) != 2 {
		t.Fatalf("rows %v, want the group's row and Alice's", rowIDs(m.list.Items()))
	}
	view := commontest.Plain(m.View())
	if !strings.Contains(view, "▸ 3 copies") || !strings.Contains(view, "Maintenance at 08:00  (3 copies · ") || !strings.Contains(view, "2 sent") || !strings.Contains(view, "1 failed") {
		t.Fatalf("the group's row:\n%s", view)
	}
	group := 0
	if !m.list.Items()[0].isGroupRow() {
		group = 1
	}
	press(m, commontest.Key("home"))
	for range group {
		press(m, commontest.Key("down"))
	}
	out := press(m, commontest.Key("enter"))
	if show, ok := commontest.Find[common.ShowDetailMsg](out); !ok || show.ID != res.Group {
		t.Fatalf("enter on the group's row opened %+v", out)
	}
	press(m, commontest.Key("right"))
	if len(m.list.Items()) != 5 || !strings.Contains(commontest.Plain(m.View()), "↳ ") {
		t.Fatalf("→ did not show the copies: %v\n%s", rowIDs(m.list.Items()), commontest.Plain(m.View()))
	}
	press(m, commontest.Key("down"), commontest.Key("down"))
	out = press(m, commontest.Key("enter"))
	if show, ok := commontest.Find[common.ShowDetailMsg](out); !ok || show.ID != res.Copies[1].Message.ID {
		t.Fatalf("enter on copy 2 opened %+v", out)
	}
	press(m, common.HistoryChangedMsg{}) // a reload keeps it expanded
	if len(m.list.Items()) != 5 {
		t.Fatalf("a reload folded the group: %v", rowIDs(m.list.Items()))
	}
	press(m, commontest.Key("left"))
	if len(m.list.Items()) != 2 || m.list.Selected() != group {
		t.Fatalf("← did not fold the copies onto the group's row: %v, selected %d", rowIDs(m.list.Items()), m.list.Selected())
	}
	help := m.FullHelp()
	found := false
	for _, col := range help {
		for _, b := range col {
			if b.Help().Key == "→" && b.Enabled() {
				found = true
			}
		}
	}
	if !found {
		t.Fatal("the help does not list → for the copies")
	}
}

// A group's row never reads "deleted" while a copy is live: after deleting 1
// of 4 copies it used to show the first copy's status ("▸ 4 copies  deleted
// (4 copies · 3 sent, 1 deleted)").
func TestGroupRowStatusAfterDeletingOneCopy(t *testing.T) {
	m, env := newScreen(t, themes.NoColor(), 120, 20, nil)
	o := env.Deps.Ops()
	var envs []ops.Envelope
	for _, jid := range []string{zoomtest.ChannelGeneral, zoomtest.ChannelAnnouncements, zoomtest.ChannelRandom, zoomtest.UserAlice} {
		envs = append(envs, ops.Envelope{ToJID: jid})
	}
	res, err := o.Broadcast(t.Context(), envs, commontest.Card(t, "---\nhead: Maintenance at 08:00\n---\n"), nil)
	if err != nil || res.Failed() != 0 {
		t.Fatal(err, res.Failed())
	}
	if _, err := o.Delete(t.Context(), res.Copies[0].Message.ID); err != nil {
		t.Fatal(err)
	}
	press(m, common.HistoryChangedMsg{})
	row := ""
	for line := range strings.Lines(commontest.Plain(m.View())) {
		if strings.Contains(line, "▸ 4 copies") {
			row = line
		}
	}
	if !strings.Contains(row, "(4 copies · 3 sent, 1 deleted)") || !regexp.MustCompile(`▸ 4 copies\s+sent\s`).MatchString(row) {
		t.Fatalf("the group's row = %q; want it sent, with 3 sent, 1 deleted", row)
	}
}

// groupStatus: the state needing action first, else what the live copies
// are, and "deleted" only when every copy is.
func TestGroupStatusNeverMisleads(t *testing.T) {
	const (
		sent, edited, deleted = history.StatusSent, history.StatusEdited, history.StatusDeleted
		failed, unknown       = history.StatusFailed, history.StatusOutcomeUnknown
		sending               = history.StatusSending
	)
	for _, tc := range []struct {
		copies []history.Status
		want   history.Status
	}{
		{[]history.Status{deleted, sent, sent, sent}, sent},
		{[]history.Status{deleted, deleted, deleted}, deleted},
		{[]history.Status{deleted, edited, edited}, edited},
		{[]history.Status{edited, sent, deleted}, sent},
		{[]history.Status{deleted, sent, failed}, failed},
		{[]history.Status{deleted, unknown, sent}, unknown},
		{[]history.Status{deleted, sending, sent}, sending},
		{[]history.Status{edited, edited}, edited},
	} {
		copies := make([]history.Message, len(tc.copies))
		for i, st := range tc.copies {
			copies[i] = history.Message{Status: st}
		}
		if got := groupStatus(copies); got != tc.want {
			t.Errorf("groupStatus(%v) = %s, want %s", tc.copies, got, tc.want)
		}
	}
}
