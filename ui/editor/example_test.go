package editor_test

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/zoompose/zoompose/ui/editor"
)

// composer shows how a parent embeds the editor: it matches its own keys
// first, passes the rest on, learns of changes through Version, and places
// the real terminal cursor below its one-line title.
type composer struct {
	editor  editor.Model
	seen    uint64
	changes int
}

func (c composer) Update(msg tea.Msg) composer {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "ctrl+s" {
		return c // the parent's send key never reaches the editor
	}
	c.editor, _ = c.editor.Update(msg)
	if v := c.editor.Version(); v != c.seen {
		c.seen = v
		c.changes++ // a real composer schedules a debounced preview here
	}
	return c
}

func (c composer) View() tea.View {
	v := tea.NewView("Draft\n" + c.editor.View())
	v.Cursor = c.editor.TerminalCursor(0, 1)
	return v
}

func Example() {
	c := composer{editor: editor.New()}
	c.editor.SetSize(20, 3)
	c.editor.Focus()
	for _, r := range "Hi team" {
		c = c.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	c = c.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	c = c.Update(tea.PasteMsg{Content: "- item\r\n- item"})
	c = c.Update(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})

	v := c.View()
	for _, row := range strings.Split(v.Content, "\n") {
		fmt.Printf("%q\n", row)
	}
	fmt.Println("cursor:", v.Cursor.X, v.Cursor.Y, "changes:", c.changes)
	// Output:
	// "Draft"
	// "Hi team             "
	// "- item              "
	// "- item              "
	// cursor: 6 3 changes: 9
}
