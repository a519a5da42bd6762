package compose

import (
	"strings"
	"unicode/utf8"
)

// Checks on text Zoom does not read as Markdown (facts.md §2.1: markdown
// applies to the head, sub head, message text without a link, field values
// that are not editable, and links in a section footer — nowhere else), and
// on mentions in a card sent without markdown.

// literalMarkup warns when text that Zoom shows as typed (button, option
// and dropdown text, alert text, editable field values, a message with a
// link) holds Markdown or Zoom markup: Zoom will show the markers. text
// starts at (line, col) of the source, 0-based; where names the place.
func (p *parser) literalMarkup(text string, line, col int, where string) {
	if !strings.ContainsAny(text, mdSpecial) {
		return
	}
	for k, l := range strings.Split(text, "\n") {
		off, ok := markupAt(l)
		if !ok {
			continue
		}
		c := utf8.RuneCountInString(l[:off])
		if k == 0 {
			c += col
		}
		p.warnAt(line+k, c, "Zoom does not apply Markdown to "+where+": it shows "+clip(l)+" as typed, markers and all")
		return
	}
}

// markupAt returns the offset of the first Markdown construct in line that
// the converter would change, or of the first span Zoom would format.
func markupAt(line string) (int, bool) {
	off := -1
	if conv := inlineMarkdownToZoom(line); conv != line {
		off = 0
		for off < len(line) && off < len(conv) && line[off] == conv[off] {
			off++
		}
	}
	// "**v**" converts to "*v*": they differ at the second star, and the
	// construct starts at the first.
	for off > 0 && strings.IndexByte("*_~`", line[off]) >= 0 && line[off-1] == line[off] {
		off--
	}
	if sp, ok := NextZoomSpan(line); ok && (off < 0 || sp.Start < off) {
		off = sp.Start
	}
	return off, off >= 0
}

// footerText is a section footer written at (line, col) as it is sent: its
// links converted, or with markdown off all of it as written.
func (p *parser) footerText(footer string, line, col int) string {
	if !p.mode.converts() {
		p.literalMarkdown(footer, line, col)
		return footer
	}
	sent := footerMarkdownToZoom(footer)
	p.footerMarkup(footer, sent, line, col)
	return sent
}

// footerMarkup warns about Markdown other than links in a section footer,
// which is sent as typed: Zoom applies only the link style there (facts.md
// §2.1). The footer's links are converted, so they are left out of the look.
func (p *parser) footerMarkup(footer, sent string, line, col int) {
	if !strings.ContainsAny(footer, "*_~`#") {
		return
	}
	formatted := inlineMarkdownToZoom(footer) != sent // emphasis, code or a heading the full conversion would make
	for s := sent; !formatted && s != ""; {
		sp, ok := NextZoomSpan(s) // or Zoom's own markup, typed as such
		if !ok {
			break
		}
		formatted = sp.Mark != '<'
		s = s[sp.End:]
	}
	if formatted {
		p.warnAt(line, col, "Zoom applies only links in a section footer: it shows "+clip(footer)+" as typed, except its links")
	}
}

// noteMention remembers the first @mention in text written at (line, col),
// 0-based, for mentionCheck.
func (p *parser) noteMention(text string, line, col int) {
	if p.mention != nil || !strings.Contains(text, "@") {
		return
	}
	for k, l := range strings.Split(text, "\n") {
		if at, ok := mentionAt(l); ok {
			c := utf8.RuneCountInString(l[:at])
			if k == 0 {
				c += col
			}
			p.mention = &position{line + k, c}
			p.mentionText = mentionWord(l[at:])
			return
		}
	}
}

// mentionAt finds an @name that starts a word (not an e-mail address).
func mentionAt(l string) (int, bool) {
	for i := 0; i < len(l); i++ {
		k := strings.IndexByte(l[i:], '@')
		if k < 0 {
			return 0, false
		}
		i += k
		if (i == 0 || !isWordByte(l[i-1]) && l[i-1] != '.') && i+1 < len(l) && isWordByte(l[i+1]) {
			return i, true
		}
	}
	return 0, false
}

func mentionWord(s string) string {
	end := 1
	for end < len(s) && (isWordByte(s[end]) || s[end] == '.' || s[end] == '-') {
		end++
	}
	return strings.TrimRight(s[:end], ".-")
}

// mentionCheck warns about a mention in a card that goes without
// is_markdown_support. Zoom's markdown page lists @ mentions among its
// features; whether a mention works with markdown off is not documented
// (facts.md §2.1, §8), so this says so rather than turning markdown on.
func (p *parser) mentionCheck() {
	if p.mention == nil || p.mode.Support(p.c) {
		return
	}
	wayOut := "a ```message markdown block turns it on"
	if p.mode == MarkdownOff {
		wayOut = "send it with markdown on"
	}
	p.warnAt(p.mention.line, p.mention.col, p.mentionText+": this card is sent with markdown off (is_markdown_support is not set), "+
		"and Zoom documents @ mentions with its markdown, so the mention may need markdown on (unverified); "+wayOut)
}
