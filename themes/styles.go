package themes

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Styles is every lipgloss style the UI and the card preview draw with, all
// built from one Theme. It is a plain value: copy it, pass it down, rebuild it
// when the theme changes (for example on tea.BackgroundColorMsg).
type Styles struct {
	Text     lipgloss.Style // body text
	Muted    lipgloss.Style // secondary text
	Title    lipgloss.Style // screen and pane titles
	Subtitle lipgloss.Style // text under a title

	StatusBar lipgloss.Style // the bottom status line
	BadgeDev  lipgloss.Style // profile badge for a non-production bot
	BadgeProd lipgloss.Style // profile badge for a production bot

	Border  lipgloss.Style // a framed box, neither focused nor blurred
	Focused lipgloss.Style // frame of the pane that has the keyboard
	Blurred lipgloss.Style // frame of the other panes

	Error lipgloss.Style
	Warn  lipgloss.Style
	OK    lipgloss.Style

	HelpKey       lipgloss.Style // the key in help ("ctrl+s")
	HelpDesc      lipgloss.Style // its description ("send")
	HelpSeparator lipgloss.Style // between help entries

	Selected    lipgloss.Style // the highlighted row of a list
	Link        lipgloss.Style
	Code        lipgloss.Style
	Placeholder lipgloss.Style // empty inputs, placeholders
	Input       lipgloss.Style // a framed input box (text inputs, dropdowns, pickers)

	Sidebar lipgloss.Style // the coloured left bar of a card section (default colour)

	ButtonPrimary  lipgloss.Style
	ButtonDefault  lipgloss.Style
	ButtonDanger   lipgloss.Style
	ButtonDisabled lipgloss.Style

	CardHead    lipgloss.Style // a card's head text before its own style applies
	CardSubHead lipgloss.Style // a card's sub_head text before its own style applies
	FieldKey    lipgloss.Style // key of a fields item
	FieldValue  lipgloss.Style // value of a fields item
}

// Button returns the style for a Zoom button style name ("Primary",
// "Default", "Danger", "Disabled", any case). Unknown or empty names get the
// Default style, as Zoom does.
func (s Styles) Button(style string) lipgloss.Style {
	switch strings.ToLower(style) {
	case "primary":
		return s.ButtonPrimary
	case "danger":
		return s.ButtonDanger
	case "disabled":
		return s.ButtonDisabled
	default:
		return s.ButtonDefault
	}
}

// Foreground returns s with hex as its text colour, unless the theme is plain
// or hex is not a "#RGB"/"#RRGGBB" colour, in which case s comes back as is.
// Use it for colours that come from a card (head style, sidebar colour).
func (t Theme) Foreground(s lipgloss.Style, hex string) lipgloss.Style {
	if t.Plain || !IsHexColor(hex) {
		return s
	}
	return s.Foreground(lipgloss.Color(hex))
}

// Background is Foreground for the background colour.
func (t Theme) Background(s lipgloss.Style, hex string) lipgloss.Style {
	if t.Plain || !IsHexColor(hex) {
		return s
	}
	return s.Background(lipgloss.Color(hex))
}

// borderForeground is Foreground for the border colour.
func (t Theme) borderForeground(s lipgloss.Style, hex string) lipgloss.Style {
	if t.Plain || !IsHexColor(hex) {
		return s
	}
	return s.BorderForeground(lipgloss.Color(hex))
}

// Emphasis returns s made bold and/or italic, unless the theme is plain.
func (t Theme) Emphasis(s lipgloss.Style, bold, italic bool) lipgloss.Style {
	if t.Plain {
		return s
	}
	if bold {
		s = s.Bold(true)
	}
	if italic {
		s = s.Italic(true)
	}
	return s
}

// IsHexColor reports whether s is "#RGB" or "#RRGGBB".
func IsHexColor(s string) bool {
	if len(s) != 4 && len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, r := range s[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// Styles builds the lipgloss styles from the palette. Plain themes get the
// same layout (borders, padding) with no colour and no text attributes.
func (t Theme) Styles() Styles {
	p := t.Palette
	fg := func(hex string) lipgloss.Style { return t.Foreground(lipgloss.NewStyle(), hex) }
	bold := func(s lipgloss.Style) lipgloss.Style { return t.Emphasis(s, true, false) }
	framed := func(hex string) lipgloss.Style {
		return t.borderForeground(lipgloss.NewStyle().Border(lipgloss.RoundedBorder()), hex)
	}
	badge := func(hex string) lipgloss.Style {
		return bold(t.Background(fg(p.OnAccent), hex)).Padding(0, 1)
	}
	s := Styles{
		Text:          fg(p.Text),
		Muted:         fg(p.Muted),
		Title:         bold(fg(p.Accent)),
		Subtitle:      fg(p.Muted),
		StatusBar:     t.Background(fg(p.Text), p.Surface),
		BadgeDev:      badge(p.Success),
		BadgeProd:     badge(p.Danger),
		Border:        framed(p.Border),
		Focused:       framed(p.Accent),
		Blurred:       framed(p.Border),
		Error:         bold(fg(p.Danger)),
		Warn:          fg(p.Warning),
		OK:            fg(p.Success),
		HelpKey:       fg(p.Text),
		HelpDesc:      fg(p.Muted),
		HelpSeparator: fg(p.Border),
		Selected:      t.Background(bold(fg(p.Text)), p.Selection),
		Link:          t.underline(fg(p.Link)),
		Code:          t.Background(fg(p.Code), p.Surface),
		Placeholder:   t.faint(fg(p.Muted)),
		Input:         framed(p.Border).Padding(0, 1),
		Sidebar:       fg(p.Accent),
		CardHead:      bold(fg(p.Text)),
		CardSubHead:   fg(p.Muted),
		FieldKey:      bold(fg(p.Text)),
		FieldValue:    fg(p.Text),
	}
	s.ButtonPrimary, s.ButtonDefault, s.ButtonDanger, s.ButtonDisabled = t.buttons()
	return s
}

// buttons draws Zoom's four button styles as boxes: Primary (blue) and
// Danger (red) filled as in Zoom, Default outlined, Disabled grey. The border
// shape differs per style as well, so they stay distinct without colour
// (NO_COLOR, colour-blind users): Primary thick, Default rounded, Danger
// double, Disabled a thin square frame.
func (t Theme) buttons() (primary, def, danger, disabled lipgloss.Style) {
	p := t.Palette
	box := func(b lipgloss.Border, text, border string) lipgloss.Style {
		return t.borderForeground(t.Foreground(lipgloss.NewStyle().Border(b).Padding(0, 1), text), border)
	}
	filled := func(b lipgloss.Border, fill string) lipgloss.Style {
		return t.Emphasis(t.Background(box(b, p.OnAccent, fill), fill), true, false)
	}
	primary = filled(lipgloss.ThickBorder(), p.Accent)
	def = box(lipgloss.RoundedBorder(), p.Text, p.Muted)
	danger = filled(lipgloss.DoubleBorder(), p.Danger)
	disabled = t.faint(box(lipgloss.NormalBorder(), p.Disabled, p.Disabled))
	return primary, def, danger, disabled
}

func (t Theme) underline(s lipgloss.Style) lipgloss.Style {
	if t.Plain {
		return s
	}
	return s.Underline(true)
}

func (t Theme) faint(s lipgloss.Style) lipgloss.Style {
	if t.Plain {
		return s
	}
	return s.Faint(true)
}
