package cli

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

var sixRecipients = []string{
	zoomtest.ChannelGeneral, zoomtest.ChannelAnnouncements, zoomtest.ChannelRandom,
	zoomtest.UserAlice, zoomtest.UserBob, zoomtest.UserJID,
}

func toFlags(jids ...string) []string {
	var args []string
	for _, j := range jids {
		args = append(args, "--to", j)
	}
	return args
}

// A broadcast to six with one copy failing (a 503): exit 1, five lines MESSAGE_ID<TAB>TO_JID,
// the failed copy in the outbox, and all six records in one group.
func TestSendBroadcastToSixWithOneFailing(t *testing.T) {
	h := newHarness(t)
	h.server.FailNext(1, 503) // the first copy
	args := append([]string{"send"}, toFlags(sixRecipients...)...)
	res := h.exec("", append(args, h.writeFile("card.md", sampleCard))...)
	if res.code != ExitAPI {
		t.Fatalf("exit %d, want 1; stderr:\n%s", res.code, res.stderr)
	}
	lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
	if len(lines) != 5 {
		t.Fatalf("stdout has %d lines, want 5:\n%s", len(lines), res.stdout)
	}
	for i, line := range lines {
		id, jid, ok := strings.Cut(line, "\t")
		if !ok || jid != sixRecipients[i+1] {
			t.Errorf("line %d = %q, want MESSAGE_ID<TAB>%s", i+1, line, sixRecipients[i+1])
		}
		if _, onZoom := h.server.Message(id); !onZoom {
			t.Errorf("line %d names %s, which Zoom does not hold", i+1, id)
		}
	}
	for _, want := range []string{"copy 1/6 to " + zoomtest.ChannelGeneral + " failed", "outbox", "5 of 6 copies sent", "1 failed"} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, res.stderr)
		}
	}
	store := h.store()
	if out, _ := store.Outbox(); len(out) != 1 {
		t.Fatalf("outbox holds %d, want 1", len(out))
	}
	page, _ := store.List(history.Query{})
	if len(page.Messages) != 6 {
		t.Fatalf("history holds %d, want 6", len(page.Messages))
	}
	group := page.Messages[0].Group
	for _, m := range page.Messages {
		if m.Group == "" || m.Group != group {
			t.Errorf("%s has group %q, want %q on every copy", m.ID, m.Group, group)
		}
	}
}

// --json prints one object per copy with the group; history --json records carry it; a
// single --to stays one id and no group; history --group lists the copies.
func TestBroadcastJSONAndHistoryGroup(t *testing.T) {
	h := newHarness(t)
	card := h.writeFile("card.md", sampleCard)
	res := h.exec("", "send", "--json", "--to", zoomtest.ChannelGeneral, "--to", zoomtest.ChannelRandom, "--to", zoomtest.ChannelGeneral, card)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	var group string
	lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 JSON lines (the repeated JID is one copy), got:\n%s", res.stdout)
	}
	for _, line := range lines {
		var c copyOutput
		if err := json.Unmarshal([]byte(line), &c); err != nil || c.Status != "sent" || c.MessageID == "" || !history.IsGroupID(c.Group) {
			t.Fatalf("line %q: %+v %v", line, c, err)
		}
		group = c.Group
	}
	single := h.exec("", "send", "--to", zoomtest.UserAlice, card)
	if single.code != 0 || strings.Count(single.stdout, "\n") != 1 || strings.Contains(single.stdout, "\t") {
		t.Fatalf("single send printed %q (%d)", single.stdout, single.code)
	}
	hist := h.exec("", "history", "--json")
	if strings.Count(hist.stdout, `"group":"`+group+`"`) != 2 {
		t.Fatalf("history --json does not carry the group on both copies:\n%s", hist.stdout)
	}
	table := h.exec("", "history", "--group", group)
	if table.code != 0 || !strings.Contains(table.stdout, "GROUP") || strings.Count(table.stdout, group) != 2 {
		t.Fatalf("history --group:\n%s\n%s", table.stdout, table.stderr)
	}
	if res := h.exec("", "history", "--group", "grp-none"); res.code != ExitUsage {
		t.Fatalf("history --group unknown = %d", res.code)
	}
}

