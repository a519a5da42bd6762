package compose

import (
	"cmp"
	"strings"
)

// ZoomToMarkdown converts text in Zoom's dialect back to CommonMark, the form
// authors edit. It guarantees MarkdownToZoom(ZoomToMarkdown(z)) == z: the
// readable conversion is checked and, in the rare case it would not come back
// unchanged, every special character is escaped instead.
func ZoomToMarkdown(z string) string {
	if !strings.ContainsAny(z, "\\*_~`[<#&") && !hasBlockMarkup(z) {
		return z
	}
	if pretty := guardBlockLines(z, zoomLineToMarkdown); MarkdownToZoom(pretty) == z {
		return pretty
	}
	return guardBlockLines(escapeAllMarkdown(z), func(line string) string { return line })
}

// guardBlockLines is text with each line written by convert, then kept
// from being read as a block construct (guardBlockLine).
func guardBlockLines(text string, convert func(string) string) string {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		lines[i] = guardBlockLine(convert(line), i > 0 && !isBlank(lines[i-1]))
	}
	return strings.Join(lines, "\n")
}

// guardBlockLine keeps a line of Markdown from being read as a block
// construct the Zoom text did not mean: a line indented four spaces (code)
// starts with the entity &#32; for its first space, and a line of '=' or
// '-' under another line (a setext underline) has its first mark escaped.
// Both read back as the same characters.
func guardBlockLine(line string, underText bool) string {
	switch {
	case indentedCode(line):
		return "&#32;" + line[1:]
	case underText && setextUnderline(line):
		k := len(line) - len(strings.TrimLeft(line, " "))
		return line[:k] + "\\" + line[k:]
	}
	return line
}

func zoomLineToMarkdown(line string) string {
	var b strings.Builder
	if _, _, _, ok := heading(line); ok {
		b.WriteByte('\\')
	}
	zoomInlineToMarkdown(&b, line, newBudget(line))
	return b.String()
}

func zoomInlineToMarkdown(b *strings.Builder, s string, bg *budget) {
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '`':
			if end, ok := codeSpan(s, i, bg); ok {
				b.WriteString(s[i:end])
				i = end
				continue
			}
		case '*', '_', '~':
			if inner, end, ok := zoomSpan(s, i, bg); ok {
				mark := map[byte]string{'*': "**", '_': "_", '~': "~~"}[c]
				b.WriteString(mark)
				zoomInlineToMarkdown(b, inner, bg)
				b.WriteString(mark)
				i = end
				continue
			}
		case '<':
			if url, label, end, ok := zoomLinkAt(s, i, bg); ok {
				writeMarkdownLink(b, url, label)
				i = end
				continue
			}
		}
		writeLiteral(b, s, i)
		i++
	}
}

// writeLiteral writes s[i] so that the CommonMark scanner reads it back as
// itself.
func writeLiteral(b *strings.Builder, s string, i int) {
	c := s[i]
	switch c {
	case '\\', '`', '[':
		b.WriteByte('\\')
	case '&':
		if _, _, ok := entity(s, i); ok {
			b.WriteByte('\\') // "&amp;" is an entity in Markdown, text in Zoom
		}
	case '*', '~':
		// Between spaces (a list bullet, "5 * 3") it can neither open nor close.
		spaced := (i == 0 || s[i-1] == ' ') && (i+1 == len(s) || s[i+1] == ' ')
		if !spaced {
			b.WriteByte('\\')
		}
	case '_':
		inWord := (i > 0 && isWordByte(s[i-1])) && (i+1 < len(s) && isWordByte(s[i+1]))
		if !inWord {
			b.WriteByte('\\')
		}
	}
	b.WriteByte(c)
}

// zoomSpan finds a single-delimiter Zoom span (*x*, _x_, ~x~) at i.
func zoomSpan(s string, i int, bg *budget) (inner string, end int, ok bool) {
	if !bg.ok() {
		return "", 0, false
	}
	c := s[i]
	if c == '_' && i > 0 && isWordByte(s[i-1]) {
		return "", 0, false
	}
	start := i + 1
	if start >= len(s) || s[start] == ' ' || s[start] == c {
		return "", 0, false
	}
	// From start itself: a code span right after the opener is skipped
	// whole like any other ("*`*`*" is bold holding code); s[start] is
	// neither c nor a space, so it closes nothing.
	for j := start; j < len(s); j++ {
		if !bg.spend(1) {
			return "", 0, false
		}
		if s[j] == '`' {
			if e, ok := codeSpan(s, j, bg); ok {
				j = e - 1
			}
			continue
		}
		if s[j] == c && closesAt(s, j, c, 1) {
			return s[start:j], j + 1, true
		}
	}
	return "", 0, false
}

// zoomLinkAt parses <url|label> or <url> at i.
func zoomLinkAt(s string, i int, bg *budget) (url, label string, end int, ok bool) {
	if !bg.ok() {
		return "", "", 0, false
	}
	close := bg.indexByte(s[i:], '>')
	if close < 0 || !bg.ok() {
		return "", "", 0, false
	}
	body := s[i+1 : i+close]
	url, label, _ = strings.Cut(body, "|")
	if url == "" || strings.ContainsAny(url, " <") || !(strings.Contains(url, "://") || strings.HasPrefix(url, "mailto:")) {
		return "", "", 0, false
	}
	return url, label, i + close + 1, true
}

