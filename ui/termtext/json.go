package termtext

import (
	"io"
	"unicode/utf8"
)

// JSON returns the JSON text data with every character a terminal would act on written as
// a \u escape, so that machine output (--json, export, payload, a dry run's body) can go to
// a terminal as it is and still decode to exactly the same value. encoding/json escapes C0
// controls inside strings already, but writes DEL (U+007F) and the C1 controls
// (U+0080–U+009F, such as the 8-bit CSI U+009B) raw, and copies json.RawMessage values as
// they are: those become \u007f, \u009b and so on. Newline and tab are kept (they are JSON
// whitespace between tokens); any other C0 control, which valid JSON holds only escaped,
// is escaped too. Bytes that are not valid UTF-8 become \ufffd, the replacement
// encoding/json makes itself. The text needs no structure: text around a JSON body, such
// as a dry run's request line or a curl command, keeps its meaning. When data has nothing
// to escape, JSON returns data itself.
func JSON(data []byte) []byte {
	i := firstJSONEscape(data)
	if i == len(data) {
		return data
	}
	out, _ := escapeJSON(append(make([]byte, 0, len(data)+16), data[:i]...), data[i:], true)
	return out
}

// firstJSONEscape returns the index of the first byte JSON changes, or len(data).
func firstJSONEscape(data []byte) int {
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c >= 0x20 && c < 0x7f, c == '\n', c == '\t':
			i++
		case c < 0x80:
			return i
		default:
			r, size := utf8.DecodeRune(data[i:])
			if (r == utf8.RuneError && size == 1) || r <= 0x9f {
				return i
			}
			i += size
		}
	}
	return len(data)
}

// escapeJSON appends src to dst with the escapes of JSON and returns the result and how
// many bytes of src it consumed. Unless final, an incomplete UTF-8 sequence at the end of
// src is left for the next call.
func escapeJSON(dst, src []byte, final bool) ([]byte, int) {
	i := 0
	for i < len(src) {
		// Copy a run of bytes that stay as they are in one append: most JSON
		// is printable ASCII, and a byte at a time is what makes long output
		// (history --json, export) slow.
		run := i
		for run < len(src) && keptAsIs[src[run]] {
			run++
		}
		dst, i = append(dst, src[i:run]...), run
		if i == len(src) {
			break
		}
		c := src[i]
		if c < 0x80 {
			dst = appendU(dst, rune(c))
			i++
			continue
		}
		if !final && !utf8.FullRune(src[i:]) {
			break
		}
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, `\ufffd`...)
		case r <= 0x9f:
			dst = appendU(dst, r)
		default:
			dst = append(dst, src[i:i+size]...)
		}
		i += size
	}
	return dst, i
}

// keptAsIs marks the bytes escapeJSON copies unchanged: printable ASCII,
// newline and tab. A table lookup keeps the run loop tight.
var keptAsIs = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = true
	}
	t['\n'], t['\t'] = true, true
	return t
}()

// appendU appends the JSON escape \u00XX of a rune below U+0100.
func appendU(dst []byte, r rune) []byte {
	return append(dst, '\\', 'u', '0', '0', hexDigits[r>>4&0xf], hexDigits[r&0xf])
}

// JSONWriter writes JSON text to an underlying writer with the escapes of JSON applied, for
// JSON that is produced in pieces (an encoder, an export). It keeps an incomplete UTF-8
// sequence at the end of one Write for the next; Flush writes it out at the end.
type JSONWriter struct {
	w       io.Writer
	pending []byte
	buf     []byte
}

// NewJSONWriter returns a JSONWriter that writes to w.
func NewJSONWriter(w io.Writer) *JSONWriter { return &JSONWriter{w: w} }

// Write escapes p and writes it. It reports len(p) on success: the bytes of an incomplete
// UTF-8 sequence it keeps back are its own to write, at the next Write or at Flush.
func (j *JSONWriter) Write(p []byte) (int, error) {
	src := p
	if len(j.pending) > 0 {
		src = append(j.pending, p...)
	}
	var n int
	j.buf, n = escapeJSON(j.buf[:0], src, false)
	j.pending = append([]byte(nil), src[n:]...)
	if _, err := j.w.Write(j.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes out an incomplete UTF-8 sequence kept back by Write (as \ufffd).
func (j *JSONWriter) Flush() error {
	if len(j.pending) == 0 {
		return nil
	}
	out, _ := escapeJSON(nil, j.pending, true)
	j.pending = nil
	_, err := j.w.Write(out)
	return err
}
