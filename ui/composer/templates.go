package composer

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose/starters"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
)

// templatesLoadedMsg carries the saved templates for the picker.
type templatesLoadedMsg struct{ templates []history.Template }

// loadTemplates opens the picker at once, on the starters and the saved
// templates as last read, so keys typed right after ctrl+t land in it; the
// saved templates are read again in a command and the list follows. Without
// a history file the picker has the shipped starters only.
func (m *Model) loadTemplates() tea.Cmd {
	open := m.openTemplates(m.picker.saved)
	st := m.store()
	if st == nil {
		return open
	}
	return tea.Batch(open, func() tea.Msg {
		ts, err := st.Templates()
		if err != nil {
			return common.StatusMsg{Kind: common.StatusError, Text: "The templates could not be read (" + err.Error() + ")."}
		}
		return templatesLoadedMsg{templates: ts}
	})
}

// onTemplatesLoaded keeps the saved templates read and, while the picker is
// open, lists them, keeping the filter and, once the admin moved, the
// highlighted template.
func (m *Model) onTemplatesLoaded(saved []history.Template) tea.Cmd {
	m.picker.saved = saved
	if m.overlay != overlayTemplates {
		return nil
	}
	mn := &m.menu
	was, _ := mn.selected()
	mn.items = templateItems(saved)
	sel, top := mn.sel, mn.top
	mn.refilter()
	if sel == 0 {
		return m.ensureTemplatePreview() // not moved yet: the first of the list
	}
	mn.sel, mn.top = min(sel, max(len(mn.shown)-1, 0)), top
	for i, j := range mn.shown {
		if mn.items[j].name == was.name {
			mn.sel = i
		}
	}
	return m.ensureTemplatePreview()
}

// starterTag marks a shipped starter in the picker's list.
const starterTag = "starter · "

// templateItems is the picker's list: the saved templates, then the shipped
// starters. A saved template with a starter's name shadows that starter, so
// an admin can adapt one and keep its name.
func templateItems(saved []history.Template) []menuItem {
	items := make([]menuItem, 0, len(saved)+5)
	names := map[string]bool{}
	for _, t := range saved {
		names[t.Name] = true
		items = append(items, menuItem{name: printable(t.Name), detail: printable(firstLine(t.Source)), value: t.Source})
	}
	for _, s := range starters.All() {
		if !names[s.Name] {
			items = append(items, menuItem{name: s.Name, detail: starterTag + s.Description, value: s.Source})
		}
	}
	return items
}

// openTemplates opens the picker over the saved templates and the starters,
// with a live preview of the highlighted one. Choosing one replaces the
// draft as one undo step; when the draft holds text, the picker asks first.
func (m *Model) openTemplates(saved []history.Template) tea.Cmd {
	note := "enter starts the card from it · esc closes"
	if !m.editorEmpty() {
		note = "enter replaces the draft, after asking"
	}
	m.menu = newMenu("Templates", note, templateItems(saved), func(m *Model, it menuItem) tea.Cmd {
		return m.chooseTemplate(it)
	})
	m.menu.highlight = func(m *Model) tea.Cmd { return m.ensureTemplatePreview() }
	m.picker.replacing = nil
	m.openOverlay(overlayTemplates)
	return m.ensureTemplatePreview()
}

// chooseTemplate starts the card from it, or asks first when that would
// replace text.
func (m *Model) chooseTemplate(it menuItem) tea.Cmd {
	if m.editorEmpty() {
		return m.useTemplate(it)
	}
	m.picker.replacing = &it
	m.menu.question = "Replace the draft with \"" + it.name + "\"?\ny replaces it (ctrl+z undoes) · any other key keeps it"
	m.openOverlay(overlayTemplates) // the picker stays open for the question
	return nil
}

// answerReplace replaces the draft on y; any other key keeps it.
func (m *Model) answerReplace(msg tea.KeyPressMsg) tea.Cmd {
	it := *m.picker.replacing
	m.picker.replacing = nil
	m.closeOverlay()
	if msg.Text == "y" || msg.Text == "Y" {
		return m.useTemplate(it)
	}
	return common.Status(common.StatusInfo, "Kept the draft; ctrl+t opens the templates again.")
}

// useTemplate replaces the draft with the template as one undo step.
func (m *Model) useTemplate(it menuItem) tea.Cmd {
	m.closeOverlay()
	m.editor.ReplaceAll(it.value)
	m.editor.SetCursor(0, 0)
	text := "Started from template \"" + it.name + "\"; ctrl+z brings the draft back."
	if strings.Contains(it.value, "{{") {
		text += " alt+v fills its placeholders."
	}
	return common.Status(common.StatusInfo, text)
}

// saveTemplate stores the current text under name in a command.
func (m *Model) saveTemplate(name string) tea.Cmd {
	st := m.store()
	if st == nil {
		return common.Status(common.StatusWarn, "Templates need the history file, which is not open.")
	}
	t := history.Template{Name: name, Source: m.editor.Value(), UpdatedAt: m.common.Now()}
	return func() tea.Msg {
		if err := st.SaveTemplate(t); err != nil {
			return common.StatusMsg{Kind: common.StatusError, Text: "The template could not be saved (" + err.Error() + ")."}
		}
		return common.StatusMsg{Kind: common.StatusOK, Text: "Saved template \"" + name + "\"; ctrl+t starts a card from it."}
	}
}

func (m *Model) editorEmpty() bool {
	return m.editor.LineCount() == 1 && m.editor.Line(0) == ""
}

// firstLine is the first line of s that says something, skipping blank
// lines and the front matter fences.
func firstLine(s string) string {
	for line := range strings.SplitSeq(s, "\n") {
		if t := strings.TrimSpace(line); t != "" && t != "---" {
			return t
		}
	}
	return ""
}
