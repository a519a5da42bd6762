package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/termtext"
)

// longStatus is an error sentence far longer than any status line, with an
// OSC 52 clipboard write inside it, as a hostile Zoom answer would carry.
const longStatus = "Zoom refused the card: the button \"Approve the release\" in section 3 has a value of 300 characters " +
	"but Zoom accepts at most 256 \x1b]52;c;aGk=\x07 (shorten the value in the card's buttons block, line 42, or move the " +
	"details into a field) and the sidebar colour #12345 is not a hex colour: use six digits such as #1a2b3c."

// A status longer than the status line ends in a hint, and ctrl+g opens the
// message log where it is read whole, wrapped, its escape shown and not
// obeyed; esc closes the log.
func TestLongStatusIsReadWholeInTheLog(t *testing.T) {
	env := commontest.NewEnv(t)
	at := time.Date(2026, 11, 30, 9, 15, 42, 0, time.UTC)
	a := startTeaWith(t, env, themes.NoColor(), 80, 24, func(m *Model) { m.now = func() time.Time { return at } })
	a.tm.Send(common.StatusMsg{Kind: common.StatusInfo, Text: "Draft restored."})
	a.tm.Send(common.StatusMsg{Kind: common.StatusError, Text: longStatus})
	frame := a.await("(ctrl+g: full message)")
	bar := statusBarOf(frame)
	if !strings.HasSuffix(bar, "… (ctrl+g: full message)") || !strings.Contains(bar, "Zoom refused the card") {
		t.Errorf("the status bar should show the start of the status and the hint:\n%s", bar)
	}
	if w := ansi.StringWidth(bar); w > 80 {
		t.Errorf("the status bar is %d cells wide", w)
	}

	a.keys("ctrl+g")
	frame = a.await("Messages · 2 this session, newest last")
	plain := commontest.Plain(frame)
	if strings.Contains(frame, "\x1b]52") || !strings.Contains(plain, "␛]52;c;aGk=␇") {
		t.Errorf("the log must show the escape, not send it:\n%q", frame)
	}
	if got, want := logText(plain), termtext.Line(longStatus); !strings.Contains(got, want) {
		t.Errorf("the log does not hold the whole status:\n got %q\nwant %q", got, want)
	}
	if !strings.Contains(plain, "09:15:42 info   Draft restored.") || !strings.Contains(plain, "09:15:42 error  Zoom refused") {
		t.Errorf("each message needs its time and kind, oldest first:\n%s", plain)
	}
	checkFrame(t, "log", frame, 80, 24)
	t.Run("no-color-80x24", func(t *testing.T) { commontest.Golden(t, plain) })

	a.keys("esc")
	a.awaitGone("Messages · ")
}

// The log scrolls: it opens on the newest message, g goes to the oldest, G
// back to the newest, and j/k move a line.
func TestMessageLogScrolls(t *testing.T) {
	env := commontest.NewEnv(t)
	a := startTea(t, env, themes.NoColor(), 80, 24)
	for i := 1; i <= 40; i++ {
		a.tm.Send(common.StatusMsg{Kind: common.StatusOK, Text: fmt.Sprintf("Sent message %02d.", i)})
	}
	a.await("Sent message 40.")
	a.keys("ctrl+g")
	frame := a.await("Messages · 40 this session", "Sent message 40.")
	if strings.Contains(frame, "Sent message 01.") {
		t.Errorf("the log should open on the newest messages:\n%s", commontest.Plain(frame))
	}
	a.keys("g")
	a.await("Sent message 01.", "lines 1–")
	a.keys("j")
	frame = a.await("lines 2–")
	if strings.Contains(frame, "Sent message 01.") {
		t.Errorf("j should scroll one line down:\n%s", commontest.Plain(frame))
	}
	a.keys("G")
	a.await("Sent message 40.", "of 40")
	a.keys("ctrl+g")
	a.awaitGone("Messages · ")
}

// The log keeps the last logLimit messages; empty statuses (a cleared
// line) are not messages.
func TestMessageLogIsBounded(t *testing.T) {
	l := newMessageLog()
	l.add(time.Now(), common.StatusWarn, "")
	for i := range logLimit + 20 {
		l.add(time.Now(), common.StatusInfo, fmt.Sprint("status ", i))
	}
	if len(l.entries) != logLimit || l.entries[0].text != "status 20" || l.entries[logLimit-1].text != fmt.Sprint("status ", logLimit+19) {
		t.Fatalf("the log holds %d entries from %q to %q; want the last %d", len(l.entries), l.entries[0].text, l.entries[len(l.entries)-1].text, logLimit)
	}
}

// statusBarOf is the status bar of a frame: the line above the footer.
func statusBarOf(frame string) string {
	lines := strings.Split(commontest.Plain(frame), "\n")
	return lines[len(lines)-2]
}

// logText is the log's messages as one line of text: the wrapped lines
// joined, the time and kind columns and the indentation dropped.
func logText(plain string) string {
	lines := strings.Split(plain, "\n")
	var words []string
	for _, l := range lines[3 : len(lines)-2] { // below the title bar, the log's title and blank
		l = strings.TrimSpace(l)
		if len(l) > 16 && l[2] == ':' && l[5] == ':' {
			l = strings.TrimSpace(l[15:]) // "15:04:05 error  "
		}
		words = append(words, l)
	}
	return strings.Join(words, " ")
}
