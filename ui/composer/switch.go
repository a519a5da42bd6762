package composer

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
)

// draftEntry is one target's draft as the composer holds it in memory, so
// that switching is instant and never loses text. Every entry the author
// changed has a copy in the history file, written when it is left, on
// autosave and on quit.
type draftEntry struct {
	target
	message  *history.Message // the edited message; nil after a restart until sending reads it
	source   string           // the text; while shown, the editor's text is newer
	savedAt  time.Time        // last written to the history file; zero when never
	pristine bool             // the text is where it started (empty, or a card given to start from): no work of the author's
}

// entry returns t's draft, opening an empty one when t has none.
func (m *Model) entry(t target) *draftEntry {
	e := m.open[t.name()]
	if e == nil {
		e = &draftEntry{target: t, pristine: true}
		m.open[t.name()] = e
	}
	return e
}

// switchTo shows t's draft after setting the shown one aside. It returns
// the command saving the draft it left, under that draft's own name.
func (m *Model) switchTo(t target) tea.Cmd {
	if m.cur.target == t {
		return nil
	}
	save := m.saveDraftNow()
	m.setAside()
	m.show(m.entry(t))
	return save
}

// setAside keeps the shown text in its entry. A draft other than the new
// message is closed when left empty; the new message always stays open.
func (m *Model) setAside() {
	e := m.cur
	e.source, e.pristine = m.editor.Value(), m.untouched()
	if e.source == "" && e.target != newMessage {
		delete(m.open, e.name())
	}
}

// show puts e's text in the editor, with an undo history of its own.
func (m *Model) show(e *draftEntry) {
	m.cur = e
	m.setText(e.source)
	m.drafts.shownVersion = m.editor.Version()
}

// startFrom replaces the shown draft's text with a starting point that is
// no work of the author's (a message's live card), so it is not saved
// until they change it.
func (m *Model) startFrom(source string) {
	if m.editor.Value() != source {
		m.setText(source)
	}
	m.cur.pristine, m.drafts.shownVersion = true, m.editor.Version()
}

// untouched reports whether the shown draft holds no work of the author's.
func (m *Model) untouched() bool {
	return m.cur.pristine && m.editor.Version() == m.drafts.shownVersion
}

// onCompose switches to the draft msg asks for. Nothing written is ever
// dropped: the draft left is kept and saved, unsent work on an edit or an
// outbox card is restored rather than replaced, and a card given to start
// a new message or an unfurl from is one undo step.
func (m *Model) onCompose(msg common.ComposeMsg) tea.Cmd {
	m.closeOverlay()
	switch {
	case msg.Mode == common.ComposeEdit:
		return m.openEdit(msg)
	case msg.Mode == common.ComposeScheduled && msg.Message != nil:
		cmd := m.openAt(target{mode: common.ComposeScheduled, id: msg.Message.ID}, msg.Source)
		m.cur.message = msg.Message // its markdown flag is kept (markdownMode)
		return cmd
	case msg.Mode == common.ComposeNew && msg.Record != "":
		return m.openAt(target{mode: common.ComposeNew, record: msg.Record}, msg.Source)
	case msg.Mode == common.ComposeUnfurl && msg.Trigger != nil:
		// The shared link's own draft: unsent work on it is restored.
		return m.openAt(unfurlTarget(msg.Trigger), msg.Source)
	}
	return m.openCard(target{mode: msg.Mode}, msg.Source)
}

// openEdit shows the edit draft of msg.Message, starting from its card
// (msg.Source, or its live revision's) unless an unsent edit is there.
func (m *Model) openEdit(msg common.ComposeMsg) tea.Cmd {
	if msg.Message == nil || msg.Message.ID == "" {
		return common.Status(common.StatusError, "The composer was not told which message to edit; open the message in the history and press e again.")
	}
	start, err := msg.Source, error(nil)
	if start == "" {
		start, err = liveSource(*msg.Message)
	}
	cmd := m.openAt(target{mode: common.ComposeEdit, id: msg.Message.ID}, start)
	m.cur.message = msg.Message // the caller's record is the freshest
	if err != nil && m.untouched() {
		return tea.Batch(cmd, common.Status(common.StatusError, err.Error()))
	}
	return cmd
}

// openAt shows t's draft: the unsent work in it when there is some (and
// says so), else the card start, which is not saved until changed.
func (m *Model) openAt(t target, start string) tea.Cmd {
	save := m.switchTo(t)
	if !m.untouched() && m.editor.Value() != start {
		return tea.Batch(save, common.Status(common.StatusInfo, m.restoredText(m.cur)))
	}
	m.startFrom(start)
	return save
}

// openCard shows t's draft; a card given with it (a resend, an unfurl
// again) replaces the text as one undo step.
func (m *Model) openCard(t target, source string) tea.Cmd {
	save := m.switchTo(t)
	before := m.editor.Value()
	if source == "" || source == before {
		return save
	}
	m.editor.ReplaceAll(source) // Update's tail schedules its autosave
	if before == "" {
		return save
	}
	return tea.Batch(save, common.Status(common.StatusInfo, "Put the card in "+t.what()+"; ctrl+z brings back the text it replaced."))
}

// restoredText says that e's unsent text was restored and when it was saved.
func (m *Model) restoredText(e *draftEntry) string {
	if e.target == newMessage { // the wording people know from every start
		return "Draft restored" + savedNote(e.savedAt) + "."
	}
	return "Restored " + e.what() + savedNote(e.savedAt) + ". To start again from the card as it was, discard it in the drafts list (ctrl+l, x)."
}

func savedNote(at time.Time) string {
	if at.IsZero() {
		return ""
	}
	return " (last saved " + at.Local().Format("Jan 2 15:04") + ")"
}

// liveSource is the card source of a sent message's live revision: the
// source it was written in, or the source Format makes of its JSON.
func liveSource(msg history.Message) (string, error) {
	if len(msg.Revisions) == 0 {
		return "", fmt.Errorf("message %s has no stored content to edit; write the new card from scratch", msg.ID)
	}
	live := msg.Live()
	source, err := compose.EditSource(live.Source, live.Content)
	if err != nil {
		return "", fmt.Errorf("the stored content of message %s could not be read (%v); write the new card from scratch", msg.ID, err)
	}
	return source, nil
}
