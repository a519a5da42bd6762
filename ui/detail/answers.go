package detail

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/termtext"
)

// maxAnswerLines is how many card answers the metadata lists; the newest are shown.
const maxAnswerLines = 3

// answerLines are the card answers kept for the message (interactive_message_* events):
// who clicked or picked what, and when; none when nobody answered. Names and values are
// outside text.
func (m *Model) answerLines() []string {
	if len(m.answers) == 0 {
		return nil
	}
	s := m.common.Styles
	loc := m.common.Now().Location()
	shown := m.answers[max(len(m.answers)-maxAnswerLines, 0):]
	lines := make([]string, 0, len(shown))
	for i, a := range shown {
		label := ""
		if i == 0 {
			label = fmt.Sprintf("answers %d", len(m.answers))
		}
		who := a.Who
		if who == "" {
			who = "someone"
		}
		lines = append(lines, s.Muted.Render(fmt.Sprintf("%-*s", labelWidth, label))+
			s.Muted.Render(a.ReceivedAt.In(loc).Format("Jan 2 15:04")+"  ")+
			s.Text.Render(termtext.Line(who)+" "+termtext.Line(a.What)))
	}
	return lines
}

// answerArrived reloads the message when a new answer to it came in.
func (m *Model) answerArrived(msg common.EventMsg) tea.Cmd {
	if !msg.Kept || m.id == "" || !msg.Event.IsInteraction() || msg.Event.Summary().MessageID != m.id {
		return nil
	}
	return m.load()
}
