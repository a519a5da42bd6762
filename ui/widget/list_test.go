package widget

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/themes"
)

// numbers is a list of the rows 0 … n-1, height rows on screen.
func numbers(n, height int) List[int] {
	l := NewList[int](height)
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	l.SetItems(rows)
	return l
}

// keyPress is the key message a terminal sends for name ("j", "pgdown", "end").
func keyPress(name string) tea.KeyPressMsg {
	special := map[string]rune{"up": tea.KeyUp, "down": tea.KeyDown, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"home": tea.KeyHome, "end": tea.KeyEnd}
	if code, ok := special[name]; ok {
		return tea.KeyPressMsg{Code: code}
	}
	r := []rune(name)[0]
	return tea.KeyPressMsg{Code: r, Text: name}
}

// press feeds keys to the list with the standard list keys and returns
// where the selection is after each.
func press(l *List[int], keys ...string) []int {
	var at []int
	for _, k := range keys {
		l.HandleKey(keyPress(k), NewListKeys())
		at = append(at, l.Selected())
	}
	return at
}

// plain draws the rows on screen as their numbers, the selected one marked.
func plain(l *List[int]) []string {
	return l.Lines(themes.Styles{}, func(n int, selected bool) string {
		if selected {
			return fmt.Sprintf("> %d", n)
		}
		return fmt.Sprint(n)
	})
}

func TestListKeys(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want []int
	}{
		{"j and k, and the arrows", []string{"j", "j", "down", "k", "up"}, []int{1, 2, 3, 2, 1}},
		{"k clamps at the first row", []string{"k", "up"}, []int{0, 0}},
		{"G lands on the very last row", []string{"G"}, []int{52}},
		{"end too, and j clamps there", []string{"end", "j"}, []int{52, 52}},
		{"g and home go to the first row", []string{"G", "g", "end", "home"}, []int{52, 0, 52, 0}},
		{"page keys move a screen's height", []string{"pgdown", "pgdown", "pgup"}, []int{10, 20, 10}},
		{"page down clamps at the last row", []string{"G", "pgup", "pgdown", "pgdown"}, []int{52, 42, 52, 52}},
		{"page up clamps at the first row", []string{"j", "pgup"}, []int{1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := numbers(53, 10)
			if got := press(&l, tt.keys...); !slices.Equal(got, tt.want) {
				t.Errorf("selection after %v: %v, want %v", tt.keys, got, tt.want)
			}
			if l.Selected() < l.Offset() || l.Selected() >= l.Offset()+l.Height() {
				t.Errorf("selection %d is off screen (rows %d to %d)", l.Selected(), l.Offset(), l.Offset()+l.Height()-1)
			}
		})
	}
}

func TestListGShowsTheLastRowAndPosition(t *testing.T) {
	l := numbers(53, 10)
	press(&l, "G")
	lines := plain(&l)
	if len(lines) != 10 || lines[9] != "> 52" || lines[0] != "43" {
		t.Fatalf("after G the screen shows %v, want 43 … 52 with 52 selected", lines)
	}
	if got := l.Position(); got != "53 of 53" {
		t.Fatalf("position %q, want 53 of 53", got)
	}
}

func TestListScrollsOnlyAsFarAsItMust(t *testing.T) {
	l := numbers(53, 10)
	press(&l, "pgdown", "j") // 11: the screen follows by one row
	if l.Offset() != 2 {
		t.Fatalf("offset %d after selecting row 11 on a 10-row screen, want 2", l.Offset())
	}
	press(&l, "k", "k", "k") // 8: still on screen, nothing scrolls
	if l.Offset() != 2 {
		t.Fatalf("offset %d after moving up within the screen, want 2", l.Offset())
	}
}

func TestListResizeKeepsTheSelectionOnScreen(t *testing.T) {
	l := numbers(100, 20)
	press(&l, "pgdown", "pgdown", "j") // 41, on rows 22 … 41
	l.SetHeight(5)
	if l.Selected() != 41 || l.Selected() < l.Offset() || l.Selected() >= l.Offset()+5 {
		t.Fatalf("after shrinking to 5 rows: selected %d, offset %d", l.Selected(), l.Offset())
	}
	if lines := plain(&l); len(lines) != 5 || !slices.Contains(lines, "> 41") {
		t.Fatalf("after shrinking the screen shows %v", lines)
	}
	l.SetHeight(60) // the first row stays where it was: 37 … 96
	if lines := plain(&l); len(lines) != 60 || lines[0] != "37" || !slices.Contains(lines, "> 41") {
		t.Fatalf("after growing to 60 rows the screen shows %d rows from %q", len(lines), lines[0])
	}
	press(&l, "G")
	l.SetHeight(80) // taller than what is left below: the screen fills from above
	if lines := plain(&l); len(lines) != 80 || lines[0] != "20" || lines[79] != "> 99" {
		t.Fatalf("after growing at the end the screen shows %d rows from %q to %q, want 20 … 99", len(lines), lines[0], lines[len(lines)-1])
	}
}

