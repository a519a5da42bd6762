// Package composer is the Composer screen: the card source editor beside a
// live preview (or the payload JSON), diagnostics under the editor, an
// insert menu of card elements, templates, $EDITOR, draft autosave, and the
// send key that hands a checked draft to the root.
//
// Typing never waits for the preview: a change bumps a sequence number and
// schedules a debounced command that parses and renders off the Update
// goroutine; its result carries the sequence number and stale results are
// dropped. View composes pre-rendered lines and only the visible editor rows,
// so a keystroke costs the same on a 1 KB and a 40 KB card.
package composer

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/editor"
	"github.com/zoompose/zoompose/ui/preview"
)

// Debounce delays: the preview follows typing after a short pause, the
// draft is written to disk after a longer one (and at the latest after
// autosaveMaxWait of continuous typing).
const (
	defaultPreviewDelay    = 120 * time.Millisecond
	defaultAutosaveDelay   = time.Second
	defaultAutosaveMaxWait = 5 * time.Second
)

// wideLayoutMin is the width from which editor and preview sit side by side.
const wideLayoutMin = 100

// mobileWidth is the preview width of the mobile toggle, about a phone's.
const mobileWidth = 40

type focusPane int

const (
	focusEditor focusPane = iota
	focusPreview
)

type sideView int

const (
	viewPreview sideView = iota
	viewPayload
)

type overlayKind int

const (
	overlayNone overlayKind = iota
	overlayInsert
	overlayTemplates
	overlayVars
	overlayTemplateName
)

var (
	_ common.Screen       = (*Model)(nil)
	_ common.CursorScreen = (*Model)(nil)
)

// Model is the Composer screen. Create it with New; it implements
// common.Screen and common.CursorScreen, and Flush saves the draft.
type Model struct {
	common   common.Common
	keys     keyMap
	editor   editor.Model
	renderer *preview.Renderer
	chrome   *chrome
	layout   layout

	mode    common.ComposeMode
	message *history.Message // the message being edited (ComposeEdit)

	focus  focusPane
	view   sideView
	mobile bool
	scroll int // first preview/payload line shown

	pipeline pipeline
	drafts   draftState

	overlay      overlayKind
	menu         menu
	form         form
	snippetItems []menuItem        // the insert menu, built on first use
	lastVars     map[string]string // placeholder values given last time
	varsGen      int               // bumped when lastVars change, so the preview re-renders
	hasVars      bool              // the last render found {{.name}} placeholders
	lastTemplate string            // name a template was last saved under
}

// New returns a composer for a new message with an empty draft; Init
// restores the saved draft.
func New(c common.Common) *Model {
	m := &Model{keys: newKeyMap(), editor: editor.New(), lastVars: map[string]string{}}
	m.editor.ShowLineNumbers = true
	m.editor.Placeholder = "Write the card here: Markdown for text, ``` blocks for elements (ctrl+o inserts one)."
	m.pipeline.delay = defaultPreviewDelay
	m.drafts.delay, m.drafts.maxWait = defaultAutosaveDelay, defaultAutosaveMaxWait
	m.SetCommon(c)
	return m
}

// SetCommon takes the screen's size, theme and dependencies, lays the panes
// out again and, when the theme changed, builds a new preview renderer (the
// next Update schedules the re-render).
func (m *Model) SetCommon(c common.Common) {
	themeChanged := m.renderer == nil || m.common.Theme.Name != c.Theme.Name
	m.common = c
	if themeChanged {
		m.renderer = preview.New(c.Theme)
		m.editor.Styles = editorStyles(c.Styles)
		m.chrome = newChrome(c.Styles)
	}
	m.relayout()
}

// Init restores the saved draft the first time the screen is shown.
func (m *Model) Init() tea.Cmd {
	if m.drafts.restoreAsked {
		return nil
	}
	m.drafts.restoreAsked = true
	return tea.Batch(m.loadDraft(draftCurrent, true), m.ensurePreview())
}

// Title names the screen after what the draft is for.
func (m *Model) Title() string {
	switch m.mode {
	case common.ComposeEdit:
		if m.message != nil {
			return "Editing " + m.message.ID
		}
		return "Editing a sent message"
	case common.ComposeUnfurl:
		return "Unfurl card"
	default:
		return "New message"
	}
}

// Typing reports whether keys are text right now: in the editor, in a form
// or in a menu's filter.
func (m *Model) Typing() bool {
	if m.overlay != overlayNone {
		return true
	}
	return m.focus == focusEditor && m.editorVisible()
}

// Cursor places the real terminal cursor in the editor or in the open form,
// relative to the screen's top-left corner; nil hides it.
func (m *Model) Cursor() *tea.Cursor {
	switch {
	case m.overlay == overlayVars || m.overlay == overlayTemplateName:
		return m.form.cursor(m.layout.side.textX, m.layout.side.textY, m.layout.side.innerW)
	case m.overlay != overlayNone:
		return nil
	case m.focus == focusEditor && m.editorVisible():
		x, y := m.editor.CursorPosition()
		return tea.NewCursor(m.layout.editor.textX+x, m.layout.editor.textY+y)
	}
	return nil
}

// Flush returns a command that saves the draft now if it changed since the
// last save; the root runs it before quitting.
func (m *Model) Flush() tea.Cmd {
	return m.saveDraftNow()
}

// Source returns the card source in the editor.
func (m *Model) Source() string { return m.editor.Value() }

// Mode returns what the draft is for.
func (m *Model) Mode() common.ComposeMode { return m.mode }

func (m *Model) editorVisible() bool { return m.layout.wide || m.focus == focusEditor }

func (m *Model) sideVisible() bool { return m.layout.wide || m.focus == focusPreview }
