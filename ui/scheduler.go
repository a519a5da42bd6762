package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/ui/widget"
)

// The app is the runner of scheduled sends while it is up: it holds the
// history's file lock for its whole life, so `zoompose schedule run` cannot
// send meanwhile. A check (ops.RunDue, then ops.NextDue) runs in a command
// when the app starts, whenever the history changed, and at the next due
// time — but at least every recheckEvery, so a clock that jumped (a laptop
// that slept) is noticed. A send later than the allowed lateness is not
// sent by itself: the app asks, one at a time (send now, keep scheduled,
// cancel).

// recheckEvery caps how long the app sleeps between two checks.
const recheckEvery = 30 * time.Second

// lateKeyGuard: keys pressed this soon after the late question appeared
// were meant for the screen under it (the admin was typing), so they are
// ignored rather than taken as an answer.
const lateKeyGuard = 600 * time.Millisecond

// scheduler is the root's runner of scheduled sends.
type scheduler struct {
	maxLate  time.Duration
	seq      int  // generation of the armed timer; an older tick is dropped
	running  bool // a check is in flight
	again    bool // the history changed while it ran: check once more
	late     []ops.Fired
	asked    map[string]bool // too-late sends asked about already in this session
	opened   time.Time       // when the question on show appeared
	keyGuard time.Duration
	busy     string // what the answer being carried out does, "" when idle
}

func newScheduler(maxLate time.Duration) scheduler {
	return scheduler{maxLate: maxLate, asked: map[string]bool{}, keyGuard: lateKeyGuard}
}

// dueTickMsg is the armed timer going off.
type dueTickMsg struct{ seq int }

// checkedMsg is a check's result: what fired and when to look next.
type checkedMsg struct {
	fired []ops.Fired
	next  time.Time // zero when nothing waits
	err   error
}

// lateDoneMsg is the outcome of an answer to the late question.
type lateDoneMsg struct {
	id        string
	fired     ops.Fired // send now
	cancelled bool
	err       error
}

// checkDue sends the due sends in a command; nil while a check runs (it
// checks again when it ends) or without credentials (nothing can be sent).
func (m *Model) checkDue() tea.Cmd {
	s := &m.sched
	if s.running {
		s.again = true
		return nil
	}
	if m.switching {
		return nil // the switch checks when it is done (profileSwitched)
	}
	o := m.common.Deps.Ops()
	if o == nil || o.Store == nil {
		return nil
	}
	s.running, s.again = true, false
	s.seq++ // the timer armed before this check is superseded
	maxLate := s.maxLate
	return func() tea.Msg {
		fired, err := o.RunDue(context.Background(), maxLate, nil)
		if err != nil {
			return checkedMsg{err: err}
		}
		next, ok, err := o.NextDue()
		if !ok {
			next = time.Time{}
		}
		return checkedMsg{fired: fired, next: next, err: err}
	}
}

// updateScheduler handles the scheduler's own messages.
func (m *Model) updateScheduler(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case dueTickMsg:
		if msg.seq != m.sched.seq {
			return nil, true
		}
		return m.checkDue(), true
	case checkedMsg:
		return m.checked(msg), true
	case lateDoneMsg:
		return m.lateDone(msg), true
	}
	return nil, false
}

// checked reports what fired, queues the late ones, and arms the timer.
func (m *Model) checked(res checkedMsg) tea.Cmd {
	s := &m.sched
	s.running = false
	var cmds []tea.Cmd
	changed := false
	for _, f := range res.fired {
		switch f.Outcome {
		case ops.FiredTooLate:
			if !s.asked[f.Scheduled.ID] {
				s.asked[f.Scheduled.ID] = true
				if len(s.late) == 0 {
					s.opened = time.Now()
				}
				s.late = append(s.late, f)
			}
		case ops.FiredSent, ops.FiredFailed, ops.FiredUnknown:
			changed = true
			cmds = append(cmds, common.Status(firedStatus(f)))
		}
	}
	if changed {
		cmds = append(cmds, func() tea.Msg { return common.HistoryChangedMsg{} })
	}
	if res.err != nil {
		cmds = append(cmds, common.Status(common.StatusError, "The scheduled sends could not be read: "+res.err.Error()))
	}
	if s.again {
		return tea.Batch(append(cmds, m.checkDue())...)
	}
	return tea.Batch(append(cmds, m.armTimer(res.next))...)
}

// armTimer wakes the scheduler at next, or after recheckEvery if sooner.
func (m *Model) armTimer(next time.Time) tea.Cmd {
	wait := recheckEvery
	if !next.IsZero() {
		// A floor, so a clock a hair behind the timer never spins.
		wait = min(wait, max(next.Sub(m.common.Now()), 20*time.Millisecond))
	}
	seq := m.sched.seq
	return tea.Tick(wait, func(time.Time) tea.Msg { return dueTickMsg{seq: seq} })
}

