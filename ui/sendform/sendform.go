// Package sendform is the screen that addresses a composed card and sends it:
// recipient (with completion from recent recipients and their labels),
// reply-to, visible-to-user and the markdown flag; a spinner while sending,
// esc to cancel, the 429 wait as a countdown, and the result in the status
// line. The history gets the record before the screen says "sent".
package sendform

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/dialog"
	"github.com/zoompose/zoompose/ui/widget"
	"github.com/zoompose/zoompose/zoom"
)

// The form's fields, in tab order.
const (
	fieldTo = iota
	fieldReplyTo
	fieldVisibleTo
	fieldAt // send at: empty sends now (sendat.go)
	fieldMarkdown
	fieldCount
)

// maxMatches is how many recent recipients the completion list shows.
const maxMatches = 5

// Model is the send form.
type Model struct {
	common     common.Common
	keys       keyMap
	draft      compose.Card
	hasDraft   bool
	fields     widget.Fields
	markdown   bool         // the toggle: is_markdown_support
	card       compose.Card // the draft as the toggle sends it (markdown.go)
	hint       string       // with markdown off, the Markdown that will show as written
	focus      int
	recipients []history.Recipient
	lists      []history.RecipientList
	matches    []suggestion // what the completion offers for the name being typed (recipients.go)
	pick       int
	naming     *naming // the label or rename prompt, or the removal question (naming.go)
	// resolveSeq is the generation of the names being resolved; targets are
	// what they stood for; a broadcast's copies are listed as they settle
	// from stream (broadcast.go).
	resolveSeq int
	resolving  bool
	targets    []history.ResolvedRecipient
	stream     *common.CopyStream
	copies     []ops.CopyOutcome
	copiesOf   int
	flight     widget.Flight
	rateUntil  time.Time
	rateTry    int
	problem    string // the last validation or send error, shown in the form
	bad        badField
	note       string // what the form is about to do, when that is not a plain send
	// record is the outbox record the draft settles (a failed or unknown
	// send): sending closes that entry rather than making a new message,
	// and the envelope is the record's. unknown says its first request may
	// have reached Zoom, so sending asks first.
	record    string
	recordTo  string // the record's recipient, which a new attempt keeps
	unknown   bool
	confirmed bool            // the admin said yes to a possible duplicate
	guard     *dialog.Confirm // the prod guard's question, while it is asked
	prodYes   bool            // the admin said y to the prod guard for this send
}

// New builds the send form.
func New(c common.Common) *Model {
	m := &Model{common: c, keys: newKeyMap(), flight: widget.NewFlight(common.ScreenSend)}
	m.fields = widget.NewFields([]string{"To", "Reply to", "Visible to", "Send at"}, []string{
		"JIDs, labels or lists, comma-separated (enter takes a suggestion)",
		"optional: id of the message to reply to (thread)",
		"optional: the only user who will see it in the channel",
		atPlaceholder,
	})
	m.SetCommon(c)
	return m
}

// SetCommon implements common.Screen.
func (m *Model) SetCommon(c common.Common) {
	m.common = c
	m.fields.SetWidth(c.Width)
	m.fields.SetStyles(c.Styles)
	if m.guard != nil {
		m.guard.SetStyles(c.Styles)
		m.guard.SetSize(c.Width, c.Height)
	}
}

// Title implements common.Screen.
func (m *Model) Title() string { return "Send" }

// Typing implements common.Screen: the text fields take letters, and the
// production question its answers.
func (m *Model) Typing() bool {
	return m.guard != nil || (m.focus != fieldMarkdown && !m.flight.Active())
}

// Init implements common.Screen: focus the field that needs input and load
// recent recipients. The form opens on the To field (or on a field still
// marked as refused), not on whichever field had focus when it was left.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.setFocus(m.openingField()), common.LoadRecipients(m.common.Deps.Store), loadLists(m.common.Deps.Store))
}

