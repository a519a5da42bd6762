package preview

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/themes"
)

func paragraphCard(paragraphs ...string) compose.Content {
	c := compose.Content{Head: &compose.Head{Text: "Weekly update"}}
	for _, p := range paragraphs {
		c.Body = append(c.Body, compose.Message{Text: p, IsMarkdownSupport: true})
	}
	return c
}

// TestEditRendersOnlyTheChangedBlock is the cache's promise: after one
// paragraph changes, exactly one block is drawn again.
func TestEditRendersOnlyTheChangedBlock(t *testing.T) {
	r := New(themes.Default(true))
	card := paragraphCard("first *one*", "second", "third `code`")
	r.Render(card, 60)
	before := r.Stats()
	if before.Misses != 4 { // head + three paragraphs
		t.Fatalf("first render drew %d blocks, want 4", before.Misses)
	}

	r.Render(card, 60)
	if again := r.Stats(); again.Misses != before.Misses {
		t.Errorf("an unchanged card drew %d blocks again, want 0", again.Misses-before.Misses)
	}

	card.Body[1] = compose.Message{Text: "second, edited", IsMarkdownSupport: true}
	out := r.Render(card, 60)
	if edited := r.Stats(); edited.Misses != before.Misses+1 {
		t.Errorf("a one-paragraph edit drew %d blocks, want 1", edited.Misses-before.Misses)
	}
	if !strings.Contains(ansi.Strip(out), "second, edited") {
		t.Errorf("the edit is not in the output:\n%s", out)
	}

	r.Render(card, 40)
	if resized := r.Stats(); resized.Misses != before.Misses+1+4 {
		t.Errorf("a new width drew %d blocks, want all 4", resized.Misses-before.Misses-1)
	}
}

// TestCachedOutputEqualsFreshOutput guards against a cache key that misses
// something the drawing depends on.
func TestCachedOutputEqualsFreshOutput(t *testing.T) {
	warm := New(themes.Default(true))
	for name, card := range loadCards(t) {
		for _, w := range []int{30, 80} {
			first := warm.Render(card, w)
			second := warm.Render(card, w)
			fresh := New(themes.Default(true)).Render(card, w)
			if first != second || second != fresh {
				t.Errorf("%s at %d: cached rendering differs from a fresh one", name, w)
			}
		}
	}
}

// TestCardContextIsPartOfTheKey: the same section drawn in cards with
// different default sidebar colours must not share a cache entry.
func TestCardContextIsPartOfTheKey(t *testing.T) {
	r := New(themes.Default(true))
	section := compose.Section{Sections: []compose.Element{compose.Message{Text: "inside"}}}
	plain := r.Render(compose.Content{Body: []compose.Element{section}}, 40)
	red := r.Render(compose.Content{
		Settings: &compose.Settings{DefaultSidebarColor: "#FF0000"},
		Body:     []compose.Element{section},
	}, 40)
	if strings.Contains(plain, "255;0;0") {
		t.Errorf("a card without settings drew a red sidebar:\n%q", plain)
	}
	if !strings.Contains(red, "\x1b[38;2;255;0;0m┃") {
		t.Errorf("default_sidebar_color #FF0000 should colour the section bar:\n%q", red)
	}
}

func TestConcurrentRenders(t *testing.T) {
	r := New(themes.Default(true))
	cards := loadCards(t)
	want := map[string]string{}
	serial := New(themes.Default(true))
	for name, card := range cards {
		for _, w := range []int{36, 72} {
			want[fmt.Sprint(name, w)] = serial.Render(card, w)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name, card := range cards {
				for _, w := range []int{36, 72} {
					if got := r.Render(card, w); got != want[fmt.Sprint(name, w)] {
						errs <- fmt.Sprintf("%s at %d differs under concurrency", name, w)
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestBlockCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newBlockCache(2)
	k := func(n int) blockKey { return blockKey{width: n} }
	c.put(k(1), "one")
	c.put(k(2), "two")
	if _, ok := c.get(k(1)); !ok { // 1 is now the most recent
		t.Fatal("entry 1 missing before any eviction")
	}
	c.put(k(3), "three")
	if _, ok := c.get(k(2)); ok {
		t.Error("entry 2 was least recently used and should be gone")
	}
	for _, n := range []int{1, 3} {
		if _, ok := c.get(k(n)); !ok {
			t.Errorf("entry %d should still be cached", n)
		}
	}
	if s := c.stats(); s.Entries != 2 {
		t.Errorf("cache holds %d entries, limit is 2", s.Entries)
	}
}

func TestEmptyCard(t *testing.T) {
	out := New(themes.NoColor()).Render(compose.Content{}, 30)
	if !strings.Contains(out, "(empty card)") {
		t.Errorf("an empty card should say so:\n%s", out)
	}
}

// A body element without "type" can marshal to the same JSON as the head
// ({"text":"Hi"}); the cache must still draw it as the unknown element it is.
func TestHeadAndTypelessElementDoNotShareACacheEntry(t *testing.T) {
	card, _ := compose.Parse("---\nhead: Hi\n---\n\n```json\n{\"text\":\"Hi\"}\n```\n")
	out := New(themes.NoColor()).Render(card, 60)
	if !strings.Contains(out, "unknown element: (no type)") {
		t.Errorf("the typeless element was drawn from the head's cache entry:\n%s", out)
	}
}
