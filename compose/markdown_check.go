package compose

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// readSpan is a span as Zoom reads it: output offsets [start, end) and its
// mark.
type readSpan struct {
	start, end int
	mark       byte
}

// zoomRead lists the spans Zoom reads in s (s starts at offset base of the
// line): each span NextZoomSpan finds, and the spans inside an emphasis or a
// link's label.
func zoomRead(s string, base int, bg *budget, out []readSpan) []readSpan {
	for s != "" && bg.ok() {
		sp, ok := nextZoomSpan(s, bg)
		if !ok {
			break
		}
		out = append(out, readSpan{base + sp.Start, base + sp.End, sp.Mark})
		switch sp.Mark {
		case '*', '_', '~':
			out = zoomRead(s[sp.Start+1:sp.End-1], base+sp.Start+1, bg, out)
		case '<':
			body := s[sp.Start+1 : sp.End-1]
			if k := strings.IndexByte(body, '|'); k >= 0 {
				out = zoomRead(body[k+1:], base+sp.Start+2+k, bg, out)
			}
		}
		base += sp.End
		s = s[sp.End:]
	}
	return out
}

// maxReadIssues is how many differences between what was meant and what
// Zoom reads one line reports: a line of a thousand escaped stars is one
// problem, not a thousand.
const maxReadIssues = 3

// verify reads the converted line as Zoom does and reports every span the
// author did not mean (an escaped character Zoom formats anyway) and every
// span meant that Zoom will not show (italics inside a word, nesting Zoom
// cannot say). A line whose budget ran out is not checked: its reading would
// be cut short, and a wrong warning is worse than none.
func (cv *converter) verify() {
	if (len(cv.spans) == 0 && len(cv.texts) == 0) || !cv.bg.ok() || cv.unchecked {
		return
	}
	line := cv.b.String()[cv.base:]
	if cv.plainlyRead(line) {
		return
	}
	bg := newBudget(line)
	read := zoomRead(line, 0, bg, cv.read[:0])
	cv.read = read
	if !bg.ok() {
		return
	}
	meant := cv.spans
	slices.SortFunc(meant, func(a, b meantSpan) int { return spanOrder(a.start, a.end, a.mark, b.start, b.end, b.mark) })
	slices.SortFunc(read, func(a, b readSpan) int { return spanOrder(a.start, a.end, a.mark, b.start, b.end, b.mark) })
	reported := 0
	report := func(is mdIssue, ok bool) {
		if ok && reported < maxReadIssues {
			cv.issues = append(cv.issues, is)
			reported++
		}
	}
	i, j := 0, 0
	for i < len(meant) || j < len(read) {
		var order int
		switch {
		case i == len(meant):
			order = 1
		case j == len(read):
			order = -1
		default:
			m, r := meant[i], read[j]
			order = spanOrder(m.start, m.end, m.mark, r.start, r.end, r.mark)
		}
		switch {
		case order < 0:
			report(cv.notRead(meant[i], line), true)
			i++
		case order > 0:
			report(cv.misread(read[j], line))
			j++
		default:
			i++
			j++
		}
	}
}

// plainlyRead reports, without reading the line, that Zoom can only read it
// as meant: no special character written as text, nothing special in a
// link's URL, no italics at a word's edge, and no span touching or holding
// one of its own kind. Most lines with formatting are like that, and the
// reading would only agree (FuzzPlainlyRead checks that it does).
func (cv *converter) plainlyRead(line string) bool {
	if len(cv.texts) > 0 || cv.risky || len(cv.spans) > 16 {
		return false
	}
	for k, m := range cv.spans {
		before, after := byte(' '), byte(' ')
		if m.start > 0 {
			before = line[m.start-1]
		}
		if m.end < len(line) {
			after = line[m.end]
		}
		if before == m.mark || after == m.mark || (m.mark == '_' && (isWordByte(before) || isWordByte(after))) {
			return false
		}
		for _, o := range cv.spans[k+1:] {
			if o.mark == m.mark && o.start < m.end && m.start < o.end {
				return false
			}
		}
	}
	return true
}

func spanOrder(as, ae int, am byte, bs, be int, bm byte) int {
	return cmp.Or(cmp.Compare(as, bs), cmp.Compare(be, ae), cmp.Compare(am, bm))
}

// markName is what a reader sees a span as.
func markName(mark byte) string {
	switch mark {
	case '*':
		return "bold"
	case '_':
		return "italics"
	case '~':
		return "strikethrough"
	case '`':
		return "code"
	}
	return "a link"
}