// openingField is where the cursor goes when the form is shown: a field
// still marked as refused, else the recipient.
func (m *Model) openingField() int {
	if m.bad.mark != "" && m.marked(m.bad.field) {
		return m.bad.field
	}
	return fieldTo
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.guard != nil {
		return m.guard.Bindings()
	}
	if m.naming != nil {
		return m.naming.bindings()
	}
	if m.focus == fieldTo && len(m.matches) > 0 {
		return []key.Binding{m.keys.Send, m.keys.Pick, m.keys.Next, m.keys.Label, m.keys.Forget, m.keys.Back}
	}
	return []key.Binding{m.keys.Send, m.keys.Next, m.keys.Toggle, m.keys.Cancel, m.keys.Back}
}

// FullHelp implements help.KeyMap: the keys of HelpKeys.
func (m *Model) FullHelp() [][]key.Binding { return common.Bindings(m.HelpKeys()) }

type sentMsg struct {
	msg history.Message
	err error
}

type tickMsg struct{}

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	s, cmd := m.update(msg)
	if m.common.Deps.SendingOff() != "" {
		m.keys.Send.SetEnabled(false) // the intent could not be written: for good
	}
	return s, cmd
}

func (m *Model) update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.SubmitDraftMsg:
		if msg.Mode != common.ComposeNew {
			return m, nil
		}
		m.draft, m.hasDraft, m.problem, m.note = msg.Draft, true, "", ""
		m.setMarkdown(msg.Draft.Markdown)
		m.record, m.unknown, m.confirmed = msg.Record, false, false
		m.copies, m.copiesOf = nil, 0 // the last broadcast's outcomes were about another card
		m.guard = nil                 // a question about the card this one replaces no longer stands
		return m, m.loadRecord()
	case recordMsg:
		return m, m.onRecord(msg)
	case common.RecordReleasedMsg:
		if msg.Record != m.record || m.record == "" || m.flight.Active() {
			return m, nil
		}
		if msg.Waiting { // failed now: it is still the record, no longer of unknown outcome
			return m, m.loadRecord()
		}
		m.record, m.unknown, m.confirmed = "", false, false
		m.note = "This card's earlier send " + msg.How + ": ctrl+s sends it as a new message."
		return m, nil
	case common.ReplyToMsg:
		if !m.flight.Active() && m.record == "" {
			m.fields.SetValue(fieldTo, msg.To)
			m.refreshMatches()
		}
		return m, nil
	case common.RecipientsMsg:
		m.recipients = msg.List
		m.refreshMatches()
		return m, loadLists(m.common.Deps.Store) // read with the recipients: both change together
	case listsMsg:
		return m, m.onLists(msg)
	case namedMsg:
		return m, m.onNamed(msg)
	case resolvedMsg:
		return m, m.onResolved(msg)
	case common.CopyMsg:
		return m, m.onCopy(msg)
	case common.RateLimitMsg:
		if m.flight.Active() && msg.Op == "send" {
			m.rateUntil, m.rateTry = msg.Until, msg.Attempt
			return m, m.countdown()
		}
		return m, nil
	case tickMsg:
		if m.flight.Active() && time.Now().Before(m.rateUntil) {
			return m, m.countdown()
		}
		return m, nil
	case widget.Landed:
		if res, ok := msg.Msg.(sentMsg); ok && m.flight.Landed(msg) {
			return m, m.finish(res)
		}
		if res, ok := msg.Msg.(broadcastMsg); ok && m.flight.Landed(msg) {
			return m, m.finishBroadcast(res)
		}
		if res, ok := msg.Msg.(scheduledMsg); ok && m.flight.Landed(msg) {
			return m, m.scheduled(res)
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.PasteMsg:
		return m, m.updateInput(msg)
	}
	return m, m.flight.Update(msg)
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.guard != nil {
		return m.answerProd(msg)
	}
	if m.naming != nil {
		return m.answerNaming(msg)
	}
	if cmd, ok := m.keys.HandleKey(msg, &m.flight, m.send); ok {
		return cmd
	}
	switch {
	case m.focus == fieldTo && len(m.matches) > 0 && key.Matches(msg, m.keys.Up, m.keys.Down):
		m.movePick(key.Matches(msg, m.keys.Down))
		return nil
	case m.focus == fieldTo && len(m.matches) > 0 && key.Matches(msg, m.keys.Pick):
		m.pickSuggestion()
		return nil
	case m.focus == fieldTo && len(m.matches) > 0 && key.Matches(msg, m.keys.Label, m.keys.Forget):
		return m.startNaming(key.Matches(msg, m.keys.Forget))
	case key.Matches(msg, m.keys.Next):
		if msg.String() == "enter" && m.focus == fieldCount-1 {
			return m.send()
		}
		return m.setFocus((m.focus + 1) % fieldCount)
	case key.Matches(msg, m.keys.Prev):
		return m.setFocus((m.focus + fieldCount - 1) % fieldCount)
	case m.focus == fieldMarkdown && key.Matches(msg, m.keys.Toggle):
		m.setMarkdown(!m.markdown)
		return nil
	}
	return m.updateInput(msg)
}