// Group edit and delete with a partial failure: one line per copy done, the failure on
// stderr and in the outbox, exit 1; the deleted copy is skipped with a note.
func TestGroupEditAndDeleteFromTheCommandLine(t *testing.T) {
	h := newHarness(t)
	res := h.exec("", append(append([]string{"send", "--json"}, toFlags(sixRecipients[:3]...)...), h.writeFile("card.md", sampleCard))...)
	if res.code != 0 {
		t.Fatalf("broadcast: %d %s", res.code, res.stderr)
	}
	var first copyOutput
	_ = json.Unmarshal([]byte(strings.SplitN(res.stdout, "\n", 2)[0]), &first)
	group := first.Group

	h.server.FailNext(1, 500) // copy 1's edit
	edit := h.exec("", "edit", group, h.writeFile("fixed.md", editedCard))
	if edit.code != ExitAPI || strings.Count(edit.stdout, "\n") != 2 || !strings.Contains(edit.stderr, "copy 1/3") || !strings.Contains(edit.stderr, "2 of 3 copies edited") {
		t.Fatalf("group edit: %d\n%s\n%s", edit.code, edit.stdout, edit.stderr)
	}
	if hist := h.exec("", "history", "--json", "--group", group); strings.Count(hist.stdout, `"kind":"edit","state":"failed"`) != 1 {
		t.Fatalf("copy 1's failed edit is not waiting in the outbox:\n%s", hist.stdout)
	}
	h.server.FailNext(1, 502) // copy 1's delete
	del := h.exec("", "delete", group, "--yes")
	if del.code != ExitAPI || strings.Count(del.stdout, "deleted ") != 2 || !strings.Contains(del.stderr, "copy 1/3") {
		t.Fatalf("group delete: %d\n%s\n%s", del.code, del.stdout, del.stderr)
	}
	again := h.exec("", "delete", group, "--yes")
	if again.code != 0 || strings.Count(again.stdout, "deleted ") != 1 || strings.Count(again.stderr, "already deleted") != 2 {
		t.Fatalf("second group delete: %d\n%s\n%s", again.code, again.stdout, again.stderr)
	}
	store := h.store()
	copies, err := store.Group(group)
	if err != nil || len(copies) != 3 {
		t.Fatal(err)
	}
	for i, m := range copies {
		wantRevs := map[int]int{0: 1, 1: 2, 2: 2}[i]
		if m.Status != history.StatusDeleted || len(m.Revisions) != wantRevs {
			t.Errorf("copy %d: %s with %d revisions, want deleted with %d", i+1, m.Status, len(m.Revisions), wantRevs)
		}
	}
	if out, _ := store.Outbox(); len(out) != 0 {
		t.Fatalf("outbox %+v, want it empty once copy 1 is deleted", out)
	}
}

