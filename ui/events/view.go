package events

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// headerRows are the rows above the feed: the connection line and a blank line.
const headerRows = 2

// minDetailRows are the rows under the feed kept for the selected event's
// detail (the position line and three lines of detail); a longer detail
// takes more, up to half the screen, so a message to the bot is read whole.
const minDetailRows = 4

// View implements common.Screen. Everything an event carries is outside text: it goes
// through termtext before it is drawn.
func (m *Model) View() string {
	s := m.common.Styles
	m.list.Empty = "No events yet. Share a link, click a card, or message the bot in Zoom;\n" +
		"in the sandbox, from another shell: curl -d link=https://example.com " + termtext.Line(m.sandboxURL()) + "/sandbox/share-link"
	lines := append([]string{m.connLine(), ""}, m.list.Lines(s, m.drawRow)...)
	if m.list.Len() > 0 && m.list.Problem() == "" {
		gap := "" // the line between the feed and the detail says where the selection is when the feed scrolls
		if m.list.Len() > m.list.Height() {
			gap = s.Muted.Render(m.list.Position())
		}
		lines = append(lines, gap)
		lines = append(lines, m.detail()...)
	}
	return m.fit(strings.Join(lines, "\n"))
}

// drawRow draws one event of the feed, highlighted when selected.
func (m *Model) drawRow(it item, selected bool) string {
	if selected {
		return m.common.Styles.Selected.Render(pad(m.row(it), m.common.Width))
	}
	return m.common.Styles.Text.Render(m.row(it))
}

// sandboxURL is the simulator's base URL when the app talks to the sandbox.
func (m *Model) sandboxURL() string {
	if d := m.common.Deps; d != nil && d.Profile.Sandbox && d.Client != nil {
		return strings.TrimSuffix(d.Client.Config().APIURL, "/v2")
	}
	return "<sandbox URL>"
}

// connLine says how events arrive and in which state the connection is.
func (m *Model) connLine() string {
	s := m.common.Styles
	if m.conn.Phase == "" {
		return s.Muted.Render("Live events are off: set ZOOM_EVENT_SUBSCRIPTION_ID (Zoom's WebSocket) to receive them here; kept events are shown.")
	}
	text := "WebSocket: " + termtext.Line(m.conn.String())
	switch m.conn.Phase {
	case zoom.PhaseConnected:
		return s.OK.Render(text)
	case zoom.PhaseRefused:
		return s.Error.Render(text)
	}
	return s.Warn.Render(text)
}

// row is one event: time, event, who, where, what.
func (m *Model) row(it item) string {
	where := it.sum.Where
	if where != "" && where != "direct message" {
		where = "#" + where
	}
	line := fmt.Sprintf("%s  %-28s  %-18s  %-14s  %s",
		it.event.ReceivedAt.In(m.common.Now().Location()).Format("15:04:05"),
		clip(termtext.Line(it.event.Name), 28), clip(termtext.Line(it.sum.Who), 18),
		clip(termtext.Line(where), 14), termtext.Line(it.sum.What))
	return ansi.Truncate(line, m.common.Width, "…")
}

// detail describes the selected event and what its key does, wrapped to
// the width: what people write to the bot is read whole, not cut.
func (m *Model) detail() []string {
	it, ok := m.current()
	if !ok {
		return nil
	}
	who := termtext.Line(it.sum.Who)
	var text []string
	switch {
	case it.event.Name == zoom.EventLinkShared:
		text = []string{"link " + termtext.Line(it.sum.Link) + " shared by " + who,
			"user id " + termtext.Line(it.sum.UserID) + " · trigger id " + termtext.Line(it.sum.TriggerID),
			"u composes an unfurl card for this link"}
	case it.event.Name == zoom.EventBotNotification:
		text = []string{"said " + termtext.Line(it.sum.What), "from " + who + " in " + termtext.Line(it.sum.ToJID),
			"r starts a reply there"}
	case it.event.IsInteraction():
		text = []string{who + " " + termtext.Line(it.sum.What),
			"on message " + termtext.Line(it.sum.MessageID), "enter opens the message and everyone's answers"}
	default:
		text = []string{who + " " + termtext.Line(it.sum.What), "via " + termtext.Line(it.event.Source)}
	}
	var lines []string
	for _, t := range text {
		for _, l := range strings.Split(ansi.Wrap(t, max(m.common.Width, 1), " /&?"), "\n") {
			lines = append(lines, m.common.Styles.Muted.Render(l))
		}
	}
	return lines
}

// fitList gives the feed the rows the header and the selected event's
// detail leave: the detail may take up to half the screen.
func (m *Model) fitList() {
	detail := minDetailRows
	if m.list.Len() > 0 {
		detail = min(max(1+len(m.detail()), minDetailRows), max(m.common.Height/2, minDetailRows))
	}
	m.list.SetHeight(m.common.Height - headerRows - detail)
}

// fit cuts the view to the screen's height.
func (m *Model) fit(view string) string {
	lines := strings.Split(view, "\n")
	if len(lines) > m.common.Height && m.common.Height > 0 {
		lines = lines[:m.common.Height]
	}
	return strings.Join(lines, "\n")
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func pad(s string, width int) string {
	if w := ansi.StringWidth(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}
