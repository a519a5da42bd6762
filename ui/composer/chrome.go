package composer

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/themes"
)

// chrome is the pane borders, built once per theme. The drawn edges are
// kept by width, title and focus, so a frame costs no style rendering unless
// a title changed.
type chrome struct {
	title  lipgloss.Style
	border [2]lipgloss.Style // blurred, focused
	bar    [2]string         // "│" drawn in each border style
	edges  map[edgeKey]string
}

type edgeKey struct {
	width   int
	title   string
	focused bool
	top     bool
}

// maxCachedEdges bounds the edge cache; titles change with the character
// count, so old entries are dropped wholesale.
const maxCachedEdges = 64

func newChrome(s themes.Styles) *chrome {
	c := &chrome{
		title: s.Title,
		border: [2]lipgloss.Style{
			lipgloss.NewStyle().Foreground(s.Blurred.GetBorderTopForeground()),
			lipgloss.NewStyle().Foreground(s.Focused.GetBorderTopForeground()),
		},
		edges: map[edgeKey]string{},
	}
	for i, b := range c.border {
		c.bar[i] = b.Render("│")
	}
	return c
}

// edge returns the top edge "╭─ title ───╮" or the bottom edge "╰───╯",
// exactly width cells wide.
func (c *chrome) edge(k edgeKey) string {
	if e, ok := c.edges[k]; ok {
		return e
	}
	if len(c.edges) >= maxCachedEdges {
		clear(c.edges)
	}
	e := c.drawEdge(k)
	c.edges[k] = e
	return e
}

func (c *chrome) drawEdge(k edgeKey) string {
	border := c.border[boolIndex(k.focused)]
	w := k.width
	room := w - 6 // "╭─ " + " ─╮" with at least one "─" after the title
	if !k.top {
		return border.Render("╰" + strings.Repeat("─", max(w-2, 0)) + "╯")
	}
	if room < 1 {
		return border.Render("╭" + strings.Repeat("─", max(w-2, 0)) + "╮")
	}
	title := ansi.Truncate(k.title, room, "…")
	fill := w - 5 - ansi.StringWidth(title)
	return border.Render("╭─ ") + c.title.Render(title) + border.Render(" "+strings.Repeat("─", fill)+"╮")
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}
