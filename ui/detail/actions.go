package detail

import (
	"context"
	"errors"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/dialog"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/ui/widget"
)

// action is what a confirmation is about.
type action int

const (
	actionEdit action = iota
	actionRestore
	actionDelete
)

// confirmation is an action waiting for y, or running after it.
type confirmation struct {
	action   action
	id       string
	card     compose.Card    // edit and restore: the new live content
	revision int             // restore: the 1-based revision restored
	live     history.Message // edit: the message as it is live
	dialog   *dialog.Confirm
}

// opDoneMsg is the result of a confirmed action; it lands (widget.Landed)
// through the dialog that ran it.
type opDoneMsg struct {
	msg history.Message
	err error
}

// act runs the keys that act on the shown message.
func (m *Model) act(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Copy):
		id := m.msg.ID
		return tea.Batch(tea.SetClipboard(id),
			common.Status(common.StatusInfo, "Copied "+id+" to the clipboard (shown here too: some terminals ignore clipboard requests)"))
	case key.Matches(msg, k.Edit):
		return m.compose(common.ComposeEdit, len(m.msg.Revisions)-1)
	case key.Matches(msg, k.Resend):
		return m.compose(common.ComposeNew, m.selected)
	case key.Matches(msg, k.Unfurl):
		return m.compose(common.ComposeUnfurl, m.selected)
	case key.Matches(msg, k.Delete):
		m.open(confirmation{action: actionDelete, id: m.msg.ID}, "Delete message",
			fmt.Sprintf("Delete message %s sent to %s? It disappears from the chat for everyone; zoompose keeps its record and revisions here.",
				m.msg.ID, m.recipient()),
			m.card(len(m.msg.Revisions)-1, min(max(m.common.Width-4, 1), cardMaxWidth)))
	case key.Matches(msg, k.Restore):
		rev := revisionSide(m.msg, m.selected).rev
		card := rev.Card()
		m.openChange(confirmation{action: actionRestore, id: m.msg.ID, card: card, revision: m.selected + 1},
			fmt.Sprintf("Restore revision %d", m.selected+1),
			fmt.Sprintf("Make revision %d live again on message %s to %s? Zoom gets it as an edit; the history keeps it as revision %d.",
				m.selected+1, m.msg.ID, m.recipient(), len(m.msg.Revisions)+1),
			m.msg, side{name: fmt.Sprintf("revision %d", m.selected+1), rev: rev})
	}
	return nil
}

// compose opens the composer on revision i's card source.
func (m *Model) compose(mode common.ComposeMode, i int) tea.Cmd {
	source, err := sourceOf(m.msg.ID, m.msg.Revisions[i])
	if err != nil {
		return common.Status(common.StatusError, err.Error())
	}
	msg := common.ComposeMsg{Mode: mode, Source: source}
	if mode == common.ComposeEdit {
		record := m.msg
		msg.Message = &record
	}
	return func() tea.Msg { return msg }
}

// confirmEdit asks before sending the composer's new version of a message,
// showing the diff of what is live against it.
func (m *Model) confirmEdit(sub common.SubmitDraftMsg) tea.Cmd {
	if sub.Message == nil {
		return common.Status(common.StatusError, "The composer did not say which message this edit is for; open the message in the history and press e again.")
	}
	if history.IsGroupID(sub.Message.ID) {
		return m.confirmGroupEdit(sub)
	}
	live := *sub.Message
	if m.loaded && m.msg.ID == live.ID {
		live = m.msg // fresher than the composer's copy
	} else {
		m.show(live.ID)
	}
	m.label = m.labelFor(live)
	c := confirmation{action: actionEdit, id: live.ID, card: sub.Draft, live: live}
	m.openEdit(c)
	return m.load()
}

// openEdit asks before sending the edit c, with the markdown setting it
// goes with (m toggles it) and the diff of what is live against it.
func (m *Model) openEdit(c confirmation) {
	question := fmt.Sprintf("Replace the live card of message %s to %s with the new version? Everyone in the chat sees the change. Markdown is %s (the message was sent with it %s); m switches it.",
		c.live.ID, recipientOf(c.live, m.label), onOff(c.card.Markdown), onOff(c.live.LiveMarkdown()))
	m.openChange(c, "Send this edit", question, c.live, side{name: "new version", rev: history.RevisionOf(c.card, time.Time{})})
}

// labelFor keeps the known label when the message is the one shown.
func (m *Model) labelFor(msg history.Message) string {
	if msg.ToJID == m.msg.ToJID {
		return m.label
	}
	return ""
}

// openChange opens a confirmation whose body is the diff of msg's live
// revision against the new content.
func (m *Model) openChange(c confirmation, title, question string, msg history.Message, next side) {
	live := revisionSide(msg, len(msg.Revisions)-1)
	diff, what := diffText(live, next)
	body := m.common.Styles.Muted.Render("Changes to the "+what+":") + "\n" + colourDiff(m.common.Styles, diff)
	if diff == "" {
		body = m.common.Styles.Warn.Render("The new version is the same as what is live: sending it changes nothing but the revision count.")
	}
	m.open(c, title, question, body)
}

func (m *Model) open(c confirmation, title, question, body string) {
	c.dialog = dialog.NewConfirm(common.ScreenDetail, m.common.Styles, title, question, body)
	if d := m.common.Deps; d != nil && d.Profile.Kind == "prod" {
		c.dialog.GuardProd(d.Profile.Name) // edit, restore and delete change what people see
	}
	c.dialog.SetSize(m.common.Width, m.common.Height)
	m.confirm = &c
}

