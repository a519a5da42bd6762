package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// View draws the title bar, the active screen (or the help overlay), the
// status bar and the help footer, and places the terminal cursor where the
// active screen wants it.
func (m *Model) View() tea.View {
	screen := m.screens[m.active]
	var body string
	switch {
	case m.notice:
		body = m.noticeView()
	case m.asking():
		body = m.lateView()
	case m.picking():
		body = m.pickerView()
	case m.showHelp:
		body = m.helpOverlay(screen)
	default:
		body = screen.View()
	}
	bodyHeight := max(m.common.Height-chromeRows, 0)
	content := lipgloss.JoinVertical(lipgloss.Left,
		m.titleBar(screen),
		fitHeight(body, m.common.Width, bodyHeight),
		m.statusBar(),
		m.footer(screen),
	)
	v := tea.NewView(content)
	v.AltScreen = true
	v.WindowTitle = "zoompose — " + screen.Title()
	if cs, ok := screen.(common.CursorScreen); ok && !m.showHelp && !m.notice && !m.asking() && !m.picking() {
		if c := cs.Cursor(); c != nil {
			c.Y++ // below the title bar
			v.Cursor = c
		}
	}
	return v
}

func (m *Model) titleBar(screen common.Screen) string {
	s := m.common.Styles
	title := s.Title.Render("zoompose") + s.Muted.Render(" › ") + s.Text.Render(screen.Title())
	return truncate(title, m.common.Width)
}

// statusBar shows the profile badge, the outbox count and the last status
// message; the bot JID fills the room the status leaves, since a status (a
// message id, an error sentence) matters more than the bot it came from.
func (m *Model) statusBar() string {
	s := m.common.Styles
	p := m.common.Deps.Profile
	badge, kind := s.BadgeDev, p.Kind
	if kind == "" {
		kind = "dev"
	}
	if kind == "prod" {
		badge = s.BadgeProd
	}
	name := p.Name
	if p.Sandbox {
		name = "sandbox"
	}
	sep := s.Muted.Render(" · ")
	left := badge.Render(strings.ToUpper(termtext.Line(kind))) + sep + s.Text.Render(termtext.Line(name))
	if m.outbox > 0 {
		left += sep + s.Warn.Render(fmt.Sprintf("outbox %d", m.outbox))
	}
	if m.eventConn != "" {
		style := s.Warn
		if m.eventConn == string(zoom.PhaseConnected) {
			style = s.Muted
		}
		left += sep + style.Render("events "+m.eventConn)
	}
	status := ""
	if m.status.Text != "" {
		// Status texts quote Zoom's answers and ids: shown, never interpreted.
		status = sep + statusStyle(s, m.status.Kind).Render(termtext.Line(m.status.Text))
	}
	room := m.common.Width - ansi.StringWidth(left) - ansi.StringWidth(status)
	if bot := "bot " + termtext.Line(p.RobotJID); p.RobotJID != "" && room >= ansi.StringWidth(bot)+3 {
		left += sep + s.Muted.Render(bot)
	}
	return truncate(left+status, m.common.Width)
}

func statusStyle(s themes.Styles, kind common.StatusKind) lipgloss.Style {
	switch kind {
	case common.StatusOK:
		return s.OK
	case common.StatusWarn:
		return s.Warn
	case common.StatusError:
		return s.Error
	}
	return s.Text
}

// footer shows the active screen's main keys and the help key.
func (m *Model) footer(screen common.Screen) string {
	bindings := append(screen.ShortHelp(), m.keys.Help)
	if m.asking() {
		bindings = lateBindings()
	}
	if m.picking() {
		bindings = pickerBindings()
	}
	return truncate(m.help.ShortHelpView(bindings), m.common.Width)
}

// helpOverlay lists every key of the active screen, then the global ones.
// help.FullHelpView puts all groups side by side and cuts what does not fit,
// so the groups are packed into rows that each fit the width.
func (m *Model) helpOverlay(screen common.Screen) string {
	s := m.common.Styles
	full := m.help
	full.ShowAll = true
	full.SetWidth(0) // measure unclipped; rows are fitted below
	screens, others := m.keys.groups(screen.Typing())
	groups := append(screen.FullHelp(), screens, others)
	var rows []string
	var row [][]key.Binding
	for _, g := range groups {
		if len(row) > 0 && lipgloss.Width(full.FullHelpView(append(row, g))) > m.common.Width {
			rows = append(rows, full.FullHelpView(row))
			row = nil
		}
		row = append(row, g)
	}
	rows = append(rows, full.FullHelpView(row))
	// The way out goes beside the title: the rows may run past the bottom.
	return s.Title.Render(screen.Title()+" — keys") + s.Muted.Render("  · esc or ? closes this help") +
		"\n\n" + strings.Join(rows, "\n\n")
}

func helpStyles(s themes.Styles) help.Styles {
	return help.Styles{
		ShortKey: s.HelpKey, ShortDesc: s.HelpDesc, ShortSeparator: s.HelpSeparator,
		FullKey: s.HelpKey, FullDesc: s.HelpDesc, FullSeparator: s.HelpSeparator,
		Ellipsis: s.HelpSeparator,
	}
}

// fitHeight pads or cuts text to exactly height lines, each cut to width.
func fitHeight(text string, width, height int) string {
	lines := strings.Split(text, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		lines[i] = truncate(l, width)
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

func truncate(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, "…")
}
