package composer

import (
	"maps"
	"strings"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/ui/preview"
	"github.com/zoompose/zoompose/ui/termtext"
)

// renderKey is what a preview render depends on. Two renders with equal keys
// draw the same thing.
type renderKey struct {
	version uint64 // editor text version
	width   int    // card width
	paneW   int    // width the lines are wrapped to
	theme   string
	payload bool // the payload view is shown: build the JSON, not the card
	vars    int  // generation of the template values the preview fills in
	// An edit goes with the is_markdown_support its message was sent with
	// (markdownMode): then keepMarkdown is set and markdownOn is that flag.
	keepMarkdown, markdownOn bool
}

// pipeline is the state of the parse-and-render behind the side pane. At
// most one render runs at a time; a change while it runs is rendered as
// soon as it ends. A typed change renders at once when the last render was
// cheap (cheapRender), or when the key came later after the one before it
// than that render took (the typist is slower than the renderer, so nothing
// piles up); otherwise it waits for a pause in typing as long as the last
// render took (at most delay). The preview thus follows every key of a card
// that renders in a few milliseconds, and typing fast on one that takes
// longer runs one render per pause rather than one per key.
type pipeline struct {
	delay     time.Duration    // the longest pause typing waits for
	seq       uint64           // sequence number of the newest scheduled render
	scheduled renderKey        // what that render will draw
	rendered  renderKey        // what the shown result drew
	running   bool             // a render command is on its way
	typed     bool             // the scheduled render is of a typed change
	cost      time.Duration    // how long the last finished render of a typed change took
	lastKey   time.Time        // when the last typed change was seen
	gap       time.Duration    // the time between the last two typed changes
	keyClock  func() time.Time // when a typed change is seen: the real clock; tests set the gaps between keys
	loaded    uint64           // editor version of the last text put in whole (a draft restored or opened), not typed
	hasResult bool
	result    previewResult
	fitted    [2][]string // per side view: lines padded to the pane, filled as shown
	fittedW   int         // the pane width fitted holds
	diagLines []string    // the diagnostics rows, fitted to the layout
}

// cheapRender is the render time under which the preview renders on every
// change, without waiting for a pause: well inside a frame (Bubble Tea draws
// at most 60 a second), and, as at most one render runs at a time, at most
// one core busy while typing.
const cheapRender = 10 * time.Millisecond

// syncRenderMax is the largest text (in characters) whose first preview,
// when it is put in the editor whole (a restored draft, a card opened to
// edit), is rendered in Update rather than in a command, so the frame that
// shows the text shows its preview too. A cold render of a 4 KB card takes
// 1–5 ms here; 16 K characters bounds that wait to about a frame.
const syncRenderMax = 16 << 10

// pause is how long typing must pause before the next render: none when
// the last render of a typed change was cheap (or none finished yet) or
// took less than the gap between the last two keys, otherwise as long as
// it took, up to delay. The first render of a card (its cold cache) or of a
// new theme or width says nothing about what a typed change costs, so it
// does not count.
func (p *pipeline) pause() time.Duration {
	if p.cost < cheapRender || p.gap >= p.cost {
		return 0
	}
	return min(p.cost, p.delay)
}

// noteKey records when a typed change came, for pause.
func (p *pipeline) noteKey(now time.Time) {
	p.gap, p.lastKey = now.Sub(p.lastKey), now
}

// previewResult is everything derived from one version of the source.
type previewResult struct {
	previewLines []string // the card, no line wider than paneW; nil in the payload view
	payloadLines []string // indented content JSON, wrapped to paneW; nil in the preview view
	diags        []compose.Diagnostic
	markdown     bool // is_markdown_support
	chars, bytes int
	hasVars      bool // the source holds {{.name}} placeholders
}

// previewTickMsg ends the debounce pause of render seq.
type previewTickMsg struct{ seq uint64 }

