package compose

import (
	"unicode"
	"unicode/utf8"
)

// Emphasis: CommonMark's delimiter runs of *, _ and ~ turned into Zoom's
// *bold*, _italics_ and ~strike~.

// emphasis converts the delimiter run at i (*, _ or ~) into a Zoom span and
// returns the index after it, or i when it opens nothing here.
func (cv *converter) emphasis(s string, i, off int) int {
	c := s[i]
	run := 1
	for i+run < len(s) && s[i+run] == c {
		run++
	}
	if !cv.bg.ok() || run > 3 || (c == '~' && run > 2) {
		// Not a span CommonMark makes from one run (or the budget is spent):
		// the whole run is text.
		for k := range run {
			cv.text(c, off+i+k, false)
		}
		return i + run
	}
	open, closeOK := flanking(s, i, run, c)
	runStart := i == 0 || s[i-1] != c
	switch {
	case !open:
		if runStart {
			cv.noteDangling(c, run, off+i, false, closeOK)
		}
		return i
	}
	end := i
	if run == 3 {
		end = cv.triple(s, i, off, c)
	} else if j := cv.closer(s, i+run, c, run); j >= 0 {
		end = cv.writeSpan(s, i, j, off, c, run, 0)
	}
	if end > i {
		cv.saw(emphasisKind(c, run), off+i, off+end)
		return end
	}
	if runStart {
		cv.noteDangling(c, run, off+i, true, closeOK)
	}
	return i
}

// triple converts a run of three delimiters (***x***, ***x** y*, ***x* y**)
// into a strong span and an emphasis, nested as the first closer says, and
// returns the index after it, or i. A run that closes none of these ways is
// taken one delimiter at a time by the caller (***x* is ** then *x*).
func (cv *converter) triple(s string, i, off int, c byte) int {
	j := cv.closer(s, i+3, c, anyRun)
	if j < 0 {
		return i
	}
	switch runAt(s, j, c) {
	case 3:
		return cv.writeSpan(s, i, j, off, c, 2, 1)
	case 1:
		if k := cv.closer(s, j+1, c, 2); k >= 0 {
			return cv.writeNested(s, i, j, k, off, c, 2, 1)
		}
	default:
		if k := cv.closer(s, j+2, c, 1); k >= 0 {
			return cv.writeNested(s, i, j, k, off, c, 1, 2)
		}
	}
	return i
}

// writeNested writes a span whose first part is a span of the other kind:
// the run of three at i opens both, j closes the inner one (inner
// delimiters) and k the outer one.
func (cv *converter) writeNested(s string, i, j, k, off int, c byte, outer, inner int) int {
	om, im := cmToZoomMark(c, outer), cmToZoomMark(c, inner)
	writeOuter, writeInner := !(cv.bold && om == '*'), !(cv.bold && im == '*')
	start := cv.out()
	if writeOuter {
		cv.b.WriteByte(om)
	}
	innerStart := cv.out()
	if writeInner {
		cv.b.WriteByte(im)
	}
	cv.depth++
	cv.inline(s[i+3:j], off+i+3)
	if writeInner {
		cv.b.WriteByte(im)
		record(cv, &cv.spans, meantSpan{innerStart, cv.out(), im, off + i})
	}
	cv.inline(s[j+inner:k], off+j+inner)
	cv.depth--
	if writeOuter {
		cv.b.WriteByte(om)
		record(cv, &cv.spans, meantSpan{start, cv.out(), om, off + i})
	}
	return k + outer
}

