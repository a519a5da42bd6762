package editor

import "strings"

// apply replaces the text between from and to with text, records the change
// for undo as kind, and leaves the cursor after the new text.
func (m *Model) apply(from, to textPos, text []rune, kind editKind) {
	if from == to && len(text) == 0 {
		return
	}
	before := m.cur
	removed := m.buf.replace(from, to, text)
	m.changed()
	m.cur = m.snap(m.buf.clamp(endOf(from, text)))
	m.hist.record(step{kind: kind, at: from, removed: removed, inserted: text, before: before, after: m.cur})
	m.syncHistoryKeys()
	m.goalX = -1
	m.scrollToCursor()
}

// insert puts text at the cursor.
func (m *Model) insert(text []rune, kind editKind) {
	m.apply(m.cur, m.cur, text, kind)
}

// typeText inserts text typed at the keyboard; consecutive typing is one
// undo step.
func (m *Model) typeText(s string) {
	m.insert([]rune(normalizeNewlines(s)), kindTyping)
}

// newline splits the line at the cursor as an undo step of its own.
func (m *Model) newline() {
	m.hist.seal()
	m.insert([]rune{'\n'}, kindOther)
}

// deleteRange removes the text between a and b (in either order); the cursor
// ends where the removed text began.
func (m *Model) deleteRange(a, b textPos, kind editKind) {
	if b.before(a) {
		a, b = b, a
	}
	m.apply(a, b, nil, kind)
}

// prevPos is the position one grapheme cluster before p, crossing to the end
// of the previous line at a line start; p itself at the start of the text.
func (m *Model) prevPos(p textPos) textPos {
	if p.Col == 0 {
		if p.Line == 0 {
			return p
		}
		return textPos{Line: p.Line - 1, Col: m.buf.lineLen(p.Line - 1)}
	}
	seg := m.buf.lines[p.Line].layout()
	return textPos{Line: p.Line, Col: seg.col(seg.clusterAt(p.Col) - 1)}
}

// nextPos is the position one grapheme cluster after p, crossing to the start
// of the next line at a line end; p itself at the end of the text.
func (m *Model) nextPos(p textPos) textPos {
	if p.Col >= m.buf.lineLen(p.Line) {
		if p.Line == len(m.buf.lines)-1 {
			return p
		}
		return textPos{Line: p.Line + 1}
	}
	seg := m.buf.lines[p.Line].layout()
	return textPos{Line: p.Line, Col: seg.col(seg.clusterAt(p.Col) + 1)}
}

// deleteBackward removes the cluster before the cursor, or joins the line
// with the previous one at a line start.
func (m *Model) deleteBackward() {
	m.deleteRange(m.prevPos(m.cur), m.cur, kindDeleteBack)
}

// deleteForward removes the cluster after the cursor, or joins the next line
// at a line end.
func (m *Model) deleteForward() {
	m.deleteRange(m.cur, m.nextPos(m.cur), kindDeleteFwd)
}

// deleteWordBackward removes back to the start of the previous word on this
// line; at a line start it joins the line with the previous one.
func (m *Model) deleteWordBackward() {
	m.hist.seal()
	target := m.prevPos(m.cur)
	if m.cur.Col > 0 {
		target = m.withOpeningMarkup(m.wordStartBefore(m.cur, true), m.cur)
	}
	m.deleteRange(target, m.cur, kindOther)
}

// markupRunes are the Markdown delimiters a word is wrapped in: **bold**, _em_, ~~strike~~,
// `code`.
const markupRunes = "*_~`"

// withOpeningMarkup widens a backward word deletion from start to end (one line) whose text
// ends with a run of Markdown delimiters to the same run just before the word, so that ctrl+w
// after **out** takes all of it instead of leaving a stray ** behind.
func (m *Model) withOpeningMarkup(start, end textPos) textPos {
	line := m.buf.lines[start.Line].runes
	deleted := line[start.Col:end.Col]
	closeEnd := len(deleted)
	for closeEnd > 0 && (deleted[closeEnd-1] == ' ' || deleted[closeEnd-1] == '\t') {
		closeEnd--
	}
	closeStart := closeEnd
	for closeStart > 0 && strings.ContainsRune(markupRunes, deleted[closeStart-1]) {
		closeStart--
	}
	closing := string(deleted[closeStart:closeEnd])
	n := closeEnd - closeStart
	if n == 0 || start.Col < n || string(line[start.Col-n:start.Col]) != closing {
		return start
	}
	return textPos{Line: start.Line, Col: start.Col - n}
}

// deleteWordForward removes up to the end of the next word on this line; at a
// line end it joins the next line.
func (m *Model) deleteWordForward() {
	m.hist.seal()
	target := m.nextPos(m.cur)
	if m.cur.Col < m.buf.lineLen(m.cur.Line) {
		target = m.wordEndAfter(m.cur, true)
	}
	m.deleteRange(m.cur, target, kindOther)
}

// killToLineEnd removes from the cursor to the end of the line; at a line end
// it joins the next line (as Emacs ctrl+k does).
func (m *Model) killToLineEnd() {
	m.hist.seal()
	end := textPos{Line: m.cur.Line, Col: m.buf.lineLen(m.cur.Line)}
	if m.cur == end {
		end = m.nextPos(m.cur)
	}
	m.deleteRange(m.cur, end, kindOther)
}

// killToLineStart removes from the start of the line to the cursor; at a line
// start it joins the line with the previous one.
func (m *Model) killToLineStart() {
	m.hist.seal()
	start := textPos{Line: m.cur.Line}
	if m.cur == start {
		start = m.prevPos(m.cur)
	}
	m.deleteRange(start, m.cur, kindOther)
}