// escapeAllMarkdown escapes every character the CommonMark scanner treats
// specially, so the text reads back literally.
func escapeAllMarkdown(z string) string {
	var b strings.Builder
	for i := 0; i < len(z); i++ {
		if isASCIIPunct(z[i]) && strings.IndexByte("\\*_~`[]<>!#()|&", z[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(z[i])
	}
	return b.String()
}

// HasZoomMarkup reports whether Zoom-dialect text contains formatting that
// only renders with is_markdown_support: a bold, italic, strike or code span,
// a <url|label> link, or a "> " quote line.
func HasZoomMarkup(z string) bool {
	if !strings.ContainsAny(z, "*_~`<>") {
		return false
	}
	for z != "" {
		line, rest, _ := strings.Cut(z, "\n")
		if strings.HasPrefix(line, "> ") {
			return true
		}
		if _, ok := NextZoomSpan(line); ok {
			return true
		}
		z = rest
	}
	return false
}

// ZoomSpan is one formatted run of Zoom-dialect text: s[Start:End] is the
// run with its markers, Mark its first byte ('*' bold, '_' italic, '~'
// strike, '`' code, '<' link) and Text what a reader sees of it: the inside
// of an emphasis (which may hold further spans), a code span without its
// backticks, a link's label or else its URL.
type ZoomSpan struct {
	Start, End int
	Mark       byte
	Text       string
}

// NextZoomSpan finds the first formatted run in s, by the same rules the
// markdown conversion uses, so that whoever draws Zoom text (the preview,
// one-line summaries) agrees with compose on what is formatted. Its work is
// bounded by a budget linear in len(s) (see budget): on a hostile line it
// stops looking and reports no span.
func NextZoomSpan(s string) (ZoomSpan, bool) { return nextZoomSpan(s, newBudget(s)) }

// nextZoomSpan is NextZoomSpan within the budget bg.
func nextZoomSpan(s string, bg *budget) (ZoomSpan, bool) {
	for i := 0; i < len(s) && bg.ok(); i++ {
		switch s[i] {
		case '`':
			if end, ok := codeSpan(s, i, bg); ok {
				return ZoomSpan{i, end, '`', strings.Trim(s[i:end], "`")}, true
			}
		case '*', '_', '~':
			if inner, end, ok := zoomSpan(s, i, bg); ok {
				return ZoomSpan{i, end, s[i], inner}, true
			}
		case '<':
			if url, label, end, ok := zoomLinkAt(s, i, bg); ok {
				return ZoomSpan{i, end, '<', cmp.Or(label, url)}, true
			}
		}
	}
	return ZoomSpan{}, false
}

// PlainText is Zoom-dialect text as a reader sees it, without markup: spans
// lose their markers, links show their label (or URL), code its content. It
// is for one-line summaries such as history rows, never for the payload.
func PlainText(z string) string {
	if !strings.ContainsAny(z, "*_~`<") {
		return z
	}
	var b strings.Builder
	plainInline(&b, z)
	return b.String()
}

func plainInline(b *strings.Builder, s string) {
	for {
		sp, ok := NextZoomSpan(s)
		if !ok {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:sp.Start])
		if sp.Mark == '`' || sp.Mark == '<' {
			b.WriteString(sp.Text)
		} else {
			plainInline(b, sp.Text)
		}
		s = s[sp.End:]
	}
}

// closesAt reports whether the run of n c's at s[j] closes a Zoom span: no
// space or c just inside it, no c just after it, and no word character
// after a closing _.
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

// footerToMarkdown is ZoomToMarkdown for a section footer, read back by
// footerMarkdownToZoom: only links become Markdown, and only what that
// conversion reads (backslashes, brackets, angle brackets, entities) is
// escaped. The same guarantee holds: the result converts back to z.
func footerToMarkdown(z string) string {
	if !strings.ContainsAny(z, "\\[<&") {
		return z
	}
	var b strings.Builder
	bg := newBudget(z)
	for i := 0; i < len(z); {
		if z[i] == '<' {
			if url, label, end, ok := zoomLinkAt(z, i, bg); ok {
				writeMarkdownLink(&b, url, label)
				i = end
				continue
			}
		}
		switch z[i] {
		case '\\', '[', '<':
			b.WriteByte('\\')
		case '&':
			if _, _, ok := entity(z, i); ok {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(z[i])
		i++
	}
	if out := b.String(); footerMarkdownToZoom(out) == z {
		return out
	}
	return escapeAllMarkdown(z)
}

// writeMarkdownLink writes a Zoom link <url|label> (or <url>) as Markdown.
func writeMarkdownLink(b *strings.Builder, url, label string) {
	if label == "" {
		b.WriteString("<" + url + ">")
		return
	}
	b.WriteString("[" + escapeAllMarkdown(label) + "](" + url + ")")
}
