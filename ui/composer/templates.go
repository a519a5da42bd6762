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

// loadTemplates reads the saved templates in a command. Without a history
// file the picker still opens, with the shipped starters only.
func (m *Model) loadTemplates() tea.Cmd {
	st := m.store()
	if st == nil {
		return m.openTemplates(nil)
	}
	return func() tea.Msg {
		ts, err := st.Templates()
		if err != nil {
			return common.StatusMsg{Kind: common.StatusError, Text: "The templates could not be read (" + err.Error() + ")."}
		}
		return templatesLoadedMsg{templates: ts}
	}
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
