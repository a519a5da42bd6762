package composer

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
)

// draftCurrent is the name of the new-message draft, restored at start.
const draftCurrent = "current"

// draftState tracks what of the text is on disk.
type draftState struct {
	delay, maxWait time.Duration
	restoreAsked   bool
	seq            uint64    // bumped on every text change
	seenVersion    uint64    // editor version the last change was seen at
	savedVersion   uint64    // editor version last written (or loaded)
	dirtySince     time.Time // first unsaved change
}

// autosaveTickMsg ends the autosave pause of change seq.
type autosaveTickMsg struct{ seq uint64 }

// draftLoadedMsg carries a saved draft. It is applied only while the draft
// name still matches the mode and the text is still at version ifVersion,
// so a late answer never replaces what the author typed meanwhile.
type draftLoadedMsg struct {
	name      string
	source    string
	at        time.Time
	ifVersion uint64
	announce  bool
}

// draftName is the store name of the draft for the current mode: new
// messages, each edited message and the unfurl card keep separate drafts,
// so opening an edit never overwrites the new message being written.
func (m *Model) draftName() string {
	switch m.mode {
	case common.ComposeEdit:
		if m.message != nil {
			return "edit " + m.message.ID
		}
		return "edit"
	case common.ComposeUnfurl:
		return "unfurl"
	default:
		return draftCurrent
	}
}

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

// saveDraftNow returns a command writing the text as the mode's draft, or
// nil when the store already has this version.
func (m *Model) saveDraftNow() tea.Cmd {
	st := m.store()
	v := m.editor.Version()
	if st == nil || v == m.drafts.savedVersion {
		return nil
	}
	m.drafts.savedVersion, m.drafts.dirtySince = v, time.Time{}
	d := history.Draft{Name: m.draftName(), Source: m.editor.Value(), UpdatedAt: m.common.Now()}
	return func() tea.Msg {
		if err := st.SaveDraft(d); err != nil {
			return common.StatusMsg{Kind: common.StatusWarn, Text: "The draft could not be saved (" + err.Error() + "); your text is still in the editor."}
		}
		return nil
	}
}

// loadDraft returns a command reading the named draft from the store.
func (m *Model) loadDraft(name string, announce bool) tea.Cmd {
	st := m.store()
	if st == nil {
		return nil
	}
	ifVersion := m.editor.Version()
	return func() tea.Msg {
		drafts, err := st.Drafts()
		if err != nil {
			return common.StatusMsg{Kind: common.StatusWarn, Text: "The saved draft could not be read (" + err.Error() + ")."}
		}
		for _, d := range drafts {
			if d.Name == name {
				return draftLoadedMsg{name: name, source: d.Source, at: d.UpdatedAt, ifVersion: ifVersion, announce: announce}
			}
		}
		return nil
	}
}

func (m *Model) onDraftLoaded(msg draftLoadedMsg) tea.Cmd {
	if msg.name != m.draftName() || m.editor.Version() != msg.ifVersion || msg.source == "" {
		return nil
	}
	m.setText(msg.source)
	if !msg.announce {
		return nil
	}
	return common.Status(common.StatusInfo, "Draft restored (last saved "+msg.at.Local().Format("Jan 2 15:04")+").")
}

// setText replaces the text with one already on disk (a loaded draft), so
// it is not written back.
func (m *Model) setText(source string) {
	m.editor.SetValue(source)
	m.drafts.savedVersion, m.drafts.seenVersion = m.editor.Version(), m.editor.Version()
	m.drafts.dirtySince = time.Time{}
}

// onDraftSent clears the text that went out and deletes its draft; after an
// edit or an unfurl the composer returns to the new-message draft.
func (m *Model) onDraftSent() tea.Cmd {
	st, name := m.store(), m.draftName()
	m.setText("")
	var del tea.Cmd
	if st != nil {
		del = func() tea.Msg {
			if err := st.DeleteDraft(name); err != nil && !errors.Is(err, history.ErrNotFound) {
				return common.StatusMsg{Kind: common.StatusWarn, Text: "The sent draft could not be removed from the history file (" + err.Error() + ")."}
			}
			return nil
		}
	}
	if m.mode == common.ComposeNew {
		return del
	}
	m.mode, m.message = common.ComposeNew, nil
	return tea.Batch(del, m.loadDraft(draftCurrent, false))
}
