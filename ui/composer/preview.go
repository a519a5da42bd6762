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
	// (markdownFor): then keepMarkdown is set and markdownOn is that flag.
	keepMarkdown, markdownOn bool
}

// pipeline is the state of the debounced parse-and-render.
type pipeline struct {
	delay     time.Duration
	seq       uint64    // sequence number of the newest scheduled render
	scheduled renderKey // what that render will draw
	rendered  renderKey // what the shown result drew
	hasResult bool
	result    previewResult
	fitted    [2][]string // per side view: lines padded to the pane, filled as shown
	fittedW   int         // the pane width fitted holds
	diagLines []string    // the diagnostics rows, fitted to the layout
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
}

// ensurePreview schedules a render when the text, the width or the theme
// changed since the last one was scheduled: after the debounce pause for a
// text change, at once for a layout or theme change. It is called after
// every Update and costs a comparison when nothing changed.
func (m *Model) ensurePreview() tea.Cmd {
	p := &m.pipeline
	want := renderKey{
		version: m.editor.Version(), width: m.previewWidth(), paneW: m.layout.side.innerW,
		theme: m.common.Theme.Name, payload: m.view == viewPayload, vars: m.varsGen,
	}
	want.keepMarkdown, want.markdownOn = m.keptMarkdown()
	if want == p.scheduled && p.seq > 0 {
		return nil
	}
	// Typing waits for a pause; the first render (a restored draft, a card
	// opened for editing) does not, so the first frames already show it.
	typed := want.version != p.scheduled.version && p.hasResult
	p.seq++
	p.scheduled = want
	if typed && p.delay > 0 {
		seq := p.seq
		return tea.Tick(p.delay, func(time.Time) tea.Msg { return previewTickMsg{seq: seq} })
	}
	return m.renderCmd()
}

// renderCmd parses and renders the current text off the Update goroutine.
func (m *Model) renderCmd() tea.Cmd {
	seq, key, source, r := m.pipeline.seq, m.pipeline.scheduled, m.editor.Value(), m.renderer
	// The command must not share the map Update writes; a value left empty
	// keeps its placeholder visible in the preview.
	vars := maps.Clone(m.lastVars)
	maps.DeleteFunc(vars, func(_, v string) bool { return v == "" })
	return func() tea.Msg {
		return previewResultMsg{seq: seq, key: key, result: renderSource(r, source, key, vars)}
	}
}

// renderSource is what the side pane and the diagnostics show of one source
// text: the card, or the payload JSON when key.payload (building only the
// one shown halves the work per pause in typing). Template placeholders with
// a value in vars are filled in for the card; the diagnostics stay those of
// the text as written, so their lines and columns point into the editor. It
// is the path the composer's background command takes, and the one the
// benchmarks measure.
func renderSource(r *preview.Renderer, source string, key renderKey, vars map[string]string) previewResult {
	content, diags := compose.Parse(source)
	res := previewResult{
		diags:   diags,
		chars:   utf8.RuneCountInString(source),
		bytes:   len(source),
		hasVars: len(compose.Variables(source)) > 0,
	}
	if filled := compose.Fill(source, vars); res.hasVars && filled != source {
		content, _ = compose.Parse(filled)
	}
	res.markdown = content.UsesMarkdown()
	if key.keepMarkdown {
		res.markdown = key.markdownOn
	}
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
// scheduled another.
func (m *Model) onPreviewTick(msg previewTickMsg) tea.Cmd {
	if msg.seq != m.pipeline.seq {
		return nil
	}
	return m.renderCmd()
}

// onPreviewResult shows a finished render unless a newer one is on its way.
func (m *Model) onPreviewResult(msg previewResultMsg) {
	p := &m.pipeline
	if msg.seq != p.seq {
		return
	}
	p.result, p.rendered, p.hasResult = msg.result, msg.key, true
	p.fitted = [2][]string{}
	m.hasVars = msg.result.hasVars
	m.relayout()
}

// clampScroll keeps the preview window inside its content.
func (m *Model) clampScroll() {
	n := len(m.pipeline.result.previewLines)
	if m.view == viewPayload {
		n = len(m.pipeline.result.payloadLines)
	}
	m.scroll = max(min(m.scroll, n-m.layout.side.innerH), 0)
}
