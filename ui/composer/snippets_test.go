package composer

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/themes"
)

func TestSnippetsAreValidCardSource(t *testing.T) {
	want := []string{"Message", "Fields", "Buttons", "Select", "Member dropdown", "Channel dropdown", "Attachment",
		"Section", "Divider", "Date picker", "Time picker", "Radio buttons", "Checkboxes", "Switch", "Alert",
		"Progress", "Image", "Input", "File", "Video", "Raw JSON"}
	got := snippets()
	if len(got) != len(want) {
		t.Fatalf("%d snippets, want %d", len(got), len(want))
	}
	for i, s := range got {
		t.Run(s.Name, func(t *testing.T) {
			if s.Name != want[i] {
				t.Errorf("snippet %d is %q, want %q", i, s.Name, want[i])
			}
			c, diags := compose.Parse(s.Source)
			if len(diags) != 0 {
				t.Errorf("diagnostics %v for\n%s", diags, s.Source)
			}
			if len(c.Body) != 1 || c.Head != nil {
				t.Errorf("parses to %d elements (head %v), want exactly one element", len(c.Body), c.Head)
			}
		})
	}
}

func TestInsertMenuInsertsSnippet(t *testing.T) {
	all := snippets()
	starts := []struct {
		name   string
		text   string
		line   int
		col    int
		wantIn string // how the snippet sits in the text
	}{
		{"mid paragraph", "First line\nsecond line", 0, 3, "First line\n\n%s\n\nsecond line"},
		{"empty editor", "", 0, 0, "%s\n"},
		{"blank line after text", "Intro\n", 1, 0, "Intro\n\n%s\n"},
	}
	for i, s := range all {
		start := starts[i%len(starts)]
		t.Run(s.Name+"/"+start.name, func(t *testing.T) {
			m := newTestModel(t, 120, 40, themes.NoColor(), nil)
			m.editor.SetValue(start.text)
			m.editor.SetCursor(start.line, start.col)
			press(m, "ctrl+o")
			for range i {
				press(m, "down")
			}
			settle(t, m, press(m, "enter"))
			if m.overlay != overlayNone {
				t.Fatal("the menu stayed open after enter")
			}
			want := strings.Replace(start.wantIn, "%s", s.Source, 1)
			if m.Source() != want {
				t.Errorf("text after insert:\n%s\nwant:\n%s", m.Source(), want)
			}
			if _, diags := compose.Parse(m.Source()); compose.HasErrors(diags) {
				t.Errorf("the text has errors after the insert: %v", diags)
			}
		})
	}
}

func TestInsertMenuFilters(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	press(m, "ctrl+o")
	typeText(m, "divx")
	if len(m.menu.shown) != 0 {
		t.Fatalf("filter divx matches %d items", len(m.menu.shown))
	}
	press(m, "backspace")
	if it, ok := m.menu.selected(); !ok || it.name != "Divider" {
		t.Fatalf("filter div selects %q", it.name)
	}
	settle(t, m, press(m, "enter"))
	if m.Source() != "```divider\n```\n" {
		t.Errorf("source %q", m.Source())
	}
	m.editor.Undo()
	if m.Source() != "" {
		t.Errorf("undo left %q: the insert is not one undo step", m.Source())
	}
}
