package compose

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// converter turns CommonMark into Zoom's dialect one line at a time, and
// remembers what it meant so that the line can be checked against Zoom's
// reading of it (see verify).
type converter struct {
	b    *strings.Builder
	base int // b.Len() where the line began: output offsets are relative to it
	bg   *budget
	line budget // what bg points to

	issues   []mdIssue
	spans    []meantSpan // the spans written, as the author meant them
	texts    []textByte  // Zoom's special characters written as plain text
	dangling []delimRun  // delimiter runs left as text that could open or close
	read     []readSpan  // the spans Zoom reads (see verify)

	// Small first arrays for the slices above: most lines need no more.
	spanBuf [8]meantSpan
	textBuf [8]textByte
	readBuf [8]readSpan

	label     bool // converting a link label: no links, '>' and '|' replaced
	bold      bool // inside a heading, which is bold already: strong writes no markers
	hardBreak bool // another line follows: a final backslash is a hard line break
	depth     int  // how deep in spans: dangling runs are only noted at depth 0
	replaced  bool // a '>' or '|' in the current label was replaced (reported once)
}

// meantSpan is a Zoom span the converter wrote: output offsets [start, end)
// in the line, its mark ('*', '_', '~', '`', '<') and the source offset it
// was written from.
type meantSpan struct {
	start, end int
	mark       byte
	src        int
}

// textByte is a character Zoom treats specially, written as text: its
// output offset, the source offset it came from, and whether the author
// escaped it (a backslash or an entity).
type textByte struct {
	out, src int
	escaped  bool
}

// delimRun is a run of emphasis or backtick delimiters written as text that
// could open or close a span in CommonMark: if its partner is on another
// line of the same paragraph, the author meant a span across lines.
type delimRun struct {
	c           byte
	n, src      int
	open, close bool
}

// zoomSpecial are the characters Zoom's reading gives a meaning.
const zoomSpecial = "*_~`<>|"

// Replacements for the two characters a link label cannot hold in Zoom's
// <url|label>: the label ends at the first '>', and a second '|' is
// unverified. They look alike and keep the link whole.
const (
	labelGT   = "›" // U+203A
	labelPipe = "∣" // U+2223
)

func (cv *converter) out() int { return cv.b.Len() - cv.base }

// convertLine converts one line (without its line ending) into cv.b.
func (cv *converter) convertLine(line string, more bool) {
	cv.base = cv.b.Len()
	cv.line = budget{left: 8*len(line) + 4096} // see newBudget
	cv.bg = &cv.line
	if cv.spans == nil {
		cv.spans, cv.texts, cv.read = cv.spanBuf[:0], cv.textBuf[:0], cv.readBuf[:0]
	}
	cv.issues, cv.spans, cv.texts, cv.dangling = cv.issues[:0], cv.spans[:0], cv.texts[:0], cv.dangling[:0]
	cv.hardBreak = more
	if _, title, at, ok := heading(line); ok {
		start := cv.out()
		cv.b.WriteByte('*')
		cv.bold = true
		cv.depth++
		cv.inline(title, at)
		cv.depth--
		cv.bold = false
		cv.b.WriteByte('*')
		cv.spans = append(cv.spans, meantSpan{start, cv.out(), '*', 0})
		cv.issues = append(cv.issues, mdIssue{Off: 0, Message: "heading: Zoom shows '" + strings.TrimSpace(line) +
			"' literally; it is sent as bold " + cv.b.String()[cv.base+start:]})
	} else {
		cv.inline(line, 0)
	}
	if isTableRow(line) {
		cv.issues = append(cv.issues, mdIssue{Off: 0, Message: "table: Zoom does not render tables; the row is sent as plain text with its pipes"})
	}
	cv.verify()
}

// inline converts s, which starts at source offset off of the line.
func (cv *converter) inline(s string, off int) {
	for i := 0; i < len(s); {
		if end := cv.construct(s, i, off); end > i {
			i = end
			continue
		}
		cv.text(s[i], off+i, false)
		i++
	}
}

// construct converts the Markdown construct starting at s[i] and returns the
// index after it, or i when there is none (s[i] is then plain text).
func (cv *converter) construct(s string, i, off int) int {
	switch c := s[i]; c {
	case '\\':
		if i+1 < len(s) && isASCIIPunct(s[i+1]) {
			cv.text(s[i+1], off+i, true)
			return i + 2
		}
		if i+1 == len(s) && cv.hardBreak && cv.depth == 0 {
			return i + 1 // a hard line break: the line ends there anyway
		}
	case '`':
		return cv.code(s, i, off)
	case '*', '_', '~':
		return cv.emphasis(s, i, off)
	case '!':
		if i+1 < len(s) && s[i+1] == '[' && !cv.label {
			return cv.link(s, i+1, off, true)
		}
	case '[':
		if !cv.label {
			return cv.link(s, i, off, false)
		}
	case '<':
		if cv.label {
			break
		}
		if end := cv.autolink(s, i, off); end > i {
			return end
		}
		if tag, ok := htmlTag(s, i, cv.bg); ok && tag[0] != '/' { // one warning per element, not per closing tag
			cv.issues = append(cv.issues, mdIssue{Off: off + i, Message: "HTML: Zoom shows <" + tag + "> literally; it is sent as written"})
		}
	case '&':
		if text, end, ok := entity(s, i); ok {
			for k := 0; k < len(text); k++ {
				cv.text(text[k], off+i, true)
			}
			return end
		}
	}
	return i
}

