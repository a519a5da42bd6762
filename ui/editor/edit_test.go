package editor

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestEdits(t *testing.T) {
	runKeyCases(t, []keyCase{
		{"type", "a|b", "x", "ax|b"},
		{"type CJK", "a|b", "日", "a日|b"},
		{"type space", "a|b", "space", "a |b"},
		{"shift keeps text", "a|b", "shift+X", "aX|b"},
		{"enter splits", "ab|cd", "enter", "ab\n|cd"},
		{"shift+enter splits", "ab|cd", "shift+enter", "ab\n|cd"},
		{"alt+enter splits", "ab|cd", "alt+enter", "ab\n|cd"},
		{"ctrl+j splits", "ab|cd", "ctrl+j", "ab\n|cd"},
		{"backspace", "ab|c", "backspace", "a|c"},
		{"backspace joins lines", "ab\n|cd", "backspace", "ab|cd"},
		{"backspace at start does nothing", "|ab", "backspace", "|ab"},
		{"backspace removes a whole emoji", "x👨‍👩‍👧|", "backspace", "x|"},
		{"backspace removes base and combining mark", "ae\u0301|", "backspace", "a|"},
		{"backspace removes a flag", "a🇯🇵|", "backspace", "a|"},
		{"delete", "a|bc", "delete", "a|c"},
		{"delete joins lines", "ab|\ncd", "delete", "ab|cd"},
		{"delete at end does nothing", "ab|", "delete", "ab|"},
		{"delete a wide char", "|日本", "delete", "|本"},
		{"ctrl+w deletes word back", "hello world|", "ctrl+w", "hello |"},
		{"ctrl+w takes trailing spaces", "hello world  |", "ctrl+w", "hello |"},
		{"ctrl+w stops at punctuation", "foo.bar|", "ctrl+w", "foo.|"},
		{"ctrl+w takes a bold word whole", "a **out**|", "ctrl+w", "a |"},
		{"ctrl+w takes emphasis and strike whole", "x _em_ ~~s~~  |", "ctrl+w", "x _em_ |"},
		{"ctrl+w takes a code span whole", "run `make`|", "ctrl+w", "run |"},
		{"ctrl+w leaves unmatched markup", "a *out**|", "ctrl+w", "a *|"},
		{"ctrl+w inside bold takes the word", "**out|**", "ctrl+w", "**|**"},
		{"ctrl+w at line start joins", "ab\n|cd", "ctrl+w", "ab|cd"},
		{"ctrl+w stays on its line", "ab\n  |cd", "ctrl+w", "ab\n|cd"},
		{"alt+backspace", "hello world|", "alt+backspace", "hello |"},
		{"alt+d deletes word forward", "|hello world", "alt+d", "| world"},
		{"alt+d takes leading spaces", "hello| world", "alt+d", "hello|"},
		{"alt+d at line end joins", "ab|\ncd", "alt+d", "ab|cd"},
		{"ctrl+k kills to line end", "ab|cd\nef", "ctrl+k", "ab|\nef"},
		{"ctrl+k at line end joins", "ab|\nef", "ctrl+k", "ab|ef"},
		{"ctrl+u kills to line start", "ab|cd", "ctrl+u", "|cd"},
		{"ctrl+u at line start joins", "ab\n|cd", "ctrl+u", "ab|cd"},
		{"tab is not bound by default", "a|b", "tab", "a|b"},
		{"ctrl+h is never bound", "ab|", "ctrl+h", "ab|"},
		{"ctrl+i is never bound", "ab|", "ctrl+i", "ab|"},
		{"ctrl+m is never bound", "ab|", "ctrl+m", "ab|"},
		{"unbound ctrl key types nothing", "ab|", "ctrl+x", "ab|"},
		{"unbound alt key types nothing", "ab|", "alt+x", "ab|"},
	}, 40, 5)
}

func TestInsertTabWhenEnabled(t *testing.T) {
	m := withCursor(t, "a|b", 40, 5)
	m.KeyMap.InsertTab.SetEnabled(true)
	m = typeKeys(t, m, "tab")
	if got := marked(m); got != "a\t|b" {
		t.Errorf("tab with InsertTab enabled gave %q, want %q", got, "a\t|b")
	}
}

