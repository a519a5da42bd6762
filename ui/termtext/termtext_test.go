package termtext

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

func TestVisible(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain ASCII", "Release 1.4 is out", "Release 1.4 is out"},
		{"non-ASCII letters and emoji pass", "Grüße — 🚀 …", "Grüße — 🚀 …"},
		{"newline and tab kept", "a\tb\nc", "a\tb\nc"},
		{"OSC 52 clipboard write", "\x1b]52;c;aGk=\x07", "␛]52;c;aGk=␇"},
		{"clear screen", "x\x1b[2Jy", "x␛[2Jy"},
		{"SGR colour", "\x1b[31mred\x1b[0m", "␛[31mred␛[0m"},
		{"OSC 8 link with ST", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "␛]8;;https://evil.example␛\\click␛]8;;␛\\"},
		{"NUL, BS, CR, VT, FF", "\x00\b\r\v\f", "␀␈␍␋␌"},
		{"unit separator", "\x1f", "␟"},
		{"DEL", "a\x7fb", "a␡b"},
		{"C1 CSI as UTF-8", "\u009b2J", `\u009b2J`},
		{"C1 first and last", "\u0080\u009f", `\u0080\u009f`},
		{"NEL", "a\u0085b", `a\u0085b`},
		{"U+00A0 passes", "a\u00a0b", "a\u00a0b"},
		{"raw 8-bit CSI byte", "\x9b2J", `\x9b2J`},
		{"invalid UTF-8", "ok\xff\xfe", `ok\xff\xfe`},
		{"truncated rune", "é\xc3", `é\xc3`},
		{"control pictures themselves pass", "␛[2J", "␛[2J"},
		{"Key with escapes", "Key\x1b[2K\x1b[1Gail2", "Key␛[2K␛[1Gail2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Visible(tt.in); got != tt.want {
				t.Errorf("Visible(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := Printable(tt.in); got != (tt.in == tt.want) {
				t.Errorf("Printable(%q) = %v, want %v", tt.in, got, tt.in == tt.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "error: nothing to see", "error: nothing to see"},
		{"newline and tab fold", "a\nb\tc", "a b c"},
		{"CRLF", "a\r\nb", "a␍ b"},
		{"OSC 52", "Invalid \x1b]52;c;aGk=\x07 body", "Invalid ␛]52;c;aGk=␇ body"},
		{"C1", "\u009b31m", `\u009b31m`},
		{"invalid", "\x9b", `\x9b`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Line(tt.in); got != tt.want {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestUnchangedIsSameString checks the fast path: text with nothing to show is returned
// as it is, without a copy.
func TestUnchangedIsSameString(t *testing.T) {
	s := strings.Repeat("plain text, ünïcødé and 🚀\n", 10)
	if got := Visible(s); got != s || !sameData(got, s) {
		t.Error("Visible copied a string that needed nothing")
	}
	if n := testing.AllocsPerRun(100, func() { _ = Visible(s) }); n != 0 {
		t.Errorf("Visible allocated %v times for plain text", n)
	}
	line := "one line, ünïcødé"
	if got := Line(line); !sameData(got, line) {
		t.Error("Line copied a string that needed nothing")
	}
}

// sameData reports whether a and b are the same bytes in memory, not only equal.
func sameData(a, b string) bool {
	return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b)
}

func TestJSON(t *testing.T) {
	hostile := "head \x1b]52;c;aGk=\x07 \x1b[2J \u009b31m \x7f done"
	encoded, err := json.Marshal(map[string]string{"text": hostile, "plain": "ok"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(encoded, []byte("\u009b")) || !bytes.Contains(encoded, []byte{0x7f}) {
		t.Fatalf("encoding/json was expected to write C1 and DEL raw: %q", encoded)
	}
	if bytes.IndexByte(encoded, 0x1b) >= 0 {
		t.Fatalf("encoding/json was expected to escape ESC: %q", encoded)
	}
	safe := JSON(encoded)
	assertTerminalSafe(t, string(safe), true)
	var back map[string]string
	if err := json.Unmarshal(safe, &back); err != nil {
		t.Fatalf("escaped JSON does not decode: %v\n%s", err, safe)
	}
	if back["text"] != hostile || back["plain"] != "ok" {
		t.Errorf("escaped JSON decodes to %q, want %q", back["text"], hostile)
	}
	if !bytes.Contains(safe, []byte(`\u009b31m`)) || !bytes.Contains(safe, []byte(`\u007f`)) {
		t.Errorf("JSON(%q) = %q", encoded, safe)
	}

	plain := []byte("{\n  \"a\": \"Grüße\",\n\t\"b\": [1, 2]\n}\n")
	if got := JSON(plain); &got[0] != &plain[0] {
		t.Error("JSON copied text that needed nothing")
	}
	// Newline and tab stay; any other C0 control is escaped.
	if got, want := string(JSON([]byte("{\"a\":\"x\x1by\"}\r\n"))), "{\"a\":\"x\\u001by\"}\\u000d\n"; got != want {
		t.Errorf("JSON = %q, want %q", got, want)
	}
	if got, want := string(JSON([]byte("\"\x9b\""))), `"\ufffd"`; got != want {
		t.Errorf("JSON = %q, want %q", got, want)
	}
}

// TestJSONWriter writes hostile JSON one byte at a time: the C1 controls split across
// writes are still escaped, and the result decodes to the original.
func TestJSONWriter(t *testing.T) {
	hostile := "\u009b2J \u0085 é 🚀 \x7f \x1b[31m"
	encoded, _ := json.Marshal([]string{hostile, `quote " and \ backslash`})
	encoded = append(encoded, '\n')
	var out bytes.Buffer
	w := NewJSONWriter(&out)
	for i := range encoded {
		if n, err := w.Write(encoded[i : i+1]); n != 1 || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), string(JSON(encoded)); got != want {
		t.Errorf("JSONWriter wrote %q, JSON gives %q", got, want)
	}
	assertTerminalSafe(t, out.String(), true)
	var back []string
	if err := json.Unmarshal(out.Bytes(), &back); err != nil || back[0] != hostile {
		t.Errorf("decoded %q, %v; want %q", back, err, hostile)
	}

	// An incomplete rune at the very end comes out at Flush.
	out.Reset()
	w = NewJSONWriter(&out)
	w.Write([]byte("\"a\xc2"))
	if out.String() != `"a` {
		t.Errorf("before Flush: %q", out.String())
	}
	w.Flush()
	if out.String() != `"a\ufffd` {
		t.Errorf("after Flush: %q", out.String())
	}
}

// assertTerminalSafe fails if s holds a byte below 0x20 (but newline and tab when
// multiLine), DEL, a C1 control, or invalid UTF-8.
func assertTerminalSafe(t *testing.T, s string, multiLine bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("not valid UTF-8: %q", s)
	}
	for i, r := range s {
		switch {
		case (r == '\n' || r == '\t') && multiLine:
		case r < 0x20, r >= 0x7f && r <= 0x9f:
			t.Fatalf("control %U at byte %d of %q", r, i, s)
		}
	}
}

func BenchmarkVisiblePlain(b *testing.B) {
	s := strings.Repeat("The deploy finished in 4 minutes. See the changelog — ünïcødé.\n", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Visible(s)
	}
}

func BenchmarkVisibleHostile(b *testing.B) {
	s := strings.Repeat("head \x1b]52;c;aGk=\x07 \x1b[2J \u009b31m text\n", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Visible(s)
	}
}
