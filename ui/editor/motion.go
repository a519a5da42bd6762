package editor

// isWordAt reports whether the cluster starting at p (on its line) is part of
// a word; false at a line end.
func (m *Model) isWordAt(p textPos) bool {
	seg := m.buf.lines[p.Line].layout()
	i := seg.clusterAt(p.Col)
	return i < len(seg.clusters) && seg.clusters[i].flags&flagWord != 0
}

// wordStartBefore returns the start of the word before p: it skips
// non-word clusters (and line breaks unless sameLine), then the word itself.
func (m *Model) wordStartBefore(p textPos, sameLine bool) textPos {
	for {
		q := m.prevPos(p)
		if q == p || (sameLine && q.Line != p.Line) || m.isWordAt(q) {
			break
		}
		p = q
	}
	for {
		q := m.prevPos(p)
		if q == p || q.Line != p.Line || !m.isWordAt(q) {
			return p
		}
		p = q
	}
}

// wordEndAfter returns the end of the word after p: it skips non-word
// clusters (and line breaks unless sameLine), then the word itself.
func (m *Model) wordEndAfter(p textPos, sameLine bool) textPos {
	for !m.isWordAt(p) {
		q := m.nextPos(p)
		if q == p || (sameLine && q.Line != p.Line) {
			return p
		}
		p = q
	}
	for m.isWordAt(p) {
		p = m.nextPos(p)
	}
	return p
}

// vpos is one screen row of the text: a logical line and a wrapped row in it.
type vpos struct {
	line, row int
}

func (a vpos) before(b vpos) bool {
	return a.line < b.line || (a.line == b.line && a.row < b.row)
}

// textWidth is the number of columns for text: the width less the gutter.
func (m *Model) textWidth() int { return m.Width() - m.gutterWidth() }

// wrapWidth is the width rows are wrapped to. One column is kept back so the
// cursor after a full row, or at the end of a line, is always on screen.
func (m *Model) wrapWidth() int { return m.textWidth() - 1 }

// rowsOf returns the wrapped rows of logical line i.
func (m *Model) rowsOf(i int) *wrapping { return m.buf.lines[i].rows(m.wrapWidth()) }

// nextRow returns the screen row after p, or false after the last one.
func (m *Model) nextRow(p vpos) (vpos, bool) {
	if p.row+1 < len(m.rowsOf(p.line).rows) {
		return vpos{p.line, p.row + 1}, true
	}
	if p.line+1 < len(m.buf.lines) {
		return vpos{p.line + 1, 0}, true
	}
	return p, false
}

// prevRow returns the screen row before p, or false before the first one.
func (m *Model) prevRow(p vpos) (vpos, bool) {
	if p.row > 0 {
		return vpos{p.line, p.row - 1}, true
	}
	if p.line > 0 {
		return vpos{p.line - 1, len(m.rowsOf(p.line-1).rows) - 1}, true
	}
	return p, false
}

// cursorRow returns the screen row of the cursor and its column in that row.
func (m *Model) cursorRow() (vpos, int) {
	l := m.buf.lines[m.cur.Line]
	seg := l.layout()
	ci := seg.clusterAt(m.cur.Col)
	w := l.rows(m.wrapWidth())
	r := w.rowOf(ci)
	return vpos{m.cur.Line, r}, seg.xOf(w.rows[r], ci)
}

// moveRows moves the cursor n screen rows down (up when n < 0), aiming for
// the goal column, and returns how many rows it moved. Past the first row it
// goes to the start of the text, past the last to the end.
func (m *Model) moveRows(n int) int {
	p, x := m.cursorRow()
	if m.goalX < 0 {
		m.goalX = x
	}
	moved := 0
	for moved < abs(n) {
		var ok bool
		if n > 0 {
			p, ok = m.nextRow(p)
		} else {
			p, ok = m.prevRow(p)
		}
		if !ok {
			break
		}
		moved++
	}
	if moved < abs(n) {
		target := textPos{}
		if n > 0 {
			target = m.buf.end()
		}
		m.moveTo(target)
		return moved
	}
	l := m.buf.lines[p.line]
	w := l.rows(m.wrapWidth())
	ci := l.layout().boundaryAtX(w.rows[p.row], m.goalX, p.row == len(w.rows)-1)
	goal := m.goalX
	m.moveTo(textPos{Line: p.line, Col: l.layout().col(ci)})
	m.goalX = goal
	return moved
}

// page moves the cursor and the view one screen (less one row of overlap)
// down when dir > 0, up when dir < 0, so the cursor keeps its screen row.
func (m *Model) page(dir int) {
	n := max(m.height-1, 1)
	top := m.top
	moved := m.moveRows(dir * n)
	m.top = top
	for range moved {
		var ok bool
		if dir > 0 {
			m.top, ok = m.nextRow(m.top)
		} else {
			m.top, ok = m.prevRow(m.top)
		}
		if !ok {
			break
		}
	}
	m.scrollToCursor()
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
