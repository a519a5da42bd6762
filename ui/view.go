package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
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
	case m.log.open:
		body = m.log.view()
	case m.notice:
		body = m.noticeView()
	case m.asking():
		body = m.lateView()
	case m.picking():
		body = m.pickerView()
	case m.showHelp:
		body = m.helpOverlay(screen, m.common.Height-chromeRows)
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
	if cs, ok := screen.(common.CursorScreen); ok && !m.showHelp && !m.log.open && !m.notice && !m.asking() && !m.picking() {
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
	if m.damaged != nil {
		left += sep + s.Error.Render("history damaged")
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
		room := m.common.Width - ansi.StringWidth(left) - ansi.StringWidth(sep)
		status = sep + m.fitStatus(termtext.Line(m.status.Text), room)
	}
	room := m.common.Width - ansi.StringWidth(left) - ansi.StringWidth(status)
	if bot := "bot " + termtext.Line(p.RobotJID); p.RobotJID != "" && room >= ansi.StringWidth(bot)+3 {
		left += sep + s.Muted.Render(bot)
	}
	return truncate(left+status, m.common.Width)
}

// fitStatus draws the status in room cells. A status too long for them is
// never cut silently: what fits is followed by where to read the rest, the
// message log (ctrl+g).
func (m *Model) fitStatus(text string, room int) string {
	s := m.common.Styles
	style := statusStyle(s, m.status.Kind)
	if ansi.StringWidth(text) <= room {
		return style.Render(text)
	}
	hint := " (" + m.keys.Log.Help().Key + ": full message)"
	if room-ansi.StringWidth(hint) < 30 {
		hint = " " + m.keys.Log.Help().Key
	}
	cut := ansi.Truncate(text, max(room-ansi.StringWidth(hint)-1, 0), "") + "…"
	return style.Render(cut) + s.Muted.Render(hint)
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
	if m.showHelp {
		bindings = helpFooterBindings()
	}
	if m.log.open {
		bindings = m.log.bindings()
	}
	return truncate(m.help.ShortHelpView(bindings), m.common.Width)
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
