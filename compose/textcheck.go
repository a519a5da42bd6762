package compose

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The checks on card text as it arrives (a file, stdin, the editor, a --var
// value inside it), before it is parsed: a binary file, text over the size
// cap, invalid UTF-8, and control characters. Each is linear in the text and
// stops early where it can (a few milliseconds for the largest text read).

// bom is the UTF-8 byte order mark some editors write at the start of a
// file. It is stripped, not refused.
const bom = "\uFEFF"

// StripBOM returns text without a leading UTF-8 byte order mark.
func StripBOM[T ~string | ~[]byte](text T) T {
	if len(text) >= len(bom) && string(text[:len(bom)]) == bom {
		return text[len(bom):]
	}
	return text
}

// sniffLen is how much of the text looksBinary reads.
const sniffLen = 8000

// looksBinary tells a binary file (or one in an encoding other than UTF-8)
// from text with a stray bad byte: a UTF-16 byte order mark, a NUL among the
// first 16 bytes (where file formats put their magic numbers), or, in 64
// bytes or more, over 30% of the first 8000 bytes that are neither UTF-8 nor
// text characters. Text with a few bad bytes is left to checkText, which
// says where they are.
func looksBinary(s string) (string, bool) {
	if strings.HasPrefix(s, "\xff\xfe") || strings.HasPrefix(s, "\xfe\xff") {
		return "this is not a text file zoompose can read: it is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8", true
	}
	head := s[:min(len(s), sniffLen)]
	if strings.IndexByte(head[:min(len(head), 16)], 0) >= 0 {
		return "this is not a text file: it has a NUL byte among its first bytes (a binary file?); a card is UTF-8 text or a JSON object", true
	}
	nonText := 0
	for i := 0; i < len(head); {
		c := head[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
				nonText++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(head[i:])
		if r == utf8.RuneError && size == 1 {
			if len(head) < len(s) && !utf8.FullRuneInString(head[i:]) {
				break // a character cut by the end of the window
			}
			nonText++
		}
		i += size
	}
	if len(head) >= 64 && nonText*10 > len(head)*3 {
		return fmt.Sprintf("this is not a text file: %d%% of its first %d bytes are not UTF-8 text; a card is UTF-8 text or a JSON object (save it as UTF-8 if it is text)",
			nonText*100/len(head), len(head)), true
	}
	return "", false
}

// checkText checks card text before parsing. fatal means the text must not
// be parsed at all (binary, over MaxInputBytes); otherwise the diagnostics
// (invalid UTF-8, control characters) are errors that still let the parser
// show what it can. In source, a carriage return must end a line (\r\n); in
// JSON it is whitespace.
func checkText(s string, source bool) (diags []Diagnostic, fatal bool) {
	if msg, ok := looksBinary(s); ok {
		return []Diagnostic{{Severity: Error, Message: msg}}, true
	}
	if len(s) > MaxInputBytes {
		return []Diagnostic{inputTooLarge(len(s))}, true
	}
	type finding struct {
		line, col, n int
		r            rune // the control character, or the bad byte
	}
	var ctl, bad finding
	note := func(f *finding, line, col int, r rune) {
		if f.n == 0 {
			f.line, f.col, f.r = line, col, r
		}
		f.n++
	}
	line, col := 0, 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			i++
		case c == '\n':
			line, col = line+1, 0
			i++
			continue
		case c < utf8.RuneSelf:
			if c != '\t' && (c != '\r' || (source && !strings.HasPrefix(s[i+1:], "\n"))) {
				note(&ctl, line, col, rune(c))
			}
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				note(&bad, line, col, rune(c))
			} else if isControl(r) {
				note(&ctl, line, col, r)
			}
			i += size
		}
		col++
	}
	if bad.n > 0 {
		msg := fmt.Sprintf("invalid UTF-8: byte 0x%02X is not part of any character; save the card as UTF-8 (zoompose does not replace bad bytes)", bad.r)
		diags = append(diags, Diagnostic{Line: bad.line + 1, Col: bad.col + 1, Severity: Error, Message: msg + moreText(bad.n, "bad byte")})
	}
	if ctl.n > 0 {
		msg := controlMessage(ctl.r)
		if ctl.r == '\r' {
			msg = "control character U+000D (CR) not followed by a newline: remove it (a line ends with \\n or \\r\\n)"
		}
		diags = append(diags, Diagnostic{Line: ctl.line + 1, Col: ctl.col + 1, Severity: Error, Message: msg + moreText(ctl.n, "control character")})
	}
	return diags, false
}

// moreText is " (3 more bad bytes in the card)" when there are others than the
// first, "" otherwise.
func moreText(n int, what string) string {
	switch n {
	case 0, 1:
		return ""
	case 2:
		return " (1 more " + what + " in the card)"
	}
	return " (" + strconv.Itoa(n-1) + " more " + what + "s in the card)"
}

var (
	c0Names = [...]string{"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
		"DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"}
	c1Names = [...]string{"PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU", "RI", "SS2", "SS3",
		"DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGCI", "SCI", "CSI", "ST", "OSC", "PM", "APC"}
)

