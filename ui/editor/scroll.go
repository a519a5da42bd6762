package editor

// scrollToCursor keeps the cursor on screen and the screen full. The top row
// is kept as a (line, row) pair, so this walks at most a screen of rows and
// never counts the rows of the whole text.
func (m *Model) scrollToCursor() {
	m.clampTop()
	c, _ := m.cursorRow()
	if c.before(m.top) {
		m.top = c
	} else if !m.within(m.top, c, m.height) {
		m.top = m.back(c, m.height-1)
	}
	m.fillScreen()
}

// clampTop moves the top row back into the text after lines were removed or
// rewrapped.
func (m *Model) clampTop() {
	if m.top.line >= len(m.buf.lines) {
		m.top = vpos{line: len(m.buf.lines) - 1}
	}
	m.top.row = min(max(m.top.row, 0), len(m.rowsOf(m.top.line).rows)-1)
}

// within reports whether b is less than n rows below a.
func (m *Model) within(a, b vpos, n int) bool {
	for range n {
		if a == b {
			return true
		}
		var ok bool
		if a, ok = m.nextRow(a); !ok {
			return false
		}
	}
	return false
}

// back returns the row n rows above p, or the first row.
func (m *Model) back(p vpos, n int) vpos {
	for range n {
		q, ok := m.prevRow(p)
		if !ok {
			break
		}
		p = q
	}
	return p
}

// fillScreen scrolls up when the rows from the top to the end of the text do
// not fill the screen but rows above the top exist, as after deleting near
// the end.
func (m *Model) fillScreen() {
	p, shown := m.top, 1
	for shown < m.height {
		q, ok := m.nextRow(p)
		if !ok {
			break
		}
		p, shown = q, shown+1
	}
	m.top = m.back(m.top, m.height-shown)
}
