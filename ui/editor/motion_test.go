package editor

import (
	"fmt"
	"strings"
	"testing"
)

// keyCase is one table row: start text with cursorMark, keystrokes, and the
// text with the cursor where it must end up.
type keyCase struct {
	name, text, keys, want string
}

// runKeyCases runs each case in an editor of the given size.
func runKeyCases(t *testing.T, cases []keyCase, width, height int) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := typeKeys(t, withCursor(t, tc.text, width, height), tc.keys)
			if got := marked(m); got != tc.want {
				t.Errorf("%q after %q:\n got %q\nwant %q", tc.text, tc.keys, got, tc.want)
			}
			checkInvariants(t, m)
		})
	}
}

func TestMotions(t *testing.T) {
	runKeyCases(t, []keyCase{
		{"left", "ab|c", "left", "a|bc"},
		{"left joins previous line end", "ab\n|c", "left", "ab|\nc"},
		{"left at start stays", "|abc", "left", "|abc"},
		{"right", "a|bc", "right", "ab|c"},
		{"right to next line", "ab|\nc", "right", "ab\n|c"},
		{"right at end stays", "abc|", "right", "abc|"},
		{"right over CJK", "|日本", "right", "日|本"},
		{"right over ZWJ family emoji", "|👨‍👩‍👧x", "right", "👨‍👩‍👧|x"},
		{"right over flag", "|🇯🇵x", "right", "🇯🇵|x"},
		{"left over combining mark", "e\u0301|x", "left", "|e\u0301x"},
		{"alt+right to word end", "|hello world", "alt+right", "hello| world"},
		{"alt+right skips spaces", "hello| world", "alt+right", "hello world|"},
		{"ctrl+right", "|hello world", "ctrl+right", "hello| world"},
		{"alt+right crosses lines", "foo|\n  bar", "alt+right", "foo\n  bar|"},
		{"alt+right stops at punctuation", "|foo.bar", "alt+right", "foo|.bar"},
		{"alt+left to word start", "hello world|", "alt+left", "hello |world"},
		{"ctrl+left", "hello world|", "ctrl+left", "hello |world"},
		{"alt+left crosses lines", "foo\n|bar", "alt+left", "|foo\nbar"},
		{"alt+left over CJK word", "x 日本語|", "alt+left", "x |日本語"},
		{"home", "ab|c", "home", "|abc"},
		{"ctrl+a", "ab|c", "ctrl+a", "|abc"},
		{"end", "a|bc\nd", "end", "abc|\nd"},
		{"ctrl+e", "a|bc", "ctrl+e", "abc|"},
		{"ctrl+home", "ab\ncd|", "ctrl+home", "|ab\ncd"},
		{"ctrl+end", "a|b\ncd", "ctrl+end", "ab\ncd|"},
		{"up", "abc\nde|f", "up", "ab|c\ndef"},
		{"down", "a|bc\ndef", "down", "abc\nd|ef"},
		{"up on first row goes to start", "ab|c\nd", "up", "|abc\nd"},
		{"down on last row goes to end", "a\nb|cd", "down", "a\nbcd|"},
		{"down keeps goal column over short line", "abcdef|\nab\nabcdefgh", "down down", "abcdef\nab\nabcdef|gh"},
		{"up keeps goal column over short line", "abcdefgh\nab\nabcdef|", "up up", "abcdef|gh\nab\nabcdef"},
		{"down into wide chars", "ab|cd\n日本語", "down", "abcd\n日|本語"},
		{"down lands before a wide char it would split", "abc|d\n日本語", "down", "abcd\n日|本語"},
		{"horizontal motion resets goal", "abcdef|\nab\nabcdefgh", "down left down", "abcdef\nab\na|bcdefgh"},
	}, 40, 5)
}

func TestMotionsOnWrappedRows(t *testing.T) {
	// Width 11 wraps at 10 columns: "aaaa bbbb " / "cccc dddd".
	runKeyCases(t, []keyCase{
		{"down within a wrapped line", "aa|aa bbbb cccc dddd", "down", "aaaa bbbb cc|cc dddd"},
		{"up within a wrapped line", "aaaa bbbb cccc d|ddd", "up", "aaaa b|bbb cccc dddd"},
		{"down from wrapped row to next line", "aaaa bbbb cc|cc dddd\nxyzxyz", "down", "aaaa bbbb cccc dddd\nxy|zxyz"},
		{"end is the logical line end", "aa|aa bbbb cccc dddd", "end", "aaaa bbbb cccc dddd|"},
		{"home is the logical line start", "aaaa bbbb cc|cc dddd", "home", "|aaaa bbbb cccc dddd"},
		{"goal column survives a short wrapped row", "aaaaaaa|aa bb\nccccccccc", "down down", "aaaaaaaaa bb\nccccccc|cc"},
	}, 11, 5)
}

// TestPageUpDownMoveByScreen: page keys scroll the view by a screen less one
// row and move the cursor as far, so it keeps its screen row.
func TestPageUpDownMoveByScreen(t *testing.T) {
	lines := make([]string, 30)
	for i := range lines {
		lines[i] = fmt.Sprintf("line %d", i+1)
	}
	m := withCursor(t, "|"+strings.Join(lines, "\n"), 20, 5)
	steps := []struct {
		key             string
		wantLine, wantY int
	}{
		{"pgdown", 4, 0}, // the view moves a page less one row; the cursor keeps its row
		{"down", 5, 1},
		{"pgdown", 9, 1},
		{"pgup", 5, 1},
		{"pgup", 1, 1},
		{"pgup", 0, 0}, // less than a page above: to the start
		{"ctrl+end", 29, 4},
		{"pgdown", 29, 4},
		{"pgup", 25, 4},
	}
	for _, s := range steps {
		m = typeKeys(t, m, s.key)
		line, _ := m.Cursor()
		_, y := m.CursorPosition()
		if line != s.wantLine || y != s.wantY {
			t.Fatalf("after %s: cursor line %d, screen row %d; want line %d, row %d", s.key, line, y, s.wantLine, s.wantY)
		}
		checkInvariants(t, m)
	}
}
