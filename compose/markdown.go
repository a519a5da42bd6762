package compose

import (
	"cmp"
	"strings"
	"sync"
)

// Zoom's chatbot markdown (facts.md §2) is Slack-like: *bold*, _italic_,
// ~strike~, `code`, <url|label>. Authors write CommonMark instead. The
// converters are small hand-written scanners (this runs on every debounced
// keystroke, so no Markdown library): CommonMark's rules for emphasis
// (delimiter runs that open and close by what surrounds them), code spans,
// links, autolinks, escapes and entities, one line at a time, since Zoom's
// spans are taken not to cross a line (zoompose's conservative reading: no
// source in facts.md says either way); a message's block structure
// (indented code, setext headings…) is read around that (markdown_blocks.go).
//
// The conversion is exact or it says so: after a line is converted, the
// result is read back the way Zoom reads it (the same scanner the preview
// uses, see NextZoomSpan), and every difference between the spans the
// author meant and the spans Zoom will show is an issue at its column — a
// backslash-escaped * that Zoom will read as bold anyway (Zoom has no
// escape), italics inside a word, nesting Zoom cannot express. See
// docs/card-source.md, "Markdown: what converts, what warns, and why".

// mdIssue is something in the author's Markdown that Zoom will not show as
// the author meant. Off is the byte offset in the source line.
type mdIssue struct {
	Off     int
	Message string
	Note    bool // only informative (e.g. a hard line break), not a warning
}

// MarkdownToZoom converts CommonMark text (a message's) to Zoom's dialect.
// Headings (ATX and setext) become bold lines, images become links, an
// indented code block becomes a ``` code block; tables, HTML, lists and
// quotes are sent as written. A line ending (\n or \r\n) is kept as it is.
func MarkdownToZoom(md string) string {
	out, _, _ := convertCollecting(md, convertOptions{blocks: true})
	return out
}

// mdSpecial are the bytes that can start anything the converter changes.
const mdSpecial = "\\*_~`[<#|!&"

// convertOptions say what a conversion reads.
type convertOptions struct {
	linksOnly bool // a section footer: only links, escapes and entities
	collect   bool // list the constructs found (markdown off: see markdownConstructs)
	// blocks reads CommonMark's block structure as a message's text has it:
	// indented code, setext headings, thematic breaks, link reference
	// definitions. A head or a field value is one inline text.
	blocks bool
	refs   linkRefs // the card's link reference definitions
	// wayOut is the advice for Zoom markup the author did not mean; empty
	// means noMarkdownWayOut (a message's text).
	wayOut string
}

// markdownToZoom converts a message's text line by line and reports issues
// with the line index and byte offset where they occur.
func markdownToZoom(md string, o convertOptions) (string, []lineIssue) {
	out, issues, _ := convertCollecting(md, o)
	return out, issues
}

// footerMarkdownToZoom converts a section footer, where Zoom applies only
// the link style (facts.md §2.1): links, autolinks, escapes and entities are
// converted, and emphasis and code are sent as typed, which is how Zoom
// shows them there.
func footerMarkdownToZoom(md string) string {
	out, _, _ := convertCollecting(md, convertOptions{linksOnly: true})
	return out
}

// inlineMarkdownToZoom converts one inline text (a head, a field value).
func inlineMarkdownToZoom(md string) string {
	out, _, _ := convertCollecting(md, convertOptions{})
	return out
}

// markdownConstructs lists the Markdown constructs in md that the
// converter would change (emphasis, code, links, escapes…), in order: what
// Zoom shows as written when markdown is off.
func markdownConstructs(md string) []construct {
	_, _, found := convertCollecting(md, convertOptions{collect: true})
	return found
}

func convertCollecting(md string, o convertOptions) (string, []lineIssue, []construct) {
	if !strings.ContainsAny(md, mdSpecial) && (!o.blocks || !hasBlockMarkup(md)) {
		return md, nil, nil // the common case: plain text, no allocation
	}
	var b strings.Builder
	b.Grow(len(md) + 8)
	var issues []lineIssue
	cv := converters.Get().(*converter)
	defer converters.Put(cv)
	cv.b, cv.linksOnly, cv.collect, cv.found, cv.refs = &b, o.linksOnly, o.collect, nil, o.refs
	cv.wayOut = cmp.Or(o.wayOut, noMarkdownWayOut)
	defer func() { cv.b, cv.linksOnly, cv.collect, cv.found, cv.refs = nil, false, false, nil, nil }()
	var cross crossLines
	var bl blockState
	fence := 0 // the backtick count of the open code block, 0 outside one
	for i := 0; ; i++ {
		line, rest, more := strings.Cut(md, "\n")
		line, cr := strings.CutSuffix(line, "\r")
		ending := true // write the line's ending (a dropped line may not)
		switch {
		case o.linksOnly:
			cv.convertLine(line, more)
		case fence > 0:
			// A fenced code block inside a text (a ```message holding one) is
			// sent as written, as Markdown shows it.
			b.WriteString(line)
			if isFenceClose(line, fence) {
				fence = 0
			}
			cv.issues, cv.dangling = cv.issues[:0], cv.dangling[:0]
		case fenceOpen(line) > 0:
			cv.lineNo = i
			cv.saw(constructCodeBlock, 0, len(line))
			b.WriteString(line)
			fence = fenceOpen(line)
			cross = crossLines{}
			cv.issues, cv.dangling = cv.issues[:0], cv.dangling[:0]
			bl.prevBlank = true
		case o.blocks:
			cv.lineNo = i
			ending = cv.blockLine(&bl, i, line, rest, more, cr)
			if bl.reset {
				cross = crossLines{}
			}
		default:
			cv.lineNo = i
			cv.convertLine(line, more)
		}
		if ending {
			if cr {
				b.WriteByte('\r')
			}
			if more {
				b.WriteByte('\n')
			}
		}
		for _, is := range cv.issues {
			issues = append(issues, lineIssue{Line: i, mdIssue: is})
		}
		issues = cross.add(i, cv.dangling, issues)
		md = rest
		if !more {
			break
		}
	}
	return b.String(), issues, cv.found
}

