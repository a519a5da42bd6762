package detail

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

func TestShowsCardAndMetadata(t *testing.T) {
	env := commontest.NewEnv(t)
	rec := sent(t, env)
	m := open(t, env, themes.NoColor(), 120, 37, rec.ID)
	view := commontest.Plain(m.View())
	for _, want := range []string{rec.ID, "#general", zoomtest.ChannelGeneral, "sent", rec.ZoomSentTime,
		"1 revision", "Release 2.4 is out", "The deploy finished in 4 minutes."} {
		if !strings.Contains(view, want) {
			t.Errorf("the detail does not show %q:\n%s", want, view)
		}
	}
}

func TestUnknownIDSaysSo(t *testing.T) {
	env := commontest.NewEnv(t)
	m := New(env.Common(themes.NoColor(), 80, 21))
	press(m, common.ShowDetailMsg{ID: "nope"})
	if view := commontest.Plain(m.View()); !strings.Contains(view, "Message nope is not in this history") {
		t.Fatalf("view:\n%s", view)
	}
	if m.keys.Edit.Enabled() || m.keys.Copy.Enabled() {
		t.Fatal("actions are enabled without a message")
	}
}

func TestEditConfirmThenRevision(t *testing.T) {
	env := commontest.NewEnv(t)
	rec := sent(t, env)
	m := open(t, env, themes.NoColor(), 80, 21, rec.ID)
	msgs := press(m, commontest.Key("e"))
	opened, ok := commontest.Find[common.ComposeMsg](msgs)
	if !ok || opened.Mode != common.ComposeEdit || opened.Source != sourceV1 || opened.Message == nil || opened.Message.ID != rec.ID {
		t.Fatalf("e produced %+v", msgs)
	}
	press(m, common.SubmitDraftMsg{Mode: common.ComposeEdit, Message: opened.Message, Draft: card(t, sourceV2)})
	view := commontest.Plain(m.View())
	if m.confirm == nil || !strings.Contains(view, "-The deploy finished in 4 minutes.") || !strings.Contains(view, "+The deploy finished in 5 minutes.") {
		t.Fatalf("no confirmation with the diff:\n%s", view)
	}
	if puts := requests(env, "PUT"); puts != 0 {
		t.Fatalf("%d PUTs before the confirmation", puts)
	}
	msgs = press(m, commontest.Key("y"))
	got, err := env.Store.Get(rec.ID)
	if err != nil || len(got.Revisions) != 2 || got.Status != history.StatusEdited || got.Live().Source != sourceV2 {
		t.Fatalf("record after the edit: %+v, %v", got, err)
	}
	if sim, _ := env.Server.Message(rec.ID); len(sim.Contents) != 2 || requests(env, "PUT") != 1 {
		t.Fatalf("the simulator saw %d revisions and %d PUTs", len(sim.Contents), requests(env, "PUT"))
	}
	status, _ := commontest.Find[common.StatusMsg](msgs)
	if status.Kind != common.StatusOK || !strings.Contains(status.Text, "revision 2 is live") {
		t.Fatalf("status %+v", status)
	}
	if changed, ok := commontest.Find[common.HistoryChangedMsg](msgs); !ok || changed.ID != rec.ID {
		t.Fatalf("no HistoryChangedMsg for %s in %v", rec.ID, msgs)
	}
	if _, ok := commontest.Find[common.DraftSentMsg](msgs); !ok {
		t.Fatal("the composer was not told its edit draft went out")
	}
	if m.confirm != nil || m.selected != 1 || !strings.Contains(commontest.Plain(m.View()), "5 minutes") {
		t.Fatalf("the screen does not show the new live revision:\n%s", m.View())
	}
}

func TestEditDeclinedSendsNothing(t *testing.T) {
	env := commontest.NewEnv(t)
	rec := sent(t, env)
	m := open(t, env, themes.NoColor(), 80, 21, rec.ID)
	next := card(t, sourceV2)
	press(m, common.SubmitDraftMsg{Mode: common.ComposeEdit, Message: &rec, Draft: compose.Card{Source: next.Source, Content: next.Content}})
	msgs := press(m, commontest.Key("n"))
	status, _ := commontest.Find[common.StatusMsg](msgs)
	if m.confirm != nil || requests(env, "PUT") != 0 || !strings.Contains(status.Text, "still in the composer") {
		t.Fatalf("declining: confirm=%v PUTs=%d status=%+v", m.confirm != nil, requests(env, "PUT"), status)
	}
}

