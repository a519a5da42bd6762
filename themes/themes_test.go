package themes

import (
	"reflect"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

func TestEveryThemeBuilds(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			th, ok := Get(name)
			if !ok || th.Name != name {
				t.Fatalf("Get(%q) = %+v, %v; want the theme of that name", name, th, ok)
			}
			st := th.Styles()
			if got := st.Title.Render("zoompose"); !strings.Contains(got, "zoompose") {
				t.Errorf("Title.Render lost its text: %q", got)
			}
		})
	}
}

func TestPaletteColoursAreHex(t *testing.T) {
	for _, name := range Names() {
		th, _ := Get(name)
		v := reflect.ValueOf(th.Palette)
		for i := 0; i < v.NumField(); i++ {
			hex := v.Field(i).String()
			field := v.Type().Field(i).Name
			switch {
			case th.Plain && hex != "":
				t.Errorf("%s: plain theme has colour %s = %q", name, field, hex)
			case !th.Plain && !IsHexColor(hex):
				t.Errorf("%s: %s = %q is not a #RRGGBB colour", name, field, hex)
			}
		}
	}
}

func TestNoColorEmitsNoEscape(t *testing.T) {
	th := NoColor()
	st := th.Styles()
	v := reflect.ValueOf(st)
	for i := 0; i < v.NumField(); i++ {
		s := v.Field(i).Interface().(lipgloss.Style)
		if out := s.Render("text"); strings.ContainsRune(out, '\x1b') {
			t.Errorf("NoColor Styles.%s renders an escape: %q", v.Type().Field(i).Name, out)
		}
	}
	for _, b := range []string{"Primary", "Default", "Danger", "Disabled"} {
		if out := st.Button(b).Render(b); strings.ContainsRune(out, '\x1b') {
			t.Errorf("NoColor %s button renders an escape: %q", b, out)
		}
	}
}

func TestColouredThemesEmitColour(t *testing.T) {
	for _, name := range []string{ZoomDark, ZoomLight, HighContrast} {
		th, _ := Get(name)
		if out := th.Styles().ButtonPrimary.Render("Send"); !strings.ContainsRune(out, '\x1b') {
			t.Errorf("%s: primary button has no colour: %q", name, out)
		}
	}
}

func TestSelect(t *testing.T) {
	tests := []struct {
		name      string
		dark      bool
		noColor   bool
		want      string
		wantError string
	}{
		{name: "", dark: true, want: ZoomDark},
		{name: "", dark: false, want: ZoomLight},
		{name: "auto", dark: false, want: ZoomLight},
		{name: HighContrast, dark: false, want: HighContrast},
		{name: ZoomLight, dark: true, want: ZoomLight},
		{name: ZoomDark, noColor: true, want: NoColorName},
		{name: "solarized", dark: true, wantError: `there is no theme called "solarized": use auto or one of high-contrast, no-color, zoom-dark, zoom-light`},
	}
	for _, tt := range tests {
		got, err := Select(tt.name, tt.dark, tt.noColor)
		if tt.wantError != "" {
			if err == nil || err.Error() != tt.wantError {
				t.Errorf("Select(%q) error = %v, want %q", tt.name, err, tt.wantError)
			}
			continue
		}
		if err != nil || got.Name != tt.want {
			t.Errorf("Select(%q, dark=%v, noColor=%v) = %q, %v; want %q", tt.name, tt.dark, tt.noColor, got.Name, err, tt.want)
		}
	}
}

func TestDefaultFollowsBackground(t *testing.T) {
	if d := Default(true); d.Name != ZoomDark || !d.Dark {
		t.Errorf("Default(true) = %s (dark %v), want zoom-dark", d.Name, d.Dark)
	}
	if l := Default(false); l.Name != ZoomLight || l.Dark {
		t.Errorf("Default(false) = %s (dark %v), want zoom-light", l.Name, l.Dark)
	}
	if got := Default(true).Palette.Accent; got != "#0E72ED" {
		t.Errorf("zoom-dark accent = %s, want Zoom blue #0E72ED", got)
	}
}

func TestNoColorRequested(t *testing.T) {
	for _, tt := range []struct {
		value string
		want  bool
	}{{"", false}, {"1", true}, {"false", true}} {
		t.Setenv("NO_COLOR", tt.value)
		if got := NoColorRequested(); got != tt.want {
			t.Errorf("NO_COLOR=%q: NoColorRequested() = %v, want %v", tt.value, got, tt.want)
		}
	}
}

func TestButtonPicksStyle(t *testing.T) {
	st := Default(true).Styles()
	tests := []struct {
		style string
		want  lipgloss.Style
	}{
		{"Primary", st.ButtonPrimary},
		{"primary", st.ButtonPrimary},
		{"Danger", st.ButtonDanger},
		{"Disabled", st.ButtonDisabled},
		{"Default", st.ButtonDefault},
		{"", st.ButtonDefault},
		{"Fancy", st.ButtonDefault},
	}
	for _, tt := range tests {
		if got, want := st.Button(tt.style).Render("x"), tt.want.Render("x"); got != want {
			t.Errorf("Button(%q) renders %q, want %q", tt.style, got, want)
		}
	}
}

func TestIsHexColor(t *testing.T) {
	for in, want := range map[string]bool{
		"#0E72ED": true, "#fff": true, "#FFF": true, "0E72ED": false, "#12345": false,
		"#GGGGGG": false, "": false, "#": false, "red": false, "#0e72ed": true,
	} {
		if got := IsHexColor(in); got != want {
			t.Errorf("IsHexColor(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestPlainThemeIgnoresCardColours(t *testing.T) {
	plain, dark := NoColor(), Default(true)
	base := lipgloss.NewStyle()
	if out := plain.Emphasis(plain.Foreground(base, "#FF0000"), true, true).Render("x"); out != "x" {
		t.Errorf("plain theme styled a card colour: %q", out)
	}
	if out := dark.Foreground(base, "not-a-colour").Render("x"); out != "x" {
		t.Errorf("an invalid colour should leave the style alone, got %q", out)
	}
	if out := dark.Foreground(base, "#FF0000").Render("x"); !strings.Contains(out, "255;0;0") {
		t.Errorf("dark theme should colour with #FF0000, got %q", out)
	}
}

func TestDarkBackgroundFromCOLORFGBG(t *testing.T) {
	for _, c := range []struct {
		value string
		dark  bool
	}{
		{"", true}, {"15;0", true}, {"0;15", false}, {"0;7", false}, {"7;8", true},
		{"12;default;4", true}, {"0;default;15", false}, {"junk", true},
	} {
		getenv := func(string) string { return c.value }
		if got := DarkBackground(getenv); got != c.dark {
			t.Errorf("COLORFGBG=%q: dark = %v, want %v", c.value, got, c.dark)
		}
	}
}
