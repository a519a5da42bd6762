// Package editor is a multi-line text editor component for Bubble Tea v2 whose
// cost per keystroke depends on what is on screen, not on the length of the
// text.
//
// The text is kept as a slice of logical lines, so an edit copies only the
// line it touches. Each line caches its grapheme clusters and its soft-wrapped
// rows (recomputed only when that line changes or the width changes), the
// scroll position is kept as a (line, wrapped row) pair rather than an absolute
// row number, and View draws only the visible rows. Value builds the string
// only when asked and caches it per Version.
//
// Behaviour, where editors differ:
//   - Home/End and ctrl+a/ctrl+e go to the start/end of the logical line,
//     not of the wrapped row (readline habit; a wrapped paragraph is one line).
//   - Up/down move by wrapped rows and keep a goal column across short rows;
//     up on the first row goes to the start of the text, down on the last row
//     to its end. Page up/down scroll a screen less one row and move the
//     cursor as far, so it keeps its screen row.
//   - Words are runs of letters, digits, marks and '_'. Word motions cross
//     lines; word deletes stay on the cursor's line and, at its edge, join
//     lines like backspace/delete. ctrl+k/ctrl+u at a line edge join lines.
//   - Undo groups consecutive typing (or consecutive backspaces, or deletes)
//     into one step until a motion, another kind of edit or a newline; a
//     paste, InsertString or ReplaceAll is one step. SetValue starts a new
//     history (a different document).
//   - Tabs are kept in the text and drawn TabWidth cells wide; other control
//     characters are kept and drawn as U+FFFD, so pasted escapes never reach
//     the terminal. Cell widths follow lipgloss (ansi.GraphemeWidth).
//   - The rightmost text column is kept for the cursor, so it is always on
//     screen at the end of a full row.
//
// Model is a value, as Bubble Tea models are, but copies share the text
// storage: keep only the latest Model returned by Update or changed by a
// setter. A Model is not safe for concurrent use.
package editor

import (
	tea "charm.land/bubbletea/v2"
)

const (
	defaultWidth  = 40
	defaultHeight = 6
	// minTextWidth keeps room for the widest cluster (a tab) plus the
	// cursor column, so no row is ever wider than the view.
	minTextWidth = TabWidth + 1
)

// Model is the editor. Create it with New; the zero Model is not usable.
type Model struct {
	// KeyMap holds the editing keys. Undo and Redo are enabled and disabled
	// by the editor as history becomes available, so help shows them only
	// when they do something.
	KeyMap KeyMap
	// Placeholder is shown, in Styles.Placeholder, while the text is empty.
	Placeholder string
	// ShowLineNumbers draws a gutter of logical line numbers.
	ShowLineNumbers bool
	// Styles colours the gutter, placeholder and text.
	Styles Styles

	buf     buffer
	version uint64
	joined  *joinedText // Value cache, shared so View-time readers can fill it
	hist    history

	cur   textPos
	goalX int // column that up/down aim for; -1 when unset
	top   vpos

	width, height int
	focused       bool
}

// joinedText caches the text as one string for one version.
type joinedText struct {
	version uint64
	text    string
	valid   bool
}

// New returns an empty, blurred editor, 40×6 cells, with DefaultKeyMap and
// DefaultStyles(true).
func New() Model {
	m := Model{
		KeyMap: DefaultKeyMap(),
		Styles: DefaultStyles(true),
		buf:    newBuffer(""),
		joined: &joinedText{},
		goalX:  -1,
		width:  defaultWidth,
		height: defaultHeight,
	}
	m.syncHistoryKeys()
	return m
}

// SetSize sets the size in cells of what View draws, gutter included; see
// Width for the one exception. The height is at least one row. Rows are
// rewrapped lazily, for the lines drawn only, so a resize costs a screenful.
func (m *Model) SetSize(width, height int) {
	m.width = width
	m.height = max(height, 1)
	m.scrollToCursor()
}

// Width returns the width View draws: the width set by SetSize, or more when
// that would leave fewer than TabWidth+1 text columns beside the gutter.
func (m Model) Width() int { return max(m.width, m.gutterWidth()+minTextWidth) }

// Height returns the height set by SetSize.
func (m Model) Height() int { return m.height }

