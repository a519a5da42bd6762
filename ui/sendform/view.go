package sendform

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/ui/widget"
)

// View implements common.Screen. The form fits its height: the state line
// (the last problem, wrapped whole) always shows, and when the screen is
// short the blank lines, the suggestions under To (all but the highlighted
// one) and the headings give way to it, in that order.
func (m *Model) View() string {
	if m.guard != nil {
		return m.guard.View()
	}
	s := m.common.Styles
	var form formLines
	form.add(dropHeading, s.Title.Render("Send the card"))
	form.add(dropHeading, s.Muted.Render(m.summary()))
	form.add(dropBlank, "")
	for i := range fieldMarkdown {
		form.add(keep, m.fields.Row(i, s))
		if m.marked(i) {
			form.add(keep, widget.Indent()+s.Error.Render("✗ "+m.bad.mark+": see below"))
		}
		if i == fieldTo {
			m.matchList(&form)
			form.add(keep, strings.Split(strings.TrimSuffix(m.namingView(), "\n"), "\n")...)
		}
	}
	box := "[ ]"
	if m.markdown {
		box = "[x]"
	}
	form.add(keep, widget.Label("Markdown", m.focus == fieldMarkdown, s)+box+s.Muted.Render(" is_markdown_support"))
	if m.hint != "" {
		for _, line := range strings.Split(indented(m.hint, m.common.Width), "\n") {
			form.add(keep, s.Warn.Render(line))
		}
	}
	form.add(dropBlank, "")
	state := m.stateLine()
	form.fit(m.common.Height - strings.Count(state, "\n") - 1)
	out := form.String() + state
	if copies := m.copyLines(); copies != "" {
		out += "\n" + copies
	}
	return out
}

// What gives way when the form is taller than the screen, first to last.
const (
	keep          = iota
	dropBlank     // blank lines between the parts
	dropSuggested // suggestions under To other than the highlighted one
	dropHeading   // the form's title and the card's summary
)

// formLines are the form's rows above the state line, each with what it
// is, so that fit knows which can go.
type formLines struct {
	text []string
	drop []int
}

func (f *formLines) add(drop int, lines ...string) {
	for _, l := range lines {
		if l == "" && drop == keep {
			continue // an empty part (no naming prompt) takes no row
		}
		f.text, f.drop = append(f.text, l), append(f.drop, drop)
	}
}

// fit removes rows, the least needed first and each kind from the bottom
// up, until at most height rows are left or nothing more may go.
func (f *formLines) fit(height int) {
	for level := dropBlank; level <= dropHeading && len(f.text) > height; level++ {
		for i := len(f.text) - 1; i >= 0 && len(f.text) > height; i-- {
			if f.drop[i] == level {
				f.text, f.drop = append(f.text[:i], f.text[i+1:]...), append(f.drop[:i], f.drop[i+1:]...)
			}
		}
	}
}

func (f *formLines) String() string {
	if len(f.text) == 0 {
		return ""
	}
	return strings.Join(f.text, "\n") + "\n"
}

func (m *Model) summary() string {
	if !m.hasDraft {
		return "No card yet: write one in the composer and press ctrl+s."
	}
	return fmt.Sprintf("%s · %d bytes of content", cmp.Or(termtext.Line(compose.Summary(m.card.Content)), "untitled card"), len(m.card.Content))
}

// matchList adds the recent recipients matching the typed text, with their
// labels, under the recipient field while it has the focus.
func (m *Model) matchList(form *formLines) {
	if m.focus != fieldTo || len(m.matches) == 0 || m.flight.Active() {
		return
	}
	s := m.common.Styles
	for i, r := range m.matches {
		line := termtext.Line(r.JID)
		switch {
		case r.List != "":
			line = termtext.Line(r.List) + "  " + s.Muted.Render(fmt.Sprintf("list · %d recipients", r.Members))
		case r.Label != "":
			line = termtext.Line(r.Label) + "  " + s.Muted.Render(line)
		}
		if i == m.pick {
			form.add(keep, widget.Indent()+s.Selected.Render("› "+line))
		} else {
			form.add(dropSuggested, widget.Indent()+"  "+line)
		}
	}
}

// wrap breaks a sentence over the form's width, so that it is read whole.
func wrap(text string, width int) string { return ansi.Wrap(text, max(width, 20), "") }

// indented wraps text under a field's value, every line indented.
func indented(text string, width int) string {
	pad := widget.Indent()
	lines := strings.Split(wrap(text, width-ansi.StringWidth(pad)), "\n")
	return pad + strings.Join(lines, "\n"+pad)
}

// stateLine shows the spinner, the rate-limit countdown, the last problem or
// what the form is about to do.
func (m *Model) stateLine() string {
	s := m.common.Styles
	switch {
	case m.flight.Active() && !m.rateUntil.IsZero():
		left := max(time.Until(m.rateUntil).Round(time.Second), 0)
		return s.Warn.Render(fmt.Sprintf("%s Zoom rate limit: retrying in %s (attempt %d) — esc cancels",
			m.flight.Spinner(), left, m.rateTry+1))
	case m.flight.Active() && m.copiesOf > 0:
		return m.flight.Spinner() + s.Text.Render(fmt.Sprintf(" Broadcasting: copy %d of %d… esc stops it (unsent copies wait in the outbox)", min(len(m.copies)+1, m.copiesOf), m.copiesOf))
	case m.flight.Active():
		return m.flight.Spinner() + s.Text.Render(" Sending… esc cancels")
	case m.problem != "":
		// Problems quote Zoom's answers and what was typed: shown, never
		// interpreted.
		return s.Error.Render(wrap(termtext.Line(m.problem), m.common.Width))
	case m.note != "":
		return s.Warn.Render(wrap(termtext.Line(m.note), m.common.Width))
	}
	return s.Muted.Render("ctrl+s sends · esc goes back to the draft")
}

var _ common.Screen = (*Model)(nil)
