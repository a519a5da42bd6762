package historyview

import (
	"context"
	"errors"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/dialog"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/ui/widget"
	"github.com/zoompose/zoompose/zoom"
)

// The Scheduled list (between Messages and Unfurls): the sends waiting for
// their time, earliest first, each with its due time and status
// `scheduled` (or `overdue`). From it a send's card is edited in the
// composer (enter or e; ctrl+s there saves it back), it is rescheduled (r,
// a time in the forms `send --at` reads), cancelled (d, after a question)
// or sent now (s). Cancelled sends are kept but listed only on asking (a).

// scheduledList is the Scheduled list's state.
type scheduledList struct {
	list widget.List[history.Scheduled]
	all  bool // the cancelled ones are listed too
	seq  int  // generation of the current read; older results are dropped
	keys scheduledKeys
	// at is the new time, while a reschedule is asked (rescheduling).
	at           textinput.Model
	rescheduling string // the id being rescheduled, "" when none
	atProblem    string
	confirm      *dialog.Confirm // the cancel or send-now question
	confirmWhat  string          // "cancel" or "send"
	confirmID    string
}

type scheduledKeys struct {
	Edit, Reschedule, Cancel, SendNow, ShowAll key.Binding
	Apply, Abort                               key.Binding // the time input
}

func newScheduledList() scheduledList {
	in := textinput.New()
	in.Prompt = "new time: "
	in.Placeholder = `HH:MM, tomorrow HH:MM or an RFC 3339 time`
	list := widget.NewList[history.Scheduled](1)
	list.Loading = "Reading the scheduled sends…"
	list.Empty = "Nothing is scheduled: in the send form, put a time in Send at (HH:MM, tomorrow HH:MM) to send later."
	return scheduledList{at: in, list: list, keys: scheduledKeys{
		Edit:       key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter/e", "edit the card")),
		Reschedule: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reschedule")),
		Cancel:     key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "cancel it")),
		SendNow:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "send now")),
		ShowAll:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "show cancelled")),
		Apply:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "reschedule")),
		Abort:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "keep the time")),
	}}
}

// scheduledReadMsg is the scheduled sends read for generation seq.
type scheduledReadMsg struct {
	seq  int
	rows []history.Scheduled
	err  error
}

// scheduleDoneMsg is the outcome of an action on scheduled send id.
type scheduleDoneMsg struct {
	id    string
	what  string // "edit", "reschedule", "cancel", "send"
	sc    history.Scheduled
	fired ops.Fired
	err   error
}

// loadScheduled reads the scheduled sends in a command.
func (m *Model) loadScheduled() tea.Cmd {
	store := m.common.Deps.Store
	if store == nil {
		return nil
	}
	l := &m.scheduled
	l.seq++
	seq, all := l.seq, l.all
	return func() tea.Msg {
		rows, err := store.ScheduledSends(all)
		return scheduledReadMsg{seq: seq, rows: rows, err: err}
	}
}

// scheduledShown reports whether the Scheduled list is one of the tabs: while
// something waits (or it is on show), so a history with nothing scheduled
// looks and switches as it always did.
func (m *Model) scheduledShown() bool {
	return m.waiting() > 0 || m.shown == listScheduled
}

// nextList is the list tab switches to; the Scheduled list is skipped while
// it is not a tab.
func (m *Model) nextList() listID {
	next := m.shown.other()
	if next == listScheduled && !m.scheduledShown() {
		next = next.other()
	}
	return next
}

// takesKeys reports whether the list's input or question has the keyboard.
func (l *scheduledList) takesKeys() bool { return l.rescheduling != "" || l.confirm != nil }

// updateScheduled handles the Scheduled list's own messages.
func (m *Model) updateScheduled(msg tea.Msg) (tea.Cmd, bool) {
	l := &m.scheduled
	switch msg := msg.(type) {
	case scheduledReadMsg:
		if msg.seq == l.seq {
			l.list.SetItems(msg.rows)
			l.list.SetProblem("")
			if msg.err != nil {
				l.list.SetProblem("The scheduled sends could not be read: " + msg.err.Error())
			}
			m.syncKeys()
		}
		return nil, true
	case scheduleDoneMsg:
		return m.scheduleDone(msg), true
	case widget.Landed:
		if l.confirm != nil && l.confirm.Landed(msg) {
			l.confirm = nil
			if done, ok := msg.Msg.(scheduleDoneMsg); ok {
				return m.scheduleDone(done), true
			}
		}
		return nil, true
	case common.SubmitDraftMsg:
		if msg.Mode == common.ComposeScheduled {
			return m.saveScheduledCard(msg), true
		}
		return nil, true
	}
	if _, isKey := msg.(tea.KeyPressMsg); !isKey && l.confirm != nil {
		_, cmd := l.confirm.Update(msg) // the spinner; keys go through scheduledKey
		return cmd, cmd != nil
	}
	return nil, false
}

