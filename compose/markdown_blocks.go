package compose

import (
	"strings"
)

// CommonMark's block structure inside a message's text, which Zoom's
// dialect has only in part: an indented code block is sent as a ``` code
// block (what Zoom shows as code), a setext heading becomes a bold line as
// an ATX heading does, a thematic break (***) is shown as typed with a
// warning, and link reference definitions ([b]: https://…) are taken out,
// their links written as Zoom's <url|label>. A block starts at the text's
// first line or after a blank line (or after another block that ends
// there); each line is looked at a bounded number of times, so the
// conversion stays linear.

// blockState is what the block reader carries from one line to the next.
type blockState struct {
	started   bool // a line was read: prevBlank below is meaningful
	prevBlank bool // the line before ended a block: a new one may start here
	code      bool // inside an indented code block
	heading   bool // reading the lines of a setext heading
	warned    bool // the setext heading being read has its warning
	setextEnd int  // the line index of that heading's underline
	reset     bool // a block ended: spans left open do not pair across it
}

// blockLine converts one line of a message's text, at line index i, with
// the text after it in rest. It reports whether the line's ending is
// written: a dropped line (an underline, a definition) takes its place.
func (cv *converter) blockLine(bl *blockState, i int, line, rest string, more, cr bool) bool {
	start := !bl.started || bl.prevBlank
	bl.started, bl.reset = true, false
	cv.issues, cv.dangling = cv.issues[:0], cv.dangling[:0]
	blank := isBlank(line)
	switch {
	case bl.code || (start && indentedCode(line)):
		cv.indentedCodeLine(bl, line, rest, more, cr)
		bl.prevBlank = !bl.code
		return true
	case bl.heading && i == bl.setextEnd: // the underline: its ending ends the heading
		bl.heading, bl.prevBlank, bl.reset = false, true, true
		return true
	case bl.heading:
		cv.setextLine(bl, line)
		return i+1 != bl.setextEnd
	case start && !blank && cv.refs != nil && isDefinition(line):
		bl.prevBlank = true // taken out: a paragraph may still start after it
		return false
	case !blank && thematicBreak(line): // it ends a paragraph too (a --- under one is an underline: see setextAhead)
		cv.b.WriteString(line)
		cv.issues = append(cv.issues, mdIssue{Off: 0, Message: "thematic break: Zoom draws no rule in text; it shows " + clip(strings.TrimSpace(line)) +
			" as typed (for a divider, write --- on its own line between blocks)"})
		bl.prevBlank, bl.reset = true, true
		return true
	case start && !blank:
		if k, ok := setextAhead(line, rest); ok {
			bl.heading, bl.warned, bl.setextEnd = true, false, i+k
			cv.setextLine(bl, line)
			return i+1 != bl.setextEnd
		}
	}
	cv.convertLine(line, more)
	bl.prevBlank = blank
	return true
}

// indentedCodeLine writes a line of an indented code block: the block is
// opened with ``` before its first line and closed after its last, and each
// line loses its four spaces of indentation, as CommonMark shows it.
func (cv *converter) indentedCodeLine(bl *blockState, line, rest string, more, cr bool) {
	nl := "\n"
	if cr {
		nl = "\r\n"
	}
	if !bl.code {
		bl.code = true
		cv.b.WriteString("```" + nl)
		cv.issues = append(cv.issues, mdIssue{Off: 0, Note: true,
			Message: "indented code block: sent as a ``` code block (the form zoompose sends code in), without its four spaces of indentation"})
	}
	cv.b.WriteString(line[4:])
	next, _, _ := strings.Cut(rest, "\n")
	if !more || !indentedCode(strings.TrimSuffix(next, "\r")) {
		cv.b.WriteString(nl + "```")
		bl.code, bl.reset = false, true
	}
}

// setextLine writes one line of a setext heading as an ATX heading's line
// is written: bold (each line on its own, since Zoom's spans do not cross
// lines), with one warning per heading.
func (cv *converter) setextLine(bl *blockState, line string) {
	cv.startLine(line, false)
	at := len(line) - len(strings.TrimLeft(line, " \t"))
	msg := ""
	if !bl.warned {
		bl.warned = true
		msg = "heading: Zoom shows a heading underlined with = or - as typed, underline and all; it is sent as bold "
	}
	cv.boldLine(line, strings.TrimSpace(line), at, msg)
	cv.verify()
}

// indentedCode reports a line indented by four spaces or more that is not
// blank: CommonMark's indented code (tabs are left as text).
func indentedCode(line string) bool {
	return strings.HasPrefix(line, "    ") && !isBlank(line)
}

// setextUnderline reports a line of only '=' or only '-' (up to three
// spaces before, blanks after).
func setextUnderline(line string) bool {
	t := strings.TrimRight(line, " \t")
	lead := len(t) - len(strings.TrimLeft(t, " "))
	if lead > 3 || lead == len(t) {
		return false
	}
	t = t[lead:]
	return strings.Trim(t, "=") == "" || strings.Trim(t, "-") == ""
}

