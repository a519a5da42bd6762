package compose

import "regexp"

// Checks only a JSON card gets, by path: what zoompose's simulator notes
// (zoom/zoomtest, notes.go) as something Zoom will not render as written.
// Card source cannot hold them (its Markdown is converted, its buttons get a
// value) or says so at the text; JSON is sent as written, so the author
// learns it here, before Zoom does. Each is a warning: the evidence says
// what Zoom shows, not that it refuses the card, and where Zoom's behaviour
// is unknown the simulator accepts and the linter warns.

// The patterns the simulator's notes look for (zoomtest's doubleStar and
// commonMarkLink): Go's regexp runs in linear time.
var (
	jsonDoubleStar     = regexp.MustCompile(`\*\*[^*\s][^*]*\*\*`)
	jsonCommonMarkLink = regexp.MustCompile(`\[[^\]\n]+\]\([^)\s]+\)`)
)

// jsonMarkdown warns about CommonMark in a JSON text that Zoom reads as
// markdown (markdown is whether it does there): ** may show its stars, and
// [label](url) is shown as written (facts §2.2).
func (v *validator) jsonMarkdown(path, text string, markdown bool) {
	if v.locate != nil || !markdown {
		return
	}
	if jsonDoubleStar.MatchString(text) {
		v.warnf(path, "**…** may show its stars: Zoom's docs give both **x** and *x* for bold, and its examples use *x* (facts §2.2); write *x*")
	}
	if jsonCommonMarkLink.MatchString(text) {
		v.warnf(path, "[label](url) is shown as written: Zoom's links are <url|label> (facts §2.2)")
	}
}

// jsonButton warns about a JSON button without a value or a style, which
// Zoom's SDK (RIVET) types as required. (Card source always has a value:
// without one it is the button's text.)
func (v *validator) jsonButton(path string, b Button) {
	if v.locate == nil && b.Value == "" {
		v.warnf(path, "a button without value: Zoom's SDK (RIVET) types it as required; Zoom may refuse the card, "+
			"or the bot may get no value when it is clicked (unverified); add \"value\"")
	}
	if v.locate == nil && b.Style == "" {
		v.warnf(path, "a button without style: Zoom's SDK (RIVET) types it as required; Zoom may refuse the card or draw the button "+
			"without it (unverified); add \"style\": \"Default\"")
	}
}

// jsonDivider warns about a JSON divider without a style, which Zoom's SDK
// (RIVET) types as required.
func (v *validator) jsonDivider(path string, d Divider) {
	if v.locate == nil && d.Style == nil {
		v.warnf(path, "a divider without style: Zoom's SDK (RIVET) types style {bold, dotted, color} as required; "+
			"Zoom may refuse the card or draw no line (unverified); add \"style\": {\"bold\": false}")
	}
}
