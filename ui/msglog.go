package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/ui/widget"
)

// The message log keeps every status the session showed — infos, warnings,
// errors, the outcome of each send, edit or delete — with its time and kind,
// so that nothing the status line had to cut, or that was replaced before
// it was read, is lost. ctrl+g opens it over any screen; it wraps every
// message whole, newest last.

// logLimit bounds the log: the oldest messages go first.
const logLimit = 500

// logEntry is one status as it was shown.
type logEntry struct {
	at   time.Time
	kind common.StatusKind
	text string // as the status carried it: made safe when drawn
}

// messageLog is the session's statuses and the pane that shows them.
type messageLog struct {
	entries []logEntry
	open    bool
	pane    viewport.Model
	keys    logKeys
	styles  themes.Styles
}

// logKeys move through the open log, as through every list, and close it.
type logKeys struct {
	widget.ListKeys
	Close key.Binding
}

func newMessageLog() messageLog {
	k := logKeys{ListKeys: widget.NewListKeys(), Close: key.NewBinding(key.WithKeys("esc", "q", "ctrl+g"), key.WithHelp("esc", "close"))}
	k.Top.SetHelp("g/home", "oldest")
	k.Bottom.SetHelp("G/end", "newest")
	pane := viewport.New()
	// Only the log's own keys scroll it: no half pages on d/u, no sideways
	// scrolling (every line is wrapped to the width).
	pane.KeyMap = viewport.KeyMap{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown}
	return messageLog{pane: pane, keys: k}
}

// add records a status; an empty one (a cleared line) is not a message.
func (l *messageLog) add(at time.Time, kind common.StatusKind, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	if len(l.entries) == logLimit {
		l.entries = append(l.entries[:0], l.entries[1:]...)
	}
	l.entries = append(l.entries, logEntry{at: at, kind: kind, text: text})
	if l.open {
		l.refill(true)
	}
}

// show opens the log on its newest message.
func (l *messageLog) show() {
	l.open = true
	l.refill(false)
	l.pane.GotoBottom()
}

// setCommon gives the pane the body's width and height, less the log's
// title rows, and the theme's styles.
func (l *messageLog) setCommon(width, height int, st themes.Styles) {
	l.styles = st
	l.pane.SetWidth(max(width, 1))
	l.pane.SetHeight(max(height-logTitleRows, 1))
	if l.open {
		l.refill(true)
	}
}

// refill wraps every entry to the pane's width. keepBottom keeps the newest
// message in view when it was in view.
func (l *messageLog) refill(keepBottom bool) {
	atBottom := l.pane.AtBottom()
	l.pane.SetContentLines(logLines(l.entries, l.pane.Width(), l.styles))
	if keepBottom && atBottom {
		l.pane.GotoBottom()
	}
}

// logLines draws each entry as "15:04:05 error  text", the text wrapped
// whole under itself. Status texts quote Zoom's answers, ids and card text:
// they are shown, never interpreted.
func logLines(entries []logEntry, width int, st themes.Styles) []string {
	const head = len("15:04:05 error  ")
	indent, textW := strings.Repeat(" ", head), width-head
	if textW < 20 { // too narrow to indent: wrap under the time
		indent, textW = "", width
	}
	var lines []string
	for _, e := range entries {
		style := statusStyle(st, e.kind)
		first := st.Muted.Render(e.at.Format("15:04:05")) + " " + style.Render(fmt.Sprintf("%-5s", kindName(e.kind))) + "  "
		wrapped := strings.Split(ansi.Wrap(termtext.Line(e.text), max(textW, 1), ""), "\n")
		if indent == "" {
			lines = append(lines, first)
			first = ""
		}
		for i, w := range wrapped {
			prefix := indent
			if i == 0 && first != "" {
				prefix = first
			}
			lines = append(lines, prefix+style.Render(w))
		}
	}
	return lines
}

// kindName is the word the log shows for a status's tone.
func kindName(k common.StatusKind) string {
	switch k {
	case common.StatusOK:
		return "ok"
	case common.StatusWarn:
		return "warn"
	case common.StatusError:
		return "error"
	}
	return "info"
}

// update handles a key while the log is open.
func (l *messageLog) update(msg tea.KeyPressMsg) {
	switch {
	case key.Matches(msg, l.keys.Close):
		l.open = false
	case key.Matches(msg, l.keys.Top):
		l.pane.GotoTop()
	case key.Matches(msg, l.keys.Bottom):
		l.pane.GotoBottom()
	default:
		l.pane, _ = l.pane.Update(msg)
	}
}

// bindings are the log's keys for the footer.
func (l *messageLog) bindings() []key.Binding {
	return append([]key.Binding{l.keys.Close}, l.keys.Bindings()...)
}

// logTitleRows is the title line and the blank line under it.
const logTitleRows = 2

// view draws the title and the visible part of the log.
func (l *messageLog) view() string {
	st := l.styles
	// The footer says esc closes; the title says where the window is.
	title := st.Title.Render("Messages") + st.Muted.Render(fmt.Sprintf(" · %d this session, newest last", len(l.entries)))
	if len(l.entries) == 0 {
		return title + "\n\n" + st.Muted.Render("No messages yet: statuses and errors are listed here as they are shown.")
	}
	if n := l.pane.TotalLineCount(); n > l.pane.Height() {
		first := l.pane.YOffset() + 1
		title += st.Muted.Render(fmt.Sprintf(" · lines %d–%d of %d", first, min(first+l.pane.Height()-1, n), n))
	}
	return title + "\n\n" + l.pane.View()
}