// writeSpan writes the span opened by the run at i and closed by the run at
// j: outer delimiters (1 or 2) around inner ones (0 or 1, for ***x***). It
// returns the index after the closing run.
func (cv *converter) writeSpan(s string, i, j, off int, c byte, outer, inner int) int {
	n := outer + inner
	start := cv.out()
	om, im := cmToZoomMark(c, outer), cmToZoomMark(c, inner)
	writeOuter := !(cv.bold && om == '*')
	if writeOuter {
		cv.b.WriteByte(om)
	}
	innerStart := cv.out()
	if inner > 0 {
		cv.b.WriteByte(im)
	}
	cv.depth++
	cv.inline(s[i+n:j], off+i+n)
	cv.depth--
	if inner > 0 {
		cv.b.WriteByte(im)
		record(cv, &cv.spans, meantSpan{innerStart, cv.out(), im, off + i})
	}
	if writeOuter {
		cv.b.WriteByte(om)
		record(cv, &cv.spans, meantSpan{start, cv.out(), om, off + i})
	}
	return j + n
}

func (cv *converter) noteDangling(c byte, n, src int, open, close bool) {
	if cv.depth == 0 && (open || close) {
		record(cv, &cv.dangling, delimRun{c, n, src, open, close})
	}
}

// anyRun asks closer for a run of one, two or three delimiters.
const anyRun = 0

// runAt is the length of the run of c's at s[j].
func runAt(s string, j int, c byte) int {
	k := j
	for k < len(s) && s[k] == c {
		k++
	}
	return k - j
}

// closer finds the first run of exactly n c's (1 to 3 of them for anyRun)
// at or after from that can close a span, skipping escapes, code spans and
// nested spans of the same run length; -1 if there is none or the budget is
// spent.
func (cv *converter) closer(s string, from int, c byte, n int) int {
	depth := 0
	for j := from; j < len(s); j++ {
		if !cv.bg.spend(1) {
			return -1
		}
		switch s[j] {
		case '\\':
			j++
			continue
		case '`':
			if e, ok := codeSpan(s, j, cv.bg); ok {
				j = e - 1
			}
			continue
		case c:
		default:
			continue
		}
		k := j
		for k < len(s) && s[k] == c {
			k++
		}
		cv.bg.spend(k - j - 1) // each byte of the run was looked at
		if (k-j == n || (n == anyRun && k-j <= 3)) && j > from {
			cv.bg.spend(8) // flanking looks at two characters and classifies them
			open, close := flanking(s, j, n, c)
			switch {
			case close && depth == 0:
				return j
			case close:
				depth--
			case open:
				depth++
			}
		}
		j = k - 1
	}
	return -1
}

// flanking says whether the delimiter run s[i:i+n] can open and close
// emphasis, by CommonMark's left- and right-flanking rules (with _ further
// kept from opening or closing inside a word).
func flanking(s string, i, n int, c byte) (open, close bool) {
	spB, puB := true, false // the start and end of a line count as space
	if i > 0 {
		spB, puB = classify(s[:i], true)
	}
	spA, puA := true, false
	if i+n < len(s) {
		spA, puA = classify(s[i+n:], false)
	}
	left := !spA && (!puA || spB || puB)
	right := !spB && (!puB || spA || puA)
	if c == '_' {
		return left && (!right || puB), right && (!left || puA)
	}
	return left, right
}

// ASCII character classes for classify.
const (
	classSpace = 1 << iota
	classPunct
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case c == ' ' || (c >= '\t' && c <= '\r'):
			t[c] = classSpace
		case isASCIIPunct(byte(c)):
			t[c] = classPunct
		}
	}
	return t
}()

// classify says whether the character at the end (last) or start of s is
// white space or punctuation, as CommonMark counts them.
func classify(s string, last bool) (space, punct bool) {
	b := s[0]
	if last {
		b = s[len(s)-1]
	}
	if b < utf8.RuneSelf {
		k := asciiClass[b]
		return k&classSpace != 0, k&classPunct != 0
	}
	r, _ := utf8.DecodeRuneInString(s)
	if last {
		r, _ = utf8.DecodeLastRuneInString(s)
	}
	return unicode.IsSpace(r), unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// cmToZoomMark maps a CommonMark delimiter run to Zoom's: strong -> *,
// emphasis -> _, strike -> ~.
func cmToZoomMark(c byte, n int) byte {
	switch {
	case c == '~':
		return '~'
	case n == 2:
		return '*'
	default:
		return '_'
	}
}