// Labels and lists work wherever a JID does, resolved before the network; an unknown name
// is exit 2 naming it and how to add it, with nothing sent.
func TestLabelsAndListsResolveBeforeTheNetwork(t *testing.T) {
	h := newHarness(t)
	card := h.writeFile("card.md", sampleCard)
	unknown := h.exec("", "send", "--to", "ops", "--to", "eng", card)
	assertOneErrorLine(t, unknown, ExitUsage, `"ops", "eng"`, "recipients add JID --label ops", "nothing was sent")
	if h.apiRequests() != 0 {
		t.Fatalf("%d requests before the names were known", h.apiRequests())
	}
	for _, args := range [][]string{
		{"recipients", "add", zoomtest.ChannelGeneral, "--label", "ops"},
		{"recipients", "add", zoomtest.UserAlice, "--label", "alice"},
		{"recipients", "add-list", "eng", "OPS", zoomtest.ChannelRandom, zoomtest.ChannelAnnouncements},
	} {
		if res := h.exec("", args...); res.code != 0 {
			t.Fatalf("%v: %d %s", args, res.code, res.stderr)
		}
	}
	if res := h.exec("", "recipients", "add", zoomtest.UserBob, "--label", "Ops"); res.code != ExitUsage || !strings.Contains(res.stderr, "already the label") {
		t.Fatalf("a second Ops: %d %s", res.code, res.stderr)
	}
	if res := h.exec("", "recipients", "add-list", "more", "ghost"); res.code != ExitUsage || !strings.Contains(res.stderr, `"ghost"`) {
		t.Fatalf("a list with an unknown member: %d %s", res.code, res.stderr)
	}
	still := h.exec("", "send", "--to", "eng", "--to", "nope", card)
	assertOneErrorLine(t, still, ExitUsage, `"nope"`)
	if h.apiRequests() != 0 {
		t.Fatalf("%d requests with an unknown name among known ones", h.apiRequests())
	}

	res := h.exec("", "send", "--to", "eng", "--to", "alice", "--visible-to", "alice", card)
	if res.code != 0 {
		t.Fatalf("send to a list: %d %s", res.code, res.stderr)
	}
	want := []string{zoomtest.ChannelGeneral, zoomtest.ChannelRandom, zoomtest.ChannelAnnouncements, zoomtest.UserAlice}
	lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
	if len(lines) != len(want) {
		t.Fatalf("stdout:\n%s", res.stdout)
	}
	for i, line := range lines {
		if !strings.HasSuffix(line, "\t"+want[i]) {
			t.Errorf("line %d = %q, want to %s", i+1, line, want[i])
		}
	}
	for _, m := range h.server.Messages() {
		if m.VisibleToUser != zoomtest.UserAlice {
			t.Errorf("message %s visible to %q, want alice's JID", m.ID, m.VisibleToUser)
		}
	}
	list := h.exec("", "recipients")
	for _, want := range []string{"LABEL", "ops", zoomtest.ChannelGeneral, "LIST", "eng", "ops, " + zoomtest.ChannelRandom} {
		if !strings.Contains(list.stdout, want) {
			t.Errorf("recipients lacks %q:\n%s", want, list.stdout)
		}
	}
	for _, args := range [][]string{{"recipients", "rename", "ops", "operations"}, {"recipients", "remove", "alice"}, {"recipients", "remove-list", "ENG"}} {
		if res := h.exec("", args...); res.code != 0 {
			t.Fatalf("%v: %d %s", args, res.code, res.stderr)
		}
	}
	js := h.exec("", "recipients", "--json")
	if !strings.Contains(js.stdout, `"label":"operations"`) || strings.Contains(js.stdout, `"kind":"list"`) || strings.Contains(js.stdout, `"label":"alice"`) {
		t.Fatalf("recipients --json after the changes:\n%s", js.stdout)
	}
}

// Completion offers ids (groups and messages, newest first, described by their first
// line), labels, lists and JIDs, opens the history read-only and never creates it.
func TestCompletionFromTheHistory(t *testing.T) {
	h := newHarness(t)
	none := h.exec("", "__complete", "edit", "")
	if none.code != 0 || strings.Contains(none.stdout, "grp-") {
		t.Fatalf("completion without a history: %d %s", none.code, none.stdout)
	}
	if _, err := os.Stat(h.env["ZOOMPOSE_DB"]); err == nil {
		t.Fatal("completion created the history")
	}
	h.exec("", "recipients", "add", zoomtest.ChannelGeneral, "--label", "ops\x1b[31m")
	h.exec("", "recipients", "add-list", "eng", zoomtest.ChannelRandom, zoomtest.UserBob)
	res := h.exec("", append(append([]string{"send", "--json"}, toFlags(zoomtest.ChannelRandom, zoomtest.UserBob)...), h.writeFile("card.md", sampleCard))...)
	var last copyOutput
	lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil || last.Group == "" {
		t.Fatalf("broadcast: %v\n%s", err, res.stdout)
	}
	group := last.Group

	ids := h.exec("", "__complete", "edit", "")
	lines = strings.Split(ids.stdout, "\n")
	if !strings.HasPrefix(lines[0], group+"\tbroadcast: Release 1.4") {
		t.Fatalf("first completion = %q, want the group with its first line", lines[0])
	}
	if !strings.Contains(ids.stdout, last.MessageID+"\tRelease 1.4") {
		t.Fatalf("completion lacks the newest message:\n%s", ids.stdout)
	}
	to := h.exec("", "__complete", "send", "--to", "")
	for _, want := range []string{"eng\tlist of 2", zoomtest.ChannelGeneral + "\tops", "ops␛[31m\t"} {
		if !strings.Contains(to.stdout, want) {
			t.Errorf("--to completion lacks %q:\n%s", want, to.stdout)
		}
	}
	if strings.Contains(to.stdout, "\x1b") {
		t.Errorf("completion carries a raw escape: %q", to.stdout)
	}
	visible := h.exec("", "__complete", "send", "--visible-to", "")
	if strings.Contains(visible.stdout, "@conference.") || strings.Contains(visible.stdout, "eng") || !strings.Contains(visible.stdout, zoomtest.UserBob) {
		t.Errorf("--visible-to completion offers channels or lists, or not the users:\n%s", visible.stdout)
	}
	groups := h.exec("", "__complete", "history", "--group", "grp")
	if !strings.HasPrefix(groups.stdout, group+"\t") || strings.Count(groups.stdout, "grp-") != 1 {
		t.Errorf("--group completion:\n%s", groups.stdout)
	}
	rename := h.exec("", "__complete", "recipients", "rename", "E")
	if !strings.HasPrefix(rename.stdout, "eng\t") {
		t.Errorf("rename completion:\n%s", rename.stdout)
	}
}