// noMarkdownWayOut is how to show Zoom's special characters as typed.
const noMarkdownWayOut = "to show the characters as typed, write the text in a ```message no-markdown block " +
	"(sent as written, with markdown off)"

// messageBlockWayOut is noMarkdownWayOut for text already in a ```message
// block.
const messageBlockWayOut = "to show the characters as typed, add no-markdown to this block's fence " +
	"(```message no-markdown: sent as written, with markdown off)"

// noElementSwitch is the way out for text that has no markdown flag of its
// own (a head, a field value): only the whole card's can be turned off.
func noElementSwitch(what string) string {
	return what + " has no markdown switch of its own, so it cannot be kept literal while the card has markdown on; " +
		"to show the characters as typed, send the whole card with markdown off (--no-markdown, or the send form's markdown toggle)"
}

// misread explains a span Zoom reads that the author did not mean. It
// starts at a character written as text; ok is false when it starts at a
// delimiter of a span that was meant (notRead reports that one).
func (cv *converter) misread(r readSpan, line string) (mdIssue, bool) {
	k, found := slices.BinarySearchFunc(cv.texts, r.start, func(t textByte, out int) int { return cmp.Compare(t.out, out) })
	if !found {
		return mdIssue{}, false
	}
	t := cv.texts[k]
	what := clip(line[r.start:r.end])
	if t.escaped {
		return mdIssue{Off: t.src, Message: "Zoom has no escape for " + strconv.Quote(string(line[r.start])) + ": it reads " + what +
			" as " + markName(r.mark) + "; " + cmp.Or(cv.wayOut, noMarkdownWayOut)}, true
	}
	return mdIssue{Off: t.src, Message: "Zoom reads " + what + " as " + markName(r.mark) + ", which the Markdown does not mean; " +
		cmp.Or(cv.wayOut, noMarkdownWayOut)}, true
}

// notRead explains a span the author meant that Zoom will not show.
func (cv *converter) notRead(m meantSpan, line string) mdIssue {
	what := clip(line[m.start:m.end])
	if m.mark == '_' && ((m.start > 0 && isWordByte(line[m.start-1])) || (m.end < len(line) && isWordByte(line[m.end]))) {
		return mdIssue{Off: m.src, Message: "Zoom does not format italics inside a word: it shows " + what +
			" with its underscores; put a space or punctuation around the span"}
	}
	return mdIssue{Off: m.src, Message: "Zoom will not show " + what + " as " + markName(m.mark) +
		" (it reads the markers differently here, e.g. a span nested in one of the same kind): it shows the markers as typed"}
}

// crossLines pairs delimiter runs left open on one line of a paragraph with
// their closers on a later line: CommonMark makes a span of them, and Zoom is
// taken not to (zoompose's conservative reading, unverified: see markdown.go).
type crossLines struct{ open []pendingRun }

type pendingRun struct {
	delimRun
	line int
}

// maxCrossRun is the longest backtick run paired across lines (longer runs
// are rare, and pairing them costs a search each).
const maxCrossRun = 3

func (cl *crossLines) add(line int, runs []delimRun, issues []lineIssue) []lineIssue {
	for _, r := range runs {
		if r.n > maxCrossRun {
			continue
		}
		k := slices.IndexFunc(cl.open, func(p pendingRun) bool { return p.c == r.c && p.n == r.n })
		if r.close && k >= 0 && cl.open[k].line < line {
			p := cl.open[k]
			cl.open = slices.Delete(cl.open, k, k+1)
			issues = append(issues, lineIssue{Line: p.line, mdIssue: mdIssue{Off: p.src, Message: crossMessage(p, line-p.line)}})
			continue
		}
		if r.open && k < 0 {
			cl.open = append(cl.open, pendingRun{r, line})
		}
	}
	return issues
}

func crossMessage(p pendingRun, below int) string {
	kind := "italics"
	switch {
	case p.c == '`':
		kind = "code"
	case p.c == '~':
		kind = "strikethrough"
	case p.n == 2:
		kind = "bold"
	case p.n == 3:
		kind = "bold italics"
	}
	lines := "1 line"
	if below > 1 {
		lines = strconv.Itoa(below) + " lines"
	}
	marker := strings.Repeat(string(p.c), p.n)
	return strconv.Quote(marker) + " opens " + kind + " that closes " + lines + " below: Zoom's formatting is taken not to cross lines (zoompose's cautious reading, unverified), " +
		"so it shows both " + marker + " as typed; close it at the end of this line and open it again on the next"
}
