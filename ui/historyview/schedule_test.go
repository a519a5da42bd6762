package historyview

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// queries runs cmd and returns the first-page reads and the pauses it
// produced.
func queries(cmd tea.Cmd) (pages []pageMsg, pauses []debounceMsg) {
	for _, msg := range commontest.Run(cmd, time.Second) {
		switch msg := msg.(type) {
		case pageMsg:
			pages = append(pages, msg)
		case debounceMsg:
			pauses = append(pauses, msg)
		}
	}
	return pages, pauses
}

func TestCheapFilterQueriesAtOnce(t *testing.T) {
	m, _ := newScreen(t, themes.NoColor(), 80, 21, sample)
	if m.cost <= 0 || m.cost >= cheapQuery {
		t.Fatalf("the first page of six messages took %v; want a measured cheap query", m.cost)
	}
	press(m, commontest.Key("/"))
	_, cmd := m.Update(commontest.Key("w"))
	pages, pauses := queries(cmd)
	if len(pauses) > 0 || len(pages) != 1 {
		t.Fatalf("after a %v query a key made %d reads and %d pauses; want one read at once", m.cost, len(pages), len(pauses))
	}
	m.Update(pages[0])
	if !strings.Contains(commontest.Plain(m.View()), `text "w"`) {
		t.Errorf("the list does not show the filter's matches:\n%s", commontest.Plain(m.View()))
	}
}

func TestExpensiveFilterWaitsForAPause(t *testing.T) {
	m, _ := newScreen(t, themes.NoColor(), 80, 21, sample)
	m.cheap = 0 // every query counts as expensive: the pause is the last query's real cost
	press(m, commontest.Key("/"))
	// The first key comes long after the last query: it runs at once.
	_, first := m.Update(commontest.Key("w"))
	_, second := m.Update(commontest.Key("e")) // at once after it: faster than any query
	pages, _ := queries(first)
	if len(pages) != 1 {
		t.Fatalf("the first key made %d reads, want 1 at once", len(pages))
	}
	if p, d := queries(second); len(p)+len(d) > 0 {
		t.Fatal("the second key started a query while one was running")
	}
	// When the running query ends, the newest filter waits for a pause as
	// long as that query took.
	_, next := m.Update(pages[0])
	start := time.Now()
	pages, pauses := queries(next)
	if len(pages) > 0 || len(pauses) != 1 {
		t.Fatalf("keys %v apart, with queries of %v: %d reads and %d pauses; want one pause", m.gap, m.cost, len(pages), len(pauses))
	}
	if waited, want := time.Since(start), min(m.cost, maxPause); waited < want {
		t.Errorf("the filter queried after %v, before the %v pause (the last query's cost)", waited, want)
	}
	press(m, pauses[0])
	if !slices.Equal(rowIDs(m.list.Items()), []string{"m1"}) || !strings.Contains(commontest.Plain(m.View()), `text "we"`) {
		t.Errorf("after the pause the list shows %v, want the match of \"we\" (m1)", rowIDs(m.list.Items()))
	}
}

func TestOneFilterQueryAtATime(t *testing.T) {
	m, _ := newScreen(t, themes.NoColor(), 80, 21, sample)
	press(m, commontest.Key("/"))
	_, first := m.Update(commontest.Key("d")) // its query is held, as if still running
	for _, k := range []string{"e", "p"} {
		_, cmd := m.Update(commontest.Key(k))
		if pages, pauses := queries(cmd); len(pages)+len(pauses) > 0 {
			t.Fatalf("key %q started a query while one was running", k)
		}
	}
	pages, _ := queries(first)
	if len(pages) != 1 {
		t.Fatalf("the first key made %d reads, want 1", len(pages))
	}
	// The held result is stale: it is dropped, and the newest filter runs.
	_, next := m.Update(pages[0])
	if strings.Contains(commontest.Plain(m.View()), `text "d"`) {
		t.Fatal("a stale filter's result was shown")
	}
	settle(m, next)
	if got := rowIDs(m.list.Items()); !slices.Equal(got, []string{"m6", "m4"}) || !strings.Contains(commontest.Plain(m.View()), `text "dep"`) {
		t.Errorf("after the running query ended the list shows %v, want the matches of \"dep\" (m6, m4):\n%s", got, commontest.Plain(m.View()))
	}
	if m.inflight != 0 {
		t.Error("a query is still marked running after every result came back")
	}
}
