package historyview

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// unfurlRecord is a compact description of an unfurl to seed the history with.
type unfurlRecord struct {
	user, trigger, head, body string
	source                    string // the card source; "" records the JSON only
}

// sampleUnfurls are three unfurls, newest first: one with its card source,
// two recorded with the card JSON only (as an older zoompose or an import
// would leave them).
var sampleUnfurls = []unfurlRecord{
	{"KdYKjnimT4KPd8KKdQt9FQ", "zsbxtrg0a1b2c3d4e5f6a7b8", "Release notes 2.4", "What changed", "---\nhead: Release notes 2.4\n---\nWhat changed\n"},
	{"R7QmZx2Lw0SbEnHv5Tj3UA", "zsbxtrg99aa88bb77cc66dd", "", "Design doc: storage layout", ""},
	{"KdYKjnimT4KPd8KKdQt9FQ", "zsbxtrg1234567890abcdef", "Incident 42 postmortem", "Root cause", ""},
}

// seedUnfurls records unfurls, the first newest, two minutes apart.
func seedUnfurls(t testing.TB, store *history.Store, records []unfurlRecord) {
	t.Helper()
	for i, r := range records {
		card := map[string]any{"body": []map[string]string{{"type": "message", "text": r.body}}}
		if r.head != "" {
			card["head"] = map[string]string{"text": r.head}
		}
		content, err := json.Marshal(card)
		if err != nil {
			t.Fatal(err)
		}
		u := history.Unfurl{
			ID: fmt.Sprintf("u%d", len(records)-i), Profile: "test", UserID: r.user, TriggerID: r.trigger,
			Content: content, Source: r.source, At: commontest.Clock.Add(-time.Duration(2*i) * time.Minute),
		}
		if err := store.PutUnfurl(u); err != nil {
			t.Fatal(err)
		}
	}
}

// unfurlScreen returns a History screen showing the unfurls list over a
// history seeded with messages and unfurls.
func unfurlScreen(t *testing.T, width, height int, unfurls []unfurlRecord) (*Model, *commontest.Env) {
	t.Helper()
	m, env := newScreen(t, themes.NoColor(), width, height, nil)
	seedUnfurls(t, env.Store, unfurls)
	settle(m, m.Init())
	press(m, commontest.Key("tab"))
	return m, env
}

func triggers(rows []unfurlRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.TriggerID
	}
	return out
}

func TestTabSwitchesBetweenMessagesAndUnfurls(t *testing.T) {
	m, env := newScreen(t, themes.NoColor(), 80, 21, sample)
	seedUnfurls(t, env.Store, sampleUnfurls)
	settle(m, m.Init())
	steps := []struct {
		keys   []string
		header string // the header names the list shown in brackets
		row    string // a row only the list shown has
		help   string // what tab says it switches to
	}{
		{nil, "[Messages] · Unfurls  newest first · 6 messages", "Release 2.4 is out", "unfurls"},
		{[]string{"tab"}, "Messages · [Unfurls]  newest first · 3 unfurls", "Incident 42 postmortem", "messages"},
		{[]string{"tab"}, "[Messages] · Unfurls", "Maintenance window", "unfurls"},
	}
	for i, step := range steps {
		for _, k := range step.keys {
			press(m, commontest.Key(k))
		}
		view := commontest.Plain(m.View())
		if !strings.Contains(view, step.header) || !strings.Contains(view, step.row) {
			t.Fatalf("step %d: the view lacks %q or %q:\n%s", i, step.header, step.row, view)
		}
		if got := m.keys.Switch.Help().Desc; got != step.help {
			t.Fatalf("step %d: tab's help says %q, want %q", i, got, step.help)
		}
	}
	// While the filter box has the focus, tab keeps the filter and stays.
	press(m, commontest.Key("/"))
	press(m, commontest.Type("welcome")...)
	press(m, commontest.Key("tab"))
	if m.Typing() || m.shown != listMessages || !slices.Equal(rowIDs(m.list.Items()), []string{"m1"}) {
		t.Fatalf("tab while typing: typing=%v list=%v rows=%v", m.Typing(), m.shown, rowIDs(m.list.Items()))
	}
}

