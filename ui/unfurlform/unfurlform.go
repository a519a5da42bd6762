// Package unfurlform is the screen that answers a link-shared event by hand:
// the user id and trigger id from the team_chat.link_shared event, and a card
// composed in the composer (or taken from a sent message). The card goes to
// Zoom as the API wants it (content as a JSON string) and is recorded in the
// history next to the messages.
package unfurlform

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/ui/widget"
)

// The form's fields, in tab order.
const (
	fieldUser = iota
	fieldTrigger
	fieldCount
)

type keyMap struct {
	widget.FormKeys
}

func newKeyMap() keyMap {
	return keyMap{widget.NewFormKeys("post unfurl", "cancel", "back to the card")}
}

// setPosting enables the keys that make sense while an unfurl is in flight.
func (k *keyMap) setPosting(posting bool) {
	widget.SetBusy(posting, &k.Cancel, &k.Next, &k.Prev, &k.Send, &k.Back)
}

// Model is the unfurl form.
type Model struct {
	common   common.Common
	keys     keyMap
	fields   widget.Fields
	draft    compose.Card
	hasDraft bool
	flight   widget.Flight
	problem  string
	link     string // the shared link, when the ids came from an event (ui/events)
}

type postedMsg struct {
	unfurl history.Unfurl
	err    error
}

// New builds the unfurl form.
func New(c common.Common) *Model {
	m := &Model{common: c, keys: newKeyMap(), flight: widget.NewFlight(common.ScreenUnfurl)}
	m.fields = widget.NewFields([]string{"User id", "Trigger id"}, []string{
		"operator_id of the link_shared event",
		"object.trigger_id of the link_shared event",
	})
	m.SetCommon(c)
	return m
}

// SetCommon implements common.Screen.
func (m *Model) SetCommon(c common.Common) {
	m.common = c
	m.fields.SetWidth(c.Width)
	m.fields.SetStyles(c.Styles)
}

// Title implements common.Screen.
func (m *Model) Title() string { return "Unfurl" }

// Typing implements common.Screen.
func (m *Model) Typing() bool { return !m.flight.Active() }

// Init implements common.Screen.
func (m *Model) Init() tea.Cmd { return m.fields.Focus(max(m.fields.Focused(), 0)) }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Send, m.keys.Next, m.keys.Cancel, m.keys.Back}
}

// FullHelp implements help.KeyMap: the keys of HelpKeys.
func (m *Model) FullHelp() [][]key.Binding { return common.Bindings(m.HelpKeys()) }

// HelpKeys implements common.Screen: every key, the ones off now with why.
func (m *Model) HelpKeys() [][]common.KeyHelp {
	const posting = "not while the unfurl is posted (esc cancels it)"
	k, why := m.keys, common.Why
	return [][]common.KeyHelp{
		{why(k.Send, cmp.Or(m.common.Deps.SendingOff(), posting)), why(k.Cancel, "only while an unfurl is posted"), why(k.Back, posting)},
		{why(k.Next, posting), why(k.Prev, posting)},
	}
}

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
		if msg.Mode == common.ComposeUnfurl {
			m.draft, m.hasDraft, m.problem = msg.Draft, true, ""
			if t := msg.Trigger; t != nil && !m.flight.Active() { // the draft's own trigger, not the last one prefilled
				m.fields.SetValue(fieldUser, t.UserID)
				m.fields.SetValue(fieldTrigger, t.TriggerID)
				m.link = t.Link
			}
		}
		return m, nil
	case common.UnfurlEventMsg:
		if !m.flight.Active() {
			m.fields.SetValue(fieldUser, msg.UserID)
			m.fields.SetValue(fieldTrigger, msg.TriggerID)
			m.link, m.problem = msg.Link, ""
		}
		return m, nil
	case widget.Landed:
		if res, ok := msg.Msg.(postedMsg); ok && m.flight.Landed(msg) {
			return m, m.finish(res)
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.PasteMsg:
		return m, m.fields.Update(msg)
	}
	return m, m.flight.Update(msg)
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if cmd, ok := m.keys.HandleKey(msg, &m.flight, m.post); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, m.keys.Next):
		if msg.String() == "enter" && m.fields.Focused() == fieldTrigger {
			return m.post()
		}
		return m.fields.Focus((m.fields.Focused() + 1) % fieldCount)
	case key.Matches(msg, m.keys.Prev):
		return m.fields.Focus((m.fields.Focused() + fieldCount - 1) % fieldCount)
	}
	return m.fields.Update(msg)
}

