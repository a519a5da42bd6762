package common

import "charm.land/bubbles/v2/key"

// KeyHelp is one key of a screen's full help: its binding and, for the
// moments the binding is disabled, why it does not act then (a few words,
// e.g. "only on an older revision"). The help overlay lists every key, the
// disabled ones dimmed with their reason, so that a key can be found
// before it applies; the footer keeps showing only the keys that act now.
type KeyHelp struct {
	key.Binding
	Why string
}

// Why pairs b with the reason it does not act while it is disabled; the
// reason is shown only then.
func Why(b key.Binding, why string) KeyHelp { return KeyHelp{Binding: b, Why: why} }

// Off shows b off with why, whatever b's own state: for a key the screen
// matches only under a condition of its own (the focused field, the list
// shown) rather than through SetEnabled.
func Off(b key.Binding, why string) KeyHelp {
	b.SetEnabled(false)
	return KeyHelp{Binding: b, Why: why}
}

// Keys lists keys that are never disabled, so need no reason.
func Keys(bs ...key.Binding) []KeyHelp {
	out := make([]KeyHelp, len(bs))
	for i, b := range bs {
		out[i] = KeyHelp{Binding: b}
	}
	return out
}

// Bindings drops the reasons: a FullHelp (help.KeyMap) from a screen's
// HelpKeys, so both list the same keys.
func Bindings(groups [][]KeyHelp) [][]key.Binding {
	out := make([][]key.Binding, len(groups))
	for i, g := range groups {
		out[i] = make([]key.Binding, len(g))
		for j, k := range g {
			out[i][j] = k.Binding
		}
	}
	return out
}
