package composer

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/ui/common"
)

// Update handles a message and returns the same screen. After every message
// it schedules what a text or layout change calls for: the preview render
// and the debounced autosave.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	listFocused := m.focus == focusDiags
	cmd := m.handle(msg)
	if listFocused != (m.focus == focusDiags) {
		m.relayout() // the picked problem is highlighted only while the list has the keyboard
	}
	m.syncKeys()
	return m, tea.Batch(cmd, m.ensurePreview(), m.noteChange())
}

func (m *Model) handle(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.PasteMsg:
		return m.handleInput(msg)
	case tea.WindowSizeMsg:
		m.relayout() // the size itself comes through SetCommon
		return m.ensureTemplatePreview()
	case previewTickMsg:
		return m.onPreviewTick(msg)
	case previewResultMsg:
		return m.onPreviewResult(msg)
	case autosaveTickMsg:
		return m.onAutosaveTick(msg)
	case draftsReadMsg:
		return m.onDraftsRead(msg)
	case common.DraftSentMsg:
		return m.onDraftSent(msg)
	case common.DraftKeptMsg:
		return m.onDraftKept(msg)
	case common.RecordReleasedMsg:
		return m.onRecordReleased(msg)
	case common.ComposeMsg:
		return m.onCompose(msg)
	case needVarsMsg:
		m.openVarsForm(msg.names, true)
	case submitCheckedMsg:
		return m.onSubmitChecked(msg)
	case templatesLoadedMsg:
		return m.onTemplatesLoaded(msg.templates)
	case templatePreviewMsg:
		return m.onTemplatePreview(msg)
	case externalFileMsg:
		return runExternalEditor(msg)
	case externalDoneMsg:
		return m.onExternalDone(msg)
	}
	return nil
}

// handleInput sends a paste to the open form, or to the editor: pasted text
// is meant for the card, so a paste while the preview has the keyboard goes
// to the editor and gives it the keyboard back. Menus ignore pastes.
func (m *Model) handleInput(msg tea.PasteMsg) tea.Cmd {
	switch m.overlay {
	case overlayVars, overlayTemplateName:
		return m.updateForm(msg)
	case overlayNone:
		m.focus = focusEditor
		m.syncKeys()
		m.editor, _ = m.editor.Update(msg)
	}
	return nil
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	switch m.overlay {
	case overlayInsert, overlayTemplates:
		return m.updateMenu(msg)
	case overlayDrafts:
		return m.updateDraftList(msg)
	case overlayVars, overlayTemplateName:
		return m.updateForm(msg)
	}
	if m.focus == focusDiags {
		if cmd, ok := m.diagKey(msg); ok {
			return cmd
		}
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Diags):
		m.toggleDiagFocus()
	case key.Matches(msg, k.DiagsExpand):
		m.toggleDiagExpanded()
	case key.Matches(msg, k.Send):
		return m.submit(nil)
	case key.Matches(msg, k.SwitchPane):
		m.switchPane()
	case key.Matches(msg, k.Payload):
		m.togglePayload()
	case key.Matches(msg, k.MobileWidth):
		m.mobile = !m.mobile
		m.syncKeys()
	case key.Matches(msg, k.Insert):
		m.openInsertMenu()
	case key.Matches(msg, k.Templates):
		return m.loadTemplates()
	case key.Matches(msg, k.SaveTemplate):
		m.openTemplateNameForm()
	case key.Matches(msg, k.PreviewVars):
		m.openVarsForm(compose.Variables(m.editor.Value()), false)
	case key.Matches(msg, k.ExtEditor):
		return m.writeExternalFile()
	case key.Matches(msg, k.Drafts):
		m.openDraftList()
	case key.Matches(msg, k.Back):
		return func() tea.Msg { return common.BackMsg{} } // the text stays here
	case m.focus == focusPreview:
		m.scrollPreview(msg)
	default:
		m.editor, _ = m.editor.Update(msg)
	}
	return nil
}

// switchPane moves the keyboard between editor and preview; in the narrow
// layout it also swaps which one is shown.
func (m *Model) switchPane() {
	if m.focus == focusEditor {
		m.focus = focusPreview
	} else {
		m.focus = focusEditor
	}
	m.syncKeys()
}

// togglePayload swaps the side pane between the card and its JSON, and
// shows it when the narrow layout was on the editor.
func (m *Model) togglePayload() {
	if m.view == viewPreview {
		m.view = viewPayload
	} else {
		m.view = viewPreview
	}
	if !m.layout.wide {
		m.focus = focusPreview
	}
	m.scroll = 0
	m.syncKeys()
}

func (m *Model) scrollPreview(msg tea.KeyPressMsg) {
	page := max(m.layout.side.innerH-1, 1)
	switch {
	case key.Matches(msg, m.keys.ScrollUp):
		m.scroll--
	case key.Matches(msg, m.keys.ScrollDown):
		m.scroll++
	case key.Matches(msg, m.keys.PageUp):
		m.scroll -= page
	case key.Matches(msg, m.keys.PageDown):
		m.scroll += page
	}
	m.clampScroll()
}
