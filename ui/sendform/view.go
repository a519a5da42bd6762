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

// View implements common.Screen.
func (m *Model) View() string {
	if m.guard != nil {
		return m.guard.View()
	}
	s := m.common.Styles
	var b strings.Builder
	b.WriteString(s.Title.Render("Send the card") + "\n")
	b.WriteString(s.Muted.Render(m.summary()) + "\n\n")
	for i := range fieldMarkdown {
		b.WriteString(m.fields.Row(i, s) + "\n")
		if m.marked(i) {
			b.WriteString(widget.Indent() + s.Error.Render("✗ "+m.bad.mark+": see below") + "\n")
		}
		if i == fieldTo {
			b.WriteString(m.matchList())
			b.WriteString(m.namingView())
		}
	}
	box := "[ ]"
	if m.markdown {
		box = "[x]"
	}
	b.WriteString(widget.Label("Markdown", m.focus == fieldMarkdown, s) + box + s.Muted.Render(" is_markdown_support") + "\n")
	if m.hint != "" {
		b.WriteString(s.Warn.Render(indented(m.hint, m.common.Width)) + "\n")
	}
	b.WriteString("\n")
	b.WriteString(m.stateLine())
	if copies := m.copyLines(); copies != "" {
		b.WriteString("\n" + copies)
	}
	return b.String()
}

func (m *Model) summary() string {
	if !m.hasDraft {
		return "No card yet: write one in the composer and press ctrl+s."
	}
	return fmt.Sprintf("%s · %d bytes of content", cmp.Or(termtext.Line(compose.Summary(m.card.Content)), "untitled card"), len(m.card.Content))
}

// matchList shows the recent recipients matching the typed text, with their
// labels, under the recipient field while it has the focus.
func (m *Model) matchList() string {
	if m.focus != fieldTo || len(m.matches) == 0 || m.flight.Active() {
		return ""
	}
	s := m.common.Styles
	var b strings.Builder
	for i, r := range m.matches {
		line := termtext.Line(r.JID)
		switch {
		case r.List != "":
			line = termtext.Line(r.List) + "  " + s.Muted.Render(fmt.Sprintf("list · %d recipients", r.Members))
		case r.Label != "":
			line = termtext.Line(r.Label) + "  " + s.Muted.Render(line)
		}
		if i == m.pick {
			b.WriteString(widget.Indent() + s.Selected.Render("› "+line) + "\n")
		} else {
			b.WriteString(widget.Indent() + "  " + line + "\n")
		}
	}
	return b.String()
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
		return s.Error.Render(wrap(m.problem, m.common.Width))
	case m.note != "":
		return s.Warn.Render(wrap(m.note, m.common.Width))
	}
	return s.Muted.Render("ctrl+s sends · esc goes back to the draft")
}

var _ common.Screen = (*Model)(nil)
