// Package preview draws a card in the terminal the way Zoom draws it: head
// and sub head, message text, fields, buttons, dropdowns, sections with their
// sidebar, attachments and every other element type, within a given width.
//
// It draws the payload, not the card source: the text exactly as it goes on
// the wire (Zoom's dialect: *bold*, _italic_, ~strike~, `code`, <url|label>),
// read the way Zoom reads it under the request's is_markdown_support
// (facts.md §2.1). With markdown on, the head, sub head, message text (unless
// the message has a link), field values (unless editable) and video titles
// that ask for it are formatted and their style is ignored; footers get links
// only. With it off, or for any other text, every character is shown as Zoom
// shows it — stars, underscores and [l](u) included — and styles apply. Line
// breaks are kept as the payload has them. Glamour has no part in this:
// it renders CommonMark, which is not what Zoom receives.
//
// It lives under ui/ rather than in compose because it is presentation: it
// depends on lipgloss and themes, and keeping it out of compose leaves
// compose a pure model that the CLI, history and tests use without any
// terminal library.
//
// Rendering is cached per block: each top-level element (and each element
// nested in a section or page) is keyed by the SHA-256 of its canonical JSON
// plus the width, so after an edit only the blocks whose JSON changed are drawn
// again. A Renderer belongs to one theme; build a new one when the theme
// changes.
package preview

import (
	"crypto/sha256"
	"encoding/json"
	"strings"
	"sync"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/themes"
)

// DefaultCacheBlocks is how many rendered blocks a Renderer keeps. A 40 KB
// card has a few hundred blocks; this holds it at three widths with room for
// the versions an editing session leaves behind.
const DefaultCacheBlocks = 2048

// MinFramedWidth is the narrowest width at which the card gets its frame;
// below it the card is drawn bare so its content keeps the room.
const MinFramedWidth = 20

// Renderer draws cards in one theme. It is safe for concurrent use: the
// block cache is guarded by a mutex and drawing shares nothing else.
type Renderer struct {
	theme  themes.Theme
	styles themes.Styles
	accent lipgloss.Style // option marks, the done part of a progress bar
	rule   lipgloss.Style // the card frame, rules, the rest of a progress bar
	cache  *blockCache
	pens   *penCache // escape sequences of the text styles, see pens
	frames sync.Map  // width → frame: painting one costs as much as drawing a paragraph
}

// New returns a Renderer for theme t with an empty cache.
func New(t themes.Theme) *Renderer {
	return &Renderer{
		theme:  t,
		styles: t.Styles(),
		accent: t.Foreground(lipgloss.NewStyle(), t.Palette.Accent),
		rule:   t.Foreground(lipgloss.NewStyle(), t.Palette.Border),
		cache:  newBlockCache(DefaultCacheBlocks),
		pens:   new(penCache),
	}
}

// Theme returns the theme the Renderer draws with.
func (r *Renderer) Theme() themes.Theme { return r.theme }

// Stats reports the block cache's hits, misses and size.
func (r *Renderer) Stats() CacheStats { return r.cache.stats() }

// cardContext is what, outside an element, changes how it is drawn.
type cardContext struct {
	markdown bool   // the request's is_markdown_support
	sidebar  string // settings.default_sidebar_color
}

func contextOf(c compose.Content, markdown bool) cardContext {
	ctx := cardContext{markdown: markdown}
	if c.Settings != nil {
		ctx.sidebar = c.Settings.DefaultSidebarColor
	}
	return ctx
}

// Render draws card c as Zoom shows it when sent the way zoompose sends a new
// card: with is_markdown_support set when c uses markdown
// (compose.Content.UsesMarkdown). A card that was, or will be, sent with the
// flag set otherwise is drawn with RenderPayload.
func (r *Renderer) Render(c compose.Content, width int) string {
	return r.RenderPayload(c, c.UsesMarkdown(), width)
}