// isControl reports a Unicode control character (category Cc): C0, DEL, C1.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) }

func controlName(r rune) string {
	switch {
	case r >= 0 && r < 0x20:
		return c0Names[r]
	case r == 0x7f:
		return "DEL"
	case r >= 0x80 && r <= 0x9f:
		return c1Names[r-0x80]
	}
	return "?"
}

func controlMessage(r rune) string {
	return fmt.Sprintf("control character U+%04X (%s): remove it", r, controlName(r))
}

// jsonTooDeep returns the offset of the first '{' or '[' that opens nesting
// level limit+1, or -1. It skips strings and needs no valid JSON.
func jsonTooDeep[T ~string | ~[]byte](data T, limit int) int {
	depth, inString := 0, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inString {
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			if depth++; depth > limit {
				return i
			}
		case '}', ']':
			depth--
		}
	}
	return -1
}

var tooDeepMessage = "the card's JSON would nest objects and arrays more than " + strconv.Itoa(MaxJSONDepth) +
	" deep; no card Zoom draws needs more than 13 levels (and a section cannot hold a section)"

// jsonControlEscape finds the first escape inside a JSON string that decodes
// to a control character Zoom text must not carry: anything but \n, \t and a
// \r that comes before \n. It returns the escape's offset (-1 if none), the
// character, and how many such escapes there are. A backslash only ever
// appears in JSON inside a string, so it jumps from one to the next.
func jsonControlEscape(data []byte) (off int, r rune, n int) {
	off = -1
	for i := 0; i < len(data); {
		k := bytes.IndexByte(data[i:], '\\')
		if k < 0 || i+k+1 >= len(data) {
			break
		}
		i += k
		esc, width := rune(-1), 2
		switch data[i+1] {
		case 'u':
			if v, err := strconv.ParseUint(string(data[i+2:min(i+6, len(data))]), 16, 32); err == nil && i+6 <= len(data) {
				esc, width = rune(v), 6
			}
		case 'b':
			esc = '\b'
		case 'f':
			esc = '\f'
		case 'r':
			esc = '\r'
		}
		if esc >= 0 && isControl(esc) && esc != '\n' && esc != '\t' && (esc != '\r' || !newlineEscape(data[i+width:])) {
			if n == 0 {
				off, r = i, esc
			}
			n++
		}
		i += width
	}
	return off, r, n
}

// rawControl returns the offset of the first DEL or C1 control character in
// JSON that encoding/json wrote (it escapes C0 but writes these as they
// are), or -1.
func rawControl(data []byte) int {
	del := bytes.IndexByte(data, 0x7f)
	for i := 0; i < len(data); {
		k := bytes.IndexByte(data[i:], 0xc2) // U+0080–U+009F is C2 80–C2 9F
		if k < 0 || (del >= 0 && i+k > del) {
			break
		}
		if i += k; i+1 < len(data) && data[i+1] >= 0x80 && data[i+1] <= 0x9f {
			return i
		}
		i++
	}
	return del
}

// newlineEscape reports whether s starts with a JSON escape of \n.
func newlineEscape(s []byte) bool {
	head := string(s[:min(len(s), 6)])
	return strings.HasPrefix(head, `\n`) || strings.EqualFold(head, `\u000a`)
}

// textPos returns the 0-based line and rune column of byte offset off.
func textPos[T ~string | ~[]byte](data T, off int) (line, col int) {
	start := 0
	for i := 0; i < off && i < len(data); i++ {
		if data[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, utf8.RuneCountInString(string(data[start:min(off, len(data))]))
}

// jsonTextDiagnostics checks JSON text that starts at (line, col) of the
// card (both 0-based) and sits within depth levels of the content object
// (body and sections around a ```json block): nesting that would take the
// card over MaxJSONDepth (fatal: it must not be decoded), and control
// characters written as escapes.
func jsonTextDiagnostics[T ~string | ~[]byte](data T, line, col, depth int) (diags []Diagnostic, fatal bool) {
	at := func(off int) (int, int) {
		l, c := textPos(data, off)
		if l == 0 {
			c += col
		}
		return line + l + 1, c + 1
	}
	if off := jsonTooDeep(data, MaxJSONDepth-depth); off >= 0 {
		l, c := at(off)
		return []Diagnostic{{Line: l, Col: c, Severity: Error, Message: tooDeepMessage}}, true
	}
	if off, r, n := jsonControlEscape([]byte(data)); off >= 0 {
		l, c := at(off)
		width := 2
		if data[off+1] == 'u' {
			width = 6
		}
		msg := fmt.Sprintf("the JSON string escape %s is control character U+%04X (%s): remove it (Zoom text takes \\n and \\t)",
			string(data[off:off+width]), r, controlName(r))
		diags = append(diags, Diagnostic{Line: l, Col: c, Severity: Error, Message: msg + moreText(n, "control character")})
	}
	return diags, false
}