func (m *Model) updateInput(msg tea.Msg) tea.Cmd {
	cmd := m.fields.Update(msg)
	if m.focus == fieldTo {
		m.refreshMatches()
	}
	return cmd
}

func (m *Model) setFocus(field int) tea.Cmd {
	m.focus = field
	return m.fields.Focus(field)
}

func (m *Model) movePick(down bool) {
	if down {
		m.pick = (m.pick + 1) % len(m.matches)
	} else {
		m.pick = (m.pick + len(m.matches) - 1) % len(m.matches)
	}
}

func (m *Model) countdown() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{} })
}

// badField is the field a failed check refused: the form marks it while it
// still holds the refused value.
type badField struct {
	field int
	value string
	mark  string // "" when no field is marked
}

// marked reports whether field i is marked as refused.
func (m *Model) marked(i int) bool {
	return m.bad.mark != "" && m.bad.field == i && m.fields.Value(i) == m.bad.value
}

// needRecipient is what the form says, and marks on the To field, when it has
// no recipient (typed, or left after resolving the names).
const (
	needRecipient     = "Enter a recipient: the JID of a channel (…@conference.xmpp.zoom.us) or a user (…@xmpp.zoom.us)."
	needRecipientMark = "a recipient is needed"
)

// validate checks the form before anything goes on the network: the
// problem, and the field it is in (fieldCount for none). The recipient and
// visible-to must be Zoom JIDs (zoom.CheckJID) and reply-to a plausible
// message id, as the send command checks them.
func (m *Model) validate() (problem string, field int, mark string) {
	to := m.fields.Value(fieldTo)
	switch {
	case !m.hasDraft:
		return "There is no card to send: write one in the composer (f2) and press ctrl+s.", fieldCount, ""
	case to == "":
		return needRecipient, fieldTo, needRecipientMark
	}
	for _, name := range splitRecipients(to) {
		if !history.IsJIDLike(name) && !strings.ContainsAny(name, "\n\t") {
			continue // a label or list, resolved before sending
		}
		if err := zoom.CheckJID(name); err != nil {
			return fmt.Sprintf("To: %v.", err), fieldTo, "not a Zoom JID"
		}
	}
	if v := m.fields.Value(fieldReplyTo); v != "" {
		if err := zoom.CheckID("the message id", v); err != nil {
			return fmt.Sprintf("Reply to: %v.", err), fieldReplyTo, "not a message id"
		}
	}
	if v := m.fields.Value(fieldVisibleTo); v != "" {
		if err := zoom.CheckUserJID(v); err != nil {
			return fmt.Sprintf("Visible to: %v.", err), fieldVisibleTo, "not a user JID"
		}
	}
	if problem := m.checkAt(); problem != "" {
		return problem, fieldAt, "not a time in the future"
	}
	switch {
	case m.common.Deps.Ops() == nil:
		return m.common.Deps.NotConfigured(), fieldCount, ""
	}
	return "", fieldCount, ""
}