// firedStatus is the status line of one fired send.
func firedStatus(f ops.Fired) (common.StatusKind, string) {
	id := termtext.Line(f.Scheduled.ID)
	late := ""
	if f.Late >= time.Minute {
		late = fmt.Sprintf(", %s late", f.Late.Round(time.Minute))
	}
	switch f.Outcome {
	case ops.FiredSent:
		if f.Err != nil {
			return common.StatusWarn, fmt.Sprintf("Sent scheduled %s as %s, but %v", id, termtext.Line(f.Sent.ID), f.Err)
		}
		return common.StatusOK, fmt.Sprintf("Sent scheduled %s as %s to %s (due %s%s)", id, termtext.Line(f.Sent.ID),
			termtext.Line(f.Sent.ToJID), f.Scheduled.Due.Local().Format("15:04"), late)
	case ops.FiredUnknown:
		return common.StatusWarn, fmt.Sprintf("Scheduled %s: %v", id, f.Err)
	}
	return common.StatusError, fmt.Sprintf("Scheduled %s was not sent: %v", id, f.Err)
}

// asking reports whether the late question is on show.
func (m *Model) asking() bool { return len(m.sched.late) > 0 }

// lateKey answers the late question: s sends now, c cancels it, k, enter
// or esc keep it scheduled.
func (m *Model) lateKey(msg tea.KeyPressMsg) tea.Cmd {
	s := &m.sched
	if s.busy != "" || time.Since(s.opened) < s.keyGuard {
		return nil
	}
	f := s.late[0]
	id := f.Scheduled.ID
	o := m.common.Deps.Ops()
	switch msg.String() {
	case "s":
		if o == nil {
			return nil
		}
		s.busy = "Sending it now…"
		return func() tea.Msg {
			fired, err := o.FireScheduled(context.Background(), id)
			return lateDoneMsg{id: id, fired: fired, err: err}
		}
	case "c":
		store, now := m.common.Deps.Store, m.common.Now()
		s.busy = "Cancelling it…"
		return func() tea.Msg {
			_, err := store.CancelScheduled(id, now)
			return lateDoneMsg{id: id, cancelled: true, err: err}
		}
	case "k", "enter", "esc":
		m.nextLate()
		return common.Status(common.StatusInfo, fmt.Sprintf("Kept %s scheduled (not sent): the history's Scheduled list (f3, tab) sends, reschedules or cancels it", termtext.Line(id)))
	}
	return nil
}

// lateDone reports the answer carried out and shows the next question.
func (m *Model) lateDone(res lateDoneMsg) tea.Cmd {
	m.nextLate()
	changed := func() tea.Msg { return common.HistoryChangedMsg{} }
	switch {
	case res.err != nil:
		return tea.Batch(common.Status(common.StatusError, fmt.Sprintf("Scheduled %s: %v", termtext.Line(res.id), res.err)), changed)
	case res.cancelled:
		return tea.Batch(common.Status(common.StatusOK, fmt.Sprintf("Cancelled %s: it is kept as cancelled and will not be sent", termtext.Line(res.id))), changed)
	}
	return tea.Batch(common.Status(firedStatus(res.fired)), changed)
}

func (m *Model) nextLate() {
	s := &m.sched
	s.late, s.busy, s.opened = s.late[1:], "", time.Now()
}

// lateBindings are the late question's keys, for the footer.
func lateBindings() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "send it now")),
		key.NewBinding(key.WithKeys("k", "enter", "esc"), key.WithHelp("k/enter/esc", "keep it scheduled")),
		key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "cancel it")),
	}
}

// lateView is the question about the first too-late send.
func (m *Model) lateView() string {
	st := m.common.Styles
	f := m.sched.late[0]
	sc := f.Scheduled
	width := max(min(m.common.Width-4, 96), 20)
	say := func(text string) string { return ansi.Wrap(text, width-2, " ") }
	lines := []string{st.Title.Render("A scheduled send is late"), ""}
	if p := m.common.Deps.Profile; p.Kind == "prod" {
		lines = append(lines, st.BadgeProd.Render("PROD")+" "+st.Error.Render("Profile "+termtext.Line(p.Name)+" is production."), "")
	}
	lines = append(lines,
		st.Text.Render(say(fmt.Sprintf("%s to %s was due %s: it is %s late, more than the %s allowed (schedule_max_late), so it was not sent by itself.",
			termtext.Line(sc.ID), termtext.Line(sc.Message.ToJID), sc.Due.In(m.common.Now().Location()).Format(widget.DueLayout),
			f.Late.Round(time.Minute), m.sched.maxLate))),
		"", st.Muted.Render(say(widget.FirstLine(liveContent(sc)))), "")
	if m.sched.busy != "" {
		lines = append(lines, st.Text.Render(m.sched.busy))
	} else {
		keys := [][2]string{{"s", "send it now"}, {"k/enter/esc", "keep it scheduled"}, {"c", "cancel it"}}
		var parts []string
		for _, k := range keys {
			parts = append(parts, st.HelpKey.Render(k[0])+" "+st.HelpDesc.Render(k[1]))
		}
		lines = append(lines, strings.Join(parts, st.HelpSeparator.Render(" · ")))
	}
	if more := len(m.sched.late) - 1; more > 0 {
		lines = append(lines, st.Muted.Render(fmt.Sprintf("%d more late after this one", more)))
	}
	return st.Focused.Width(width).Padding(0, 1).Render(strings.Join(lines, "\n"))
}

// liveContent is the card a scheduled send will post.
func liveContent(sc history.Scheduled) []byte {
	return sc.Message.Live().Content
}
