package termtext

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// FuzzVisible checks the promise of Visible and Line on any input: the result is valid
// UTF-8 with no C0 control (but newline and tab, for Visible), no DEL and no C1 control;
// text with nothing to show comes back unchanged; and JSON of the encoded input stays the
// same JSON value, safe on a terminal too.
func FuzzVisible(f *testing.F) {
	for _, seed := range []string{
		"", "plain", "a\tb\nc", "\x1b]52;c;aGk=\x07", "\x1b[2J", "\x1b[31mred\x1b[0m",
		"\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\", "\u009b2J", "\x9b2J", "\x7f",
		"\x00\r\b", "é\xc3", "🚀\u0085",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, l := Visible(s), Line(s)
		checkShown(t, "Visible", s, v, true)
		checkShown(t, "Line", s, l, false)
		if Printable(s) != (v == s) {
			t.Errorf("Printable(%q) = %v, but Visible gives %q", s, Printable(s), v)
		}
		if Visible(v) != v || Line(l) != l {
			t.Errorf("shown text is not stable: %q / %q", v, l)
		}

		encoded, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		safe := JSON(encoded)
		checkShown(t, "JSON", string(encoded), string(safe), false)
		var a, b string
		if json.Unmarshal(encoded, &a) != nil || json.Unmarshal(safe, &b) != nil || a != b {
			t.Errorf("JSON(%q) = %q decodes to %q, want %q", encoded, safe, b, a)
		}
		var out bytes.Buffer
		w := NewJSONWriter(&out)
		for i := 0; i < len(encoded); i += 3 {
			w.Write(encoded[i:min(i+3, len(encoded))])
		}
		w.Flush()
		if !bytes.Equal(out.Bytes(), safe) {
			t.Errorf("JSONWriter wrote %q, JSON gives %q", out.Bytes(), safe)
		}
	})
}

func checkShown(t *testing.T, fn, in, out string, multiLine bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("%s(%q) = %q is not valid UTF-8", fn, in, out)
	}
	for i := 0; i < len(out); i++ {
		c := out[i]
		if (c < 0x20 && !(multiLine && (c == '\n' || c == '\t'))) || c == 0x7f {
			t.Fatalf("%s(%q) = %q holds byte %#x", fn, in, out, c)
		}
	}
	for _, r := range out {
		if r >= 0x80 && r <= 0x9f {
			t.Fatalf("%s(%q) = %q holds C1 control %U", fn, in, out, r)
		}
	}
}
