package editor

import "slices"

// maxUndo bounds the undo history; the oldest steps are dropped first.
const maxUndo = 1000

// editKind says which edits may be merged into one undo step.
type editKind uint8

const (
	kindOther      editKind = iota // never merged
	kindTyping                     // typed text, merged while contiguous
	kindDeleteBack                 // backspace, merged while contiguous
	kindDeleteFwd                  // delete, merged while at the same place
)

// step is one undoable change: at at, removed was replaced by inserted.
type step struct {
	kind          editKind
	at            textPos
	removed       []rune
	inserted      []rune
	before, after textPos // cursor before and after the change
	end           textPos // end of inserted once applied; kept so merging is O(1)
}

// history holds undo and redo steps. Consecutive typing (or consecutive
// backspaces, or deletes) at the cursor forms one step until something else
// happens: a motion, another kind of edit, a newline, undo, focus loss.
type history struct {
	undo, redo []step
	sealed     bool // the last step may no longer grow
}

// seal ends the current group so the next edit starts a new step.
func (h *history) seal() { h.sealed = true }

// record adds s, merging it into the last step when it continues it.
func (h *history) record(s step) {
	h.redo = h.redo[:0]
	if n := len(h.undo); n > 0 && !h.sealed && h.merge(&h.undo[n-1], s) {
		return
	}
	s.removed = slices.Clone(s.removed)
	s.inserted = slices.Clone(s.inserted)
	s.end = endOf(s.at, s.inserted)
	if len(h.undo) == maxUndo {
		h.undo = slices.Delete(h.undo, 0, 1)
	}
	h.undo = append(h.undo, s)
	h.sealed = s.kind == kindOther
}

// merge folds s into last when both are the same kind of contiguous edit.
func (h *history) merge(last *step, s step) bool {
	if last.kind != s.kind || last.after != s.before {
		return false
	}
	switch s.kind {
	case kindTyping:
		if len(s.removed) > 0 || last.end != s.at {
			return false
		}
		last.inserted = append(last.inserted, s.inserted...)
		last.end = endOf(s.at, s.inserted)
	case kindDeleteBack:
		if len(s.inserted) > 0 || endOf(s.at, s.removed) != last.at {
			return false
		}
		last.removed = append(slices.Clone(s.removed), last.removed...)
		last.at, last.end = s.at, s.at
	case kindDeleteFwd:
		if len(s.inserted) > 0 || s.at != last.at {
			return false
		}
		last.removed = append(last.removed, s.removed...)
	default:
		return false
	}
	last.after = s.after
	return true
}

// Undo reverts the last undo step and puts the cursor where it was before
// that step. It reports whether there was anything to undo.
func (m *Model) Undo() bool {
	h := &m.hist
	if len(h.undo) == 0 {
		return false
	}
	s := h.undo[len(h.undo)-1]
	h.undo = h.undo[:len(h.undo)-1]
	m.buf.replace(s.at, endOf(s.at, s.inserted), s.removed)
	h.redo = append(h.redo, s)
	h.seal()
	m.syncHistoryKeys()
	m.changed()
	m.moveTo(s.before)
	return true
}

// Redo applies the last undone step again. It reports whether there was
// anything to redo.
func (m *Model) Redo() bool {
	h := &m.hist
	if len(h.redo) == 0 {
		return false
	}
	s := h.redo[len(h.redo)-1]
	h.redo = h.redo[:len(h.redo)-1]
	m.buf.replace(s.at, endOf(s.at, s.removed), s.inserted)
	h.undo = append(h.undo, s)
	h.seal()
	m.syncHistoryKeys()
	m.changed()
	m.moveTo(s.after)
	return true
}

// syncHistoryKeys enables Undo and Redo only when they would do something,
// so key.Matches and the help view agree.
func (m *Model) syncHistoryKeys() {
	m.KeyMap.Undo.SetEnabled(len(m.hist.undo) > 0)
	m.KeyMap.Redo.SetEnabled(len(m.hist.redo) > 0)
}
