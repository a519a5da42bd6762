package compose

import "strings"

// Zoom's chatbot markdown (facts.md §2) is Slack-like: *bold*, _italic_,
// ~strike~, `code`, <url|label>. Authors write CommonMark instead. The two
// converters below are small hand-written scanners (this runs on every
// debounced keystroke, so no Markdown library): spans never cross a line,
// emphasis needs a non-space just inside each delimiter, and `_` never opens
// or closes inside a word (as in CommonMark).

// mdIssue is something in the author's Markdown that Zoom will not render as
// the author expects. Off is the byte offset in the converted line.
type mdIssue struct {
	Off     int
	Message string
}

// MarkdownToZoom converts CommonMark text to Zoom's dialect. Headings become
// bold lines, images become links; tables, HTML, lists and quotes are sent as
// written.
func MarkdownToZoom(md string) string {
	out, _ := markdownToZoom(md)
	return out
}

// markdownToZoom converts line by line and reports issues with the line
// index and byte offset where they occur.
func markdownToZoom(md string) (string, []lineIssue) {
	if !strings.ContainsAny(md, "\\*_~`[<#|!") {
		return md, nil // the common case: plain text, no allocation
	}
	var b strings.Builder
	b.Grow(len(md))
	var issues []lineIssue
	for i := 0; md != "" || i == 0; i++ {
		line, rest, more := strings.Cut(md, "\n")
		var lineIssues []mdIssue
		lineToZoom(&b, line, &lineIssues)
		if more {
			b.WriteByte('\n')
		}
		for _, is := range lineIssues {
			issues = append(issues, lineIssue{Line: i, mdIssue: is})
		}
		md = rest
		if !more {
			break
		}
	}
	return b.String(), issues
}

type lineIssue struct {
	Line int
	mdIssue
}

func lineToZoom(b *strings.Builder, line string, issues *[]mdIssue) {
	bg := newBudget(line)
	if level, title, ok := heading(line); ok {
		start := b.Len()
		b.WriteByte('*')
		inlineToZoom(b, title, level+1, issues, bg)
		b.WriteByte('*')
		*issues = append(*issues, mdIssue{0, "heading: Zoom shows '" + strings.TrimSpace(line) +
			"' literally; it is sent as bold " + b.String()[start:]})
		return
	}
	inlineToZoom(b, line, 0, issues, bg)
	if isTableRow(line) {
		*issues = append(*issues, mdIssue{0, "table: Zoom does not render tables; the row is sent as plain text with its pipes"})
	}
}

// heading recognises an ATX heading "# Title" (1–6 hashes and a space).
func heading(line string) (level int, title string, ok bool) {
	for level < len(line) && line[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || level >= len(line) || line[level] != ' ' {
		return 0, "", false
	}
	title = strings.TrimSpace(line[level+1:])
	return level, title, title != ""
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

// inlineToZoom converts one line's spans into b; off is the byte offset of s
// in its source line, for issue positions.
func inlineToZoom(b *strings.Builder, s string, off int, issues *[]mdIssue, bg *budget) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i += 2
			continue
		case c == '`':
			if end, ok := codeSpan(s, i, bg); ok {
				b.WriteString(s[i:end])
				i = end
				continue
			}
		case c == '*' || c == '_' || c == '~':
			if n, inner, end, ok := emphasis(s, i, bg); ok {
				mark := cmToZoomMark(c, n)
				b.WriteByte(mark)
				inlineToZoom(b, inner, off+i+n, issues, bg)
				b.WriteByte(mark)
				i = end
				continue
			}
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			if label, url, end, ok := link(s, i+1, bg); ok {
				zl := zoomLink(url, label)
				*issues = append(*issues, mdIssue{off + i, "image: Zoom does not show images in text; it is sent as the link " + zl})
				b.WriteString(zl)
				i = end
				continue
			}
		case c == '[':
			if label, url, end, ok := link(s, i, bg); ok {
				b.WriteString(zoomLink(url, label))
				i = end
				continue
			}
		case c == '<':
			if end, ok := autolink(s, i, bg); ok {
				b.WriteString(s[i:end])
				i = end
				continue
			}
			if tag, ok := htmlTag(s, i, bg); ok && tag[0] != '/' { // one warning per element, not per closing tag
				*issues = append(*issues, mdIssue{off + i, "HTML: Zoom shows <" + tag + "> literally; it is sent as written"})
			}
		}
		b.WriteByte(c)
		i++
	}
}

func zoomLink(url, label string) string {
	if label == "" || label == url {
		return "<" + url + ">"
	}
	return "<" + url + "|" + label + ">"
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

// emphasis finds a delimited span opening at i: ** __ ~~ (n=2) or * _ ~
// (n=1). It returns the inner text and the index after the closer.
func emphasis(s string, i int, bg *budget) (n int, inner string, end int, ok bool) {
	if !bg.ok() {
		return 0, "", 0, false
	}
	c := s[i]
	n = 1
	if i+1 < len(s) && s[i+1] == c {
		n = 2
	}
	if c == '_' && i > 0 && isWordByte(s[i-1]) {
		return 0, "", 0, false
	}
	start := i + n
	if start >= len(s) || s[start] == ' ' || s[start] == c {
		return 0, "", 0, false
	}
	for j := start + 1; j+n <= len(s); j++ {
		if !bg.spend(1) {
			return 0, "", 0, false
		}
		switch s[j] {
		case '\\':
			j++
			continue
		case '`':
			if e, ok := codeSpan(s, j, bg); ok {
				j = e - 1
			}
			continue
		}
		if !closesAt(s, j, c, n) {
			continue
		}
		return n, s[start:j], j + n, true
	}
	return 0, "", 0, false
}

func closesAt(s string, j int, c byte, n int) bool {
	if s[j-1] == ' ' || s[j-1] == c || s[j] != c || (n == 2 && s[j+1] != c) {
		return false
	}
	after := j + n
	if after < len(s) && s[after] == c {
		return false
	}
	return c != '_' || after >= len(s) || !isWordByte(s[after])
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

// link parses [label](url) at i (s[i] == '['), without nesting.
func link(s string, i int, bg *budget) (label, url string, end int, ok bool) {
	if !bg.ok() {
		return "", "", 0, false
	}
	close := bg.index(s[i:], "](")
	if close < 0 || !bg.ok() {
		return "", "", 0, false
	}
	close += i
	label = s[i+1 : close]
	rest := s[close+2:]
	paren := bg.indexByte(rest, ')')
	if paren <= 0 || !bg.ok() || strings.ContainsAny(label, "[]") {
		return "", "", 0, false
	}
	url = rest[:paren]
	if strings.ContainsAny(url, " <>|") {
		return "", "", 0, false
	}
	return unescape(label), url, close + 2 + paren + 1, true
}

// autolink recognises <scheme://…> and <mailto:…> (kept as is in both dialects).
func autolink(s string, i int, bg *budget) (int, bool) {
	if !bg.ok() {
		return 0, false
	}
	end := bg.indexByte(s[i:], '>')
	if end < 0 || !bg.ok() {
		return 0, false
	}
	body := s[i+1 : i+end]
	if strings.ContainsAny(body, " <") || !(strings.Contains(body, "://") || strings.HasPrefix(body, "mailto:")) {
		return 0, false
	}
	return i + end + 1, true
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