func TestDeleteConfirmKeepsTheRecord(t *testing.T) {
	env := commontest.NewEnv(t)
	rec := sent(t, env, sourceV2)
	m := open(t, env, themes.NoColor(), 120, 37, rec.ID)
	press(m, commontest.Key("d"))
	view := commontest.Plain(m.View())
	if !strings.Contains(view, "sent to #general") || !strings.Contains(view, "("+zoomtest.ChannelGeneral+")") || requests(env, "DELETE") != 0 {
		t.Fatalf("the dialog does not name the recipient, or deleted early:\n%s", view)
	}
	msgs := press(m, commontest.Key("y"))
	got, err := env.Store.Get(rec.ID)
	if err != nil || got.Status != history.StatusDeleted || len(got.Revisions) != 2 || got.Live().Source != sourceV2 {
		t.Fatalf("record after delete: %+v, %v", got, err)
	}
	if sim, _ := env.Server.Message(rec.ID); !sim.Deleted {
		t.Fatal("the simulator does not have the message deleted")
	}
	var apiErr *zoom.APIError
	if _, err := env.Deps.Client.Delete(t.Context(), zoom.DeleteRequest{MessageID: rec.ID}); !errors.As(err, &apiErr) || apiErr.Status != 404 {
		t.Fatalf("deleting again: %v, want a 404", err)
	}
	if status, _ := commontest.Find[common.StatusMsg](msgs); status.Kind != common.StatusOK || !strings.Contains(status.Text, "Deleted") {
		t.Fatalf("status %+v", status)
	}
	if m.keys.Edit.Enabled() || m.keys.Delete.Enabled() || !m.keys.Resend.Enabled() {
		t.Fatal("a deleted message still offers edit/delete, or no longer offers resend")
	}
	press(m, commontest.Key("e"), commontest.Key("d"))
	if m.confirm != nil {
		t.Fatal("a disabled key opened a dialog")
	}
}

func TestAPIErrorBecomesTheStatusSentence(t *testing.T) {
	env := commontest.NewEnv(t)
	rec := fixed(t, env, history.StatusSent, sourceV1) // an id the simulator never issued
	m := open(t, env, themes.NoColor(), 80, 21, rec.ID)
	msgs := press(m, commontest.Key("d"), commontest.Key("y"))
	status, _ := commontest.Find[common.StatusMsg](msgs)
	if status.Kind != common.StatusError || !strings.Contains(status.Text, "8001") {
		t.Fatalf("status %+v, want the 8001 sentence", status)
	}
	if got, _ := env.Store.Get(rec.ID); got.Status != history.StatusSent {
		t.Fatalf("a failed delete marked the record %s", got.Status)
	}
	if m.confirm != nil {
		t.Fatal("the dialog stayed open after the failure")
	}
}

func TestRestoreRevision(t *testing.T) {
	env := commontest.NewEnv(t)
	rec := sent(t, env, sourceV2)
	m := open(t, env, themes.NoColor(), 80, 21, rec.ID)
	if m.keys.Restore.Enabled() {
		t.Fatal("restore is offered on the live revision")
	}
	press(m, commontest.Key("left"), commontest.Key("R"))
	if m.confirm == nil || !strings.Contains(commontest.Plain(m.View()), "+The deploy finished in 4 minutes.") {
		t.Fatalf("no restore confirmation with the diff:\n%s", m.View())
	}
	msgs := press(m, commontest.Key("y"))
	got, _ := env.Store.Get(rec.ID)
	if len(got.Revisions) != 3 || got.Live().Source != sourceV1 || string(got.Live().Content) != string(got.Revisions[0].Content) {
		t.Fatalf("after restore: %d revisions, live source %q", len(got.Revisions), got.Live().Source)
	}
	if sim, _ := env.Server.Message(rec.ID); len(sim.Contents) != 3 {
		t.Fatalf("the simulator saw %d revisions", len(sim.Contents))
	}
	if status, _ := commontest.Find[common.StatusMsg](msgs); !strings.Contains(status.Text, "Restored revision 1") {
		t.Fatalf("status %+v", status)
	}
}