func TestUnfurlsListNewestFirstWithTheirColumns(t *testing.T) {
	m, _ := unfurlScreen(t, 120, 37, sampleUnfurls)
	want := []string{"zsbxtrg0a1b2c3d4e5f6a7b8", "zsbxtrg99aa88bb77cc66dd", "zsbxtrg1234567890abcdef"}
	if got := triggers(m.unfurls.list.Items()); !slices.Equal(got, want) {
		t.Fatalf("rows %v, want %v", got, want)
	}
	view := commontest.Plain(m.View())
	for _, row := range []string{
		"› Nov 26 09:30  KdYKjnimT4KPd8KKdQt9FQ    zsbxtrg0a1b2c3d4e5f6a7b8  Release notes 2.4",
		"  Nov 26 09:28  R7QmZx2Lw0SbEnHv5Tj3UA    zsbxtrg99aa88bb77cc66dd   Design doc: storage layout",
		"  Nov 26 09:26  KdYKjnimT4KPd8KKdQt9FQ    zsbxtrg1234567890abcdef   Incident 42 postmortem",
	} {
		if !strings.Contains(view, row) {
			t.Fatalf("the view lacks the row %q:\n%s", row, view)
		}
	}
}

func TestUnfurlFilterNarrowsAsYouType(t *testing.T) {
	tests := []struct {
		filter string
		want   []string // trigger ids
	}{
		{"kdykjnimt4", []string{"zsbxtrg0a1b2c3d4e5f6a7b8", "zsbxtrg1234567890abcdef"}},
		{"99aa88", []string{"zsbxtrg99aa88bb77cc66dd"}},
		{"STORAGE", []string{"zsbxtrg99aa88bb77cc66dd"}},
		{"postmortem kdyk", []string{"zsbxtrg1234567890abcdef"}},
		{"zsbxtrg", []string{"zsbxtrg0a1b2c3d4e5f6a7b8", "zsbxtrg99aa88bb77cc66dd", "zsbxtrg1234567890abcdef"}},
		{"to:#general", nil}, // the messages' tokens are plain text here
		{"no such words", nil},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			m, _ := unfurlScreen(t, 80, 21, sampleUnfurls)
			press(m, commontest.Key("/"))
			press(m, commontest.Type(tt.filter)...)
			if got := triggers(m.unfurls.list.Items()); !slices.Equal(got, tt.want) {
				t.Fatalf("filter %q shows %v, want %v", tt.filter, got, tt.want)
			}
			view := commontest.Plain(m.View())
			note := fmt.Sprintf("3 unfurls · %d match %q", len(tt.want), tt.filter)
			if !strings.Contains(view, note) {
				t.Fatalf("the header does not say %q:\n%s", note, view)
			}
			if len(tt.want) == 0 && !strings.Contains(view, "Nothing matches this filter. esc clears it.") {
				t.Fatalf("an empty result does not say so:\n%s", view)
			}
			if m.input.Value() != "" {
				t.Fatalf("the unfurls' filter leaked into the messages' filter: %q", m.input.Value())
			}
		})
	}
}

func TestEscClearsTheUnfurlFilterThenGoesBack(t *testing.T) {
	m, _ := unfurlScreen(t, 80, 21, sampleUnfurls)
	press(m, commontest.Key("/"))
	press(m, commontest.Type("incident")...)
	press(m, commontest.Key("enter"))
	if m.Typing() || len(m.unfurls.list.Items()) != 1 {
		t.Fatalf("enter should keep the filter and leave the box: typing=%v rows=%v", m.Typing(), triggers(m.unfurls.list.Items()))
	}
	if msgs := press(m, commontest.Key("esc")); len(msgs) != 0 || m.unfurls.input.Value() != "" || len(m.unfurls.list.Items()) != 3 {
		t.Fatalf("first esc: msgs %v, filter %q, rows %v", msgs, m.unfurls.input.Value(), triggers(m.unfurls.list.Items()))
	}
	if _, ok := commontest.Find[common.BackMsg](press(m, commontest.Key("esc"))); !ok {
		t.Fatal("esc without a filter did not go back")
	}
}

func TestEnterOpensTheUnfurlCardInTheComposer(t *testing.T) {
	m, env := unfurlScreen(t, 80, 21, sampleUnfurls)
	recorded, err := env.Store.Unfurls(10)
	if err != nil {
		t.Fatal(err)
	}
	formatted := func(content json.RawMessage) string {
		c, err := compose.ParseJSON(content)
		if err != nil {
			t.Fatal(err)
		}
		return compose.Format(c)
	}
	tests := []struct {
		name   string
		downs  int
		source string
	}{
		{"its card source", 0, sampleUnfurls[0].source},
		{"its card JSON as source", 1, formatted(recorded[1].Content)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			press(m, commontest.Key("home"))
			for range tt.downs {
				press(m, commontest.Key("down"))
			}
			got, ok := commontest.Find[common.ComposeMsg](press(m, commontest.Key("enter")))
			if !ok || got.Mode != common.ComposeUnfurl || got.Source != tt.source || got.Message != nil {
				t.Fatalf("enter produced %+v, want ComposeMsg{ComposeUnfurl, %q}", got, tt.source)
			}
		})
	}
	if !strings.Contains(tests[1].source, "Design doc: storage layout") {
		t.Fatalf("the source made from JSON lost the card's text:\n%s", tests[1].source)
	}
}