func TestListShorterItemsClampTheSelection(t *testing.T) {
	l := numbers(53, 10)
	press(&l, "G")
	l.SetItems([]int{0, 1, 2})
	if l.Selected() != 2 || l.Offset() != 0 {
		t.Fatalf("after the list shrank to 3 rows: selected %d, offset %d, want 2 and 0", l.Selected(), l.Offset())
	}
	if got := plain(&l); !slices.Equal(got, []string{"0", "1", "> 2"}) {
		t.Fatalf("the screen shows %v", got)
	}
}

func TestListAppendKeepsSelectionAndNearEnd(t *testing.T) {
	l := numbers(50, 10)
	press(&l, "pgdown", "pgdown", "pgdown", "pgdown") // 40
	if !l.NearEnd(10) {
		t.Fatal("row 40 of 50 is within 10 of the end")
	}
	l.Append(50, 51, 52)
	if l.Selected() != 40 || l.Len() != 53 || l.NearEnd(10) {
		t.Fatalf("after a page: selected %d of %d, near end %v", l.Selected(), l.Len(), l.NearEnd(10))
	}
}

func TestListEmpty(t *testing.T) {
	l := NewList[int](10)
	l.Loading = "Reading…"
	l.Empty = "Nothing yet.\nDo this first."
	if got := plain(&l); !slices.Equal(got, []string{"Reading…"}) {
		t.Fatalf("before the first rows: %v", got)
	}
	l.SetItems(nil)
	if got := plain(&l); !slices.Equal(got, []string{"Nothing yet.", "Do this first."}) {
		t.Fatalf("no rows: %v", got)
	}
	l.Filtered = true
	if got := plain(&l); !slices.Equal(got, []string{NoMatch}) {
		t.Fatalf("no rows, filtered: %v", got)
	}
	for _, k := range []string{"j", "k", "G", "g", "pgdown", "pgup"} {
		if !l.HandleKey(keyPress(k), NewListKeys()) || l.Selected() != 0 {
			t.Fatalf("%s on an empty list: selected %d", k, l.Selected())
		}
	}
	if _, ok := l.Current(); ok || l.Position() != "" {
		t.Fatalf("an empty list has a current row or a position %q", l.Position())
	}
	l.SetProblem("The history could not be read.")
	l.SetItems([]int{1})
	if got := plain(&l); !slices.Equal(got, []string{"The history could not be read."}) {
		t.Fatalf("a problem is said in place of the rows: %v", got)
	}
}

func TestListKeysTypingAndDisabled(t *testing.T) {
	k := NewListKeys()
	k.SetTyping(true)
	l := numbers(30, 10)
	for _, name := range []string{"j", "k", "g", "G", "home", "end"} {
		if l.HandleKey(keyPress(name), k) {
			t.Errorf("%s moved the list while a filter box has the keys", name)
		}
	}
	if !l.HandleKey(keyPress("down"), k) || !l.HandleKey(keyPress("pgdown"), k) || l.Selected() != 11 {
		t.Errorf("the arrows and page keys still move while typing: selected %d", l.Selected())
	}
	if k.Up.Help().Key != "↑" || k.Up.Help().Desc != "up" {
		t.Errorf("help while typing: %+v", k.Up.Help())
	}
	k.SetTyping(false)
	if !l.HandleKey(keyPress("G"), k) || l.Selected() != 29 || k.Up.Help().Key != "↑/k" {
		t.Errorf("after typing G goes to the last row again: selected %d, help %+v", l.Selected(), k.Up.Help())
	}
	k.SetEnabled(false)
	if l.HandleKey(keyPress("up"), k) {
		t.Error("disabled keys moved the list")
	}
}

func TestListDrawsOnlyTheRowsOnScreen(t *testing.T) {
	l := numbers(100_000, 20)
	drawn := 0
	press(&l, "G")
	lines := l.Lines(themes.Styles{}, func(n int, selected bool) string {
		drawn++
		return fmt.Sprint(n)
	})
	if drawn != 20 || strings.Join(lines[:1], "") != "99980" {
		t.Fatalf("drew %d rows starting %v for a 20-row screen", drawn, lines[:1])
	}
}

// BenchmarkListKey times one key and one frame of a list on a 40-row
// screen: the 100-row list is the baseline, the 100k-row list (the history
// at its largest) must cost the same.
func BenchmarkListKey(b *testing.B) {
	for _, n := range []int{100, 100_000} {
		b.Run(fmt.Sprintf("rows-%d", n), func(b *testing.B) {
			l := numbers(n, 40)
			keys, down, up := NewListKeys(), keyPress("j"), keyPress("k")
			render := func(n int, selected bool) string { return "row" }
			i := 0
			for b.Loop() {
				msg := down
				if (i/n)%2 == 1 {
					msg = up
				}
				l.HandleKey(msg, keys)
				_ = l.Lines(themes.Styles{}, render)
				i++
			}
		})
	}
}