// scheduledKey handles a key on the Scheduled list; false leaves it to the
// screen (tab, esc back, the moves).
func (m *Model) scheduledKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	l := &m.scheduled
	k := &l.keys
	switch {
	case l.confirm != nil:
		return m.answerScheduled(msg), true
	case l.rescheduling != "":
		return m.rescheduleKey(msg), true
	case key.Matches(msg, k.ShowAll):
		l.all = !l.all
		return m.loadScheduled(), true
	case l.list.Len() == 0:
		return nil, false
	case key.Matches(msg, k.Edit):
		return m.editScheduled(), true
	case key.Matches(msg, k.Reschedule):
		return m.askReschedule(), true
	case key.Matches(msg, k.Cancel):
		return m.askScheduled("cancel"), true
	case key.Matches(msg, k.SendNow):
		return m.askScheduled("send"), true
	}
	return nil, false
}

// current is the selected send, and a sentence when it no longer waits.
func (m *Model) current() (history.Scheduled, string) {
	sc, _ := m.scheduled.list.Current()
	if sc.State != history.ScheduleWaiting {
		return sc, fmt.Sprintf("%s was cancelled: it is kept, and will never be sent.", termtext.Line(sc.ID))
	}
	return sc, ""
}

// editScheduled opens the send's card in the composer; ctrl+s there saves it back.
func (m *Model) editScheduled() tea.Cmd {
	sc, refused := m.current()
	if refused != "" {
		return common.Status(common.StatusWarn, refused)
	}
	live := sc.Message.Live()
	source, err := compose.EditSource(live.Source, live.Content)
	if err != nil {
		return common.Status(common.StatusError, fmt.Sprintf("The card of %s could not be read (%v); cancel it and schedule a new one.", termtext.Line(sc.ID), err))
	}
	msg := sc.Message
	return func() tea.Msg { return common.ComposeMsg{Mode: common.ComposeScheduled, Source: source, Message: &msg} }
}

// saveScheduledCard replaces the card of the scheduled send the composer
// edited; it keeps its due time and its markdown flag.
func (m *Model) saveScheduledCard(msg common.SubmitDraftMsg) tea.Cmd {
	store, id, card := m.common.Deps.Store, msg.Scheduled, msg.Draft
	m.shown = listScheduled
	return func() tea.Msg {
		sc, err := store.GetScheduled(id)
		if err != nil {
			return scheduleDoneMsg{id: id, what: "edit", err: err}
		}
		if keep := sc.Message.Live().Markdown; card.Markdown != keep {
			// Built again, not only flagged: with markdown off the text goes as written.
			card, _ = card.WithMarkdown(keep)
		}
		rev := history.RevisionOf(card, sc.Due)
		sc, err = store.Reschedule(id, sc.Due, &rev)
		return scheduleDoneMsg{id: id, what: "edit", sc: sc, err: err}
	}
}

// askReschedule opens the time input for the selected send.
func (m *Model) askReschedule() tea.Cmd {
	sc, refused := m.current()
	if refused != "" {
		return common.Status(common.StatusWarn, refused)
	}
	l := &m.scheduled
	l.rescheduling, l.atProblem = sc.ID, ""
	l.at.SetValue("")
	l.at.SetWidth(max(m.common.Width-len(l.at.Prompt)-2, 10))
	l.at.SetStyles(widget.InputStyles(m.common.Styles))
	return l.at.Focus()
}

// rescheduleKey types the new time; enter moves the send, esc keeps it.
func (m *Model) rescheduleKey(msg tea.KeyPressMsg) tea.Cmd {
	l := &m.scheduled
	switch {
	case key.Matches(msg, l.keys.Abort):
		l.rescheduling = ""
		l.at.Blur()
		return nil
	case key.Matches(msg, l.keys.Apply):
		due, err := ops.ParseDue(l.at.Value(), m.common.Now())
		if err != nil {
			l.atProblem = atRefusal(err)
			return nil
		}
		store, id := m.common.Deps.Store, l.rescheduling
		l.rescheduling = ""
		l.at.Blur()
		return func() tea.Msg {
			sc, err := store.Reschedule(id, due, nil)
			return scheduleDoneMsg{id: id, what: "reschedule", sc: sc, err: err}
		}
	}
	var cmd tea.Cmd
	l.at, cmd = l.at.Update(msg)
	return cmd
}

// atRefusal says in one line why a new time was refused.
func atRefusal(err error) string {
	var bad *ops.DueError
	if !errors.As(err, &bad) {
		return err.Error()
	}
	why := "is not a time zoompose reads"
	if bad.Past {
		why = "is in the past"
	}
	return fmt.Sprintf("%s %s; use HH:MM, tomorrow HH:MM or an RFC 3339 time", zoom.QuoteClipped(bad.Value), why)
}