func TestComposeActionsCarryTheShownRevision(t *testing.T) {
	tests := []struct {
		keys   []string
		mode   common.ComposeMode
		source string
	}{
		{[]string{"e"}, common.ComposeEdit, sourceV2},
		{[]string{"left", "e"}, common.ComposeEdit, sourceV2}, // an edit always starts from what is live
		{[]string{"r"}, common.ComposeNew, sourceV2},
		{[]string{"left", "r"}, common.ComposeNew, sourceV1},
		{[]string{"u"}, common.ComposeUnfurl, sourceV2},
	}
	env := commontest.NewEnv(t)
	rec := sent(t, env, sourceV2)
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, "+"), func(t *testing.T) {
			m := open(t, env, themes.NoColor(), 80, 21, rec.ID)
			var msgs []tea.Msg
			for _, k := range tt.keys {
				msgs = append(msgs, press(m, commontest.Key(k))...)
			}
			got, ok := commontest.Find[common.ComposeMsg](msgs)
			if !ok || got.Mode != tt.mode || got.Source != tt.source {
				t.Fatalf("got %+v, want mode %v with source %q", got, tt.mode, tt.source)
			}
		})
	}
}

func TestCopyID(t *testing.T) {
	env := commontest.NewEnv(t)
	rec := sent(t, env)
	m := open(t, env, themes.NoColor(), 80, 21, rec.ID)
	msgs := press(m, commontest.Key("c"))
	status, _ := commontest.Find[common.StatusMsg](msgs)
	if !strings.Contains(status.Text, rec.ID) {
		t.Fatalf("the status does not show the id: %+v", status)
	}
	clipboard := ""
	for _, msg := range msgs {
		if fmt.Sprintf("%T", msg) == "tea.setClipboardMsg" {
			clipboard = fmt.Sprint(msg)
		}
	}
	if clipboard != rec.ID {
		t.Fatalf("the clipboard got %q, want %q (messages %v)", clipboard, rec.ID, msgs)
	}
}

func TestDiffBetweenAnyTwoRevisions(t *testing.T) {
	env := commontest.NewEnv(t)
	rec := sent(t, env, sourceV2, sourceV3)
	m := open(t, env, themes.NoColor(), 120, 37, rec.ID)
	press(m, commontest.Key("tab"))
	view := commontest.Plain(m.View())
	if !strings.Contains(view, "revision 2 → revision 3 (live)") || !strings.Contains(view, "+head: Release 2.4.1 is out") ||
		strings.Contains(view, "4 minutes") {
		t.Fatalf("default diff is not 2 → 3:\n%s", view)
	}
	press(m, commontest.Key("left"), commontest.Key("left"), commontest.Key("b"), commontest.Key("right"), commontest.Key("right"))
	view = commontest.Plain(m.View())
	if !strings.Contains(view, "revision 1 → revision 3 (live)") || !strings.Contains(view, "-The deploy finished in 4 minutes.") ||
		!strings.Contains(view, "+head: Release 2.4.1 is out") {
		t.Fatalf("diff 1 → 3:\n%s", view)
	}
}

func TestCancelRunningEdit(t *testing.T) {
	env := commontest.NewEnv(t)
	rec := sent(t, env)
	m := open(t, env, themes.NoColor(), 80, 21, rec.ID)
	env.Server.SetLatency(3 * time.Second)
	next := card(t, sourceV2)
	press(m, common.SubmitDraftMsg{Mode: common.ComposeEdit, Message: &rec, Draft: compose.Card{Source: next.Source, Content: next.Content}})
	_, run := m.Update(commontest.Key("y"))
	if view := commontest.Plain(m.View()); !strings.Contains(view, "Sending the edit to Zoom…") || !strings.Contains(view, "esc cancels") {
		t.Fatalf("no spinner line while the edit runs:\n%s", view)
	}
	m.Update(common.RateLimitMsg{Op: "edit", Attempt: 1, Until: commontest.Clock.Add(2 * time.Second)})
	if view := commontest.Plain(m.View()); !strings.Contains(view, "rate limit: trying again at 09:30:02 (attempt 2)") {
		t.Fatalf("the rate-limit wait is not shown:\n%s", view)
	}
	m.Update(commontest.Key("esc"))
	start := time.Now()
	msgs := settle(m, run)
	if waited := time.Since(start); waited > 2*time.Second {
		t.Fatalf("esc did not cancel the request: the result took %v", waited)
	}
	status, _ := commontest.Find[common.StatusMsg](msgs)
	if status.Kind != common.StatusWarn || !strings.Contains(status.Text, "Cancelled") {
		t.Fatalf("status %+v", status)
	}
	if got, _ := env.Store.Get(rec.ID); len(got.Revisions) != 1 {
		t.Fatalf("a cancelled edit was recorded: %d revisions", len(got.Revisions))
	}
}