// RenderPayload draws card c, the content of a request whose
// is_markdown_support is markdown, at most width columns wide: no line of the result is
// wider than width (measured with ANSI-aware widths), for any width from 1
// up; from MinFramedWidth up the card gets a frame. Plain themes produce no
// escape sequence. Every string of the card is drawn as termtext.Visible
// shows it: a control character or escape sequence in the card is seen as
// text, never reaches the terminal. Blocks already drawn at this width come
// from the cache.
func (r *Renderer) RenderPayload(c compose.Content, markdown bool, width int) string {
	if width < 1 {
		width = 1
	}
	ctx := contextOf(c, markdown)
	f := r.newFrame(width)
	var blocks []string
	if c.Head != nil {
		blocks = append(blocks, r.cached(*c.Head, width, ctx, &f, func(w int) string {
			return r.drawHead(visible(*c.Head), w, ctx)
		}))
	}
	for _, el := range c.Body {
		blocks = append(blocks, r.cached(el, width, ctx, &f, func(w int) string { return r.element(visible(el), w, ctx) }))
	}
	if len(blocks) == 0 {
		blocks = append(blocks, f.wrap(r.styles.Placeholder.Render(truncate("(empty card)", f.inner))))
	}
	body := strings.Join(blocks, "\n"+f.gap+"\n")
	if f.bare {
		return body
	}
	return f.top + "\n" + body + "\n" + f.bottom
}

// block draws an element nested in a section or page, unframed, at width w.
func (r *Renderer) block(el compose.Element, w int, ctx cardContext) string {
	return r.cached(el, w, ctx, nil, func(w int) string { return r.element(visible(el), w, ctx) })
}

// cached returns the drawing of v (an element or the head) from the cache,
// or draws it with draw at the content width, clamps it to that width and,
// for a top-level row, puts it in the card's frame f (nil for nested
// elements). Values whose JSON cannot be computed are drawn uncached.
func (r *Renderer) cached(v any, width int, ctx cardContext, f *frame, draw func(w int) string) string {
	data, err := canonicalJSON(v)
	_, head := v.(compose.Head)
	key := blockKey{width: width, markdown: ctx.markdown, sidebar: ctx.sidebar, framed: f != nil, head: head}
	if err == nil {
		key.sum = sha256.Sum256(data)
		if text, ok := r.cache.get(key); ok {
			return text
		}
	}
	inner := width
	if f != nil {
		inner = f.inner
	}
	text := clampLines(draw(inner), inner)
	if f != nil {
		text = f.wrap(text)
	}
	if err == nil {
		r.cache.put(key, text)
	}
	return text
}

// frame is the card's rounded border at one width, drawn by hand so that a
// cached block's framed lines are reused as they are.
type frame struct {
	inner            int
	top, bottom, gap string
	left, right      string
	bare             bool
}

func (r *Renderer) newFrame(width int) frame {
	if f, ok := r.frames.Load(width); ok {
		return f.(frame)
	}
	f, _ := r.frames.LoadOrStore(width, r.paintFrame(width))
	return f.(frame)
}

// paintFrame draws the frame at width; see newFrame.
func (r *Renderer) paintFrame(width int) frame {
	if width < MinFramedWidth {
		return frame{inner: width, bare: true}
	}
	border := r.styles.Border.GetBorderStyle()
	paint := r.rule.Render
	line := strings.Repeat(border.Top, width-2)
	f := frame{
		inner:  width - 4,
		top:    paint(border.TopLeft + line + border.TopRight),
		bottom: paint(border.BottomLeft + line + border.BottomRight),
		left:   paint(border.Left) + " ",
		right:  " " + paint(border.Right),
	}
	f.gap = f.left + strings.Repeat(" ", f.inner) + f.right
	return f
}

// wrap frames every line of block, padding it to the inner width.
func (f frame) wrap(block string) string {
	if f.bare {
		return block
	}
	lines := strings.Split(block, "\n")
	for i, l := range lines {
		pad := f.inner - ansi.StringWidth(l)
		if pad < 0 {
			pad = 0
		}
		lines[i] = f.left + l + strings.Repeat(" ", pad) + f.right
	}
	return strings.Join(lines, "\n")
}

// canonicalJSON is v's payload JSON. compose's types marshal themselves;
// calling MarshalJSON directly skips encoding/json's second pass that
// re-validates and compacts the bytes, a fifth of the cost of an edit.
func canonicalJSON(v any) ([]byte, error) {
	if m, ok := v.(json.Marshaler); ok {
		return m.MarshalJSON()
	}
	return json.Marshal(v)
}