// SetValue replaces the whole text, clears undo history, puts the cursor at
// the end and bumps Version. \r\n and \r become \n; tabs are kept.
func (m *Model) SetValue(s string) {
	m.buf = newBuffer(s)
	m.hist = history{}
	m.changed()
	m.top = vpos{}
	m.cur = m.buf.end()
	m.goalX = -1
	m.syncHistoryKeys()
	m.scrollToCursor()
}

// ReplaceAll replaces the whole text with s as one undo step, so ctrl+z
// brings the previous text back (SetValue, by contrast, starts a new
// history: use it to load a different document). The cursor ends after the
// new text and Version is bumped; an identical s changes nothing. \r\n and
// \r become \n; tabs are kept.
func (m *Model) ReplaceAll(s string) {
	s = normalizeNewlines(s)
	if s == m.Value() {
		return
	}
	m.hist.seal()
	m.apply(textPos{}, m.buf.end(), []rune(s), kindOther)
	m.hist.seal()
}

// Value returns the whole text, lines joined with '\n'. It is built only when
// the text changed since the last call.
func (m Model) Value() string {
	if m.joined.valid && m.joined.version == m.version {
		return m.joined.text
	}
	*m.joined = joinedText{version: m.version, text: m.buf.String(), valid: true}
	return m.joined.text
}

// Version returns a counter that increases on every change of the text. Equal
// versions of the same Model guarantee equal text, so a parent can detect a
// change without comparing strings.
func (m Model) Version() uint64 { return m.version }

// Len returns the number of runes in Value, newlines included, without
// building it.
func (m Model) Len() int { return m.buf.runes }

// LineCount returns the number of logical lines (at least 1).
func (m Model) LineCount() int { return len(m.buf.lines) }

// Line returns logical line i without its newline, or "" when i is out of
// range.
func (m Model) Line(i int) string {
	if i < 0 || i >= len(m.buf.lines) {
		return ""
	}
	return m.buf.lines[i].text()
}

// Cursor returns the cursor's logical line and its column as a rune offset in
// that line (always on a grapheme-cluster boundary).
func (m Model) Cursor() (line, col int) { return m.cur.Line, m.cur.Col }

// SetCursor moves the cursor to logical line and rune column, clamped into the
// text and moved forward to the next grapheme-cluster boundary, and scrolls
// it into view. It ends the current undo group.
func (m *Model) SetCursor(line, col int) {
	m.moveTo(textPos{Line: line, Col: col})
	m.hist.seal()
}

// InsertString inserts s at the cursor as one undo step and leaves the cursor
// after it, as a paste does. \r\n and \r become \n; tabs are kept.
func (m *Model) InsertString(s string) {
	if s == "" {
		return
	}
	m.hist.seal()
	m.insert([]rune(normalizeNewlines(s)), kindOther)
	m.hist.seal()
}

// Focus makes the editor take keys and paste in Update.
func (m *Model) Focus() { m.focused = true }

// Blur makes Update ignore keys and paste.
func (m *Model) Blur() {
	m.focused = false
	m.hist.seal()
}

// Focused reports whether the editor takes input.
func (m Model) Focused() bool { return m.focused }

// Update handles tea.KeyPressMsg and tea.PasteMsg while focused and ignores
// everything else. Keys the KeyMap does not bind and that carry text (with no
// ctrl, alt, meta, super or hyper modifier) are typed. It returns no command:
// compare Version before and after to learn whether the text changed.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if !m.focused {
		return m, nil
	}
	switch msg := msg.(type) {
	case tea.PasteMsg:
		m.InsertString(msg.Content)
	case tea.KeyPressMsg:
		m.handleKey(msg)
	}
	return m, nil
}

// changed records that the text changed.
func (m *Model) changed() { m.version++ }

// moveTo puts the cursor at p (clamped and snapped), forgets the goal column
// and scrolls the cursor into view.
func (m *Model) moveTo(p textPos) {
	m.cur = m.snap(m.buf.clamp(p))
	m.goalX = -1
	m.scrollToCursor()
}

// snap moves p forward to the next cluster boundary of its line.
func (m *Model) snap(p textPos) textPos {
	seg := m.buf.lines[p.Line].layout()
	p.Col = seg.col(seg.clusterAt(p.Col))
	return p
}
