package composer

import (
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/themes"
)

// menuItem is one choice of a menu.
type menuItem struct {
	name, detail string
	value        string // what choosing it inserts or loads
}

// menu is a short list that narrows as the author types: the insert menu
// and the templates list; the drafts list is a fixed one.
type menu struct {
	title  string
	note   string // lines under the filter, e.g. what enter will do
	items  []menuItem
	filter string
	shown  []int // indexes of items matching filter
	sel    int   // index into shown
	top    int   // first shown row
	fixed  bool  // no filter: typed letters are commands, not a filter
	choose func(m *Model, it menuItem) tea.Cmd
	// highlight, when set, runs after the selection may have moved (the
	// template picker fetches the highlighted template's preview).
	highlight func(m *Model) tea.Cmd
	question  string // asked in place of the filter and note, e.g. "Replace the draft?"
}

func newMenu(title, note string, items []menuItem, choose func(*Model, menuItem) tea.Cmd) menu {
	mn := menu{title: title, note: note, items: items, choose: choose}
	mn.refilter()
	return mn
}

func (mn *menu) refilter() {
	mn.shown = mn.shown[:0]
	f := strings.ToLower(mn.filter)
	for i, it := range mn.items {
		if f == "" || strings.Contains(strings.ToLower(it.name+" "+it.detail), f) {
			mn.shown = append(mn.shown, i)
		}
	}
	mn.sel, mn.top = 0, 0
}

// selected returns the highlighted item, false when nothing matches.
func (mn *menu) selected() (menuItem, bool) {
	if len(mn.shown) == 0 {
		return menuItem{}, false
	}
	return mn.items[mn.shown[mn.sel]], true
}

// updateMenu handles a key while a menu is open.
func (m *Model) updateMenu(msg tea.KeyPressMsg) tea.Cmd {
	if m.overlay == overlayTemplates && m.picker.replacing != nil {
		return m.answerReplace(msg)
	}
	mn := &m.menu
	switch {
	case key.Matches(msg, m.keys.Close):
		m.closeOverlay()
	case key.Matches(msg, m.keys.Accept):
		it, ok := mn.selected()
		if !ok {
			return nil
		}
		choose := mn.choose
		m.closeOverlay()
		return choose(m, it)
	case key.Matches(msg, m.keys.Up):
		mn.sel = max(mn.sel-1, 0)
	case key.Matches(msg, m.keys.Down):
		mn.sel = min(mn.sel+1, max(len(mn.shown)-1, 0))
	case mn.fixed:
	case msg.Code == tea.KeyBackspace:
		if mn.filter != "" {
			_, size := utf8.DecodeLastRuneInString(mn.filter)
			mn.filter = mn.filter[:len(mn.filter)-size]
			mn.refilter()
		}
	case msg.Text != "" && msg.Mod&^tea.ModShift == 0:
		mn.filter += msg.Text
		mn.refilter()
	}
	if mn.highlight != nil {
		return mn.highlight(m)
	}
	return nil
}

// height is how many rows the menu needs to show every item: the rows
// lines puts above them, then one per item (or the "nothing matches" row).
func (mn *menu) height() int {
	rows := 1 // the blank row under the head
	switch {
	case mn.question != "":
		rows += strings.Count(mn.question, "\n") + 1
	default:
		if !mn.fixed {
			rows++
		}
		if mn.note != "" {
			rows += strings.Count(mn.note, "\n") + 1
		}
	}
	return rows + max(len(mn.shown), 1)
}

// lines draws the menu in width×height cells: the filter, the note, then
// the items with the selection highlighted, scrolled to keep it visible.
func (mn *menu) lines(width, height int, st themes.Styles) []string {
	var head []string
	switch {
	case mn.question != "":
		for line := range strings.SplitSeq(mn.question, "\n") {
			head = append(head, st.Warn.Render(" "+line))
		}
	default:
		if !mn.fixed {
			head = append(head, st.Muted.Render(" Type to filter: ")+mn.filter)
		}
		if mn.note != "" {
			for line := range strings.SplitSeq(mn.note, "\n") {
				head = append(head, st.Muted.Render(" "+line))
			}
		}
	}
	nameW := 0
	for _, i := range mn.shown {
		nameW = max(nameW, ansi.StringWidth(mn.items[i].name))
	}
	nameW = min(nameW, width/2)
	head = append(head, "")
	rows := max(height-len(head), 1)
	if mn.sel < mn.top {
		mn.top = mn.sel
	}
	if mn.sel >= mn.top+rows {
		mn.top = mn.sel - rows + 1
	}
	out := make([]string, 0, height)
	for _, h := range head {
		out = append(out, fit(h, width))
	}
	if len(mn.shown) == 0 {
		out = append(out, fit(st.Muted.Render("Nothing matches; backspace widens the filter."), width))
	}
	for i := mn.top; i < len(mn.shown) && len(out) < height; i++ {
		it := mn.items[mn.shown[i]]
		name := fit(it.name, nameW)
		text := ansi.Truncate("   "+name+"  "+st.Muted.Render(it.detail), width, "…")
		if i == mn.sel {
			text = st.Selected.Render(fit(ansi.Truncate(" › "+name+"  "+it.detail, width, "…"), width))
		}
		out = append(out, fit(text, width))
	}
	return out
}

// openInsertMenu lists every card element; choosing one inserts its
// snippet at the cursor.
func (m *Model) openInsertMenu() {
	if m.snippetItems == nil {
		for _, s := range snippets() {
			m.snippetItems = append(m.snippetItems, menuItem{name: s.Name, detail: s.Detail, value: s.Source})
		}
	}
	m.menu = newMenu("Insert element", "enter inserts at the cursor · esc closes", m.snippetItems,
		func(m *Model, it menuItem) tea.Cmd {
			m.insertSnippet(it.value)
			return nil
		})
	m.openOverlay(overlayInsert)
}

func (m *Model) openOverlay(k overlayKind) {
	m.overlay = k
	m.syncKeys()
}

// closeOverlay returns to the editor; the text is never touched.
func (m *Model) closeOverlay() {
	m.overlay = overlayNone
	m.focus = focusEditor
	m.form.blur()
	m.syncKeys()
}
