package historyview

// loadRows puts rows in the Messages list as a last page would.
func loadRows(m *Model, rows []messageRow) { m.list.SetItems(rows) }

// atLastRow reports whether the Messages list's selection is on its last row.
func atLastRow(m *Model) bool { return m.list.Selected() == m.list.Len()-1 }
