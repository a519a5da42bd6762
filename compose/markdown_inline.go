package compose

import (
	"html"
	"strings"
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

	label     bool     // converting a link label: no links, '>' and '|' replaced
	bold      bool     // inside a heading, which is bold already: strong writes no markers
	hardBreak bool     // another line follows: a final backslash is a hard line break
	depth     int      // how deep in spans: dangling runs are only noted at depth 0
	replaced  bool     // a '>' or '|' in the current label was replaced (reported once)
	unchecked bool     // the line has more to check than maxChecked: verify skips it
	linksOnly bool     // a section footer: only links (and escapes, entities) convert
	refs      linkRefs // the card's link reference definitions ([a][b])
	wayOut    string   // the advice for Zoom markup the author did not mean
	risky     bool     // a URL holds a character Zoom formats: verify must read the line

	// collect asks for every construct converted to be listed in found (for
	// markdown off, which sends none of them converted: see
	// markdownConstructs); lineNo is the line being converted.
	collect bool
	found   []construct
	lineNo  int
}

// saw lists the construct at source offsets [start, end) of the line, when
// the converter collects them.
func (cv *converter) saw(kind constructKind, start, end int) {
	if cv.collect && len(cv.found) < maxChecked {
		cv.found = append(cv.found, construct{kind: kind, line: cv.lineNo, start: start, end: end})
	}
}

// maxChecked bounds what one line records for verify and the check across
// lines: a line of ten thousand '|' or lone '*' is sent as converted, unchecked,
// rather than costing memory in proportion.
const maxChecked = 4096

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

// Byte classes for the inline scanner: a byte that may start a construct
// (mdSpecial), or one of zoomSpecial, which verify must know about.
const (
	startsConstruct = 1 << iota
	isZoomSpecial
)

var inlineClass = func() (t [256]uint8) {
	for _, c := range []byte(mdSpecial) {
		t[c] |= startsConstruct
	}
	for _, c := range []byte(zoomSpecial) {
		t[c] |= isZoomSpecial
	}
	return t
}()

// Replacements for the two characters a link label cannot hold in Zoom's
// <url|label>: the label ends at the first '>', and a second '|' is
// unverified. They look alike and keep the link whole.
const (
	labelGT   = "›" // U+203A
	labelPipe = "∣" // U+2223
)

func (cv *converter) out() int { return cv.b.Len() - cv.base }

// startLine readies cv to write one line into cv.b: its budget, and no
// spans, texts or issues from the line before. hardBreak says another line
// follows (a final backslash is a hard line break).
func (cv *converter) startLine(line string, hardBreak bool) {
	cv.base = cv.b.Len()
	cv.line = budget{left: 8*len(line) + 4096} // see newBudget
	cv.bg = &cv.line
	if cv.spans == nil {
		cv.spans, cv.texts, cv.read = cv.spanBuf[:0], cv.textBuf[:0], cv.readBuf[:0]
	}
	cv.issues, cv.spans, cv.texts, cv.dangling = cv.issues[:0], cv.spans[:0], cv.texts[:0], cv.dangling[:0]
	cv.hardBreak, cv.unchecked, cv.risky = hardBreak, false, false
}

// convertLine converts one line (without its line ending) into cv.b.
func (cv *converter) convertLine(line string, more bool) {
	cv.startLine(line, more)
	if cv.linksOnly {
		cv.inline(line, 0) // Zoom reads nothing but links here: nothing to verify
		return
	}
	if _, title, at, ok := heading(line); ok {
		cv.saw(constructHeading, 0, len(line))
		cv.boldLine(line, title, at, "heading: Zoom shows '"+strings.TrimSpace(line)+"' literally; it is sent as bold ")
	} else {
		cv.inline(line, 0)
	}
	if isTableRow(line) {
		cv.issues = append(cv.issues, mdIssue{Off: 0, Message: "table: Zoom does not render tables; the row is sent as plain text with its pipes"})
	}
	cv.verify()
}

// boldLine writes a heading's title (at source offset at of line) as a
// bold line, and warns with msg followed by what was written (no warning
// when msg is empty).
func (cv *converter) boldLine(line, title string, at int, msg string) {
	start := cv.out()
	cv.b.WriteByte('*')
	cv.bold = true
	cv.depth++
	cv.inline(title, at)
	cv.depth--
	cv.bold = false
	cv.b.WriteByte('*')
	record(cv, &cv.spans, meantSpan{start, cv.out(), '*', 0})
	if msg != "" {
		cv.issues = append(cv.issues, mdIssue{Off: 0, Message: msg + cv.b.String()[cv.base+start:]})
	}
}

