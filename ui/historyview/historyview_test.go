package historyview

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/compose"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/widget"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

func TestListsNewestFirst(t *testing.T) {
	m, _ := newScreen(t, themes.NoColor(), 80, 21, sample)
	if got, want := rowIDs(m.list.Items()), []string{"m6", "m5", "m4", "m3", "m2", "m1"}; !slices.Equal(got, want) {
		t.Fatalf("rows %v, want %v", got, want)
	}
}

func TestFilterNarrowsAsYouType(t *testing.T) {
	tests := []struct {
		filter string
		want   []string
		note   string // the header says what the filter selects, or why nothing
	}{
		{"deploy", []string{"m6", "m4"}, `text "deploy"`},
		{"DEPLOY report", []string{"m4"}, `text "DEPLOY report"`},
		{"to:#general", []string{"m6", "m3"}, "to #general"},
		{"to:announce", []string{"m5", "m1"}, "to #announcements"},
		{"to:" + zoomtest.UserAlice, []string{"m4"}, "to Alice"},
		{"to:c4b2a9e8", []string{"m2"}, "to " + zoomtest.ChannelRandom}, // an unlabelled JID is whole where there is room (issue 13),
		{"status:deleted", []string{"m3"}, "status deleted"},
		{"status:ed", []string{"m5"}, "status edited"},
		{"status:outcome-unknown", []string{"m2"}, "status outcome-unknown"},
		{"to:announcements status:sent", []string{"m1"}, "to #announcements · status sent"},
		{"status:", []string{"m6", "m5", "m4", "m3", "m2", "m1"}, ""},
		{"status:bogus", nil, "status:bogus is not a status"},
		{"to:nobody", nil, "no recipient matches to:nobody"},
		{"no such words", nil, `text "no such words"`},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			m, _ := newScreen(t, themes.NoColor(), 120, 37, sample)
			press(m, commontest.Key("/"))
			press(m, commontest.Type(tt.filter)...)
			if got := rowIDs(m.list.Items()); !slices.Equal(got, tt.want) {
				t.Fatalf("filter %q shows %v, want %v", tt.filter, got, tt.want)
			}
			if view := commontest.Plain(m.View()); !strings.Contains(view, tt.note) {
				t.Fatalf("the view does not say %q:\n%s", tt.note, view)
			}
		})
	}
}

func TestStaleQueryResultsAreDropped(t *testing.T) {
	m, _ := newScreen(t, themes.NoColor(), 80, 21, sample)
	stale := pageMsg{seq: m.seq - 1, rows: []messageRow{{Message: history.Message{ID: "old"}}}}
	m.Update(stale)
	if got := rowIDs(m.list.Items()); slices.Contains(got, "old") {
		t.Fatalf("a superseded query's result was shown: %v", got)
	}
	// Typing fast schedules one query per key; only the last one may land.
	press(m, commontest.Key("/"))
	press(m, commontest.Type("welc")...)
	if got := rowIDs(m.list.Items()); !slices.Equal(got, []string{"m1"}) {
		t.Fatalf("rows %v after typing, want [m1]", got)
	}
}

func TestPagingLoadsTheNextPageWithTheCursor(t *testing.T) {
	m, env := newScreen(t, themes.NoColor(), 80, 21, many(120))
	if len(m.list.Items()) != pageSize || m.query.Cursor == "" {
		t.Fatalf("first read loaded %d rows (cursor %q); want one page of %d and a cursor", len(m.list.Items()), m.query.Cursor, pageSize)
	}
	// G walks page by page to the very end: every page is read with the
	// cursor, and the selection lands on the oldest message, not on the end
	// of the page that was loaded when G was pressed.
	press(m, commontest.Key("G"))
	if len(m.list.Items()) != 120 || m.query.Cursor != "" {
		t.Fatalf("after G %d rows are loaded (cursor %q), want all 120 and no cursor", len(m.list.Items()), m.query.Cursor)
	}
	if m.list.Selected() != 119 {
		t.Fatalf("G selected row %d, want the last (119)", m.list.Selected())
	}
	if !strings.Contains(m.View(), "120 of 120 · end of the history") {
		t.Fatalf("G does not show the last row:\n%s", m.View())
	}
	want := ids(mustList(t, env.Store, 200))
	if got := rowIDs(m.list.Items()); !slices.Equal(got, want) {
		t.Fatalf("paged rows differ from one read of everything:\n got %v\nwant %v", got, want)
	}
}

