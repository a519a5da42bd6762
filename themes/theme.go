// Package themes holds zoompose's named colour palettes and builds, from one
// palette, both the lipgloss styles the UI draws with and the glamour style
// that renders Markdown. Nothing here is a mutable package global: every call
// builds fresh values, so a caller may change what it got without affecting
// anyone else.
package themes

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
)

// Theme names that Get knows.
const (
	ZoomDark     = "zoom-dark"
	ZoomLight    = "zoom-light"
	HighContrast = "high-contrast"
	NoColorName  = "no-color"
)

// Palette is every colour a theme uses, as "#RRGGBB" strings. An empty string
// means "no colour": whatever is drawn with it keeps the terminal's default.
type Palette struct {
	Accent    string // brand colour: Zoom blue, primary buttons, titles, default sidebar
	OnAccent  string // text drawn on an Accent background
	Text      string // body text
	Muted     string // secondary text: sub heads, help, footers
	Border    string // frames, rules, blurred panes
	Surface   string // a slightly raised background: inline code, status bar
	Selection string // background of the selected row
	Danger    string // errors, danger buttons, prod badge
	Warning   string // warnings
	Success   string // confirmations, dev badge
	Link      string // link text and URLs
	Code      string // inline code text
	Disabled  string // disabled buttons and inactive text
}

// Theme is a named palette. Dark says which terminal background it was made
// for. Plain themes (NO_COLOR) emit no escape sequence at all: no colour and
// no bold, italic or underline either, so their output is pure text.
type Theme struct {
	Name    string
	Dark    bool
	Plain   bool
	Palette Palette
}

func zoomDark() Theme {
	return Theme{Name: ZoomDark, Dark: true, Palette: Palette{
		Accent: "#0E72ED", OnAccent: "#FFFFFF", Text: "#E4E6EB", Muted: "#9AA0A6",
		Border: "#4A4F57", Surface: "#2A2D33", Selection: "#1B3F6E",
		Danger: "#F0483E", Warning: "#F5A623", Success: "#2DB36F",
		Link: "#4DA3FF", Code: "#FF8C7A", Disabled: "#6E737A",
	}}
}

func zoomLight() Theme {
	return Theme{Name: ZoomLight, Dark: false, Palette: Palette{
		Accent: "#0E72ED", OnAccent: "#FFFFFF", Text: "#232333", Muted: "#6E7680",
		Border: "#C9CDD2", Surface: "#EEF1F4", Selection: "#D6E7FD",
		Danger: "#D92D20", Warning: "#A15C00", Success: "#1A7F37",
		Link: "#0B5CD7", Code: "#C7254E", Disabled: "#A3A8AE",
	}}
}

// highContrast is for dark terminals and low vision: pure white text and
// saturated, clearly distinct hues, every one readable on black.
func highContrast() Theme {
	return Theme{Name: HighContrast, Dark: true, Palette: Palette{
		Accent: "#3FA9FF", OnAccent: "#000000", Text: "#FFFFFF", Muted: "#E0E0E0",
		Border: "#FFFFFF", Surface: "#303030", Selection: "#0050A0",
		Danger: "#FF5F5F", Warning: "#FFFF00", Success: "#5FFF87",
		Link: "#5FD7FF", Code: "#FFAF00", Disabled: "#A8A8A8",
	}}
}

// NoColor returns the plain theme used when NO_COLOR is set: an empty palette
// and Plain set, so nothing built from it carries an escape sequence.
func NoColor() Theme {
	return Theme{Name: NoColorName, Dark: true, Plain: true}
}

var builders = map[string]func() Theme{
	ZoomDark:     zoomDark,
	ZoomLight:    zoomLight,
	HighContrast: highContrast,
	NoColorName:  NoColor,
}

// Get returns the theme with that name, and false when there is none.
func Get(name string) (Theme, bool) {
	build, ok := builders[name]
	if !ok {
		return Theme{}, false
	}
	return build(), true
}

// Names lists every theme Get knows, sorted.
func Names() []string {
	names := make([]string, 0, len(builders))
	for name := range builders {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Default is the automatic choice for a terminal background: zoom-dark when
// dark is true, zoom-light otherwise. Callers that do not know the background
// (the terminal never answered) should pass true.
func Default(dark bool) Theme {
	if dark {
		return zoomDark()
	}
	return zoomLight()
}

// NoColorRequested reports whether the NO_COLOR environment variable is set
// to a non-empty value (https://no-color.org).
func NoColorRequested() bool {
	return os.Getenv("NO_COLOR") != ""
}

// Select resolves the theme a user asked for. noColor wins over everything;
// an empty name or "auto" picks Default(dark); any other name must be one of
// Names(), otherwise the error says which names exist.
func Select(name string, dark, noColor bool) (Theme, error) {
	if noColor {
		return NoColor(), nil
	}
	if name == "" || name == "auto" {
		return Default(dark), nil
	}
	t, ok := Get(name)
	if !ok {
		return Theme{}, fmt.Errorf("there is no theme called %q: use auto or one of %s", name, strings.Join(Names(), ", "))
	}
	return t, nil
}

// DarkBackground guesses whether the terminal background is dark without
// asking the terminal (a query can stall for seconds where no answer comes,
// as in tmux or over SSH): it reads COLORFGBG ("fg;bg" colour indexes, set by
// rxvt, Konsole and others), where background 7 or 9–15 is light. Without it,
// dark is assumed; --theme zoom-light overrides. The app asks the terminal
// instead, off the key path, and follows its answer.
func DarkBackground(getenv func(string) string) bool {
	fgbg := getenv("COLORFGBG")
	if fgbg == "" {
		return true
	}
	parts := strings.Split(fgbg, ";")
	bg, err := strconv.Atoi(parts[len(parts)-1])
	if err != nil {
		return true
	}
	return !(bg == 7 || (bg >= 9 && bg <= 15))
}
