// Package dialog holds the confirm dialog screens show before an action that
// changes something on Zoom: a question, a scrollable body (such as the diff
// an edit will make), y or n — and, once confirmed, the action itself run as
// a widget.Flight: a spinner while it runs, which esc cancels.
package dialog

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/ui/widget"
)

// Answer is what a key press meant to the dialog.
type Answer int

// Answers.
const (
	None   Answer = iota // the key was not an answer (it scrolled, or was ignored)
	Yes                  // confirmed: the caller starts the action with Start
	No                   // declined before anything ran
	Cancel               // esc while the action runs: the dialog cancelled it, and its result still lands
)

// KeyMap is the dialog's keys, enabled per state so that help shows only
// those that work.
type KeyMap struct {
	Yes, No, Cancel key.Binding
	Up, Down        key.Binding
	PageUp          key.Binding
	PageDown        key.Binding
}

func newKeyMap() KeyMap {
	return KeyMap{
		Yes:      key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:       key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "no")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"), key.WithDisabled()),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "scroll")),
		Down:     key.NewBinding(key.WithKeys("down", "j")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup/pgdn", "page")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space")),
	}
}

// Confirm is a yes/no question with a body. The zero value is not usable;
// build one with NewConfirm.
type Confirm struct {
	styles   themes.Styles
	title    string
	question string
	body     viewport.Model
	keys     KeyMap
	flight   widget.Flight
	busy     string // what the running action says it is doing
	prod     string // the production profile this dialog guards, "" for none
	width    int
	height   int
}

// NewConfirm builds, for screen owner, a dialog asking question, titled title, with body under
// it (may be empty; may hold ANSI styles, so the caller shows any outside text in it with
// termtext first). Title and question may quote outside text (ids, labels): control
// characters in them are shown, never interpreted.
func NewConfirm(owner common.ScreenID, styles themes.Styles, title, question, body string) *Confirm {
	c := &Confirm{
		styles: styles, title: termtext.Line(title), question: termtext.Visible(question), keys: newKeyMap(),
		body: viewport.New(), flight: widget.NewFlight(owner),
	}
	c.body.SetContent(body)
	return c
}

// GuardProd marks the dialog as acting on a production profile (kind =
// "prod"): it names the profile in the prod colour and only y goes ahead —
// enter, the usual "go on" key, answers no, so a habit cannot send to
// production. Call it before SetSize.
func (c *Confirm) GuardProd(profile string) {
	c.prod = termtext.Line(profile)
	c.keys.No.SetKeys("n", "N", "esc", "enter")
	c.keys.No.SetHelp("n/enter/esc", "no")
}

// GuardsProd reports whether the dialog guards a production profile.
func (c *Confirm) GuardsProd() bool { return c.prod != "" }

// SetSize gives the dialog the space it may fill, frame included.
func (c *Confirm) SetSize(width, height int) {
	c.width, c.height = width, height
	c.body.SetWidth(max(width-frameCols, 1))
	c.body.SetHeight(max(height-frameRows-c.textRows(), 0))
}

// SetStyles switches the dialog to another theme's styles.
func (c *Confirm) SetStyles(s themes.Styles) { c.styles = s }

// Busy reports whether the confirmed action is running.
func (c *Confirm) Busy() bool { return c.flight.Active() }

// Start runs the confirmed action op in a command with a context that esc
// cancels, and shows what (e.g. "Deleting…") beside a spinner until it
// lands. op's message comes back wrapped in a widget.Landed: give it to
// Landed.
func (c *Confirm) Start(what string, op func(ctx context.Context) tea.Msg) tea.Cmd {
	c.busy = what
	c.keys.Yes.SetEnabled(false)
	c.keys.No.SetEnabled(false)
	c.keys.Cancel.SetEnabled(true)
	return c.flight.Start(op)
}

// Landed reports whether l is the result of this dialog's action, which
// then no longer runs. A result of any other flight is not.
func (c *Confirm) Landed(l widget.Landed) bool { return c.flight.Landed(l) }

// SetBusyText changes what the running action says, e.g. to show that Zoom
// rate-limited it and when it tries again. It does nothing when idle.
func (c *Confirm) SetBusyText(what string) {
	if c.Busy() {
		c.busy = what
	}
}