// previewResultMsg carries a finished render; it is shown only if seq is
// still the newest.
type previewResultMsg struct {
	seq    uint64
	key    renderKey
	result previewResult
	cost   time.Duration // how long the render took
	typed  bool          // the render is of a typed change
}

// ensurePreview schedules a render when the text, the width or the theme
// changed since the last one was scheduled. The first render of a text put
// in whole runs in Update when the text is small, so no frame shows it
// without its preview; a typed change renders as the pipeline's pause says;
// anything else (a layout or theme change, a large text) at once. It is called
// after every Update and costs a comparison when nothing changed.
func (m *Model) ensurePreview() tea.Cmd {
	p := &m.pipeline
	want := m.wantedRender()
	if want == p.scheduled && p.seq > 0 {
		return nil
	}
	p.typed = want.version != p.scheduled.version && want.version != p.loaded
	if p.typed {
		p.noteKey(p.keyClock()) // the real clock, as for the render's cost
	}
	p.seq++
	p.scheduled = want
	if m.loadedInline() {
		m.renderInline()
		return nil
	}
	return m.nextRender()
}

// wantedRender is what the side pane should show now.
func (m *Model) wantedRender() renderKey {
	want := renderKey{
		version: m.editor.Version(), width: m.previewWidth(), paneW: m.layout.side.innerW,
		theme: m.common.Theme.Name, payload: m.view == viewPayload, vars: m.varsGen,
	}
	want.keepMarkdown, want.markdownOn = m.keptMarkdown()
	return want
}

// loadedInline reports whether the text in the editor was put in whole, has
// no preview yet, and can have it rendered in Update: the screen has a size
// to render at and the text is small. Such a text then shows with its
// preview in the same frame.
func (m *Model) loadedInline() bool {
	p := &m.pipeline
	v := m.editor.Version()
	unrendered := !p.hasResult || p.rendered.version != v
	return v == p.loaded && unrendered && m.common.Width > 0 && m.editor.Len() <= syncRenderMax
}

// showLoadedPreview renders the preview of a text put in whole as soon as
// the screen gets its size, when the text came first; SetCommon calls it,
// so the frame drawn at the new size already has the preview.
func (m *Model) showLoadedPreview() {
	if !m.loadedInline() {
		return
	}
	p := &m.pipeline
	p.seq++
	p.scheduled, p.typed = m.wantedRender(), false
	m.renderInline()
}

// nextRender starts the scheduled render now, after the pause typing calls
// for, or, while another render runs, when that one ends.
func (m *Model) nextRender() tea.Cmd {
	p := &m.pipeline
	switch pause := p.pause(); {
	case p.running:
		return nil
	case p.typed && pause > 0:
		seq := p.seq
		return tea.Tick(pause, func(time.Time) tea.Msg { return previewTickMsg{seq: seq} })
	}
	return m.renderCmd()
}

// renderInline renders the scheduled preview in Update and shows it.
func (m *Model) renderInline() {
	seq, key, source, r, vars := m.renderInput()
	start := time.Now()
	res := renderSource(r, source, key, vars)
	m.onPreviewResult(previewResultMsg{seq: seq, key: key, result: res, cost: time.Since(start)})
}

// renderCmd parses and renders the current text off the Update goroutine.
func (m *Model) renderCmd() tea.Cmd {
	seq, key, source, r, vars := m.renderInput()
	typed := m.pipeline.typed
	m.pipeline.running = true
	return func() tea.Msg {
		start := time.Now()
		res := renderSource(r, source, key, vars)
		return previewResultMsg{seq: seq, key: key, result: res, cost: time.Since(start), typed: typed}
	}
}

// renderInput is what the scheduled render reads, taken now: the command
// must not share the map Update writes, and a value left empty keeps its
// placeholder visible in the preview.
func (m *Model) renderInput() (uint64, renderKey, string, *preview.Renderer, map[string]string) {
	vars := maps.Clone(m.lastVars)
	maps.DeleteFunc(vars, func(_, v string) bool { return v == "" })
	return m.pipeline.seq, m.pipeline.scheduled, m.editor.Value(), m.renderer, vars
}

