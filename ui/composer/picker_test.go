package composer

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/compose/starters"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// The picker lists the saved templates and then the shipped starters,
// marked as such; a saved template named like a starter shadows it.
func TestPickerListsSavedAndStarters(t *testing.T) {
	st, _ := openStore(t)
	if err := st.SaveTemplate(history.Template{Name: "incident", Source: "Our own incident card"}); err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	settle(t, m, press(m, "ctrl+t"))
	if m.overlay != overlayTemplates {
		t.Fatal("ctrl+t did not open the picker")
	}
	byName := map[string][]menuItem{}
	for _, it := range m.menu.items {
		byName[it.name] = append(byName[it.name], it)
	}
	for _, s := range starters.All() {
		got := byName[s.Name]
		if len(got) != 1 {
			t.Fatalf("%s listed %d times", s.Name, len(got))
		}
		if s.Name == "incident" {
			if got[0].value != "Our own incident card" || strings.HasPrefix(got[0].detail, starterTag) {
				t.Errorf("the saved incident does not shadow the starter: %+v", got[0])
			}
			continue
		}
		if got[0].value != s.Source || got[0].detail != starterTag+s.Description {
			t.Errorf("starter %s listed as %+v", s.Name, got[0])
		}
	}
	view := commontest.Plain(m.View())
	if !strings.Contains(view, "starter · A release is out") {
		t.Errorf("the picker does not mark the starters:\n%s", view)
	}
}

// The highlighted template's card is drawn under the list, rendered in a
// command and cached: coming back to a template needs no render.
func TestPickerPreviewsTheHighlightedTemplate(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	settle(t, m, press(m, "ctrl+t"))
	view := commontest.Plain(m.View())
	for _, want := range []string{"Preview of incident", "Incident: {{.title}}", "Severity {{.severity}}"} {
		if !strings.Contains(view, want) {
			t.Fatalf("the preview lacks %q:\n%s", want, view)
		}
	}
	settle(t, m, press(m, "down"))
	view = commontest.Plain(m.View())
	if !strings.Contains(view, "Preview of maintenance") || strings.Contains(view, "Incident: {{.title}}") {
		t.Fatalf("moving down did not preview the next template:\n%s", view)
	}
	if cmd := press(m, "up"); len(settle(t, m, cmd)) != 0 || !strings.Contains(commontest.Plain(m.View()), "Incident: {{.title}}") {
		t.Error("the incident preview was not kept")
	}

	// Typing filters the list, and the preview follows the filter.
	settle(t, m, typeText(m, "poll")...)
	view = commontest.Plain(m.View())
	if len(m.menu.shown) != 1 || !strings.Contains(view, "Poll: {{.question}}") {
		t.Errorf("filtering on poll shows %d items:\n%s", len(m.menu.shown), view)
	}
}

// Values given with alt+v fill the picker's preview too.
func TestPickerPreviewFillsGivenValues(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	m.lastVars["title"] = "Checkout down"
	m.varsGen++
	settle(t, m, press(m, "ctrl+t"))
	if view := commontest.Plain(m.View()); !strings.Contains(view, "Incident: Checkout down") {
		t.Errorf("the preview does not fill the given value:\n%s", view)
	}
}

// Choosing a template over a draft asks: any key but y keeps the draft, y
// replaces it as one undo step.
func TestPickerAsksBeforeReplacing(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	typeText(m, "half written")
	settle(t, m, press(m, "ctrl+t"))
	settle(t, m, press(m, "enter"))
	view := commontest.Plain(m.View())
	if !strings.Contains(view, `Replace the draft with "incident"?`) || m.Source() != "half written" {
		t.Fatalf("no question before replacing:\n%s", view)
	}
	msgs := settle(t, m, press(m, "enter")) // enter is not a yes
	if m.Source() != "half written" || m.overlay != overlayNone || !hasStatus(msgs, "Kept the draft") {
		t.Fatalf("enter did not keep the draft: %q, overlay %d", m.Source(), m.overlay)
	}
	settle(t, m, press(m, "ctrl+t"))
	settle(t, m, press(m, "down"))
	settle(t, m, press(m, "enter"))
	msgs = settle(t, m, typeText(m, "y")...)
	maintenance, _ := starters.Find("maintenance")
	if m.Source() != maintenance.Source || !hasStatus(msgs, "alt+v fills") {
		t.Fatalf("y gave %q, statuses %+v", m.Source(), statuses(msgs))
	}
	press(m, "ctrl+z")
	if m.Source() != "half written" {
		t.Errorf("ctrl+z gave %q, want the draft back", m.Source())
	}
}

// A starter's placeholders are given in the vars form, which sending opens.
func TestStarterPlaceholdersGoThroughTheVarsForm(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	settle(t, m, press(m, "ctrl+t"))
	settle(t, m, typeText(m, "welcome")...)
	settle(t, m, press(m, "enter"))
	press(m, "alt+v")
	welcome, _ := starters.Find("welcome")
	if m.overlay != overlayVars || len(m.form.inputs) != len(welcome.Variables) {
		t.Fatalf("alt+v: overlay %d, %d inputs, want %v", m.overlay, len(m.form.inputs), welcome.Variables)
	}
}

// Keys typed right after ctrl+t, before the saved templates are read, land
// in the picker; the list then gains the saved ones and keeps the highlight.
func TestPickerTakesKeysBeforeTheSavedTemplatesAreRead(t *testing.T) {
	st, _ := openStore(t)
	if err := st.SaveTemplate(history.Template{Name: "weekly", Source: "Weekly update"}); err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, 120, 40, themes.NoColor(), st)
	load := press(m, "ctrl+t")
	press(m, "down") // incident → maintenance, the saved list not read yet
	settle(t, m, load)
	if it, _ := m.menu.selected(); it.name != "maintenance" || m.menu.items[0].name != "weekly" {
		t.Fatalf("highlighted %q, first item %q", it.name, m.menu.items[0].name)
	}
	settle(t, m, press(m, "enter"))
	if !strings.HasPrefix(m.Source(), "---\nhead: Planned maintenance") {
		t.Errorf("started from %q", m.Source())
	}
}
