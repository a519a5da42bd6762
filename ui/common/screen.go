package common

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// Screen is one page of the app. The root model holds one of each, routes
// messages to the active one and draws it between the title and status bars.
// Screens are pointers: Update mutates and returns the same screen.
type Screen interface {
	help.KeyMap
	// Init returns the commands a screen needs when it becomes active.
	Init() tea.Cmd
	// Update handles a message; the root sends key presses only to the
	// active screen, and every other message to all screens.
	Update(msg tea.Msg) (Screen, tea.Cmd)
	// View draws the screen in exactly the size last given to SetCommon.
	View() string
	// SetCommon gives the screen its size, theme and dependencies.
	SetCommon(c Common)
	// Title names the screen in the title bar.
	Title() string
	// Typing reports whether keystrokes are text for an input, or answers to
	// a question the screen asks, right now, so that global single-letter
	// keys (q, ?) must not be taken by the root: a q pressed at a "delete on
	// production?" question must not quit the app under it.
	Typing() bool
	// HelpKeys lists every key of the screen, grouped as the help overlay
	// shows them, the disabled ones included with why they do not act now.
	// A binding without help text (↓ when ↑'s help says "↑/↓") is listed
	// and not drawn.
	HelpKeys() [][]KeyHelp
}

// CursorScreen is a Screen that wants the real terminal cursor shown at a
// position relative to its own top-left corner (nil hides it).
type CursorScreen interface {
	Cursor() *tea.Cursor
}