// inline converts s, which starts at source offset off of the line.
func (cv *converter) inline(s string, off int) {
	for i := 0; i < len(s); {
		if plain := plainRun(s[i:]); plain > 0 { // most of a line: copied as it is
			cv.b.WriteString(s[i : i+plain])
			i += plain
			continue
		}
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
			cv.saw(constructEscape, off+i, off+i+2)
			cv.text(s[i+1], off+i, true)
			return i + 2
		}
		if i+1 == len(s) && cv.hardBreak && cv.depth == 0 {
			cv.saw(constructHardBreak, off+i, off+i+1)
			return i + 1 // a hard line break: the line ends there anyway
		}
	case '`':
		if !cv.linksOnly {
			return cv.code(s, i, off)
		}
	case '*', '_', '~':
		if !cv.linksOnly {
			return cv.emphasis(s, i, off)
		}
	case '!':
		if i+1 < len(s) && s[i+1] == '[' && !cv.label {
			return cv.link(s, i+1, off, true)
		}
		if i+1 < len(s) && s[i+1] == '[' && cv.label {
			cv.imageInLabel(s, i, off)
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
		if end := cv.htmlComment(s, i, off); end > i {
			return end
		}
		if tag, ok := htmlTag(s, i, cv.bg); ok && tag[0] != '/' { // one warning per element, not per closing tag
			cv.issues = append(cv.issues, mdIssue{Off: off + i, Message: "HTML: Zoom shows <" + tag + "> literally; it is sent as written"})
		}
	case '&':
		if text, end, ok := entity(s, i); ok {
			cv.saw(constructEntity, off+i, off+end)
			for k := 0; k < len(text); k++ {
				cv.text(text[k], off+i, true)
			}
			return end
		}
	}
	return i
}

// imageInLabel warns about an image inside a link's label (s[i] is its
// '!'): Zoom's label is text, so the image's Markdown shows as typed.
func (cv *converter) imageInLabel(s string, i, off int) {
	e, ok := linkLabelEnd(s, i+1, cv.bg)
	if !ok || e+1 >= len(s) || s[e+1] != '(' {
		return
	}
	if _, _, end, ok := linkDestination(s, e+2, cv.bg); ok {
		cv.issues = append(cv.issues, mdIssue{Off: off + i, Message: "image in a link label: Zoom's link labels are plain text, so it shows " +
			clip(s[i:end]) + " as typed; write the image's alt text instead"})
	}
}

// htmlComment warns about an HTML comment <!-- … --> at s[i] (closed on
// the line), which CommonMark hides and Zoom shows as typed, and writes it
// as written. It returns the index after it, or i when there is none.
func (cv *converter) htmlComment(s string, i, off int) int {
	if !strings.HasPrefix(s[i:], "<!--") || !cv.bg.ok() {
		return i
	}
	k := cv.bg.index(s[i+4:], "-->")
	if k < 0 {
		return i
	}
	end := i + 4 + k + 3
	cv.issues = append(cv.issues, mdIssue{Off: off + i, Message: "HTML comment: Markdown hides it, but Zoom shows " + clip(s[i:end]) +
		" as typed; it is sent as written (remove it to hide it)"})
	for k := i; k < end; k++ {
		cv.text(s[k], off+k, false)
	}
	return end
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
	if inlineClass[c]&isZoomSpecial != 0 {
		record(cv, &cv.texts, textByte{cv.out(), src, escaped})
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
		cv.noteDangling('`', n, off+i, true, true)
		for k := range n {
			cv.text('`', off+i+k, false)
		}
		return i + n
	}
	cv.saw(constructCode, off+i, off+end)
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
	record(cv, &cv.spans, meantSpan{start, cv.out(), '`', off + i})
	return end
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

// record appends v to what the line keeps for verify, up to maxChecked
// entries while the budget holds; past that the line is left unchecked.
func record[T any](cv *converter, list *[]T, v T) {
	if len(*list) >= maxChecked || !cv.bg.ok() {
		cv.unchecked = true
		return
	}
	*list = append(*list, v)
}

// plainRun is how many bytes at the start of s neither start a construct nor
// mean anything to Zoom.
func plainRun(s string) int {
	for i := 0; i < len(s); i++ {
		if inlineClass[s[i]] != 0 {
			return i
		}
	}
	return len(s)
}
