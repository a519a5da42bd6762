package composer

import (
	"maps"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
)

// pickerCacheLimit bounds the rendered previews kept: a few templates at a
// few widths. Past it the cache starts over.
const pickerCacheLimit = 64

// pickerState is the template picker's own state beside its menu: the
// template the admin is asked about replacing the draft with, and the
// previews of the templates already drawn.
type pickerState struct {
	replacing *menuItem
	saved     []history.Template     // the saved templates as last read
	cache     map[pickerKey][]string // fitted preview lines
	pending   map[pickerKey]bool     // renders on their way
}

// pickerKey is what a template's preview depends on.
type pickerKey struct {
	source string
	width  int
	theme  string
	vars   int // generation of the placeholder values filled in
}

// templatePreviewMsg carries a template's rendered preview.
type templatePreviewMsg struct {
	key   pickerKey
	lines []string
}

// templatePreviewKey is the key of the highlighted template's preview at the
// current size, false when nothing is highlighted.
func (m *Model) templatePreviewKey() (pickerKey, bool) {
	it, ok := m.menu.selected()
	if m.overlay != overlayTemplates || !ok {
		return pickerKey{}, false
	}
	return pickerKey{source: it.value, width: m.layout.side.innerW, theme: m.common.Theme.Name, vars: m.varsGen}, true
}

// ensureTemplatePreview renders the highlighted template's card in a
// command, unless it is drawn or on its way: moving through the list only
// looks the preview up, so the picker follows the keys at once.
func (m *Model) ensureTemplatePreview() tea.Cmd {
	k, ok := m.templatePreviewKey()
	p := &m.picker
	if !ok || p.cache[k] != nil || p.pending[k] {
		return nil
	}
	if p.pending == nil {
		p.pending = map[pickerKey]bool{}
	}
	p.pending[k] = true
	r := m.renderer
	vars := maps.Clone(m.lastVars)
	maps.DeleteFunc(vars, func(_, v string) bool { return v == "" })
	return func() tea.Msg {
		res := renderSource(r, k.source, renderKey{width: k.width, paneW: k.width, theme: k.theme}, vars)
		lines := make([]string, len(res.previewLines))
		for i, l := range res.previewLines {
			lines[i] = fit(l, k.width)
		}
		return templatePreviewMsg{key: k, lines: lines}
	}
}

// onTemplatePreview keeps a rendered preview, and asks for the one now
// highlighted if the layout changed meanwhile.
func (m *Model) onTemplatePreview(msg templatePreviewMsg) tea.Cmd {
	p := &m.picker
	delete(p.pending, msg.key)
	if p.cache == nil || len(p.cache) >= pickerCacheLimit {
		p.cache = map[pickerKey][]string{}
	}
	p.cache[msg.key] = msg.lines
	return m.ensureTemplatePreview()
}

// pickerLines draws the picker in width×height cells: the list on top, and
// under it the highlighted template's card as it will look, placeholders as
// written (or filled with the values alt+v gave).
func (m *Model) pickerLines(width, height int, st themes.Styles) []string {
	listH := min(m.menu.height(), max(height/2, 6), height)
	out := m.menu.lines(width, listH, st)
	for len(out) < listH {
		out = append(out, spaces(width))
	}
	it, ok := m.menu.selected()
	if !ok || len(out) >= height {
		return out
	}
	out = append(out, fit(st.Muted.Render(" ── Preview of "+it.name+" "), width))
	k, _ := m.templatePreviewKey()
	card := m.picker.cache[k]
	if card == nil {
		card = []string{fit(st.Muted.Render(" Rendering the preview…"), width)}
	}
	for _, line := range card {
		if len(out) >= height {
			break
		}
		out = append(out, line)
	}
	return out
}
