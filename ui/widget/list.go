package widget

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/themes"
)

// NoMatch is what a filtered list says when the filter keeps no row.
const NoMatch = "Nothing matches this filter. esc clears it."

// List is the scrolling list of every list screen: it holds the rows, the
// selection and the first row on screen, moves the selection with the list
// keys (ListKeys), keeps the selection on screen, says "N of M", says why it
// has no rows, and draws only the rows on screen. The screen draws each row
// (Lines takes its render function) and owns everything else: what the rows
// are, loading them, filtering them, their columns.
//
// Every move and every frame costs the same whatever the length: a key moves
// two integers, and a frame draws Height rows. Append adds a page at the
// cost of the page.
type List[T any] struct {
	// Loading is said until the first SetItems or SetProblem; "" says Empty
	// (or nothing) from the start.
	Loading string
	// Empty is said when the list has no rows (a \n starts another line);
	// NoMatch instead while Filtered.
	Empty    string
	Filtered bool

	items    []T
	selected int
	offset   int // the first row on screen
	height   int // how many rows fit on screen
	loaded   bool
	problem  string
}

// NewList builds an empty list that shows height rows at a time.
func NewList[T any](height int) List[T] {
	return List[T]{height: max(height, 1)}
}

// Items are the list's rows. The slice is the list's own: change it through
// SetItems or Append.
func (l *List[T]) Items() []T { return l.items }

// Len is how many rows the list holds.
func (l *List[T]) Len() int { return len(l.items) }

// Selected is the index of the selected row (0 when the list is empty).
func (l *List[T]) Selected() int { return l.selected }

// Offset is the index of the first row on screen.
func (l *List[T]) Offset() int { return l.offset }

// Height is how many rows fit on screen.
func (l *List[T]) Height() int { return l.height }

// Current is the selected row; false when the list is empty.
func (l *List[T]) Current() (T, bool) {
	if l.selected < len(l.items) {
		return l.items[l.selected], true
	}
	var none T
	return none, false
}

// Loaded reports whether rows (or a problem) have arrived at least once.
func (l *List[T]) Loaded() bool { return l.loaded }

// Problem is the failed read the list says in place of its rows, if any.
func (l *List[T]) Problem() string { return l.problem }

// SetItems replaces the rows. The selection keeps its index, moved onto the
// last row if the list got shorter, and stays on screen.
func (l *List[T]) SetItems(items []T) {
	l.items, l.loaded = items, true
	l.Select(l.selected)
}

// Append adds rows at the end (the next page of a long list); the selection
// and what is on screen do not move.
func (l *List[T]) Append(items ...T) {
	l.items = append(l.items, items...)
}

// SetProblem sets (or with "" clears) a problem to say in place of the rows,
// such as a failed read.
func (l *List[T]) SetProblem(text string) {
	l.problem, l.loaded = text, true
}

// Select selects row i, kept within the list, and scrolls as little as it
// must to show it.
func (l *List[T]) Select(i int) {
	l.selected = max(min(i, len(l.items)-1), 0)
	l.scroll()
}

// Move shifts the selection by delta rows (up when negative).
func (l *List[T]) Move(delta int) { l.Select(l.selected + delta) }

// SetHeight sets how many rows fit on screen, keeping the selection on it.
func (l *List[T]) SetHeight(h int) {
	l.height = max(h, 1)
	l.scroll()
}

// NearEnd reports whether the selection is within rows of the last row:
// time to load the next page.
func (l *List[T]) NearEnd(rows int) bool { return l.selected >= len(l.items)-rows }

// HandleKey moves the selection when msg is one of keys (enabled ones only);
// it reports whether it was.
func (l *List[T]) HandleKey(msg tea.KeyPressMsg, keys ListKeys) bool {
	switch {
	case key.Matches(msg, keys.Up):
		l.Move(-1)
	case key.Matches(msg, keys.Down):
		l.Move(1)
	case key.Matches(msg, keys.PageUp):
		l.Move(-l.height)
	case key.Matches(msg, keys.PageDown):
		l.Move(l.height)
	case key.Matches(msg, keys.Top):
		l.Select(0)
	case key.Matches(msg, keys.Bottom):
		l.Select(len(l.items) - 1)
	default:
		return false
	}
	return true
}

// scroll moves the first row on screen only as far as the selection needs,
// and never so far that the screen shows less than it could.
func (l *List[T]) scroll() {
	if l.selected < l.offset {
		l.offset = l.selected
	}
	if l.selected >= l.offset+l.height {
		l.offset = l.selected - l.height + 1
	}
	l.offset = max(min(l.offset, len(l.items)-l.height), 0)
}

// Visible are the rows on screen.
func (l *List[T]) Visible() []T {
	return l.items[l.offset:min(l.offset+l.height, len(l.items))]
}

// Position says where the selection is, "3 of 53"; "" when the list is empty.
func (l *List[T]) Position() string {
	if len(l.items) == 0 {
		return ""
	}
	return fmt.Sprintf("%d of %d", l.selected+1, len(l.items))
}

// Lines draws the rows on screen with render, or, when there are none to
// draw, says why: the problem, Loading, NoMatch or Empty.
func (l *List[T]) Lines(s themes.Styles, render func(row T, selected bool) string) []string {
	var why string
	switch {
	case l.problem != "":
		return []string{s.Error.Render(l.problem)}
	case !l.loaded && l.Loading != "":
		why = l.Loading
	case len(l.items) > 0:
		lines := make([]string, 0, min(l.height, len(l.items)))
		for i, row := range l.Visible() {
			lines = append(lines, render(row, l.offset+i == l.selected))
		}
		return lines
	case l.Filtered:
		why = NoMatch
	case l.Empty == "":
		return nil
	default:
		why = l.Empty
	}
	lines := strings.Split(why, "\n")
	for i, line := range lines {
		lines[i] = s.Muted.Render(line)
	}
	return lines
}
