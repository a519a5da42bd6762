package compose

import (
	"strings"
	"unicode/utf8"
)

// Markdown off (MarkdownOff): every text is sent as the author wrote it and
// Zoom shows its characters (facts.md §2.3: "With it off, text renders
// literally"). Each Markdown construct in it then shows as written, which is
// worth saying once per kind and block: "**out**" with its stars, a link as
// its brackets and URL.

// constructKind is a kind of Markdown construct, as the converter knows it.
type constructKind uint8

const (
	constructBold constructKind = iota
	constructBoldUnderscore
	constructItalic
	constructItalicUnderscore
	constructStrike
	constructCode
	constructCodeBlock
	constructLink
	constructImage
	constructAutolink
	constructHeading
	constructEscape
	constructEntity
	constructHardBreak
	constructKinds // how many there are
)

// construct is one construct the converter found: its kind and where it
// was written, as the line index in the text and byte offsets in the line.
type construct struct {
	kind       constructKind
	line       int
	start, end int
}

// shownAs says how Zoom shows each kind with markdown off.
var shownAs = [constructKinds]string{
	constructBold:             "shows as written, with the stars",
	constructBoldUnderscore:   "shows as written, with the underscores",
	constructItalic:           "shows as written, with the stars",
	constructItalicUnderscore: "shows as written, with the underscores",
	constructStrike:           "shows as written, with the tildes",
	constructCode:             "shows as written, with the backticks",
	constructCodeBlock:        "shows as written, with the backticks",
	constructLink:             "shows as written, brackets and URL, not as a link",
	constructImage:            "shows as written, not as an image or a link",
	constructAutolink:         "shows as written, with the angle brackets",
	constructHeading:          "shows as written, with the #",
	constructEscape:           "shows as written, with the backslash",
	constructEntity:           "shows as typed, not as the character it names",
	constructHardBreak:        "shows as written, with the backslash",
}

func emphasisKind(c byte, run int) constructKind {
	switch {
	case c == '~':
		return constructStrike
	case run >= 2 && c == '_':
		return constructBoldUnderscore
	case run >= 2:
		return constructBold
	case c == '_':
		return constructItalicUnderscore
	}
	return constructItalic
}

func linkKind(image bool) constructKind {
	if image {
		return constructImage
	}
	return constructLink
}

// literalSeen is the set of construct kinds already reported in the block
// being parsed.
type literalSeen uint16

func (s *literalSeen) first(k constructKind) bool {
	bit := literalSeen(1) << k
	if *s&bit != 0 {
		return false
	}
	*s |= bit
	return true
}

// literalMarkdown warns, for text written at (line, col) of the source
// (0-based) and sent as written because markdown is off, about each kind of
// Markdown construct in it, at the first of its kind in the block.
func (p *parser) literalMarkdown(text string, line, col int) {
	for _, c := range markdownConstructs(text) {
		if !p.literal.first(c.kind) {
			continue
		}
		src := p.lineText(line + c.line)
		start, end := c.start, c.end
		if c.line == 0 { // the text starts at column col of its first line
			base := byteOffset(src, col)
			start, end = start+base, end+base
		}
		start, end = min(start, len(src)), min(end, len(src))
		p.literalAt(line+c.line, utf8.RuneCountInString(src[:start]), src[start:end], c.kind)
	}
}

// literalAt reports written, a construct of kind at (line, col) (0-based),
// as shown literally.
func (p *parser) literalAt(line, col int, written string, kind constructKind) {
	if !p.saturated(Warning) {
		p.diags = append(p.diags, Diagnostic{Line: line + 1, Col: col + 1, Severity: Warning,
			Message: literalMessage(written, kind), Literal: written})
	}
}

// literalMessage is the warning about a construct that shows as written.
func literalMessage(written string, kind constructKind) string {
	return "markdown is off: " + clip(written) + " " + shownAs[kind]
}

// literalZoomMarkup is the check for a JSON card sent with markdown off:
// its text is Zoom's dialect as it was written, so any span Zoom would
// format shows with its markers. It names the first, by path (the
// element's path and the field, joined only when there is something to say).
func (v *validator) literalZoomMarkup(path, field, text string) {
	if !v.literal || v.locate != nil || !strings.ContainsAny(text, zoomSpecial) {
		return
	}
	if sp, ok := NextZoomSpan(text); ok {
		written := text[sp.Start:sp.End]
		v.warnf(path+field, "markdown is off: "+clip(written)+" shows as written, markers and all")
		v.diags[len(v.diags)-1].Literal = written
	}
}