// validate checks the form before anything goes on the network.
func (m *Model) validate() string {
	switch {
	case !m.hasDraft:
		return "There is no card to unfurl: compose one (f2), or pick a sent message in the history and press u."
	case m.fields.Value(fieldUser) == "":
		return "Enter the user id: the operator_id of the team_chat.link_shared event."
	case m.fields.Value(fieldTrigger) == "":
		return "Enter the trigger id: the object.trigger_id of the team_chat.link_shared event."
	case strings.ContainsAny(m.fields.Value(fieldUser)+m.fields.Value(fieldTrigger), " /?#"):
		return "User and trigger ids are single words without spaces or slashes: paste them exactly as the event has them."
	case m.common.Deps.Ops() == nil:
		return m.common.Deps.NotConfigured()
	}
	return ""
}

func (m *Model) post() tea.Cmd {
	if problem := m.validate(); problem != "" {
		m.problem = problem
		return common.Status(common.StatusError, problem)
	}
	user, trigger := m.fields.Value(fieldUser), m.fields.Value(fieldTrigger)
	card := m.draft
	o := m.common.Deps.Ops()
	m.problem = ""
	m.keys.setPosting(true)
	return m.flight.Start(func(ctx context.Context) tea.Msg {
		u, err := o.Unfurl(ctx, user, trigger, card)
		return postedMsg{unfurl: u, err: err}
	})
}

// finish reports an unfurl's result. One Zoom applied (even if its record
// could not be settled) clears the form and shows the unfurls; any other
// failure stays on the form, and the history says whether it waits in the
// outbox.
func (m *Model) finish(res postedMsg) tea.Cmd {
	m.keys.setPosting(false)
	var rec *ops.RecordError
	if res.err != nil && !errors.As(res.err, &rec) {
		m.problem = res.err.Error()
		return tea.Batch(common.Status(common.StatusError, m.problem), func() tea.Msg { return common.HistoryChangedMsg{} })
	}
	kind, text := common.StatusOK, fmt.Sprintf("Unfurl posted for trigger %s", res.unfurl.TriggerID)
	if rec != nil {
		kind, text = common.StatusWarn, rec.Error()
	}
	m.fields.Reset()
	m.hasDraft, m.draft, m.link = false, compose.Card{}, ""
	return tea.Batch(
		common.Status(kind, text),
		func() tea.Msg { return common.DraftSentMsg{Mode: common.ComposeUnfurl} },
		func() tea.Msg { return common.HistoryChangedMsg{} },
		func() tea.Msg { return common.NavigateMsg{To: common.ScreenHistory, Unfurls: true} },
	)
}

// View implements common.Screen.
func (m *Model) View() string {
	s := m.common.Styles
	var b strings.Builder
	b.WriteString(s.Title.Render("Unfurl a shared link") + "\n")
	b.WriteString(s.Muted.Render("Answer a team_chat.link_shared event with the card from the composer.") + "\n\n")
	for i := range fieldCount {
		b.WriteString(m.fields.Row(i, s) + "\n")
	}
	card := "none yet: compose one and press ctrl+s in unfurl mode"
	if m.hasDraft {
		card = fmt.Sprintf("%d bytes of content (sent as a JSON string)", len(m.draft.Content))
	}
	b.WriteString(widget.Label("Card", false, s) + s.Text.Render(card) + "\n")
	if m.link != "" {
		b.WriteString(widget.Label("Link", false, s) + s.Text.Render(termtext.Line(m.link)) + "\n")
	}
	b.WriteString("\n")
	switch {
	case m.flight.Active():
		b.WriteString(m.flight.Spinner() + s.Text.Render(" Posting… esc cancels"))
	case m.problem != "":
		b.WriteString(s.Error.Render(termtext.Visible(m.problem))) // may quote Zoom's answer
	default:
		b.WriteString(s.Muted.Render("ctrl+s posts · esc goes back to the card"))
	}
	return b.String()
}

var _ common.Screen = (*Model)(nil)