// renderSource is what the side pane and the diagnostics show of one source
// text: the card, or the payload JSON when key.payload (building only the
// one shown halves the work per pause in typing). Template placeholders with
// a value in vars are filled in for the card; the diagnostics stay those of
// the text as written, so their lines and columns point into the editor. It
// is the path the composer's background command takes, and the one the
// benchmarks measure.
func renderSource(r *preview.Renderer, source string, key renderKey, vars map[string]string) previewResult {
	mode := compose.MarkdownAuto
	if key.keepMarkdown { // an edit: built as it will be sent (markdownMode)
		mode = compose.MarkdownModeOf(key.markdownOn)
	}
	content, diags := compose.ParseAs(source, mode)
	res := previewResult{
		diags:   diags,
		chars:   utf8.RuneCountInString(source),
		bytes:   len(source),
		hasVars: len(compose.Variables(source)) > 0,
	}
	if filled := compose.Fill(source, vars); res.hasVars && filled != source {
		content, _ = compose.ParseAs(filled, mode)
	}
	res.markdown = mode.Support(content)
	if !key.payload {
		res.previewLines = strings.Split(r.RenderPayload(content, res.markdown, key.width), "\n")
		return res
	}
	payload, err := content.IndentedJSON()
	if err != nil {
		payload = []byte("The payload could not be built: " + err.Error())
	}
	// termtext.JSON: DEL and C1 controls, which encoding/json leaves raw, as \u escapes.
	res.payloadLines = wrapLines(string(termtext.JSON(payload)), key.paneW)
	return res
}

// wrapLines splits text into lines of at most width cells. ASCII lines (most
// of a JSON payload) are cut by bytes, which is exact for them and spares
// measuring every character.
func wrapLines(text string, width int) []string {
	var out []string
	for line := range strings.SplitSeq(text, "\n") {
		if !isASCII(line) {
			out = append(out, strings.Split(ansi.Hardwrap(line, width, true), "\n")...)
			continue
		}
		for len(line) > width {
			out = append(out, line[:width])
			line = line[width:]
		}
		out = append(out, line)
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// shownLine returns line i of the side view, padded to the pane width. Lines
// are padded when first shown and kept, so a frame measures at most the rows
// that scrolled into view.
func (m *Model) shownLine(lines []string, i int) string {
	p, w := &m.pipeline, m.layout.side.innerW
	if p.fittedW != w {
		p.fitted, p.fittedW = [2][]string{}, w
	}
	cache := &p.fitted[m.view]
	if len(*cache) != len(lines) {
		*cache = make([]string, len(lines))
	}
	if (*cache)[i] == "" {
		(*cache)[i] = fit(lines[i], w)
	}
	return (*cache)[i]
}

// onPreviewTick starts the render once typing paused, unless newer typing
// scheduled another or a render is still on its way.
func (m *Model) onPreviewTick(msg previewTickMsg) tea.Cmd {
	if msg.seq != m.pipeline.seq || m.pipeline.running {
		return nil
	}
	return m.renderCmd()
}

// onPreviewResult shows a finished render unless a newer one was scheduled
// meanwhile; then it starts that one, as its pause says.
func (m *Model) onPreviewResult(msg previewResultMsg) tea.Cmd {
	p := &m.pipeline
	p.running = false
	if msg.typed {
		p.cost = msg.cost
	}
	if msg.seq != p.seq {
		return m.nextRender()
	}
	p.result, p.rendered, p.hasResult = msg.result, msg.key, true
	p.fitted = [2][]string{}
	m.hasVars = msg.result.hasVars
	m.relayout()
	return nil
}

// clampScroll keeps the preview window inside its content.
func (m *Model) clampScroll() {
	n := len(m.pipeline.result.previewLines)
	if m.view == viewPayload {
		n = len(m.pipeline.result.payloadLines)
	}
	m.scroll = max(min(m.scroll, n-m.layout.side.innerH), 0)
}