// edit and delete complete only what they can act on: not a group whose copies are all
// deleted, nor its copies, nor a failed send known only by its local id; a group with one
// live copy is offered. history --group still offers every group.
func TestCompletionOffersOnlyWhatEditAndDeleteCanActOn(t *testing.T) {
	h := newHarness(t)
	card := h.writeFile("card.md", sampleCard)
	// broadcast returns the group and its last copy's answer.
	broadcast := func(jids ...string) copyOutput {
		t.Helper()
		res := h.exec("", append(append([]string{"send", "--json"}, toFlags(jids...)...), card)...)
		lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
		var c copyOutput
		if err := json.Unmarshal([]byte(lines[len(lines)-1]), &c); err != nil || c.Group == "" || c.MessageID == "" {
			t.Fatalf("broadcast: %v\n%s%s", err, res.stdout, res.stderr)
		}
		return c
	}
	gone := broadcast(zoomtest.ChannelGeneral, zoomtest.ChannelRandom)
	if res := h.exec("", "delete", gone.Group, "--yes"); res.code != 0 {
		t.Fatalf("delete %s: %d %s", gone.Group, res.code, res.stderr)
	}
	h.server.FailNext(1, 503) // the first copy of the next broadcast
	half := broadcast(zoomtest.ChannelGeneral, zoomtest.ChannelRandom)
	h.server.FailNext(1, 503)
	if res := h.exec("", "send", "--to", zoomtest.UserAlice, card); res.code != ExitAPI {
		t.Fatalf("the failing send: exit %d %s", res.code, res.stderr)
	}
	live := strings.TrimSpace(h.exec("", "send", "--to", zoomtest.UserBob, card).stdout)

	for _, verb := range []string{"edit", "delete"} {
		res := h.exec("", "__complete", verb, "")
		for _, want := range []string{half.Group + "\t", half.MessageID + "\t", live + "\t"} {
			if !strings.Contains(res.stdout, want) {
				t.Errorf("%s completion lacks %q:\n%s", verb, want, res.stdout)
			}
		}
		if strings.Contains(res.stdout, gone.Group) || strings.Contains(res.stdout, gone.MessageID) || strings.Contains(res.stdout, "local-") {
			t.Errorf("%s completion offers what it cannot act on (%s, %s, a local id):\n%s", verb, gone.Group, gone.MessageID, res.stdout)
		}
	}
	if groups := h.exec("", "__complete", "history", "--group", "grp"); !strings.Contains(groups.stdout, gone.Group) || !strings.Contains(groups.stdout, half.Group) {
		t.Errorf("history --group completion lost a group:\n%s", groups.stdout)
	}
}
