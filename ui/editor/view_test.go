package editor

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// framed draws the stripped view in a box with the cursor cell marked by a
// caret row, so goldens show size, padding and the cursor.
func framed(m Model) string {
	x, y := m.CursorPosition()
	var sb strings.Builder
	rows := strings.Split(ansi.Strip(m.View()), "\n")
	sb.WriteString("+" + strings.Repeat("-", m.Width()) + "+\n")
	for i, r := range rows {
		sb.WriteString("|" + r + "|\n")
		if i == y {
			sb.WriteString(" " + strings.Repeat(" ", x) + "^\n")
		}
	}
	sb.WriteString("+" + strings.Repeat("-", m.Width()) + "+\n")
	return sb.String()
}

func numberedLines(n int) string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("line %d", i+1)
	}
	return strings.Join(lines, "\n")
}

func TestViewGolden(t *testing.T) {
	card := "---\nhead: Weekly update\n---\n\nThe deploy pipeline now runs the integration suite in parallel.\n\n- first item\n- second\n\n```fields\nOwner:\tPlatform\n```"
	tests := []struct {
		name          string
		text          string
		width, height int
		numbers       bool
		keys          string
		placeholder   string
	}{
		{"card_numbers_wrapped", card + "|", 34, 12, true, "", ""},
		{"card_cursor_in_wrapped_row", card + "|", 34, 12, true, "ctrl+home down down down down down right right", ""},
		{"wide_characters", "日本語のテキストと絵文字 👨‍👩‍👧 🇯🇵 café e\u0301|", 16, 6, false, "", ""},
		{"tabs_and_controls", "\tindented\n\x1b[31mnot a colour|", 24, 3, false, "", ""},
		{"scrolled_to_end", "|" + numberedLines(40), 20, 5, true, "ctrl+end", ""},
		{"scrolled_back_up", "|" + numberedLines(40), 20, 5, true, "ctrl+end pgup up up up up", ""},
		{"placeholder", "|", 30, 4, true, "", "Write your card here. Markdown works; fenced blocks add elements."},
		{"short_text_pads_rows", "one\ntwo|", 12, 4, false, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := withCursor(t, tc.text, tc.width, tc.height)
			m.ShowLineNumbers = tc.numbers
			m.SetSize(tc.width, tc.height)
			m.Placeholder = tc.placeholder
			m = typeKeys(t, m, tc.keys)
			checkInvariants(t, m)
			golden.RequireEqual(t, framed(m))
		})
	}
}

func TestStylesApplyToGutterAndText(t *testing.T) {
	m := withCursor(t, "ab|\ncd", 20, 3)
	m.ShowLineNumbers = true
	m.Styles = Styles{}
	if v := m.View(); strings.Contains(v, "\x1b[") {
		t.Errorf("plain styles produced escape codes: %q", v)
	}
	m.Styles.LineNumber = lipgloss.NewStyle().Bold(true)
	m.Styles.Text = lipgloss.NewStyle().Italic(true)
	v := m.View()
	if !strings.Contains(v, lipgloss.NewStyle().Bold(true).Render("  2 ")) {
		t.Errorf("line number 2 is not bold in %q", v)
	}
	if !strings.Contains(v, lipgloss.NewStyle().Italic(true).Render("ab")) {
		t.Errorf("text is not italic in %q", v)
	}
	m.Styles.Text = lipgloss.NewStyle().Padding(0, 1) // not a plain wrapper: rendered per row
	if v := m.View(); !strings.Contains(v, " ab ") {
		t.Errorf("padded text style not applied in %q", v)
	}
}

func TestScrollFollowsCursor(t *testing.T) {
	m := withCursor(t, "|"+numberedLines(30), 20, 5)
	m = typeKeys(t, m, strings.Repeat("down ", 10))
	if _, y := m.CursorPosition(); y != 4 {
		t.Errorf("after 10 downs the cursor is on screen row %d, want 4", y)
	}
	if first := strings.Split(m.View(), "\n")[0]; !strings.HasPrefix(first, "line 7") {
		t.Errorf("first row is %q, want line 7", first)
	}
	m = typeKeys(t, m, strings.Repeat("up ", 8))
	if _, y := m.CursorPosition(); y != 0 {
		t.Errorf("after scrolling back the cursor is on screen row %d, want 0", y)
	}
}

func TestResizeKeepsCursorVisible(t *testing.T) {
	long := strings.Repeat("word ", 200)
	m := withCursor(t, long+"\n"+numberedLines(50)+"|", 60, 10)
	for _, size := range [][2]int{{20, 3}, {8, 5}, {1, 1}, {120, 40}, {33, 7}} {
		m.SetSize(size[0], size[1])
		checkInvariants(t, m)
		m = typeKeys(t, m, "ctrl+home")
		checkInvariants(t, m)
		m = typeKeys(t, m, "ctrl+end")
	}
}

func TestDeletingNearTheEndRefillsTheScreen(t *testing.T) {
	m := withCursor(t, numberedLines(20)+"|", 20, 5)
	m = typeKeys(t, m, "ctrl+u backspace ctrl+u backspace ctrl+u backspace")
	rows := strings.Split(m.View(), "\n")
	if !strings.HasPrefix(rows[0], "line 13") || !strings.HasPrefix(rows[4], "line 17") {
		t.Errorf("after deleting the last 3 lines the view shows %q, want lines 13-17", rows)
	}
}

// TestEditsTouchOnlyTheirLine shows the cost model: typing replaces one
// line's caches, and a resize recomputes wrapping only for lines drawn.
func TestEditsTouchOnlyTheirLine(t *testing.T) {
	m := withCursor(t, "|"+numberedLines(200), 40, 10)
	m.SetCursor(100, 0)
	_ = m.View()
	far, farSeg := m.buf.lines[150], m.buf.lines[150].layout()
	m = typeString(m, "typed")
	if m.buf.lines[150] != far || far.seg != farSeg {
		t.Error("typing on line 101 rebuilt line 151 or its clusters")
	}
	m.SetSize(30, 10)
	_ = m.View()
	if near := m.buf.lines[100].wrap; near == nil || near.width != m.wrapWidth() {
		t.Error("the visible line was not rewrapped for the new width")
	}
	if far.wrap != nil && far.wrap.width == m.wrapWidth() {
		t.Error("an off-screen line was rewrapped on resize")
	}
}
