package preview

import (
	"fmt"
	"strings"
	"sync"

	"charm.land/lipgloss/v2"

	"github.com/zoompose/zoompose/compose"
)

// reading is how Zoom reads one text of the payload (facts.md §2.1): as
// written, as its markdown dialect, or (section footers) only for links.
type reading uint8

const (
	literal   reading = iota // buttons, options, labels; any text when markdown is off
	dialect                  // *bold*, _italic_, ~strike~, `code`, <url|label>, <url>
	linksOnly                // footers: "only the link style"
)

// text draws payload text s as Zoom shows it when it reads it as how says:
// every line break of s is kept, dialect spans are drawn as styles on top of
// base and lose their markers, and everything Zoom does not format is drawn
// character for character. Lines longer than w wrap. Plain themes have no
// styles to draw spans with, so they show s literally, markers included:
// that is the payload's own text, and it still says what is formatted.
func (r *Renderer) text(s string, base lipgloss.Style, w int, how reading) string {
	if how == literal || r.theme.Plain || !strings.ContainsAny(s, "*_~`<") {
		return paint(base, s, w)
	}
	p := newPens(r, base)
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	inFence := false
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		trimmed := strings.TrimSpace(line)
		fence := how == dialect && strings.HasPrefix(trimmed, "```") && !strings.Contains(trimmed[3:], "```")
		switch {
		case inFence || fence:
			// A fenced block spans lines; Zoom's handling of it is not documented
			// (facts.md §2.2), so its lines, fences included, are shown as they are,
			// in the code style.
			p.words(&b, line, styleCode)
			if fence {
				inFence = !inFence
			}
		case how == linksOnly:
			p.linksLine(&b, line, 0)
		default:
			p.dialectLine(&b, line, 0)
		}
	}
	return wrap(b.String(), w)
}

// styleBits says which dialect styles apply to a run of text.
type styleBits uint8

const (
	styleBold styleBits = 1 << iota
	styleItalic
	styleStrike
	styleCode
	styleLink
	styleCount = 1 << iota
)

// pens holds, for one text, the escape sequences that open and close each
// combination of styles on top of its base style, so that a word costs two
// string writes instead of a lipgloss render. Each sequence is measured once
// per Renderer by rendering a single character, and kept in its penCache.
type pens struct {
	r     *Renderer
	base  lipgloss.Style
	key   penKey // base's attributes; bits is set per lookup
	ready [styleCount]bool
	open  [styleCount]string
	close [styleCount]string
}

// penKey is what an opening and closing sequence depends on: the base
// style's colours and attributes, and the dialect styles on top.
type penKey struct {
	fg, bg string
	attrs  [5]bool // bold, italic, underline, strikethrough, faint
	bits   styleBits
}

// penCache maps penKey to a [2]string of opening and closing sequences.
type penCache = sync.Map

func newPens(r *Renderer, base lipgloss.Style) *pens {
	return &pens{r: r, base: base, key: penKey{
		fg:    fmt.Sprint(base.GetForeground()),
		bg:    fmt.Sprint(base.GetBackground()),
		attrs: [5]bool{base.GetBold(), base.GetItalic(), base.GetUnderline(), base.GetStrikethrough(), base.GetFaint()},
	}}
}

func (p *pens) pen(bits styleBits) (string, string) {
	if !p.ready[bits] {
		key := p.key
		key.bits = bits
		seq, ok := p.r.pens.Load(key)
		if !ok {
			const probe = "x"
			out := p.style(bits).Render(probe)
			i := strings.Index(out, probe)
			seq, _ = p.r.pens.LoadOrStore(key, [2]string{out[:i], out[i+len(probe):]})
		}
		p.open[bits], p.close[bits], p.ready[bits] = seq.([2]string)[0], seq.([2]string)[1], true
	}
	return p.open[bits], p.close[bits]
}

// style is base with the styles of bits: a link or code span takes the
// theme's link or code style, which an enclosing emphasis still applies to.
func (p *pens) style(bits styleBits) lipgloss.Style {
	s := p.base
	switch {
	case bits&styleLink != 0:
		s = p.r.styles.Link
	case bits&styleCode != 0:
		s = p.r.styles.Code
	}
	if bits&styleBold != 0 {
		s = s.Bold(true)
	}
	if bits&styleItalic != 0 {
		s = s.Italic(true)
	}
	if bits&styleStrike != 0 {
		s = s.Strikethrough(true)
	}
	return s
}

// dialectLine writes one line's spans, found by compose's own scanner so the
// preview formats exactly what compose counts as markup; spans never cross a
// line in Zoom's dialect.
func (p *pens) dialectLine(b *strings.Builder, line string, bits styleBits) {
	for len(line) > 0 {
		sp, ok := compose.NextZoomSpan(line)
		if !ok {
			p.words(b, line, bits)
			return
		}
		p.words(b, line[:sp.Start], bits)
		switch sp.Mark {
		case '<':
			p.words(b, sp.Text, bits|styleLink)
		case '`':
			p.words(b, sp.Text, bits|styleCode)
		case '*':
			p.dialectLine(b, sp.Text, bits|styleBold)
		case '_':
			p.dialectLine(b, sp.Text, bits|styleItalic)
		default: // '~'
			p.dialectLine(b, sp.Text, bits|styleStrike)
		}
		line = line[sp.End:]
	}
}

// linksLine writes a footer line: links are drawn as links, every other span
// keeps its markers (Zoom applies only the link style there), though a link
// inside one is still a link.
func (p *pens) linksLine(b *strings.Builder, line string, bits styleBits) {
	for len(line) > 0 {
		sp, ok := compose.NextZoomSpan(line)
		if !ok {
			p.words(b, line, bits)
			return
		}
		p.words(b, line[:sp.Start], bits)
		switch sp.Mark {
		case '<':
			p.words(b, sp.Text, bits|styleLink)
		case '`':
			p.words(b, line[sp.Start:sp.End], bits)
		default: // an emphasis: its markers are one byte each side of its text
			p.words(b, line[sp.Start:sp.Start+1], bits)
			p.linksLine(b, sp.Text, bits)
			p.words(b, line[sp.End-1:sp.End], bits)
		}
		line = line[sp.End:]
	}
}

// words writes text with every space-separated word styled on its own, so
// that wrapping, which breaks at spaces, never leaves a style open across a
// line end.
func (p *pens) words(b *strings.Builder, text string, bits styleBits) {
	open, close := p.pen(bits)
	for text != "" {
		word, rest, spaced := strings.Cut(text, " ")
		if word != "" {
			b.WriteString(open)
			b.WriteString(word)
			b.WriteString(close)
		}
		if spaced {
			b.WriteByte(' ')
		}
		text = rest
	}
}
