package preview

import (
	"strings"
	"sync"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
)

// maxGlamourWidths bounds how many wrap widths keep a glamour renderer: the
// preview uses two or three at a time (desktop, mobile, a resize in flight).
const maxGlamourWidths = 4

// markdownPool keeps one glamour TermRenderer per wrap width and lends it out
// under that width's mutex. A TermRenderer is not safe for concurrent Render,
// and building one (goldmark with GFM, the ANSI node renderer and its style)
// costs more than rendering a paragraph, so reusing it under a lock is what
// makes a one-paragraph re-render cheap.
type markdownPool struct {
	style ansi.StyleConfig

	mu     sync.Mutex
	byWide map[int]*pooledRenderer
	recent []int // widths, least recently used first
}

type pooledRenderer struct {
	mu sync.Mutex
	tr *glamour.TermRenderer
}

func newMarkdownPool(style ansi.StyleConfig) *markdownPool {
	return &markdownPool{style: style, byWide: make(map[int]*pooledRenderer)}
}

// render turns CommonMark into styled lines at most width columns wide, with
// the blank lines glamour puts around blocks trimmed.
func (p *markdownPool) render(md string, width int) (string, error) {
	pr, err := p.renderer(width)
	if err != nil {
		return "", err
	}
	pr.mu.Lock()
	out, err := pr.tr.Render(md)
	pr.mu.Unlock()
	if err != nil {
		return "", err
	}
	return trimGlamour(out), nil
}

// renderer returns the pooled renderer for width, building it on first use
// and evicting the least recently used width past maxGlamourWidths.
func (p *markdownPool) renderer(width int) (*pooledRenderer, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.touch(width)
	if pr, ok := p.byWide[width]; ok {
		return pr, nil
	}
	tr, err := glamour.NewTermRenderer(glamour.WithStyles(p.style), glamour.WithWordWrap(width))
	if err != nil {
		return nil, err
	}
	pr := &pooledRenderer{tr: tr}
	p.byWide[width] = pr
	if len(p.recent) > maxGlamourWidths {
		oldest := p.recent[0]
		p.recent = p.recent[1:]
		delete(p.byWide, oldest) // a render holding it finishes normally
	}
	return pr, nil
}

func (p *markdownPool) touch(width int) {
	for i, w := range p.recent {
		if w == width {
			p.recent = append(p.recent[:i], p.recent[i+1:]...)
			break
		}
	}
	p.recent = append(p.recent, width)
}

// trimGlamour drops the empty lines glamour adds before and after the
// document, and the spaces it pads each line with, keeping blank lines
// between paragraphs.
func trimGlamour(out string) string {
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = trimTrailingSpace(l)
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// trimTrailingSpace removes the padding glamour writes after a line's text:
// spaces, each wrapped in its own SGR sequence. When SGR sequences went with
// them, one reset is put back so the line cannot leak its style.
func trimTrailingSpace(l string) string {
	end := len(l)
	strippedSGR := false
	for end > 0 {
		if l[end-1] == ' ' {
			end--
			continue
		}
		start := sgrStart(l[:end])
		if start < 0 {
			break
		}
		end, strippedSGR = start, true
	}
	out := l[:end]
	if strippedSGR && strings.IndexByte(out, 0x1b) >= 0 {
		out += "\x1b[m"
	}
	return out
}

// sgrStart returns where the SGR sequence ("ESC[...m") that ends s begins,
// or -1 when s does not end with one.
func sgrStart(s string) int {
	if !strings.HasSuffix(s, "m") {
		return -1
	}
	i := strings.LastIndex(s, "\x1b[")
	if i < 0 {
		return -1
	}
	for _, c := range s[i+2 : len(s)-1] {
		if (c < '0' || c > '9') && c != ';' && c != ':' {
			return -1
		}
	}
	return i
}