// askScheduled asks before cancelling the selected send or sending it now;
// on a production profile the question is the prod guard's.
func (m *Model) askScheduled(what string) tea.Cmd {
	sc, refused := m.current()
	if refused != "" {
		return common.Status(common.StatusWarn, refused)
	}
	s := m.common.Styles
	to := termtext.Line(widget.RecipientFit(sc.Message.ToJID, m.labels[sc.Message.ToJID], widget.WholeJIDWidth))
	due := sc.Due.In(m.common.Now().Location()).Format(widget.DueLayout)
	title, question := "Cancel the scheduled send", fmt.Sprintf("Cancel %s to %s, due %s? It is kept as cancelled and never sent.", sc.ID, to, due)
	if what == "send" {
		if m.common.Deps.Ops() == nil {
			return common.Status(common.StatusError, m.common.Deps.NotConfigured())
		}
		title, question = "Send it now", fmt.Sprintf("Send %s to %s now, instead of at %s? Everyone there sees it.", sc.ID, to, due)
	}
	l := &m.scheduled
	l.confirm = dialog.NewConfirm(common.ScreenHistory, s, title, question, s.Muted.Render(widget.FirstLine(sc.Message.Live().Content)))
	if p := m.common.Deps.Profile; what == "send" && p.Kind == "prod" {
		l.confirm.GuardProd(p.Name)
	}
	l.confirm.SetSize(m.common.Width, m.common.Height)
	l.confirmWhat, l.confirmID = what, sc.ID
	return nil
}

// answerScheduled carries out the question's yes.
func (m *Model) answerScheduled(msg tea.KeyPressMsg) tea.Cmd {
	l := &m.scheduled
	answer, cmd := l.confirm.Update(msg)
	switch answer {
	case dialog.No:
		l.confirm = nil
		return common.Status(common.StatusInfo, "Left as it was.")
	case dialog.Yes:
		id := l.confirmID
		if l.confirmWhat == "cancel" {
			store, now := m.common.Deps.Store, m.common.Now()
			return l.confirm.Start("Cancelling…", func(context.Context) tea.Msg {
				sc, err := store.CancelScheduled(id, now)
				return scheduleDoneMsg{id: id, what: "cancel", sc: sc, err: err}
			})
		}
		o := m.common.Deps.Ops()
		return l.confirm.Start("Sending…", func(ctx context.Context) tea.Msg {
			fired, err := o.FireScheduled(ctx, id)
			return scheduleDoneMsg{id: id, what: "send", fired: fired, err: err}
		})
	}
	return cmd
}

// scheduleDone says what an action did; the lists reload.
func (m *Model) scheduleDone(res scheduleDoneMsg) tea.Cmd {
	changed := func() tea.Msg { return common.HistoryChangedMsg{ID: res.id} }
	id := termtext.Line(res.id)
	if res.err != nil {
		text := fmt.Sprintf("Scheduled %s: %v", id, res.err)
		var notScheduled *history.NotScheduledError
		if res.what == "edit" && !errors.As(res.err, &notScheduled) {
			text += "; your card is kept in the composer"
		}
		return tea.Batch(common.Status(common.StatusError, text), changed)
	}
	due := res.sc.Due.In(m.common.Now().Location()).Format(widget.DueLayout)
	switch res.what {
	case "edit":
		sent := common.DraftSentMsg{Mode: common.ComposeScheduled, MessageID: res.id}
		return tea.Batch(common.Status(common.StatusOK, fmt.Sprintf("Saved the new card of %s; it still goes at %s", id, due)),
			func() tea.Msg { return sent }, changed)
	case "reschedule":
		return tea.Batch(common.Status(common.StatusOK, fmt.Sprintf("%s is now due %s", id, due)), changed)
	case "cancel":
		return tea.Batch(common.Status(common.StatusOK, fmt.Sprintf("Cancelled %s: it is kept as cancelled and will not be sent", id)), changed)
	}
	return tea.Batch(common.Status(firedStatus(res.fired)), changed)
}

// firedStatus is the status line of a send sent now.
func firedStatus(f ops.Fired) (common.StatusKind, string) {
	id := termtext.Line(f.Scheduled.ID)
	switch {
	case f.Outcome == ops.FiredSent && f.Err == nil:
		return common.StatusOK, fmt.Sprintf("Sent %s as %s", id, termtext.Line(f.Sent.ID))
	case f.Outcome == ops.FiredSent, f.Outcome == ops.FiredUnknown:
		return common.StatusWarn, fmt.Sprintf("%s: %v", id, f.Err)
	case f.Outcome == ops.FiredTaken:
		return common.StatusWarn, fmt.Sprintf("%s: another zoompose sent or cancelled it first", id)
	}
	return common.StatusError, fmt.Sprintf("%s was not sent: %v", id, f.Err)
}

// waiting counts the sends that wait (for the Messages list's header).
func (m *Model) waiting() int {
	n := 0
	for _, sc := range m.scheduled.list.Items() {
		if sc.State == history.ScheduleWaiting {
			n++
		}
	}
	return n
}

// overdue reports whether a waiting send's time has passed.
func overdue(sc history.Scheduled, now time.Time) bool {
	return sc.State == history.ScheduleWaiting && !sc.Due.After(now)
}
