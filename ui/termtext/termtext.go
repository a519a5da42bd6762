// Package termtext shows text from outside — Zoom's answers and error messages, ids, card
// sources, events, history records — on a terminal without letting the terminal act on it.
//
// A terminal interprets control characters: ESC starts a sequence that can clear the
// screen, recolour what follows, write the clipboard (OSC 52) or hide a link (OSC 8); BEL,
// backspace and carriage return move or hide text; C1 controls such as U+009B (8-bit CSI)
// do what ESC does on terminals that honour them. Every function here turns such characters
// into plain, printable text, so that they are seen, never obeyed:
//
//   - ESC and the other C0 controls (U+0000–U+001F) become their Unicode control pictures
//     (U+2400 block): ESC is "␛", BEL "␇", NUL "␀", CR "␍". The rest of an escape sequence
//     is ordinary text and stays as it is: "\x1b]52;c;aGk=\x07" is shown as "␛]52;c;aGk=␇".
//   - DEL (U+007F) becomes "␡".
//   - C1 controls (U+0080–U+009F) become a Go-style escape such as `\u009b`.
//   - A byte that is not part of valid UTF-8 becomes `\xNN`, e.g. a raw 8-bit CSI `\x9b`.
//
// Newline and tab are kept by Visible (multi-line text) and become spaces in Line (table
// cells, error lines). Everything else, non-ASCII letters and emoji included, passes
// through. Text holding nothing to show returns unchanged without allocating.
package termtext

import (
	"strings"
	"unicode/utf8"
)

// Visible returns s with every control character, escape sequence introducer and invalid
// byte shown as printable text (see the package comment); newlines and tabs are kept.
// The result is valid UTF-8 and holds no byte below 0x20 other than '\n' and '\t', no DEL
// and no C1 control. When s has nothing to show, Visible returns s itself.
func Visible(s string) string { return show(s, false) }

// Line is Visible for text that must stay on one line, such as a table cell, a log line or
// an error message: newlines and tabs become single spaces (a tab would also break a
// tab-aligned table). The result holds no byte below 0x20 at all.
func Line(s string) string { return show(s, true) }

// Printable reports whether Visible would return s unchanged: s is valid UTF-8 and holds
// no control character other than newline and tab.
func Printable(s string) bool { return firstToShow(s, false) == len(s) }

// controlPicture is the Unicode control picture of C0 control c (U+2400 + c).
func controlPicture(c byte) rune { return 0x2400 + rune(c) }

// del is the control picture of DEL.
const del = "\u2421" // ␡

const hexDigits = "0123456789abcdef"

// firstToShow returns the index of the first byte of s that Visible (oneLine false) or
// Line (oneLine true) would change, or len(s) when there is none.
func firstToShow(s string, oneLine bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			i++
		case c == '\n' || c == '\t':
			if oneLine {
				return i
			}
			i++
		case c < 0x80: // other C0 controls and DEL
			return i
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size == 1) || r <= 0x9f {
				return i
			}
			i += size
		}
	}
	return len(s)
}

// show is Visible or Line.
func show(s string, oneLine bool) string {
	i := firstToShow(s, oneLine)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		// Copy the run of bytes that need nothing in one go.
		if n := firstToShow(s[i:], oneLine); n > 0 {
			b.WriteString(s[i : i+n])
			i += n
			if i == len(s) {
				break
			}
		}
		c := s[i]
		switch {
		case c == '\n' || c == '\t': // only with oneLine
			b.WriteByte(' ')
			i++
		case c < 0x20:
			b.WriteRune(controlPicture(c))
			i++
		case c == 0x7f:
			b.WriteString(del)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b.WriteString(`\x`)
				b.WriteByte(hexDigits[c>>4])
				b.WriteByte(hexDigits[c&0xf])
			} else { // a C1 control, U+0080–U+009F
				b.WriteString(`\u00`)
				b.WriteByte(hexDigits[r>>4])
				b.WriteByte(hexDigits[r&0xf])
			}
			i += size
		}
	}
	return b.String()
}
