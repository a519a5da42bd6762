package composer

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
)

// templatesLoadedMsg carries the saved templates for the list.
type templatesLoadedMsg struct{ templates []history.Template }

// loadTemplates reads the templates in a command.
func (m *Model) loadTemplates() tea.Cmd {
	st := m.store()
	if st == nil {
		return common.Status(common.StatusWarn, "Templates need the history file, which is not open.")
	}
	return func() tea.Msg {
		ts, err := st.Templates()
		if err != nil {
			return common.StatusMsg{Kind: common.StatusError, Text: "The templates could not be read (" + err.Error() + ")."}
		}
		return templatesLoadedMsg{templates: ts}
	}
}

// openTemplates lists the templates. Choosing one starts the card from it
// when the editor is empty; otherwise it is inserted at the cursor. Either
// is one undo step, and no text is ever replaced.
func (m *Model) openTemplates(ts []history.Template) tea.Cmd {
	if len(ts) == 0 {
		return common.Status(common.StatusInfo, "No templates yet: alt+s saves the current card as one.")
	}
	items := make([]menuItem, len(ts))
	for i, t := range ts {
		items[i] = menuItem{name: printable(t.Name), detail: printable(firstLine(t.Source)), value: t.Source}
	}
	note := "enter starts the card from the template · esc closes"
	if !m.editorEmpty() {
		note = "enter inserts the template at the cursor (ctrl+z undoes it)"
	}
	m.menu = newMenu("Templates", note, items, func(m *Model, it menuItem) tea.Cmd {
		if !m.editorEmpty() {
			m.insertSnippet(it.value)
			return common.Status(common.StatusInfo, "Inserted template \""+it.name+"\" at the cursor.")
		}
		m.editor.ReplaceAll(it.value) // one undo step, like an insert
		m.editor.SetCursor(0, 0)
		return common.Status(common.StatusInfo, "Started from template \""+it.name+"\"; ctrl+z undoes it.")
	})
	m.openOverlay(overlayTemplates)
	return nil
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
