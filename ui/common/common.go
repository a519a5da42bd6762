// Package common holds what every zoompose screen shares: the size and styles
// that flow down from the root model (Common), the dependencies screens use to
// build commands (Deps), the Screen interface the root routes between, and the
// messages screens send each other through the root.
//
// Sizes and styles flow one way, from the root down; a screen never reaches
// into another screen, it sends a message and the root routes it.
package common

import (
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/zoom"
)

// Profile describes the configured bot the app talks to, for the status bar
// and for history records. It never holds a secret.
type Profile struct {
	Name      string // config profile name, "env" when taken from the environment
	Kind      string // "dev" or "prod": the badge colour
	AccountID string
	RobotJID  string
	UserJID   string
	Sandbox   bool // talking to the built-in simulator
}

// Deps are the long-lived services screens build their commands from. They
// are passed explicitly (never fetched from a context) and are safe for use
// from the goroutines tea.Cmds run on.
type Deps struct {
	Client  *zoom.Client   // nil when no credentials are configured
	Store   *history.Store // the history file; never nil while the app runs
	Profile Profile
	// ConfigHint says how to configure credentials when Client is nil.
	ConfigHint string
	// Now is the clock; tests fix it so goldens are stable.
	Now func() time.Time
}

// Common is embedded by every screen: the space it may draw in, the theme it
// draws with, and its dependencies. The root sets it; screens only read it.
type Common struct {
	Width, Height int
	Theme         themes.Theme
	Styles        themes.Styles
	Deps          *Deps
}

// NewCommon builds a Common for theme t. Styles are built once here, not per
// frame.
func NewCommon(t themes.Theme, deps *Deps) Common {
	return Common{Theme: t, Styles: t.Styles(), Deps: deps}
}

// SetSize records the space a screen may draw in. Negative sizes (a terminal
// smaller than the chrome around the screen) become zero.
func (c *Common) SetSize(width, height int) {
	c.Width, c.Height = max(width, 0), max(height, 0)
}

// SetTheme switches theme, e.g. after the terminal reported its background.
func (c *Common) SetTheme(t themes.Theme) {
	c.Theme, c.Styles = t, t.Styles()
}

// Now returns the current time from Deps' clock, or time.Now.
func (c Common) Now() time.Time {
	if c.Deps != nil && c.Deps.Now != nil {
		return c.Deps.Now()
	}
	return time.Now()
}
