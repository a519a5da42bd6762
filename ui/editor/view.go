package editor

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// minGutterDigits keeps the gutter width, and so the wrap width, steady
// until the text reaches 1000 lines.
const minGutterDigits = 3

// Styles colours the parts of the editor. Build them from the theme; a
// style that renders text unchanged costs nothing per frame.
type Styles struct {
	Text             lipgloss.Style
	Placeholder      lipgloss.Style
	LineNumber       lipgloss.Style
	CursorLineNumber lipgloss.Style // the number of the cursor's line
}

// DefaultStyles returns plain text with a dim gutter and placeholder, for a
// dark or light background.
func DefaultStyles(dark bool) Styles {
	dim, bright := lipgloss.Color("245"), lipgloss.Color("252")
	if !dark {
		dim, bright = lipgloss.Color("244"), lipgloss.Color("235")
	}
	return Styles{
		Text:             lipgloss.NewStyle(),
		Placeholder:      lipgloss.NewStyle().Foreground(dim),
		LineNumber:       lipgloss.NewStyle().Foreground(dim),
		CursorLineNumber: lipgloss.NewStyle().Foreground(bright),
	}
}

// gutterWidth is the width of the line-number gutter: the digits and a space.
func (m *Model) gutterWidth() int {
	if !m.ShowLineNumbers {
		return 0
	}
	return max(len(strconv.Itoa(len(m.buf.lines))), minGutterDigits) + 1
}

// View draws the visible rows: exactly Height lines, each exactly Width cells
// (padded with spaces), joined by '\n', with no cursor drawn. Place the
// terminal cursor with CursorPosition. Its cost depends on the size of the
// view, not on the length of the text.
func (m Model) View() string {
	if m.Placeholder != "" && len(m.buf.lines) == 1 && m.buf.lineLen(0) == 0 {
		return m.placeholderView()
	}
	// Fields such as ShowLineNumbers may have changed the wrap width since
	// the last Update; scrolling again is cheap and idempotent.
	m.scrollToCursor()
	tw := m.textWidth()
	pt := m.painter()
	var sb strings.Builder
	sb.Grow(m.height * (m.Width() + 16))
	p, ok := m.top, true
	for i := range m.height {
		if i > 0 {
			sb.WriteByte('\n')
		}
		if !ok {
			pt.gutter(&sb, 0, false)
			sb.WriteString(spaces(tw))
			continue
		}
		r := m.rowsOf(p.line).rows[p.row]
		if p.row == 0 {
			pt.gutter(&sb, p.line+1, p.line == m.cur.Line)
		} else {
			pt.gutter(&sb, 0, false)
		}
		sb.WriteString(pt.text(r.text))
		sb.WriteString(spaces(tw - r.width))
		p, ok = m.nextRow(p)
	}
	return sb.String()
}

// painter holds the styles of one frame, resolved once per View.
type painter struct {
	gutterWidth                          int
	text, placeholder, number, curNumber func(string) string
}

func (m *Model) painter() painter {
	return painter{
		gutterWidth: m.gutterWidth(),
		text:        styler(m.Styles.Text),
		placeholder: styler(m.Styles.Placeholder),
		number:      styler(m.Styles.LineNumber),
		curNumber:   styler(m.Styles.CursorLineNumber),
	}
}

// gutter writes line number n (blank when n is 0) right-aligned.
func (p painter) gutter(sb *strings.Builder, n int, cursorLine bool) {
	if p.gutterWidth == 0 {
		return
	}
	label := ""
	if n > 0 {
		label = strconv.Itoa(n)
	}
	cell := spaces(p.gutterWidth-1-len(label)) + label + " "
	if cursorLine {
		sb.WriteString(p.curNumber(cell))
		return
	}
	sb.WriteString(p.number(cell))
}

// placeholderView draws the placeholder, word-wrapped, in place of the
// empty text.
func (m Model) placeholderView() string {
	tw := m.textWidth()
	pt := m.painter()
	wrapped := ansi.Hardwrap(ansi.Wordwrap(m.Placeholder, tw-1, ""), tw-1, true)
	lines := strings.Split(wrapped, "\n")
	var sb strings.Builder
	for i := range m.height {
		if i > 0 {
			sb.WriteByte('\n')
		}
		n := 0
		if i == 0 {
			n = 1
		}
		pt.gutter(&sb, n, i == 0)
		s := ""
		if i < len(lines) {
			s = lines[i]
		}
		sb.WriteString(pt.placeholder(s))
		sb.WriteString(spaces(tw - ansi.StringWidth(s)))
	}
	return sb.String()
}

// CursorPosition returns the cell of the cursor relative to the top-left of
// View, for tea.View.Cursor (add the editor's offset on screen). The cursor
// is always inside the view: 0 <= x < Width, 0 <= y < Height.
func (m Model) CursorPosition() (x, y int) {
	m.scrollToCursor() // as View does
	c, cx := m.cursorRow()
	for p := m.top; p != c && y < m.height-1; y++ {
		p, _ = m.nextRow(p)
	}
	return m.gutterWidth() + cx, y
}

// TerminalCursor returns the real terminal cursor for tea.View.Cursor, at
// CursorPosition shifted by where the parent draws the editor (x0, y0), or
// nil while the editor is blurred.
func (m Model) TerminalCursor(x0, y0 int) *tea.Cursor {
	if !m.focused {
		return nil
	}
	x, y := m.CursorPosition()
	return tea.NewCursor(x0+x, y0+y)
}

// styler returns a function that draws text in st. When st only wraps text
// in escape codes (colours, bold…), its prefix and suffix are taken once and
// reused, which spares a lipgloss render per row; otherwise every call
// renders.
func styler(st lipgloss.Style) func(string) string {
	const probe = "\uE000"
	out := st.Render(probe)
	prefix, suffix, ok := strings.Cut(out, probe)
	if !ok || st.Render("ab") != prefix+"ab"+suffix {
		return func(s string) string { return st.Render(s) }
	}
	if prefix == "" && suffix == "" {
		return func(s string) string { return s }
	}
	return func(s string) string { return prefix + s + suffix }
}

// blank is a run of spaces sliced for padding without allocating.
var blank = strings.Repeat(" ", 512)

func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	if n <= len(blank) {
		return blank[:n]
	}
	return strings.Repeat(" ", n)
}
