package editor

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// cursorMark marks the cursor in test texts: "ab|c" is "abc" with the cursor
// before "c".
const cursorMark = "|"

// namedKeys maps key names used in tests to their codes.
var namedKeys = map[string]rune{
	"left": tea.KeyLeft, "right": tea.KeyRight, "up": tea.KeyUp, "down": tea.KeyDown,
	"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
	"enter": tea.KeyEnter, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
	"delete": tea.KeyDelete, "space": tea.KeySpace, "esc": tea.KeyEscape,
}

// press builds the key message a terminal sends for a keystroke such as
// "ctrl+w", "alt+left", "enter" or "x".
func press(t testing.TB, stroke string) tea.KeyPressMsg {
	t.Helper()
	parts := strings.Split(stroke, "+")
	name := parts[len(parts)-1]
	var k tea.Key
	for _, mod := range parts[:len(parts)-1] {
		switch mod {
		case "ctrl":
			k.Mod |= tea.ModCtrl
		case "alt":
			k.Mod |= tea.ModAlt
		case "shift":
			k.Mod |= tea.ModShift
		default:
			t.Fatalf("unknown modifier %q in %q", mod, stroke)
		}
	}
	if code, ok := namedKeys[name]; ok {
		k.Code = code
	} else if r := []rune(name); len(r) == 1 {
		k.Code = r[0]
	} else {
		t.Fatalf("unknown key %q", stroke)
	}
	typing := k.Mod&^tea.ModShift == 0
	switch {
	case typing && !isNamed(name):
		k.Text = name
	case typing && name == "space":
		k.Text = " "
	}
	return tea.KeyPressMsg(k)
}

func isNamed(name string) bool {
	_, ok := namedKeys[name]
	return ok
}

// typeKeys sends each keystroke of strokes (space separated) to m.
func typeKeys(t testing.TB, m Model, strokes string) Model {
	t.Helper()
	for _, s := range strings.Fields(strokes) {
		m, _ = m.Update(press(t, s))
	}
	return m
}

// typeText sends each character of s as a typed key.
func typeString(m Model, s string) Model {
	for _, r := range s {
		m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// withCursor returns a focused editor of the given size holding text, whose
// cursorMark gives the cursor position.
func withCursor(t testing.TB, text string, width, height int) Model {
	t.Helper()
	before, after, ok := strings.Cut(text, cursorMark)
	if !ok {
		t.Fatalf("text %q has no cursor mark", text)
	}
	m := New()
	m.SetSize(width, height)
	m.SetValue(before + after)
	lines := strings.Split(before, "\n")
	m.SetCursor(len(lines)-1, len([]rune(lines[len(lines)-1])))
	m.Focus()
	return m
}

// marked returns the text with cursorMark at the cursor.
func marked(m Model) string {
	line, col := m.Cursor()
	lines := strings.Split(m.Value(), "\n")
	r := []rune(lines[line])
	lines[line] = string(r[:col]) + cursorMark + string(r[col:])
	return strings.Join(lines, "\n")
}
