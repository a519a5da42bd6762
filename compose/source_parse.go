package compose

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The card source (docs/card-source.md): an optional front matter between
// "---" lines, then blocks separated by blank lines. A paragraph is a message
// element; "---" alone is a divider; a fenced block ```kind attrs… is the
// element named by kind.

// position is a 0-based line and rune column in the source.
type position struct{ line, col int }

type parser struct {
	lines []string
	diags []Diagnostic
	pos   map[string]position // element path ("body[2].items[0]") -> where it was written
	c     Content

	presentBody bool            // a ```content block said "body": []
	inSection   int             // how many ```section blocks enclose the block being parsed
	refused     map[string]bool // sections with a block that was refused (not also "empty")

	unkept, unkeptErrors int // diagnostics only counted (see report)

	mention     *position // the first @mention in text Zoom reads as markdown
	mentionText string

	mode    MarkdownMode // MarkdownOff: text is kept as written (see zoomText)
	refs    linkRefs     // the card's link reference definitions
	literal literalSeen  // the constructs already reported as shown literally
}

// Parse reads card source into the content model. It never fails: every
// problem is a Diagnostic (sorted by position), and what could be understood
// is in the returned Content. Text is converted to Zoom's markdown dialect.
// A leading UTF-8 byte order mark is skipped. Text that is binary or over
// MaxInputBytes is refused whole (one Error, an empty Content); invalid UTF-8
// and control characters are Errors at their line and column, and the rest
// of the card is still parsed for the preview (bad bytes shown as U+FFFD).
func Parse(source string) (Content, []Diagnostic) { return ParseAs(source, MarkdownAuto) }

