package detail

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/termtext"
)

// maxAnswerLines is how many card answers the metadata lists; the newest are shown, and
// the answers key (a) shows them all in the pane, where they scroll.
const maxAnswerLines = 3

// answerLines are the card answers kept for the message (interactive_message_* events):
// who clicked or picked what, and when; none when nobody answered. When there are more than
// fit, the first line says how to see them all. Names and values are outside text.
func (m *Model) answerLines() []string {
	if len(m.answers) == 0 {
		return nil
	}
	s := m.common.Styles
	shown := m.answers[max(len(m.answers)-maxAnswerLines, 0):]
	lines := make([]string, 0, len(shown))
	for i, a := range shown {
		label, more := "", ""
		if i == 0 {
			label = fmt.Sprintf("answers %d", len(m.answers))
			if hidden := len(m.answers) - len(shown); hidden > 0 {
				more = s.Muted.Render(fmt.Sprintf("  (%d older: a lists all)", hidden))
			}
		}
		lines = append(lines, s.Muted.Render(fmt.Sprintf("%-*s", labelWidth, label))+m.answerText(a)+more)
	}
	return lines
}

// answerText is one answer: when, who, what.
func (m *Model) answerText(a history.Event) string {
	s := m.common.Styles
	who := a.Who
	if who == "" {
		who = "someone"
	}
	return s.Muted.Render(a.ReceivedAt.In(m.common.Now().Location()).Format("Jan 2 15:04")+"  ") +
		s.Text.Render(termtext.Line(who)+" "+termtext.Line(a.What))
}

// answersPane lists every answer, newest first, each wrapped whole to the width: the pane
// scrolls, so none is left out or cut.
func (m *Model) answersPane() string {
	width := max(m.common.Width, 1)
	lines := make([]string, 0, len(m.answers))
	for _, a := range slices.Backward(m.answers) {
		lines = append(lines, ansi.Wrap(m.answerText(a), width, " "))
	}
	return strings.Join(lines, "\n")
}

// answerArrived reloads the message when a new answer to it came in.
func (m *Model) answerArrived(msg common.EventMsg) tea.Cmd {
	if !msg.Kept || m.id == "" || !msg.Event.IsInteraction() || msg.Event.Summary().MessageID != m.id {
		return nil
	}
	return m.load()
}
