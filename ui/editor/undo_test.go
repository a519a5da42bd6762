package editor

import "testing"

func TestUndoRedo(t *testing.T) {
	tests := []struct {
		name, text string
		typed      string // typed as characters before keys
		keys, want string
	}{
		{"typing is one step", "|", "hello", "ctrl+z", "|"},
		{"typing with spaces is one step", "x|", " two words", "ctrl+z", "x|"},
		{"motion splits typing", "|", "ab", "left c ctrl+z", "a|b"},
		{"motion splits typing, twice", "|", "ab", "left c ctrl+z ctrl+z", "|"},
		{"newline is its own step", "|", "ab", "enter c d ctrl+z", "ab\n|"},
		{"newline undone after the line", "|", "ab", "enter c d ctrl+z ctrl+z", "ab|"},
		{"backspaces merge", "hello|", "", "backspace backspace backspace ctrl+z", "hello|"},
		{"deletes merge", "|hello", "", "delete delete delete ctrl+z", "|hello"},
		{"typing then backspace are two steps", "|", "abc", "backspace ctrl+z", "abc|"},
		{"word delete is one step", "one two|", "", "ctrl+w ctrl+w ctrl+z", "one |"},
		{"ctrl+y redoes", "|", "abc", "ctrl+z ctrl+y", "abc|"},
		{"ctrl+shift+z redoes", "|", "abc", "ctrl+z ctrl+shift+z", "abc|"},
		{"redo of a newline", "ab|cd", "", "enter ctrl+z ctrl+y", "ab\n|cd"},
		{"undo of a line join", "ab\n|cd", "", "backspace ctrl+z", "ab\n|cd"},
		{"a new edit drops redo", "|", "abc", "ctrl+z x ctrl+y", "x|"},
		{"undo with nothing to undo", "a|b", "", "ctrl+z", "a|b"},
		{"undo restores a kill", "ab|cd", "", "ctrl+k ctrl+u ctrl+z ctrl+z", "ab|cd"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := typeString(withCursor(t, tc.text, 40, 5), tc.typed)
			m = typeKeys(t, m, tc.keys)
			if got := marked(m); got != tc.want {
				t.Errorf("%q, typed %q, keys %q:\n got %q\nwant %q", tc.text, tc.typed, tc.keys, got, tc.want)
			}
			checkInvariants(t, m)
		})
	}
}

func TestUndoKeysFollowHistory(t *testing.T) {
	m := withCursor(t, "|", 40, 5)
	if m.KeyMap.Undo.Enabled() || m.KeyMap.Redo.Enabled() {
		t.Fatal("undo/redo keys enabled with no history")
	}
	m = typeString(m, "a")
	if !m.KeyMap.Undo.Enabled() || m.KeyMap.Redo.Enabled() {
		t.Fatal("after typing, want undo enabled and redo disabled")
	}
	m = typeKeys(t, m, "ctrl+z")
	if m.KeyMap.Undo.Enabled() || !m.KeyMap.Redo.Enabled() {
		t.Fatal("after undoing everything, want undo disabled and redo enabled")
	}
}

func TestUndoHistoryIsBounded(t *testing.T) {
	m := withCursor(t, "|", 40, 5)
	for range maxUndo + 10 {
		m = typeKeys(t, m, "x left") // the motion splits every character into its own step
	}
	if n := len(m.hist.undo); n != maxUndo {
		t.Errorf("undo history holds %d steps, want at most %d", n, maxUndo)
	}
}

// ReplaceAll is one undo step over any number of lines, unlike SetValue,
// which starts a new history; redo puts the replacement back.
func TestReplaceAllIsOneUndoStep(t *testing.T) {
	tests := []struct {
		name, text, replacement string
	}{
		{"one line", "draft|", "rewritten"},
		{"lines to lines", "first\nsec|ond\nthird", "a\nb"},
		{"to empty", "gone|", ""},
		{"from empty", "|", "new\ntext\r\nwith CRLF"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := typeString(withCursor(t, tc.text, 40, 5), "!")
			before := marked(m)
			m.ReplaceAll(tc.replacement)
			want := normalizeNewlines(tc.replacement)
			if m.Value() != want {
				t.Fatalf("after ReplaceAll: %q, want %q", m.Value(), want)
			}
			checkInvariants(t, m)
			m = typeKeys(t, m, "ctrl+z")
			if got := marked(m); got != before {
				t.Errorf("after undo:\n got %q\nwant %q", got, before)
			}
			m = typeKeys(t, m, "ctrl+z")
			if got := marked(m); got != tc.text {
				t.Errorf("a second undo should undo the typing before it:\n got %q\nwant %q", got, tc.text)
			}
			m = typeKeys(t, m, "ctrl+y ctrl+y")
			if m.Value() != want {
				t.Errorf("after redo: %q, want %q", m.Value(), want)
			}
			checkInvariants(t, m)
		})
	}
}

func TestReplaceAllWithSameTextChangesNothing(t *testing.T) {
	m := withCursor(t, "same|", 40, 5)
	v := m.Version()
	m.ReplaceAll("same")
	if m.Version() != v || m.KeyMap.Undo.Enabled() {
		t.Errorf("replacing the text by itself changed the version (%d→%d) or recorded a step", v, m.Version())
	}
}