// ParseAs is Parse in a markdown mode: with MarkdownOff no text is
// converted, and each Markdown construct that Zoom will show as written is
// a warning instead (one per kind per block); the diagnostics about
// is_markdown_support follow the mode (see MarkdownMode.Support).
func ParseAs(source string, mode MarkdownMode) (Content, []Diagnostic) {
	source = StripBOM(source)
	text, fatal := checkText(source, true)
	if fatal {
		return Content{}, text
	}
	if !utf8.ValidString(source) {
		// Reported above; JSON strings are UTF-8, so the preview shows U+FFFD.
		source = strings.ToValidUTF8(source, "\uFFFD")
	}
	p := parser{lines: splitLines(source), pos: make(map[string]position, 64), diags: text, mode: mode}
	if strings.Contains(source, "]:") { // a card without a definition costs no scan
		p.refs = collectRefs(p.lines)
	}
	start := p.frontMatter()
	p.c.Body = p.blocks(start, len(p.lines), "body", true)
	if p.c.Body == nil && p.presentBody {
		p.c.Body = []Element{}
	}
	for _, d := range validateAt(p.c, p.locate, mode) {
		if !(p.refused[d.Path] && d.Message == sectionEmptyMessage) {
			p.diags = append(p.diags, d)
		}
	}
	p.mentionCheck()
	slices.SortStableFunc(p.diags, func(a, b Diagnostic) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
	return p.c, capDiagnostics(p.diags, p.unkept, p.unkeptErrors)
}

func splitLines(s string) []string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// report records a problem. Past 10 times what is shown, problems are only
// counted: a hostile card may have one per line.
func (p *parser) report(sev Severity, line, col int, msg string) {
	if !p.saturated(sev) {
		p.diags = append(p.diags, Diagnostic{Line: line + 1, Col: col + 1, Severity: sev, Message: msg})
	}
}

// saturated counts a problem of severity sev instead of keeping it when
// enough are kept already. Callers that build a costly message ask first.
func (p *parser) saturated(sev Severity) bool {
	if len(p.diags) < 10*maxDiagnostics {
		return false
	}
	p.unkept++
	if sev == Error {
		p.unkeptErrors++
	}
	return true
}

func (p *parser) errorAt(line, col int, msg string) { p.report(Error, line, col, msg) }
func (p *parser) warnAt(line, col int, msg string)  { p.report(Warning, line, col, msg) }

func (p *parser) at(path string, line, col int) {
	if p.full() {
		return
	}
	p.pos[path] = position{line, col}
	if len(p.pos) == maxParts {
		p.errorAt(line, col, fmt.Sprintf("the card has more than %d elements and items: its content JSON would be over %s; "+
			"split it into several messages (zoompose stops reading it here)", maxParts, sizeText(MaxContentBytes)))
	}
}

// maxParts is how many elements, items and styled parts a card can have and
// still fit in MaxContentBytes: each writes at least 8 bytes of JSON.
const maxParts = MaxContentBytes / 8

// full reports that the card has more parts than can fit in MaxContentBytes:
// the parser stops reading blocks and items, so a hostile card of 100,000
// one-line blocks costs no more than one that fits.
func (p *parser) full() bool { return len(p.pos) >= maxParts }

// locate finds where path (or its nearest recorded parent) was written.
func (p *parser) locate(path string) (line, col int, ok bool) {
	for path != "" {
		if at, found := p.pos[path]; found {
			return at.line + 1, at.col + 1, true
		}
		cut := strings.LastIndexAny(path, ".[")
		if cut < 0 {
			break
		}
		path = path[:cut]
	}
	return 0, 0, false
}

// zoomText converts Markdown written at (line, col) to Zoom's dialect,
// warning about constructs Zoom will not render; o says whether the text is
// a message's (blocks) and how to show Zoom's markup as typed there. With markdown off it
// returns md as written and warns about the constructs Zoom will show so.
func (p *parser) zoomText(md string, line, col int, o convertOptions) string {
	p.noteMention(md, line, col)
	if !p.mode.converts() {
		p.literalMarkdown(md, line, col)
		return md
	}
	o.refs = p.refs
	out, issues := markdownToZoom(md, o)
	for _, is := range issues {
		src := p.lineText(line + is.Line)
		c := 0
		if is.Line == 0 {
			c = col
			src = src[min(len(src), byteOffset(src, col)):]
		}
		c += utf8.RuneCountInString(src[:min(len(src), is.Off)])
		sev := Warning
		if is.Note {
			sev = Note
		}
		p.report(sev, line+is.Line, c, is.Message)
	}
	return out
}

func (p *parser) lineText(i int) string {
	if i < 0 || i >= len(p.lines) {
		return ""
	}
	return p.lines[i]
}

// byteOffset is the byte offset of rune column col in s.
func byteOffset(s string, col int) int {
	for i := range s {
		if col == 0 {
			return i
		}
		col--
	}
	return len(s)
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

func isDividerLine(s string) bool { return strings.TrimRight(s, " \t") == "---" }

// fenceOpen reports the backtick count of a fence opener line ("```kind …").
func fenceOpen(line string) int {
	n := 0
	for n < len(line) && line[n] == '`' {
		n++
	}
	if n < 3 || strings.Contains(line[n:], "`") {
		return 0
	}
	return n
}

// closingFence finds the line closing the block opened at open with n
// backticks. A section holds card source, so inside it a fence with a kind
// opens a nested block whose own closing fence is skipped.
func (p *parser) closingFence(open, to, n int, nested bool) int {
	var inner []int // fence lengths of the open nested blocks
	for end := open + 1; end < to; end++ {
		line := p.lines[end]
		m := fenceOpen(line)
		switch {
		case nested && m > 0 && !isBlank(line[m:]):
			inner = append(inner, m)
		case len(inner) > 0 && isFenceClose(line, inner[len(inner)-1]):
			inner = inner[:len(inner)-1]
		case isFenceClose(line, n):
			return end
		}
	}
	return to
}

func isFenceClose(line string, n int) bool {
	t := strings.TrimRight(line, " \t")
	return len(t) >= n && strings.Trim(t, "`") == ""
}

// blocks parses lines [from, to) into elements whose paths start with
// parent. top is false inside a section, where ```content is not allowed.
func (p *parser) blocks(from, to int, parent string, top bool) []Element {
	var out []Element
	for i := from; i < to && !p.full(); {
		line := p.lines[i]
		path := parent + "[" + strconv.Itoa(len(out)) + "]"
		p.literal = 0 // a new block: its constructs are reported afresh
		switch {
		case isBlank(line):
			i++
		case isDividerLine(line):
			p.at(path, i, 0)
			out = append(out, Divider{})
			i++
		case fenceOpen(line) > 0:
			var els []Element
			els, i = p.fenced(i, to, path, top)
			out = append(out, els...)
		case p.onlyDefinitions(i, to):
			for i < to && !isBlank(p.lines[i]) && !isDividerLine(p.lines[i]) {
				i++
			}
		default:
			p.at(path, i, 0)
			var m Message
			m, i = p.paragraph(i, to)
			out = append(out, m)
		}
	}
	return out
}

// paragraph reads a message from consecutive text lines starting at from.
func (p *parser) paragraph(from, to int) (Message, int) {
	end := from
	for end < to && !isBlank(p.lines[end]) && !isDividerLine(p.lines[end]) && (end == from || fenceOpen(p.lines[end]) == 0) {
		end++
	}
	text := joinTrimmed(p.lines[from:end])
	return Message{Text: p.zoomText(text, from, 0, convertOptions{blocks: true})}, end
}

// onlyDefinitions reports a paragraph of link reference definitions alone:
// CommonMark shows nothing of it, and its links are written where they are
// used, so it makes no element.
func (p *parser) onlyDefinitions(from, to int) bool {
	if p.refs == nil || !p.mode.converts() {
		return false
	}
	for i := from; i < to && !isBlank(p.lines[i]) && !isDividerLine(p.lines[i]); i++ {
		if (i > from && fenceOpen(p.lines[i]) > 0) || !isDefinition(p.lines[i]) {
			return false
		}
	}
	return true
}

func joinTrimmed(lines []string) string {
	if len(lines) == 1 {
		return strings.TrimRight(lines[0], " \t")
	}
	trimmed := make([]string, len(lines))
	for i, l := range lines {
		trimmed[i] = strings.TrimRight(l, " \t")
	}
	return strings.Join(trimmed, "\n")
}

// fenced parses the fenced block opening at line open and returns its
// elements and the line after its closing fence.
func (p *parser) fenced(open, to int, path string, top bool) ([]Element, int) {
	line := p.lines[open]
	n := fenceOpen(line)
	kindStart := len(line) - len(strings.TrimLeft(line[n:], " \t"))
	kind, rest, _ := strings.Cut(strings.TrimRight(line[kindStart:], " \t"), " ")
	restCol := utf8.RuneCountInString(line[:min(len(line), kindStart+len(kind)+1)])
	end := p.closingFence(open, to, n, strings.EqualFold(kind, "section"))
	next := end + 1
	if end >= to {
		p.errorAt(open, 0, "this ``` block is never closed: add a line with "+strings.Repeat("`", n)+" after its last line")
		next = to
	}
	b := block{kind: strings.ToLower(kind), open: open, body: p.lines[open+1 : min(end, to)], path: path}
	b.attrs = parseAttrs(rest, restCol)
	p.at(path, open, 0)
	if b.kind == "section" && p.inSection > 0 {
		// Refused here, before its body is parsed: nested sections are never
		// built, so a chain of them costs one scan, not one per level.
		p.refuseBlock(path, open, n, "a section cannot hold another section: in Zoom's card format a section holds "+
			"messages, fields, buttons and other elements, never a section; close the outer section before this one")
		return nil, next
	}
	if b.kind == "content" && !top {
		p.refuseBlock(path, open, n, "a ```content block sets the whole card and belongs at the top level, not inside a section")
		return nil, next
	}
	parse, ok := blockKinds[b.kind]
	if !ok {
		// Any other info string (```go, ```python title=x) is a Markdown code
		// block: Zoom has no syntax highlighting, so its language is dropped.
		p.codeLanguage(b.kind, open, n)
		return p.codeBlock(b), next
	}
	return parse(p, b), next
}

// refuseBlock reports a block that makes no element. Inside a section, the
// section is then not also reported as empty: the author wrote something in it.
func (p *parser) refuseBlock(path string, line, col int, msg string) {
	p.errorAt(line, col, msg)
	p.refusedAt(path)
}

// refusedAt notes that the block at path made no element because of an
// error already reported.
func (p *parser) refusedAt(path string) {
	if cut := strings.LastIndex(path, ".sections["); cut >= 0 {
		if p.refused == nil {
			p.refused = map[string]bool{}
		}
		p.refused[path[:cut]] = true
	}
}

// block is one fenced block.
type block struct {
	kind  string
	attrs []attr
	open  int      // line of the opening fence
	body  []string // lines between the fences
	path  string   // element path of the first element it makes
}

func (b block) bodyLine(i int) int { return b.open + 1 + i }

func (b block) text() string { return joinTrimmed(b.body) }

// unknownAttr reports an info word the block kind does not take.
func (p *parser) unknownAttr(b block, a attr, known string) {
	if p.saturated(Error) {
		return
	}
	word := a.Value
	if a.Key != "" {
		word = a.Key + "="
	}
	p.errorAt(b.open, a.Col, "```"+b.kind+" does not take "+strconv.Quote(word)+"; it takes "+known)
}

func (p *parser) intAttr(b block, a attr) (int64, bool) {
	n, ok := atoiAttr(a.Value)
	if !ok {
		p.errorAt(b.open, a.Col, a.Key+" must be a whole number, not "+strconv.Quote(a.Value))
	}
	return n, ok
}