func TestPaste(t *testing.T) {
	tests := []struct {
		name, text, paste, want string
	}{
		{"keeps tabs", "x|y", "a\tb", "xa\tb|y"},
		{"normalises CRLF", "x|y", "a\r\nb\r\n", "xa\nb\n|y"},
		{"normalises lone CR", "x|y", "a\rb", "xa\nb|y"},
		{"multi-line into the middle", "ab|cd", "1\n2\n3", "ab1\n2\n3|cd"},
		{"empty does nothing", "ab|", "", "ab|"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := withCursor(t, tc.text, 40, 5).Update(tea.PasteMsg{Content: tc.paste})
			if got := marked(m); got != tc.want {
				t.Errorf("paste %q into %q gave %q, want %q", tc.paste, tc.text, got, tc.want)
			}
			checkInvariants(t, m)
		})
	}
}

func TestPasteLargeTextIsOneUndoStep(t *testing.T) {
	m := withCursor(t, "start |end", 80, 24)
	big := ""
	for range 2000 {
		big += "\tcode line with a tab\r\n"
	}
	m, _ = m.Update(tea.PasteMsg{Content: big})
	if m.LineCount() != 2001 {
		t.Fatalf("after pasting 2000 lines LineCount is %d, want 2001", m.LineCount())
	}
	if got := m.Line(1); got != "\tcode line with a tab" {
		t.Fatalf("pasted line is %q, want the tab kept", got)
	}
	checkInvariants(t, m)
	m = typeKeys(t, m, "ctrl+z")
	if got := marked(m); got != "start |end" {
		t.Errorf("one undo after a large paste gave %q, want %q", got, "start |end")
	}
}

func TestBlurredIgnoresInput(t *testing.T) {
	m := withCursor(t, "ab|", 40, 5)
	m.Blur()
	m = typeKeys(t, m, "x backspace left")
	m, _ = m.Update(tea.PasteMsg{Content: "pasted"})
	if got := marked(m); got != "ab|" || m.Focused() {
		t.Errorf("blurred editor changed to %q (focused %v)", got, m.Focused())
	}
}

func TestInsertStringAndSetValue(t *testing.T) {
	m := withCursor(t, "a|b", 40, 5)
	v := m.Version()
	m.InsertString("```fields\r\nk: v\n```")
	if got, want := marked(m), "a```fields\nk: v\n```|b"; got != want {
		t.Errorf("InsertString gave %q, want %q", got, want)
	}
	if m.Version() == v {
		t.Error("InsertString did not bump Version")
	}
	m.SetValue("new\ntext")
	if got := marked(m); got != "new\ntext|" {
		t.Errorf("SetValue gave %q, want the cursor at the end", got)
	}
	if m.KeyMap.Undo.Enabled() {
		t.Error("SetValue kept undo history")
	}
	m.SetCursor(99, 99)
	if l, c := m.Cursor(); l != 1 || c != 4 {
		t.Errorf("SetCursor(99, 99) gave (%d, %d), want (1, 4)", l, c)
	}
	m.SetCursor(0, -5)
	if l, c := m.Cursor(); l != 0 || c != 0 {
		t.Errorf("SetCursor(0, -5) gave (%d, %d), want (0, 0)", l, c)
	}
}

func TestSetCursorSnapsOutOfClusters(t *testing.T) {
	m := withCursor(t, "|ae\u0301b", 40, 5)
	m.SetCursor(0, 2) // between "e" and its combining accent
	if _, c := m.Cursor(); c != 3 {
		t.Errorf("SetCursor inside a cluster gave col %d, want 3 (after the cluster)", c)
	}
}

func TestValueAndVersion(t *testing.T) {
	m := withCursor(t, "ab|", 40, 5)
	v0, s0 := m.Version(), m.Value()
	m = typeKeys(t, m, "left right home end") // motions only
	if m.Version() != v0 || m.Value() != s0 {
		t.Errorf("motions changed Version %d→%d or Value", v0, m.Version())
	}
	m = typeKeys(t, m, "c enter")
	if m.Version() <= v0 {
		t.Errorf("typing did not raise Version (%d → %d)", v0, m.Version())
	}
	if got := m.Value(); got != "abc\n" {
		t.Errorf("Value is %q, want %q", got, "abc\n")
	}
}

func TestSetValueReplacesInvalidUTF8(t *testing.T) {
	m := New()
	m.SetValue("ok\xff\xfe\nnext")
	if got, want := m.Value(), "ok\uFFFD\nnext"; got != want {
		t.Errorf("Value is %q, want %q", got, want)
	}
	if m.Len() != 8 {
		t.Errorf("Len is %d, want 8", m.Len())
	}
}
