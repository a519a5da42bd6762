package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
)

// The help overlay lists every key of the active screen, then the global
// ones: those that act now in the help colours, the others in the muted
// style followed by why they do not act now, so a key can be found before
// it applies. Groups are packed side by side into rows that fit the width;
// a row taller than the screen scrolls, and a line under the keys says so.

// helpGap is the room between two groups of a row.
const helpGap = "    "

// helpHeadRows are the overlay's rows above the keys: its title and a blank.
const helpHeadRows = 2

// helpScrollKeys move the overlay's view while it is open.
var helpScrollKeys = struct{ up, down, pageUp, pageDown, top, bottom key.Binding }{
	up:       key.NewBinding(key.WithKeys("up", "k")),
	down:     key.NewBinding(key.WithKeys("down", "j")),
	pageUp:   key.NewBinding(key.WithKeys("pgup")),
	pageDown: key.NewBinding(key.WithKeys("pgdown", "space")),
	top:      key.NewBinding(key.WithKeys("home", "g")),
	bottom:   key.NewBinding(key.WithKeys("end", "G")),
}

// helpFooterBindings are what the footer names while the help is open: the
// help's own keys, not the screen's under it, which do not act then.
func helpFooterBindings() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc/?", "close help")),
		key.NewBinding(key.WithKeys("up"), key.WithHelp("↑/↓", "scroll")),
		key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup/pgdn", "page")),
		key.NewBinding(key.WithKeys("home"), key.WithHelp("g/G", "top/bottom")),
	}
}

// helpOverlay draws the overlay in height rows from the help's first shown
// line m.helpTop (kept in range here too, for a resize since it was set).
func (m *Model) helpOverlay(screen common.Screen, height int) string {
	s := m.common.Styles
	head := s.Title.Render(screen.Title()+" — keys") + s.Muted.Render("  · esc or ? closes this help")
	lines := m.helpLines(screen)
	room := max(height-helpHeadRows, 1)
	if len(lines) <= room {
		return head + "\n\n" + strings.Join(lines, "\n")
	}
	room = max(room-1, 1) // the last row says where the view is
	top := min(max(m.helpTop, 0), len(lines)-room)
	where := fmt.Sprintf("lines %d–%d of %d · ↑/↓ pgup/pgdn scroll", top+1, top+room, len(lines))
	return head + "\n\n" + strings.Join(lines[top:top+room], "\n") + "\n" + s.Muted.Render(where)
}

// scrollHelp moves the overlay's view for a key; other keys do nothing.
func (m *Model) scrollHelp(msg tea.KeyPressMsg) {
	room := max(m.common.Height-chromeRows-helpHeadRows-1, 1)
	last := max(len(m.helpLines(m.screens[m.active]))-room, 0)
	k := helpScrollKeys
	switch {
	case key.Matches(msg, k.up):
		m.helpTop--
	case key.Matches(msg, k.down):
		m.helpTop++
	case key.Matches(msg, k.pageUp):
		m.helpTop -= room
	case key.Matches(msg, k.pageDown):
		m.helpTop += room
	case key.Matches(msg, k.top):
		m.helpTop = 0
	case key.Matches(msg, k.bottom):
		m.helpTop = last
	}
	m.helpTop = min(max(m.helpTop, 0), last)
}

// helpLines is the overlay's keys, groups packed into rows that fit the
// width, rows apart by a blank line.
func (m *Model) helpLines(screen common.Screen) []string {
	width := max(m.common.Width, 1)
	screens, others := m.keys.groups(screen.Typing())
	groups := append(screen.HelpKeys(), common.Keys(screens...), common.Keys(others...))
	// Reasons wrap at half the width, so two groups with reasons still fit
	// side by side; a narrow screen gives each group the whole width.
	colMax := width
	if width >= 64 {
		colMax = (width - len(helpGap)) / 2
	}
	var rows, row []string
	rowWidth := 0
	flush := func() {
		if len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
		}
		row, rowWidth = nil, 0
	}
	for _, g := range groups {
		col := helpColumn(m.common.Styles, g, colMax)
		if col == "" {
			continue
		}
		w := lipgloss.Width(col)
		if len(row) > 0 && rowWidth+len(helpGap)+w > width {
			flush()
		}
		if len(row) > 0 {
			col = lipgloss.JoinHorizontal(lipgloss.Top, helpGap, col)
			w += len(helpGap)
		}
		row = append(row, col)
		rowWidth += w
	}
	flush()
	return strings.Split(strings.Join(rows, "\n\n"), "\n")
}

// helpColumn draws one group: a key column, then what the key does; a key
// that does not act now is muted and followed by why. Text longer than
// width wraps under the description, so nothing is cut.
func helpColumn(s themes.Styles, group []common.KeyHelp, width int) string {
	var shown []common.KeyHelp
	keyWidth := 0
	for _, k := range group {
		if k.Help().Key == "" { // a key whose partner's help speaks for it (↓ beside ↑)
			continue
		}
		shown = append(shown, k)
		keyWidth = max(keyWidth, ansi.StringWidth(k.Help().Key))
	}
	var lines []string
	for _, k := range shown {
		keyStyle, descStyle := s.HelpKey, s.HelpDesc
		text := k.Help().Desc
		if !k.Enabled() {
			keyStyle, descStyle = s.Muted, s.Muted
			if k.Why != "" {
				text += " · " + k.Why
			}
		}
		pad := strings.Repeat(" ", keyWidth-ansi.StringWidth(k.Help().Key))
		wrapped := strings.Split(ansi.Wrap(text, max(width-keyWidth-1, 10), ""), "\n")
		for i, part := range wrapped {
			lead := keyStyle.Render(k.Help().Key) + pad + " "
			if i > 0 {
				lead = strings.Repeat(" ", keyWidth+1)
			}
			lines = append(lines, lead+descStyle.Render(part))
		}
	}
	return strings.Join(lines, "\n")
}
