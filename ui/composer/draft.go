package composer

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
)

// draftState tracks what of the shown text is on disk.
type draftState struct {
	delay, maxWait time.Duration
	readAsked      bool
	seq            uint64    // bumped on every text change
	seenVersion    uint64    // editor version the last change was seen at
	savedVersion   uint64    // editor version last written (or loaded)
	shownVersion   uint64    // editor version when the shown draft was put in the editor
	dirtySince     time.Time // first unsaved change
}

// autosaveTickMsg ends the autosave pause of change seq.
type autosaveTickMsg struct{ seq uint64 }

// draftsReadMsg carries every draft of the history file, read once at start.
type draftsReadMsg struct{ drafts []history.Draft }

func (m *Model) store() *history.Store {
	if m.common.Deps == nil {
		return nil
	}
	return m.common.Deps.Store
}

// noteChange schedules an autosave after a text change: one pause after
// the last change, or at once when changes kept coming for maxWait.
func (m *Model) noteChange() tea.Cmd {
	d := &m.drafts
	v := m.editor.Version()
	if v == d.seenVersion {
		return nil
	}
	d.seenVersion = v
	if v == d.savedVersion || m.store() == nil {
		return nil
	}
	if d.dirtySince.IsZero() {
		d.dirtySince = m.common.Now()
	}
	d.seq++
	seq := d.seq
	return tea.Tick(d.delay, func(time.Time) tea.Msg { return autosaveTickMsg{seq: seq} })
}

func (m *Model) onAutosaveTick(msg autosaveTickMsg) tea.Cmd {
	d := &m.drafts
	idle := msg.seq == d.seq
	overdue := !d.dirtySince.IsZero() && m.common.Now().Sub(d.dirtySince) >= d.maxWait
	if !idle && !overdue {
		return nil
	}
	return m.saveDraftNow()
}

// saveDraftNow returns a command writing the shown text under the shown
// draft's name (name and text are taken together, now), or nil when the
// store already has this version.
func (m *Model) saveDraftNow() tea.Cmd {
	v := m.editor.Version()
	if m.store() == nil || v == m.drafts.savedVersion {
		return nil
	}
	m.drafts.savedVersion, m.drafts.dirtySince = v, time.Time{}
	m.cur.savedAt = m.common.Now()
	return m.writeDraft(m.cur.name(), m.editor.Value(), m.cur.savedAt)
}

// writeDraft returns a command storing source as the named draft; an empty
// text removes the draft instead, as there is nothing to restore.
func (m *Model) writeDraft(name, source string, at time.Time) tea.Cmd {
	st := m.store()
	if st == nil {
		return nil
	}
	if source == "" {
		return m.deleteDraft(name)
	}
	d := history.Draft{Name: name, Source: source, UpdatedAt: at}
	return func() tea.Msg {
		if err := st.SaveDraft(d); err != nil {
			return common.StatusMsg{Kind: common.StatusWarn, Text: "The draft could not be saved (" + err.Error() + "); your text is still in the composer."}
		}
		return nil
	}
}

// deleteDraft returns a command removing the named draft from the history
// file; one that is not there is already gone.
func (m *Model) deleteDraft(name string) tea.Cmd {
	st := m.store()
	if st == nil {
		return nil
	}
	return func() tea.Msg {
		if err := st.DeleteDraft(name); err != nil && !errors.Is(err, history.ErrNotFound) {
			return common.StatusMsg{Kind: common.StatusWarn, Text: "A draft could not be removed from the history file (" + err.Error() + ")."}
		}
		return nil
	}
}

// readDrafts returns a command reading every saved draft.
func (m *Model) readDrafts() tea.Cmd {
	st := m.store()
	if st == nil {
		return nil
	}
	return func() tea.Msg {
		drafts, err := st.Drafts()
		if err != nil {
			return common.StatusMsg{Kind: common.StatusWarn, Text: "The saved drafts could not be read (" + err.Error() + ")."}
		}
		return draftsReadMsg{drafts: drafts}
	}
}

// onDraftsRead takes the saved drafts into memory. A saved draft replaces
// only an entry with no work in it, so a late answer never replaces what was
// typed meanwhile; when that entry is shown, the editor gets the saved text
// and the status line says so.
func (m *Model) onDraftsRead(msg draftsReadMsg) tea.Cmd {
	var restored *draftEntry
	for _, d := range msg.drafts {
		t, ok := targetOf(d.Name)
		if !ok || d.Source == "" {
			continue
		}
		e := m.open[d.Name]
		switch {
		case e == nil:
			e = m.entry(t)
		case e == m.cur && !m.untouched(), e != m.cur && !e.pristine:
			continue
		}
		e.source, e.savedAt, e.pristine = d.Source, d.UpdatedAt, false
		if e == m.cur {
			restored = e
		}
	}
	if restored == nil {
		return nil
	}
	m.setText(restored.source)
	return common.Status(common.StatusInfo, m.restoredText(restored))
}

// setText replaces the text with one already on disk (or with nothing to
// save), so it is not written back; undo starts afresh.
func (m *Model) setText(source string) {
	m.editor.SetValue(source)
	m.pipeline.loaded = m.editor.Version() // its first preview does not wait for a pause
	m.drafts.savedVersion, m.drafts.seenVersion = m.editor.Version(), m.editor.Version()
	m.drafts.dirtySince = time.Time{}
}