// markdownKey is m, which switches markdown while an edit is confirmed
// (not once it is sent).
func (m *Model) markdownKey() key.Binding {
	b := m.keys.Markdown
	b.SetEnabled(m.confirm != nil && m.confirm.action == actionEdit && !m.confirm.dialog.Busy())
	return b
}

// answer handles a key while a confirmation is open.
func (m *Model) answer(msg tea.KeyPressMsg) tea.Cmd {
	c := m.confirm
	if key.Matches(msg, m.markdownKey()) {
		// Built again, not only flagged: with markdown off the text goes as written.
		c.card, _ = c.card.WithMarkdown(!c.card.Markdown)
		m.openEdit(*c)
		return nil
	}
	switch answer, cmd := c.dialog.Update(msg); answer {
	case dialog.Yes:
		return m.run()
	case dialog.No:
		m.confirm = nil
		if c.action == actionEdit {
			return common.Status(common.StatusInfo, "Edit not sent. The new version is still in the composer (f2).")
		}
		return nil
	case dialog.Cancel: // the result lands as a cancelled opDoneMsg
		return nil
	default:
		return cmd
	}
}

// run starts the confirmed action on Zoom.
func (m *Model) run() tea.Cmd {
	c := m.confirm
	o := m.common.Deps.Ops()
	if o == nil {
		m.confirm = nil
		return common.Status(common.StatusError, m.common.Deps.NotConfigured())
	}
	if c.action == actionEditGroup || c.action == actionDeleteGroup {
		return m.runGroup(o)
	}
	act, id, card := c.action, c.id, c.card
	doing := map[action]string{actionEdit: "Sending the edit to Zoom…", actionRestore: "Restoring on Zoom…", actionDelete: "Deleting on Zoom…"}
	return c.dialog.Start(doing[act], func(ctx context.Context) tea.Msg {
		var res history.Message
		var err error
		if act == actionDelete {
			res, err = o.Delete(ctx, id)
		} else {
			res, err = o.Edit(ctx, id, card)
		}
		return opDoneMsg{msg: res, err: err}
	})
}

// landed takes in the result of the confirmed action, if l is it: only the
// open dialog's own flight is.
func (m *Model) landed(l widget.Landed) tea.Cmd {
	if res, ok := l.Msg.(groupDoneMsg); ok && m.confirm != nil && m.confirm.dialog.Landed(l) {
		return m.finishGroup(res)
	}
	res, ok := l.Msg.(opDoneMsg)
	if !ok || m.confirm == nil || !m.confirm.dialog.Landed(l) {
		return nil
	}
	return m.finish(res)
}

// finish reports a confirmed action's result and closes the dialog.
func (m *Model) finish(res opDoneMsg) tea.Cmd {
	c := m.confirm
	m.confirm = nil
	var rec *ops.RecordError
	switch {
	case res.err == nil || errors.As(res.err, &rec):
		// A record Zoom accepted but the history could not write is not
		// shown: the reload that HistoryChangedMsg starts shows what is on disk.
		if res.err == nil && res.msg.ID == m.id && len(res.msg.Revisions) > 0 {
			m.msg, m.loaded = res.msg, true
			m.selected, m.base = len(res.msg.Revisions)-1, -1
			m.refresh()
		}
		kind, text := common.StatusOK, m.done(c, res.msg)
		if rec != nil {
			kind, text = common.StatusWarn, rec.Error()
		}
		id := c.id
		cmds := []tea.Cmd{common.Status(kind, text), func() tea.Msg { return common.HistoryChangedMsg{ID: id} }}
		if c.action == actionEdit { // the composer's edit draft went out and may be cleared
			cmds = append(cmds, func() tea.Msg { return common.DraftSentMsg{Mode: common.ComposeEdit, MessageID: id} })
		}
		return tea.Batch(cmds...)
	}
	kind, text := common.StatusError, res.err.Error()
	var unknown *ops.UnknownError
	if errors.Is(res.err, context.Canceled) && !errors.As(res.err, &unknown) {
		kind, text = common.StatusWarn, "Cancelled before the request reached Zoom: nothing was sent."
	}
	if c.action == actionEdit {
		text += " The new version is still in the composer (f2)."
	}
	id := c.id
	return tea.Batch(common.Status(kind, text), func() tea.Msg { return common.HistoryChangedMsg{ID: id} })
}

// done says what a confirmed action did.
func (m *Model) done(c *confirmation, msg history.Message) string {
	switch c.action {
	case actionDelete:
		return fmt.Sprintf("Deleted %s from Zoom; its record and revisions stay in the history.", c.id)
	case actionRestore:
		return fmt.Sprintf("Restored revision %d of %s: it is live again as revision %d.", c.revision, c.id, len(msg.Revisions))
	}
	return fmt.Sprintf("Edited %s: revision %d is live.", c.id, len(msg.Revisions))
}

// recipient names the shown message's recipient by label and JID.
func (m *Model) recipient() string { return recipientOf(m.msg, m.label) }

func recipientOf(msg history.Message, label string) string {
	if label == "" {
		return msg.ToJID
	}
	return label + " (" + msg.ToJID + ")"
}

// card renders revision i's content at width as Zoom showed it, under the
// is_markdown_support it was sent with, or says why it cannot.
func (m *Model) card(i, width int) string {
	rev := m.msg.Revisions[i]
	content, err := compose.ParseJSON(rev.Content)
	if err != nil {
		return m.common.Styles.Error.Render(termtext.Line("The stored card cannot be drawn: "+err.Error())) + "\n" + termtext.Visible(prettyJSON(rev.Content))
	}
	return m.renderer.RenderPayload(content, m.msg.SentWithMarkdown(i), width)
}
