package composer

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
)

// needVarsMsg asks for the values of the source's {{.name}} placeholders.
type needVarsMsg struct{ names []string }

// submitCheckedMsg is the outcome of checking the draft for sending.
type submitCheckedMsg struct {
	draft    compose.Card
	refusal  string              // why the draft cannot be sent; "" when it can
	at       *compose.Diagnostic // the first error, to put the cursor on
	target   target              // the draft checked, which may no longer be shown
	message  *history.Message    // the edited message (ComposeEdit)
	expanded bool                // placeholders were filled in
}

// submit checks the draft in a command: the edited message first (read from
// the history when the draft was reopened after a restart), then
// placeholders (asking for their values when vars is nil), then the
// diagnostics of the expanded source, then the payload.
func (m *Model) submit(vars map[string]string) tea.Cmd {
	source, t, message, st := m.editor.Value(), m.cur.target, m.cur.message, m.store()
	return func() tea.Msg {
		out := submitCheckedMsg{target: t, message: message}
		if t.mode == common.ComposeEdit && out.message == nil {
			if out.message, out.refusal = editedMessage(st, t.id); out.refusal != "" {
				return out
			}
		}
		names := compose.Variables(source)
		if len(names) > 0 {
			if vars == nil {
				return needVarsMsg{names: names}
			}
			expanded, err := compose.Expand(source, vars)
			if err != nil {
				out.refusal = "The placeholders could not be filled in: " + err.Error()
				return out
			}
			source, out.expanded = expanded, true
		}
		card, _, diags := compose.BuildAs(source, markdownMode(t, out.message))
		if first, n := firstError(diags); n > 0 {
			out.refusal = refusalText(first, n, out.expanded)
			out.at = &first
			return out
		}
		out.draft = card
		return out
	}
}

// editedMessage reads the record of the message an edit draft is for.
func editedMessage(st *history.Store, id string) (*history.Message, string) {
	if st == nil {
		return nil, "Not sent: the history file is not open, so message " + id + " cannot be read; your edit is kept."
	}
	if history.IsGroupID(id) {
		return editedGroup(st, id)
	}
	msg, err := st.Get(id)
	if err != nil {
		return nil, "Not sent: message " + id + " could not be read from the history (" + err.Error() + "); your edit is kept."
	}
	return &msg, ""
}

// editedGroup stands a broadcast group's edit draft (reopened after a
// restart) for its first live copy under the group's id, as the group's
// detail opened it: the detail edits every copy on submit.
func editedGroup(st *history.Store, id string) (*history.Message, string) {
	copies, err := st.Group(id)
	if err != nil {
		return nil, "Not sent: broadcast " + id + " could not be read from the history (" + err.Error() + "); your edit is kept."
	}
	for _, c := range copies {
		if c.Status != history.StatusDeleted && len(c.Revisions) > 0 {
			return &history.Message{ID: id, Group: id, ToJID: c.ToJID, Markdown: c.Markdown, Revisions: c.Revisions, Profile: c.Profile}, ""
		}
	}
	return nil, "Not sent: every copy of broadcast " + id + " is deleted; your edit is kept."
}

// markdownMode is the markdown the card is built with. An edit keeps the
// setting its message was sent with, whatever the card would ask for:
// turning Markdown on behind the author's back changes how the whole card
// reads, and a message sent with markdown off by choice is edited with
// markdown off, its text sent as written (Zoom shows the characters). A card
// whose flag was its own answer (auto mode) is edited in auto mode, as a new
// card asks for what it uses. The edit confirmation shows the flag and can change it.
// A scheduled send's card keeps its flag the same way (the Scheduled list
// saves it with the flag it was scheduled with).
func markdownMode(t target, msg *history.Message) compose.MarkdownMode {
	if keepsMarkdown(t) && msg != nil {
		return msg.LiveMarkdownMode()
	}
	return compose.MarkdownAuto
}

// keepsMarkdown reports whether t's card keeps the markdown flag of the
// message it replaces: an edit's, a scheduled send's.
func keepsMarkdown(t target) bool {
	return t.mode == common.ComposeEdit || t.mode == common.ComposeScheduled
}

// keptMarkdown says whether the shown draft is an edit (or a scheduled
// send's card) that keeps its message's is_markdown_support, and that flag,
// so that the preview draws what will be sent. One whose message is not read
// yet (after a restart) is drawn with the flag the card asks for until it is.
func (m *Model) keptMarkdown() (keep, on bool) {
	if m.cur == nil || !keepsMarkdown(m.cur.target) || m.cur.message == nil {
		return false, false
	}
	mode := m.cur.message.LiveMarkdownMode()
	return mode != compose.MarkdownAuto, mode == compose.MarkdownOn
}

func refusalText(d compose.Diagnostic, n int, expanded bool) string {
	where := ", at line " + itoa(d.Line) + ":" + itoa(d.Col) + ","
	switch {
	case d.Line > 0:
	case d.Path != "":
		where = ", at " + d.Path + ","
	default:
		where = "" // the card as a whole: empty, or too big
	}
	after := ""
	if expanded {
		after = " after filling in the placeholders"
	}
	count := "an error"
	if n > 1 {
		count = fmt.Sprintf("%d errors", n)
	}
	return fmt.Sprintf("Not sent: the card has %s%s; the first%s says: %s. Fix it and press ctrl+s again.", count, after, where, d.Message)
}

// onSubmitChecked hands a valid draft to the root, or says why not and puts
// the cursor on the first error.
func (m *Model) onSubmitChecked(msg submitCheckedMsg) tea.Cmd {
	if msg.refusal != "" {
		if msg.at != nil && msg.at.Line > 0 && !msg.expanded && msg.target == m.cur.target {
			m.focus = focusEditor
			m.editor.SetCursor(msg.at.Line-1, max(msg.at.Col-1, 0))
		}
		return common.Status(common.StatusError, msg.refusal)
	}
	if e := m.open[msg.target.name()]; e != nil && e.message == nil {
		e.message = msg.message // read from the history for this send: keep it
	}
	m.submitted = &msg.target
	submit := common.SubmitDraftMsg{Mode: msg.target.mode, Draft: msg.draft, Message: msg.message, Record: msg.target.record}
	if msg.target.mode == common.ComposeScheduled {
		submit.Scheduled = msg.target.id
	}
	submit.Trigger = msg.target.trigger()
	return func() tea.Msg { return submit }
}
