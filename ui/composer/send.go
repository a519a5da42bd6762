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
	draft    common.Draft
	refusal  string              // why the draft cannot be sent; "" when it can
	at       *compose.Diagnostic // the first error, to put the cursor on
	mode     common.ComposeMode
	message  *history.Message
	expanded bool // placeholders were filled in
}

// submit checks the draft in a command: placeholders first (asking for
// their values when vars is nil), then the diagnostics of the expanded
// source, then the payload.
func (m *Model) submit(vars map[string]string) tea.Cmd {
	source, mode, message := m.editor.Value(), m.mode, m.message
	return func() tea.Msg {
		names := compose.Variables(source)
		out := submitCheckedMsg{mode: mode, message: message}
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
		content, diags := compose.Parse(source)
		if first, n := firstError(diags); n > 0 {
			out.refusal = refusalText(first, n, out.expanded)
			out.at = &first
			return out
		}
		data, err := content.MarshalJSON()
		if err != nil {
			out.refusal = "The payload could not be built: " + err.Error()
			return out
		}
		out.draft = common.Draft{Source: source, Content: data, Markdown: content.UsesMarkdown()}
		return out
	}
}

func refusalText(d compose.Diagnostic, n int, expanded bool) string {
	where := "line " + itoa(d.Line) + ":" + itoa(d.Col)
	if d.Line == 0 {
		where = d.Path
	}
	after := ""
	if expanded {
		after = " after filling in the placeholders"
	}
	count := "an error"
	if n > 1 {
		count = fmt.Sprintf("%d errors", n)
	}
	return fmt.Sprintf("Not sent: the card has %s%s; the first, at %s, says: %s. Fix it and press ctrl+s again.", count, after, where, d.Message)
}

// onSubmitChecked hands a valid draft to the root, or says why not and puts
// the cursor on the first error.
func (m *Model) onSubmitChecked(msg submitCheckedMsg) tea.Cmd {
	if msg.refusal != "" {
		if msg.at != nil && msg.at.Line > 0 && !msg.expanded {
			m.focus = focusEditor
			m.editor.SetCursor(msg.at.Line-1, max(msg.at.Col-1, 0))
		}
		return common.Status(common.StatusError, msg.refusal)
	}
	submit := common.SubmitDraftMsg{Mode: msg.mode, Draft: msg.draft, Message: msg.message}
	return func() tea.Msg { return submit }
}

// onCompose switches the composer to what msg asks for: it saves the draft
// of the mode it leaves, then loads the new source or the mode's draft.
func (m *Model) onCompose(msg common.ComposeMsg) tea.Cmd {
	save := m.saveDraftNow()
	prevMode := m.mode
	m.mode, m.message = msg.Mode, msg.Message
	m.overlay, m.focus = overlayNone, focusEditor
	source := msg.Source
	var status tea.Cmd
	if msg.Mode == common.ComposeEdit && source == "" && msg.Message != nil {
		var err error
		if source, err = liveSource(*msg.Message); err != nil {
			status = common.Status(common.StatusError, err.Error())
		}
	}
	switch {
	case source != "":
		m.editor.SetValue(source) // Update's tail schedules its autosave
		return tea.Batch(save, status)
	case msg.Mode == common.ComposeNew && prevMode == common.ComposeNew:
		return tea.Batch(save, status) // keep the draft being written
	default:
		m.setText("")
		return tea.Batch(save, status, m.loadDraft(m.draftName(), false))
	}
}

// liveSource is the card source of a sent message's live revision: the
// source it was written in, or the source Format makes of its JSON.
func liveSource(msg history.Message) (string, error) {
	if len(msg.Revisions) == 0 {
		return "", fmt.Errorf("message %s has no stored content to edit; write the new card from scratch", msg.ID)
	}
	live := msg.Live()
	source, err := common.CardSource(live.Source, live.Content)
	if err != nil {
		return "", fmt.Errorf("the stored content of message %s could not be read (%v); write the new card from scratch", msg.ID, err)
	}
	return source, nil
}