// converters are reused: a converter carries its first buffers with it.
var converters = sync.Pool{New: func() any { return new(converter) }}

type lineIssue struct {
	Line int
	mdIssue
}

// heading recognises an ATX heading "# Title" (1–6 hashes and a space) and
// returns the title without an optional closing sequence ("## Title ##"),
// and where the title starts in the line.
func heading(line string) (level int, title string, at int, ok bool) {
	for level < len(line) && line[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || level >= len(line) || (line[level] != ' ' && line[level] != '\t') {
		return 0, "", 0, false
	}
	rest := line[level:]
	at = level + len(rest) - len(strings.TrimLeft(rest, " \t"))
	title = strings.TrimRight(line[at:], " \t")
	if closed := strings.TrimRight(title, "#"); closed != title && (closed == "" || strings.HasSuffix(closed, " ") || strings.HasSuffix(closed, "\t")) {
		title = strings.TrimRight(closed, " \t")
	}
	return level, title, at, title != ""
}

func isTableRow(line string) bool {
	t := strings.TrimSpace(line)
	return len(t) > 1 && t[0] == '|' && strings.Count(t, "|") >= 2
}

// budget bounds the work the span scanners do on one line: 8 steps per byte
// of the line, plus 4096, where a step is one byte a scanner loop looks at or
// eight bytes a strings.Index looks at (it is that much faster). Real
// Markdown stays far inside it; a hostile line (thousands of `*` or `[` that
// never close, each sending a scan to the end of the line, or spans nested
// thousands deep) spends it, and the rest of the line is then taken as
// written. So converting a line costs time linear in its length, and the
// result is still a function of the line alone.
type budget struct{ left int }

func newBudget(line string) *budget { return &budget{left: 8*len(line) + 4096} }

// ok reports whether the budget still holds.
func (bg *budget) ok() bool { return bg.left >= 0 }

// spend charges n steps and reports whether the budget still holds.
func (bg *budget) spend(n int) bool {
	bg.left -= n
	return bg.left >= 0
}

// index is strings.Index, charged for the bytes it looks at.
func (bg *budget) index(s, sub string) int {
	k := strings.Index(s, sub)
	bg.charge(s, k)
	return k
}

// indexByte is strings.IndexByte, charged for the bytes it looks at.
func (bg *budget) indexByte(s string, c byte) int {
	k := strings.IndexByte(s, c)
	bg.charge(s, k)
	return k
}

// charge spends what a search of s that found k (-1: nothing) cost.
func (bg *budget) charge(s string, k int) {
	if k < 0 {
		k = len(s)
	}
	bg.spend(k/8 + 1)
}

// codeSpan returns the end of a backtick code span starting at i.
func codeSpan(s string, i int, bg *budget) (int, bool) {
	if !bg.ok() {
		return 0, false
	}
	n := 0
	for i+n < len(s) && s[i+n] == '`' {
		n++
	}
	bg.spend(n)
	fence := s[i : i+n]
	for j := i + n; j < len(s); {
		k := bg.index(s[j:], fence)
		if !bg.spend(0) {
			return 0, false
		}
		if k < 0 {
			return 0, false
		}
		k += j
		m := 0
		for k+m < len(s) && s[k+m] == '`' {
			m++
		}
		if m == n && k > i+n {
			return k + n, true
		}
		j = k + m
	}
	return 0, false
}

func htmlTag(s string, i int, bg *budget) (string, bool) {
	if !bg.ok() {
		return "", false
	}
	j := i + 1
	if j < len(s) && s[j] == '/' {
		j++
	}
	start := j
	for j < len(s) && (isLetter(s[j]) || (j > start && s[j] >= '0' && s[j] <= '9')) {
		j++
	}
	if j == start || j >= len(s) || !(s[j] == '>' || s[j] == ' ' || s[j] == '/') {
		return "", false
	}
	return s[i+1 : j], bg.indexByte(s[j:], '>') >= 0 && bg.ok()
}

func unescape(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~')
}

func isLetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

func isWordByte(c byte) bool { return isLetter(c) || (c >= '0' && c <= '9') || c >= 0x80 }