// Update handles a key press or a spinner tick and says what a key meant.
func (c *Confirm) Update(msg tea.Msg) (Answer, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, c.keys.Cancel):
			c.flight.Cancel()
			return Cancel, nil
		case key.Matches(msg, c.keys.Yes):
			return Yes, nil
		case key.Matches(msg, c.keys.No):
			return No, nil
		case key.Matches(msg, c.keys.Up):
			c.body.ScrollUp(1)
		case key.Matches(msg, c.keys.Down):
			c.body.ScrollDown(1)
		case key.Matches(msg, c.keys.PageUp):
			c.body.PageUp()
		case key.Matches(msg, c.keys.PageDown):
			c.body.PageDown()
		}
		return None, nil
	}
	return None, c.flight.Update(msg)
}

// Bindings lists the keys that work now, for help.
func (c *Confirm) Bindings() []key.Binding {
	return []key.Binding{c.keys.Yes, c.keys.No, c.keys.Cancel, c.keys.Up, c.keys.PageUp}
}

// HelpKeys lists every key of the dialog, the ones off now with why.
func (c *Confirm) HelpKeys() []common.KeyHelp {
	keys := []common.KeyHelp{
		common.Why(c.keys.Yes, "the confirmed action is running"),
		common.Why(c.keys.No, "the confirmed action is running: esc cancels it"),
		common.Why(c.keys.Cancel, "only while the confirmed action runs"),
	}
	// Down and PageDown have no help of their own: Up's and PageUp's speak for them.
	return append(keys, common.Keys(c.keys.Up, c.keys.Down, c.keys.PageUp, c.keys.PageDown)...)
}

// frameCols and frameRows are what the rounded frame and its padding take.
const (
	frameCols = 4
	frameRows = 2
)

// textRows are the rows above and below the body: title, question, a blank
// line, and the answer line under the body.
func (c *Confirm) textRows() int {
	return 2 + len(c.questionLines()) + 1 + len(c.prodLines())
}

// prodLines name the production profile, in the prod badge's colour,
// wrapped to the dialog: the warning is never cut.
func (c *Confirm) prodLines() []string {
	if c.prod == "" {
		return nil
	}
	s := c.styles
	badge := s.BadgeProd.Render("PROD") + " "
	indent := ansi.StringWidth(badge)
	text := "Profile " + c.prod + " is production: only y goes ahead (enter is no)."
	wrapped := strings.Split(ansi.Wrap(text, max(c.width-frameCols-indent, 1), " "), "\n")
	lines := make([]string, len(wrapped))
	for i, l := range wrapped {
		lead := strings.Repeat(" ", indent)
		if i == 0 {
			lead = badge
		}
		lines[i] = lead + s.Error.Render(l)
	}
	return lines
}

func (c *Confirm) questionLines() []string {
	width := max(c.width-frameCols, 1)
	return strings.Split(ansi.Wordwrap(c.question, width, " "), "\n")
}

// View draws the dialog framed, exactly in the size last given to SetSize.
func (c *Confirm) View() string {
	s := c.styles
	inner := max(c.width-frameCols, 1)
	lines := []string{s.Title.Render(ansi.Truncate(c.title, inner, "…"))}
	lines = append(lines, c.prodLines()...)
	for _, q := range c.questionLines() {
		lines = append(lines, s.Text.Render(q))
	}
	lines = append(lines, "")
	if c.body.Height() > 0 {
		lines = append(lines, c.body.View())
	}
	lines = append(lines, c.answerLine(inner))
	box := s.Focused.Padding(0, 1).Width(c.width).Height(c.height).MaxHeight(c.height)
	return box.Render(strings.Join(lines, "\n"))
}

func (c *Confirm) answerLine(width int) string {
	s := c.styles
	if c.Busy() {
		return ansi.Truncate(c.flight.Spinner()+" "+s.Text.Render(c.busy)+s.Muted.Render(" · esc cancels"), width, "…")
	}
	line := s.HelpKey.Render("y") + s.HelpDesc.Render(" yes") + s.HelpSeparator.Render(" · ") +
		s.HelpKey.Render(c.keys.No.Help().Key) + s.HelpDesc.Render(" no")
	if c.body.TotalLineCount() > c.body.Height() {
		line += s.HelpSeparator.Render(" · ") + s.HelpKey.Render("↑/↓ pgup/pgdn") + s.HelpDesc.Render(" scroll")
	}
	return ansi.Truncate(line, width, "…")
}
