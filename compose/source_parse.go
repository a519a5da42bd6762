package compose

import (
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

	presentBody bool // a ```content block said "body": []
}

// Parse reads card source into the content model. It never fails: every
// problem is a Diagnostic (sorted by position), and what could be understood
// is in the returned Content. Text is converted to Zoom's markdown dialect;
// invalid UTF-8 becomes U+FFFD.
func Parse(source string) (Content, []Diagnostic) {
	if !utf8.ValidString(source) {
		// JSON strings are UTF-8: invalid bytes would not survive the payload.
		source = strings.ToValidUTF8(source, "\uFFFD")
	}
	p := parser{lines: splitLines(source), pos: make(map[string]position, 64)}
	start := p.frontMatter()
	p.c.Body = p.blocks(start, len(p.lines), "body", true)
	if p.c.Body == nil && p.presentBody {
		p.c.Body = []Element{}
	}
	p.diags = append(p.diags, validateAt(p.c, p.locate)...)
	slices.SortStableFunc(p.diags, func(a, b Diagnostic) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
	return p.c, p.diags
}

func splitLines(s string) []string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

func (p *parser) report(sev Severity, line, col int, msg string) {
	p.diags = append(p.diags, Diagnostic{Line: line + 1, Col: col + 1, Severity: sev, Message: msg})
}

func (p *parser) errorAt(line, col int, msg string) { p.report(Error, line, col, msg) }
func (p *parser) warnAt(line, col int, msg string)  { p.report(Warning, line, col, msg) }

func (p *parser) at(path string, line, col int) { p.pos[path] = position{line, col} }

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
// warning about constructs Zoom will not render.
func (p *parser) zoomText(md string, line, col int) string {
	out, issues := markdownToZoom(md)
	for _, is := range issues {
		src := p.lineText(line + is.Line)
		c := 0
		if is.Line == 0 {
			c = col
			src = src[min(len(src), byteOffset(src, col)):]
		}
		c += utf8.RuneCountInString(src[:min(len(src), is.Off)])
		p.warnAt(line+is.Line, c, is.Message)
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
	for i := from; i < to; {
		line := p.lines[i]
		path := parent + "[" + strconv.Itoa(len(out)) + "]"
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
	return Message{Text: p.zoomText(text, from, 0)}, end
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
	if b.kind == "content" && !top {
		p.errorAt(open, n, "a ```content block sets the whole card and belongs at the top level, not inside a section")
		return nil, next
	}
	parse, ok := blockKinds[b.kind]
	if !ok {
		p.errorAt(open, n, unknownKindMessage(b.kind))
		return nil, next
	}
	return parse(p, b), next
}

func unknownKindMessage(kind string) string {
	if kind == "" {
		kind = "(none)"
	}
	return "unknown element ```" + kind + ": use one of " + strings.Join(blockKindNames(), ", ") +
		", or ```json for any other element"
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