// thematicBreak reports CommonMark's thematic break: three or more '*',
// '-' or '_' (all the same), with spaces between them allowed.
func thematicBreak(line string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || t == "" || strings.IndexByte("*-_", t[0]) < 0 {
		return false
	}
	n := 0
	for k := 0; k < len(t); k++ {
		switch t[k] {
		case t[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// setextAhead looks from a paragraph's first line through the rest of the
// paragraph for a setext underline, and returns how many lines below line
// it is. A list item, quote, table row or ATX heading is not a heading's
// text; a blank line, a fence, a heading or a thematic break ends the look.
func setextAhead(line, rest string) (int, bool) {
	if setextUnderline(line) || !headingText(line) {
		return 0, false
	}
	for k := 1; rest != ""; k++ {
		l, after, _ := strings.Cut(rest, "\n")
		l = strings.TrimSuffix(l, "\r")
		switch {
		case setextUnderline(l):
			return k, true
		case isBlank(l) || fenceOpen(l) > 0 || thematicBreak(l) || !headingText(l):
			return 0, false
		}
		rest = after
	}
	return 0, false
}

// headingText reports a line that can be part of a setext heading's text.
func headingText(line string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || t == "" || strings.IndexByte(">|#", t[0]) >= 0 {
		return false
	}
	if _, _, _, ok := heading(t); ok {
		return false
	}
	if len(t) > 1 && strings.IndexByte("-*+", t[0]) >= 0 && (t[1] == ' ' || t[1] == '\t') {
		return false // a list item
	}
	d := 0
	for d < len(t) && t[d] >= '0' && t[d] <= '9' {
		d++
	}
	return !(d > 0 && d < len(t)-1 && (t[d] == '.' || t[d] == ')') && t[d+1] == ' ')
}

// hasBlockMarkup reports whether md has a line the block reader could
// change: indented four spaces, or only '=', '-', '*' or '_' (an
// underline or a thematic break). A definition starts with '[', which the
// inline check already sees.
func hasBlockMarkup(md string) bool {
	for md != "" {
		line, rest, _ := strings.Cut(md, "\n")
		line = strings.TrimSuffix(line, "\r")
		if indentedCode(line) || setextUnderline(line) || thematicBreak(line) {
			return true
		}
		md = rest
	}
	return false
}

// linkRefs are a card's link reference definitions: label (normalised) to
// destination.
type linkRefs map[string]string

// refLabel is CommonMark's label matching: case-insensitive, runs of
// whitespace as one space.
func refLabel(label string) string { return strings.ToLower(strings.Join(strings.Fields(label), " ")) }

func (r linkRefs) get(label string) (string, bool) {
	if r == nil || strings.TrimSpace(label) == "" {
		return "", false
	}
	d, ok := r[refLabel(label)]
	return d, ok
}

// definition reads a link reference definition line:
// [label]: destination "optional title".
func definition(line string) (label, dest string, ok bool) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || !strings.HasPrefix(t, "[") {
		return "", "", false
	}
	end := strings.Index(t, "]:")
	if end < 2 || strings.ContainsAny(t[1:end], "[]") {
		return "", "", false
	}
	label, rest := t[1:end], strings.TrimLeft(t[end+2:], " \t")
	if rest == "" {
		return "", "", false
	}
	var after string
	if rest[0] == '<' {
		k := strings.IndexByte(rest, '>')
		if k < 0 {
			return "", "", false
		}
		dest, after = rest[1:k], rest[k+1:]
	} else {
		k := strings.IndexAny(rest, " \t")
		if k < 0 {
			k = len(rest)
		}
		dest, after = rest[:k], rest[k:]
	}
	after = strings.TrimSpace(after)
	if after != "" {
		if len(after) < 2 || strings.IndexByte(`"'(`, after[0]) < 0 {
			return "", "", false
		}
		closing := after[0]
		if closing == '(' {
			closing = ')'
		}
		if after[len(after)-1] != closing {
			return "", "", false
		}
	}
	return label, unescape(dest), dest != ""
}

func isDefinition(line string) bool {
	_, _, ok := definition(line)
	return ok
}

// collectRefs finds the link reference definitions in card source: lines
// outside fenced blocks, and inside ```message and ```section blocks, whose
// text is Markdown. The first definition of a label wins, as in CommonMark.
func collectRefs(lines []string) linkRefs {
	var refs linkRefs
	fence := 0
	var open []int // the fences of the open ```message and ```section blocks
	for _, line := range lines {
		if fence > 0 {
			if isFenceClose(line, fence) {
				fence = 0
			}
			continue
		}
		if n := fenceOpen(line); n > 0 {
			kind, _, _ := strings.Cut(strings.TrimSpace(line[n:]), " ")
			switch k := strings.ToLower(kind); {
			case k == "" && len(open) > 0 && isFenceClose(line, open[len(open)-1]):
				open = open[:len(open)-1]
			case k == "message" || k == "section":
				open = append(open, n)
			default:
				fence = n
			}
			continue
		}
		if label, dest, ok := definition(line); ok {
			if refs == nil {
				refs = linkRefs{}
			}
			if _, seen := refs[refLabel(label)]; !seen {
				refs[refLabel(label)] = dest
			}
		}
	}
	return refs
}