func TestHistoryChangedReloads(t *testing.T) {
	env := commontest.NewEnv(t)
	rec := sent(t, env)
	m := open(t, env, themes.NoColor(), 80, 21, rec.ID)
	if _, err := env.Deps.Ops().Edit(t.Context(), rec.ID, card(t, sourceV2)); err != nil {
		t.Fatal(err)
	}
	press(m, common.HistoryChangedMsg{ID: rec.ID})
	if len(m.msg.Revisions) != 2 || m.selected != 1 {
		t.Fatalf("after reload: %d revisions, showing %d", len(m.msg.Revisions), m.selected+1)
	}
}

// requests counts the API requests (not token requests) with method.
func requests(env *commontest.Env, method string) int {
	n := 0
	for _, r := range env.Server.Requests() {
		if r.Method == method && strings.HasPrefix(r.Path, "/v2/") {
			n++
		}
	}
	return n
}

func TestAnySizeFitsTheScreen(t *testing.T) {
	env := commontest.NewEnv(t)
	rec := sent(t, env, sourceV2)
	m := open(t, env, themes.NoColor(), 80, 21, rec.ID)
	for _, keys := range [][]string{{}, {"tab"}, {"d"}} {
		for _, size := range [][2]int{{60, 13}, {20, 4}, {1, 1}, {120, 37}} {
			c := m.common
			c.SetSize(size[0], size[1])
			m.SetCommon(c)
			for _, k := range keys {
				press(m, commontest.Key(k))
			}
			view := m.View()
			if lines := strings.Count(view, "\n") + 1; lines != size[1] {
				t.Fatalf("%v after %v: %d lines:\n%s", size, keys, lines, view)
			}
			press(m, commontest.Key("esc")) // closes the dialog, if one opened
		}
	}
}

// An edit goes with the markdown setting its message was sent with, whatever the new card
// would ask for; the confirmation says which, and m switches it before y sends — building
// the card again, so that the text sent matches the setting.
func TestEditKeepsTheMessagesMarkdownAndMSwitchesIt(t *testing.T) {
	env := commontest.NewEnv(t)
	rec := sent(t, env) // sourceV1 has no markup: sent with markdown off
	m := open(t, env, themes.NoColor(), 100, 30, rec.ID)
	// A card that would ask for markdown, built as the composer submits an edit of this
	// message: markdown off, its text as written.
	next, _, _ := compose.BuildAs("---\nhead: Release 2.4 is **out**\n---\n", compose.MarkdownOff)
	press(m, common.SubmitDraftMsg{Mode: common.ComposeEdit, Message: &rec, Draft: next})
	if view := commontest.Plain(m.View()); !strings.Contains(view, "Markdown is off") {
		t.Fatalf("the confirmation does not say the markdown setting:\n%s", view)
	}
	press(m, commontest.Key("m"))
	if view := commontest.Plain(m.View()); !strings.Contains(view, "Markdown is on") {
		t.Fatalf("m did not switch markdown on:\n%s", view)
	}
	press(m, commontest.Key("y"))
	var put zoomtest.Request
	for _, r := range env.Server.Requests() {
		if r.Method == "PUT" {
			put = r
		}
	}
	if !strings.Contains(string(put.Body), `"is_markdown_support":true`) || !strings.Contains(string(put.Body), `"text":"Release 2.4 is *out*"`) {
		t.Fatalf("the edit went with %s, want markdown on and the text converted", put.Body)
	}
	if got, _ := env.Store.Get(rec.ID); !got.Live().Markdown {
		t.Errorf("the new revision is recorded with markdown off")
	}
}

