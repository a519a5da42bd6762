// Package composer is the Composer screen: the card source editor beside a
// live preview (or the payload JSON), diagnostics under the editor, an
// insert menu of card elements, templates, $EDITOR, drafts, and the send key
// that hands a checked draft to the root.
//
// Each target (the new message, each edited message, the unfurl card, each
// send kept in the outbox) has one draft. The composer holds every open
// draft in memory, so switching is instant and never drops text, and keeps
// a copy in the history file (autosaved, saved when left and on quit) so
// all of them survive a restart; ctrl+l lists them.
//
// Typing never waits for the preview: a change bumps a sequence number and
// starts a command that parses and renders off the Update goroutine, at once
// when the last render was cheap and after a pause in typing as long as the
// last render when it was not; one render runs at a time, its result carries
// the sequence number and stale results are dropped. Only the first preview
// of a small draft put in whole (restored, opened) renders in Update, so the
// frame that shows the draft shows its preview. View composes pre-rendered
// lines and only the visible editor rows, so a keystroke costs the same on a
// 1 KB and a 40 KB card.
package composer

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/editor"
	"github.com/zoompose/zoompose/ui/preview"
)

// Debounce delays: the preview follows typing at once while its renders are
// cheap, and never waits for a pause longer than defaultPreviewDelay; the
// draft is written to disk after a longer pause (and at the latest after
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
	focusDiags // the problems list under the editor (diaglist.go)
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
	overlayDrafts
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

	cur       *draftEntry            // the draft shown: its target and, for an edit, the message
	open      map[string]*draftEntry // every open draft by name, the shown one included
	submitted *target                // the draft last handed over with ctrl+s

	focus  focusPane
	view   sideView
	mobile bool
	scroll int // first preview/payload line shown

	pipeline pipeline
	drafts   draftState
	diag     diagList // the problems list: compact or expanded, the picked one

	overlay      overlayKind
	menu         menu
	picker       pickerState // the template picker's question and previews
	form         form
	snippetItems []menuItem        // the insert menu, built on first use
	lastVars     map[string]string // placeholder values given last time
	varsGen      int               // bumped when lastVars change, so the preview re-renders
	hasVars      bool              // the last render found {{.name}} placeholders
	lastTemplate string            // name a template was last saved under
	discarding   string            // name of the draft the drafts list asks to discard
}

// New returns a composer for a new message with an empty draft; Init
// reads the saved drafts.
func New(c common.Common) *Model {
	m := &Model{keys: newKeyMap(), editor: editor.New(), lastVars: map[string]string{}, open: map[string]*draftEntry{}}
	m.cur = m.entry(newMessage)
	m.editor.ShowLineNumbers = true
	m.editor.Placeholder = "Write the card here: Markdown for text, ``` blocks for elements (ctrl+o inserts one)."
	m.pipeline.delay = defaultPreviewDelay
	m.pipeline.keyClock = time.Now
	m.drafts.delay, m.drafts.maxWait = defaultAutosaveDelay, defaultAutosaveMaxWait
	m.SetCommon(c)
	return m
}

// SetCommon takes the screen's size, theme and dependencies, lays the panes
// out again and, when the theme changed, builds a new preview renderer (the
// next Update schedules the re-render). A draft restored before the screen
// had a size gets its first preview here.
func (m *Model) SetCommon(c common.Common) {
	themeChanged := m.renderer == nil || m.common.Theme.Name != c.Theme.Name
	m.common = c
	if themeChanged {
		m.renderer = preview.New(c.Theme)
		m.editor.Styles = editorStyles(c.Styles)
		m.chrome = newChrome(c.Styles)
	}
	m.relayout()
	m.showLoadedPreview()
}

// Init reads the saved drafts the first time the screen is shown, and
// restores the new message's.
func (m *Model) Init() tea.Cmd {
	if m.drafts.readAsked {
		return nil
	}
	m.drafts.readAsked = true
	return tea.Batch(m.readDrafts(), m.ensurePreview())
}

// Title names the screen after what the draft is for.
func (m *Model) Title() string {
	if m.cur.mode == common.ComposeEdit {
		return printable("Editing " + m.cur.id)
	}
	return printable(m.cur.label()) // an unfurl's shared link came in an event
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

// Flush returns a command that saves the shown draft now, under its own
// name, if it changed since the last save (the drafts not shown were saved
// when they were left); the root runs it before quitting.
func (m *Model) Flush() tea.Cmd {
	return m.saveDraftNow()
}

// Source returns the card source in the editor.
func (m *Model) Source() string { return m.editor.Value() }

// Mode returns what the draft is for.
func (m *Model) Mode() common.ComposeMode { return m.cur.mode }

// editorVisible: the problems list sits under the editor, so it shows the
// editor too.
func (m *Model) editorVisible() bool { return m.layout.wide || m.focus != focusPreview }

func (m *Model) sideVisible() bool { return m.layout.wide || m.focus == focusPreview }