func TestUnfurlSentThroughOpsAppearsOnHistoryChanged(t *testing.T) {
	m, env := unfurlScreen(t, 80, 21, nil)
	if view := commontest.Plain(m.View()); !strings.Contains(view, "No unfurls sent yet") {
		t.Fatalf("no empty-state sentence:\n%s", view)
	}
	user := "KdYKjnimT4KPd8KKdQt9FQ"
	trigger := env.Server.IssueTrigger(user)
	card := compose.Card{Source: "Shared link preview\n", Content: json.RawMessage(`{"body":[{"type":"message","text":"Shared link preview"}]}`)}
	if _, err := env.Deps.Ops().Unfurl(t.Context(), user, trigger, card); err != nil {
		t.Fatal(err)
	}
	press(m, common.HistoryChangedMsg{ID: trigger})
	if got := triggers(m.unfurls.list.Items()); !slices.Equal(got, []string{trigger}) {
		t.Fatalf("after HistoryChangedMsg the unfurls are %v, want [%s]", got, trigger)
	}
	view := commontest.Plain(m.View())
	if !strings.Contains(view, "Shared link preview") || !strings.Contains(view, "1 unfurl") {
		t.Fatalf("the new unfurl is not shown:\n%s", view)
	}
	got, _ := commontest.Find[common.ComposeMsg](press(m, commontest.Key("enter")))
	if got.Source != card.Source {
		t.Fatalf("enter composes %q, want the source that was sent %q", got.Source, card.Source)
	}
}

func TestStaleUnfurlReadsAreDropped(t *testing.T) {
	m, _ := unfurlScreen(t, 80, 21, sampleUnfurls)
	m.Update(unfurlsMsg{seq: m.unfurls.seq - 1, rows: []unfurlRow{{Unfurl: history.Unfurl{TriggerID: "old"}}}})
	if got := triggers(m.unfurls.list.Items()); slices.Contains(got, "old") {
		t.Fatalf("a superseded read was shown: %v", got)
	}
}

func TestAFailedUnfurlReadIsASentence(t *testing.T) {
	m, env := unfurlScreen(t, 80, 21, sampleUnfurls)
	if err := env.Store.Close(); err != nil {
		t.Fatal(err)
	}
	msgs := press(m, common.HistoryChangedMsg{})
	reported := slices.ContainsFunc(msgs, func(msg tea.Msg) bool {
		status, ok := msg.(common.StatusMsg)
		return ok && status.Kind == common.StatusError && strings.HasPrefix(status.Text, "The unfurls could not be read: ")
	})
	if !reported {
		t.Fatalf("a failed read reported %+v", msgs)
	}
	if view := commontest.Plain(m.View()); !strings.Contains(view, "The unfurls could not be read") {
		t.Fatalf("the list does not say the read failed:\n%s", view)
	}
}

func TestUnfurlGoldenViews(t *testing.T) {
	for _, size := range [][2]int{{80, 21}, {120, 37}} {
		name := fmt.Sprintf("unfurls-%dx%d-no-color", size[0], size[1])
		t.Run(name, func(t *testing.T) {
			m, _ := unfurlScreen(t, size[0], size[1], sampleUnfurls)
			press(m, commontest.Key("down"))
			view := m.View()
			if strings.Contains(view, "\x1b") {
				t.Fatal("the NO_COLOR view carries escape sequences")
			}
			if got := strings.Count(view, "\n") + 1; got != size[1] {
				t.Fatalf("the view is %d lines high, want %d", got, size[1])
			}
			commontest.Golden(t, view)
		})
	}
}

func TestUnfurlSelectionStaysVisibleAtAnySize(t *testing.T) {
	many := make([]unfurlRecord, 40)
	for i := range many {
		many[i] = unfurlRecord{"KdYKjnimT4KPd8KKdQt9FQ", fmt.Sprintf("zsbxtrg%016d", 40-i), fmt.Sprintf("Link %d", 40-i), "text", ""}
	}
	m, _ := unfurlScreen(t, 80, 21, many)
	selectionVisibleAtAnySize(t, m)
	press(m, commontest.Key("end"))
	if m.unfurls.list.Selected() != 39 || !strings.Contains(commontest.Plain(m.View()), "40 of 40 · end of the unfurls") {
		t.Fatalf("end selected row %d:\n%s", m.unfurls.list.Selected(), commontest.Plain(m.View()))
	}
}