// An unlabelled recipient is shown as its whole JID when the line has room,
// cut to the room there is when it does not.
func TestUnlabelledRecipientIsWholeWhereThereIsRoom(t *testing.T) {
	env := commontest.NewEnv(t)
	s, err := env.Deps.Ops().Send(t.Context(), ops.Envelope{ToJID: zoomtest.ChannelRandom}, card(t, sourceV1))
	if err != nil {
		t.Fatal(err)
	}
	wide := commontest.Plain(open(t, env, themes.NoColor(), 80, 21, s.Message.ID).View())
	if !strings.Contains(wide, "to         "+zoomtest.ChannelRandom) {
		t.Errorf("80 columns do not show the whole JID:\n%s", wide)
	}
	narrow := commontest.Plain(open(t, env, themes.NoColor(), 60, 21, s.Message.ID).View())
	if !strings.Contains(narrow, "to         c4b2a9e8f1d74c3ea5b0d6f2e9c1a723\n") {
		t.Errorf("60 columns do not show as much of the JID as fits:\n%s", narrow)
	}
}

// Every diff compares card source: the first revision's against nothing, and
// a revision stored without source (sent from a .json file) as the source
// compose.Format makes of its JSON, so only the changed line shows.
func TestDiffComparesCardSourceForEveryRevision(t *testing.T) {
	env := commontest.NewEnv(t)
	msg := fixed(t, env, history.StatusEdited, sourceV1, sourceV2)
	msg.Revisions[0].Source = "" // as if sent from a .json file
	if err := env.Store.PutMessage(msg); err != nil {
		t.Fatal(err)
	}
	m := open(t, env, themes.NoColor(), 100, 30, msg.ID)
	press(m, commontest.Key("tab"))
	view := commontest.Plain(m.View())
	if !strings.Contains(view, "Differences in the card source") || !strings.Contains(view, "-The deploy finished in 4 minutes.") ||
		!strings.Contains(view, "+The deploy finished in 5 minutes.") || strings.Contains(view, "+head:") {
		t.Fatalf("a revision without source is not compared as card source:\n%s", view)
	}
	press(m, commontest.Key("left"))
	view = commontest.Plain(m.View())
	if !strings.Contains(view, "nothing → revision 1") || !strings.Contains(view, "Differences in the card source") ||
		!strings.Contains(view, "+head: Release 2.4 is out") {
		t.Fatalf("the first revision's diff is not of its card source:\n%s", view)
	}
}

// Zoom's reason for a failed operation is read whole under the status,
// wrapped, at any width; the card pane gives up the rows it takes.
func TestOperationNoteIsReadWhole(t *testing.T) {
	env := commontest.NewEnv(t)
	content, _ := json.Marshal(map[string]any{"head": map[string]any{"text": "Release notes"}})
	reason := "Zoom answered 400: " + strings.Repeat("the button value is longer than Zoom allows, ", 4) + "END OF REASON"
	m := history.Message{
		ID: "F1", ToJID: zoomtest.ChannelGeneral, SentAt: commontest.Clock, Status: history.StatusSent,
		Revisions: []history.Revision{{Content: content, Source: "---\nhead: Release notes\n---\n", At: commontest.Clock}},
		Op:        &history.Operation{Kind: history.OpEdit, State: history.OpFailed, At: commontest.Clock, Err: reason, Attempts: 1},
	}
	if err := env.Store.PutMessage(m); err != nil {
		t.Fatal(err)
	}
	s := open(t, env, themes.NoColor(), 80, 24, m.ID)
	view := commontest.Plain(s.View())
	if lines := strings.Split(view, "\n"); len(lines) != 24 {
		t.Fatalf("the view has %d lines, want 24:\n%s", len(lines), view)
	}
	joined := strings.Join(strings.Fields(view), " ")
	if !strings.Contains(joined, "END OF REASON") || strings.Count(joined, "longer than Zoom allows") != 4 || strings.Contains(view, "…") {
		t.Fatalf("the failure is not read whole:\n%s", view)
	}
	if !strings.Contains(view, "Release notes") {
		t.Fatalf("the card is no longer shown under the note:\n%s", view)
	}
}