func TestSelectionNearTheEndPrefetches(t *testing.T) {
	m, _ := newScreen(t, themes.NoColor(), 80, 21, many(60))
	for range pageSize - prefetchRows - 1 {
		m.Update(commontest.Key("down"))
	}
	if len(m.list.Items()) != pageSize {
		t.Fatalf("loaded %d rows before nearing the end", len(m.list.Items()))
	}
	press(m, commontest.Key("down"))
	if len(m.list.Items()) != 60 {
		t.Fatalf("nearing the end loaded %d rows, want all 60", len(m.list.Items()))
	}
}

func mustList(t *testing.T, store *history.Store, limit int) []history.Message {
	t.Helper()
	page, err := store.List(history.Query{Limit: limit})
	if err != nil {
		t.Fatal(err)
	}
	return page.Messages
}

func TestEnterOpensTheDetail(t *testing.T) {
	m, _ := newScreen(t, themes.NoColor(), 80, 21, sample)
	press(m, commontest.Key("down"), commontest.Key("down"))
	msgs := press(m, commontest.Key("enter"))
	show, ok := commontest.Find[common.ShowDetailMsg](msgs)
	if !ok || show.ID != "m4" {
		t.Fatalf("enter produced %v, want ShowDetailMsg{m4}", msgs)
	}
}

func TestEscClearsTheFilterThenGoesBack(t *testing.T) {
	m, _ := newScreen(t, themes.NoColor(), 80, 21, sample)
	press(m, commontest.Key("/"))
	press(m, commontest.Type("status:deleted")...)
	press(m, commontest.Key("enter"))
	if m.Typing() || len(m.list.Items()) != 1 {
		t.Fatalf("enter should keep the filter and leave the box: typing=%v rows=%v", m.Typing(), rowIDs(m.list.Items()))
	}
	if msgs := press(m, commontest.Key("esc")); len(msgs) != 0 || m.input.Value() != "" || len(m.list.Items()) != len(sample) {
		t.Fatalf("first esc: msgs %v, filter %q, rows %v", msgs, m.input.Value(), rowIDs(m.list.Items()))
	}
	if _, ok := commontest.Find[common.BackMsg](press(m, commontest.Key("esc"))); !ok {
		t.Fatal("esc without a filter did not go back")
	}
}

func TestLettersGoToTheFilterWhileTyping(t *testing.T) {
	m, _ := newScreen(t, themes.NoColor(), 80, 21, sample)
	if m.Typing() {
		t.Fatal("the list must leave q to the root while the filter is closed")
	}
	press(m, commontest.Key("/"))
	press(m, commontest.Key("q"), commontest.Key("j"))
	if !m.Typing() || m.input.Value() != "qj" {
		t.Fatalf("typing=%v filter=%q; want the letters in the filter", m.Typing(), m.input.Value())
	}
}

func TestHistoryChangedReloads(t *testing.T) {
	m, env := newScreen(t, themes.NoColor(), 80, 21, sample[1:])
	seed(t, env.Store, sample[:1])
	press(m, common.HistoryChangedMsg{ID: "m6"})
	if len(m.list.Items()) != len(sample) || m.list.Items()[0].ID != "m6" {
		t.Fatalf("after HistoryChangedMsg rows are %v", rowIDs(m.list.Items()))
	}
}

