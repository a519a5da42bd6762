package compose

// MarkdownMode is how a card's text goes to Zoom. It is chosen once, where
// the admin decides (the send form's markdown toggle, --no-markdown, an edit
// that keeps its message's setting), and passed to BuildAs, ParseAs or
// Rebuild; everything the mode changes — the text sent, is_markdown_support
// and the diagnostics — follows from that one value.
type MarkdownMode uint8

const (
	// MarkdownAuto converts the author's CommonMark to Zoom's dialect and
	// sets is_markdown_support when the result has Zoom markup (or an
	// element asks for it): what a new card gets unless the admin says.
	MarkdownAuto MarkdownMode = iota
	// MarkdownOn converts as MarkdownAuto does and always sets
	// is_markdown_support.
	MarkdownOn
	// MarkdownOff sends every text exactly as the author wrote it, with
	// is_markdown_support false: Zoom then shows the characters, so nothing
	// is converted, and each Markdown construct that will show literally is
	// a warning (one per kind per block).
	MarkdownOff
)

// MarkdownModeOf is the mode that sends is_markdown_support as on says:
// what a toggle, a flag or a kept setting asks for.
func MarkdownModeOf(on bool) MarkdownMode {
	if on {
		return MarkdownOn
	}
	return MarkdownOff
}

// Support is the is_markdown_support a card built in this mode is sent
// with: the mode's own answer, or for MarkdownAuto what c asks for.
func (m MarkdownMode) Support(c Content) bool {
	switch m {
	case MarkdownOn:
		return true
	case MarkdownOff:
		return false
	}
	return c.UsesMarkdown()
}

// converts reports whether text is converted to Zoom's dialect.
func (m MarkdownMode) converts() bool { return m != MarkdownOff }

func (m MarkdownMode) String() string {
	switch m {
	case MarkdownOn:
		return "on"
	case MarkdownOff:
		return "off"
	}
	return "auto"
}

// Rebuild builds card again in mode: from its source, or for a card that
// came as JSON (no source) from its content, whose text is never converted
// and so only changes its flag. The send form uses it when the admin turns
// markdown on or off, so that what is sent matches the setting.
func Rebuild(card Card, mode MarkdownMode) (Card, Content, []Diagnostic) {
	if card.Source != "" {
		return BuildAs(card.Source, mode)
	}
	return BuildFileAs("card.json", card.Content, mode)
}

// WithMarkdown is card built again with is_markdown_support on or off (see
// Rebuild), with that build's diagnostics: what the send form's toggle and
// the edit confirmation's m do. Should the build fail (the card built once,
// so it should not), the card keeps its text and only the flag changes.
func (card Card) WithMarkdown(on bool) (Card, []Diagnostic) {
	rebuilt, _, diags := Rebuild(card, MarkdownModeOf(on))
	if HasErrors(diags) {
		card.Markdown, card.Auto = on, false // the admin's choice now
		return card, diags
	}
	return rebuilt, diags
}