// text writes one character the author meant as text.
func (cv *converter) text(c byte, src int, escaped bool) {
	if cv.label && (c == '>' || c == '|') {
		if !cv.replaced {
			cv.replaced = true
			cv.issues = append(cv.issues, mdIssue{Off: src, Message: "link label: Zoom ends a link's label at '>' and splits it at '|', " +
				"so '>' is sent as '" + labelGT + "' and '|' as '" + labelPipe + "' (they look alike); reword the label to avoid them"})
		}
		if c == '>' {
			cv.b.WriteString(labelGT)
		} else {
			cv.b.WriteString(labelPipe)
		}
		return
	}
	if cv.bg.ok() && strings.IndexByte(zoomSpecial, c) >= 0 { // past the budget, verify is skipped
		cv.texts = append(cv.texts, textByte{cv.out(), src, escaped})
	}
	cv.b.WriteByte(c)
}

// code writes a code span as it is (Zoom's code is CommonMark's), or a run
// of backticks that closes nothing as text.
func (cv *converter) code(s string, i, off int) int {
	end, ok := codeSpan(s, i, cv.bg)
	if !ok {
		n := 1
		for i+n < len(s) && s[i+n] == '`' {
			n++
		}
		if cv.depth == 0 {
			cv.dangling = append(cv.dangling, delimRun{'`', n, off + i, true, true})
		}
		for k := range n {
			cv.text('`', off+i+k, false)
		}
		return i + n
	}
	start := cv.out()
	if cv.label && strings.ContainsAny(s[i:end], ">|") {
		for k := i; k < end; k++ {
			if s[k] == '>' || s[k] == '|' {
				cv.text(s[k], off+k, false)
			} else {
				cv.b.WriteByte(s[k])
			}
		}
	} else {
		cv.b.WriteString(s[i:end])
	}
	cv.spans = append(cv.spans, meantSpan{start, cv.out(), '`', off + i})
	return end
}

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
	j1, j2, j3 := cv.closer(s, i+3, c, 1), cv.closer(s, i+3, c, 2), cv.closer(s, i+3, c, 3)
	first := -1
	for _, j := range []int{j1, j2, j3} {
		if j >= 0 && (first < 0 || j < first) {
			first = j
		}
	}
	switch {
	case first < 0:
		return i
	case first == j3:
		return cv.writeSpan(s, i, j3, off, c, 2, 1)
	case first == j1:
		if k := cv.closer(s, j1+1, c, 2); k >= 0 {
			return cv.writeNested(s, i, j1, k, off, c, 2, 1)
		}
	default:
		if k := cv.closer(s, j2+2, c, 1); k >= 0 {
			return cv.writeNested(s, i, j2, k, off, c, 1, 2)
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
		cv.spans = append(cv.spans, meantSpan{innerStart, cv.out(), im, off + i})
	}
	cv.inline(s[j+inner:k], off+j+inner)
	cv.depth--
	if writeOuter {
		cv.b.WriteByte(om)
		cv.spans = append(cv.spans, meantSpan{start, cv.out(), om, off + i})
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
		cv.spans = append(cv.spans, meantSpan{innerStart, cv.out(), im, off + i})
	}
	if writeOuter {
		cv.b.WriteByte(om)
		cv.spans = append(cv.spans, meantSpan{start, cv.out(), om, off + i})
	}
	return j + n
}

func (cv *converter) noteDangling(c byte, n, src int, open, close bool) {
	if cv.depth == 0 && (open || close) {
		cv.dangling = append(cv.dangling, delimRun{c, n, src, open, close})
	}
}

// closer finds the first run of exactly n c's at or after from that can
// close a span, skipping escapes, code spans and nested spans of the same
// run length; -1 if there is none or the budget is spent.
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
		if k-j == n && j > from {
			cv.bg.spend(4) // flanking looks at two characters and classifies them
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

// entity decodes an HTML entity (&amp; &#42; &#x2A;) at s[i] as CommonMark
// does. One that decodes to a control character is left as text.
func entity(s string, i int) (string, int, bool) {
	j := i + 1
	for j < len(s) && j-i <= 32 && (isLetter(s[j]) || (s[j] >= '0' && s[j] <= '9') || (j == i+1 && s[j] == '#')) {
		j++
	}
	if j >= len(s) || s[j] != ';' || j == i+1 {
		return "", 0, false
	}
	raw := s[i : j+1]
	text := html.UnescapeString(raw)
	// html also decodes a known prefix ("&ampx;" -> "&x;"): a real entity is
	// one or two characters.
	if text == raw || utf8.RuneCountInString(text) > 2 || strings.ContainsFunc(text, isControl) {
		return "", 0, false
	}
	return text, j + 1, true
}