func TestSentMessageAppearsWithItsRecipientLabel(t *testing.T) {
	env := commontest.NewEnv(t)
	content := json.RawMessage(`{"head":{"text":"Shipped"}}`)
	if _, err := env.Deps.Ops().Send(t.Context(), ops.Envelope{ToJID: zoomtest.ChannelGeneral}, compose.Card{Content: content}); err != nil {
		t.Fatal(err)
	}
	if err := env.Store.SetRecipientLabel(zoomtest.ChannelGeneral, "#general"); err != nil {
		t.Fatal(err)
	}
	m := New(env.Common(themes.NoColor(), 80, 21))
	settle(m, m.Init())
	view := commontest.Plain(m.View())
	if !strings.Contains(view, "#general") || !strings.Contains(view, "Shipped") || !strings.Contains(view, "sent") {
		t.Fatalf("the row does not show label, status and first line:\n%s", view)
	}
}

func TestFirstLine(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"head", `{"head":{"text":"Release 2.4"},"body":[{"type":"message","text":"x"}]}`, "Release 2.4"},
		{"first message", `{"body":[{"type":"divider"},{"type":"message","text":"\n  Hello   world\nsecond"}]}`, "Hello world"},
		{"inside a section", `{"body":[{"type":"section","sections":[{"type":"message","text":"Nested"}]}]}`, "Nested"},
		{"empty head falls through", `{"head":{"text":" "},"body":[{"type":"message","text":"Body"}]}`, "Body"},
		{"no text", `{"body":[{"type":"divider"}]}`, "(empty card)"},
		{"not JSON", `{`, "(empty card)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := widget.FirstLine(json.RawMessage(tt.content)); got != tt.want {
				t.Fatalf("FirstLine = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRecipientName(t *testing.T) {
	tests := []struct{ jid, label, want string }{
		{zoomtest.ChannelGeneral, "#general", "#general"},
		{zoomtest.ChannelGeneral, "", "5a1d0c2e9b7…"},
		{"bob@xmpp.zoom.us", "", "bob"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := widget.RecipientName(tt.jid, tt.label); got != tt.want {
			t.Errorf("RecipientName(%q, %q) = %q, want %q", tt.jid, tt.label, got, tt.want)
		}
	}
}

func TestGoldenViews(t *testing.T) {
	dark, _ := themes.Get(themes.ZoomDark)
	for _, theme := range []themes.Theme{themes.NoColor(), dark} {
		for _, size := range [][2]int{{80, 21}, {120, 37}} {
			name := fmt.Sprintf("history-%dx%d-%s", size[0], size[1], theme.Name)
			t.Run(name, func(t *testing.T) {
				m, _ := newScreen(t, theme, size[0], size[1], sample)
				press(m, commontest.Key("down"))
				view := m.View()
				if theme.Plain && strings.Contains(view, "\x1b") {
					t.Fatal("the NO_COLOR view carries escape sequences")
				}
				if got := strings.Count(view, "\n") + 1; got != size[1] {
					t.Fatalf("the view is %d lines high, want %d", got, size[1])
				}
				commontest.Golden(t, view)
			})
		}
	}
	t.Run("history-80x21-filtered", func(t *testing.T) {
		m, _ := newScreen(t, themes.NoColor(), 80, 21, sample)
		press(m, commontest.Key("/"))
		press(m, commontest.Type("to:gen")...)
		commontest.Golden(t, m.View())
	})
}

func TestAnySizeKeepsTheSelectionVisible(t *testing.T) {
	m, _ := newScreen(t, themes.NoColor(), 80, 21, many(30))
	selectionVisibleAtAnySize(t, m)
}

// selectionVisibleAtAnySize resizes the screen from large to nothing and
// back, a page down each time: the view fills the height, and the selected
// row of the list shown is on it whenever a row fits.
func selectionVisibleAtAnySize(t *testing.T, m *Model) {
	t.Helper()
	for _, size := range [][2]int{{60, 13}, {20, 4}, {1, 1}, {0, 0}, {120, 37}} {
		c := m.common
		c.SetSize(size[0], size[1])
		m.SetCommon(c)
		press(m, commontest.Key("pgdown"))
		view := m.View()
		if lines := strings.Count(view, "\n") + 1; size[1] > 0 && lines != size[1] {
			t.Fatalf("%v: %d lines", size, lines)
		}
		if size[1] > chromeLines && !strings.Contains(commontest.Plain(view), "›") {
			t.Fatalf("%v: the selected row is off screen:\n%s", size, view)
		}
	}
}