func (m *Model) send() tea.Cmd {
	if problem, field, mark := m.validate(); problem != "" {
		m.problem, m.bad = problem, badField{}
		cmds := []tea.Cmd{common.Status(common.StatusError, problem)}
		if field < fieldCount {
			m.bad = badField{field: field, value: m.fields.Value(field), mark: mark}
			cmds = append(cmds, m.setFocus(field))
		}
		return tea.Batch(cmds...)
	}
	m.bad = badField{}
	if m.unknown && !m.confirmed {
		m.confirmed = true // the question is on screen: ctrl+s again is the yes
		m.problem = "Its first request may have reached Zoom: sending it again may post a duplicate. Look in Zoom first; ctrl+s again sends it anyway."
		return common.Status(common.StatusWarn, m.problem)
	}
	return m.resolve()
}

// startSend sends the card to one recipient, as a single message.
func (m *Model) startSend(to string) tea.Cmd {
	m.copies, m.copiesOf = nil, 0
	env := ops.Envelope{
		ToJID:         to,
		ReplyTo:       m.fields.Value(fieldReplyTo),
		VisibleToUser: m.fields.Value(fieldVisibleTo),
	}
	card := m.card
	if due := m.due(); !due.IsZero() {
		return m.schedule(env, card, due)
	}
	o, record, accept := m.common.Deps.Ops(), m.record, m.confirmed
	m.problem, m.rateUntil = "", time.Time{}
	m.keys.setSending(true)
	return m.flight.Start(func(ctx context.Context) tea.Msg {
		if record != "" {
			msg, err := o.Retry(ctx, record, &card, accept)
			return sentMsg{msg: msg, err: err}
		}
		sent, err := o.Send(ctx, env, card)
		return sentMsg{msg: sent.Message, err: err}
	})
}

// finish reports a send's result. Success goes to the message's detail. A
// failure stays on the form with the sentence that says what to do; when
// the history kept a record of it (failed, or outcome unknown) the composer
// ties its draft to that record, so sending it again from anywhere settles
// that one record.
func (m *Model) finish(res sentMsg) tea.Cmd {
	m.keys.setSending(false)
	record := m.record
	var rec *ops.RecordError
	var kept *ops.OutboxError
	var unknown *ops.UnknownError
	switch {
	case res.err == nil:
		m.reset()
		id := res.msg.ID
		return tea.Batch(
			common.Status(common.StatusOK, fmt.Sprintf("Sent %s to %s", id, m.recipientName(res.msg.ToJID))),
			func() tea.Msg { return common.DraftSentMsg{Record: record} },
			func() tea.Msg { return common.HistoryChangedMsg{ID: id} },
			func() tea.Msg { return common.ShowDetailMsg{ID: id} },
		)
	case errors.As(res.err, &rec):
		m.reset()
		return tea.Batch(
			common.Status(common.StatusWarn, fmt.Sprintf("Sent %s, but %v%s", res.msg.ID, rec.Err, rec.KeptNote())),
			func() tea.Msg { return common.DraftSentMsg{Record: record} },
			func() tea.Msg { return common.BackMsg{} },
		)
	case errors.As(res.err, &kept):
		m.record, m.recordTo, m.unknown = kept.EntryID, res.msg.ToJID, false
	case errors.As(res.err, &unknown):
		m.record, m.recordTo, m.unknown, m.confirmed = unknown.RecordID, res.msg.ToJID, true, false
	}
	m.problem = res.err.Error()
	cmds := []tea.Cmd{common.Status(common.StatusError, m.problem), func() tea.Msg { return common.HistoryChangedMsg{} }}
	if m.record != "" && m.record != record {
		kept := common.DraftKeptMsg{Record: m.record}
		cmds = append(cmds, func() tea.Msg { return kept })
	}
	return tea.Batch(cmds...)
}

// recipientName is the label the user gave jid, or jid itself.
func (m *Model) recipientName(jid string) string {
	for _, r := range m.recipients {
		if r.JID == jid && r.Label != "" {
			return r.Label
		}
	}
	return jid
}

// reset empties the form after a send landed.
func (m *Model) reset() {
	m.fields.Reset()
	m.hasDraft, m.draft, m.problem, m.note, m.bad = false, compose.Card{}, "", "", badField{}
	m.card, m.hint = compose.Card{}, ""
	m.record, m.unknown, m.confirmed = "", false, false
	m.targets, m.copies, m.copiesOf = nil, nil, 0
	m.focus = fieldTo
}
