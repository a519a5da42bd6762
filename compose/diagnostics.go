package compose

import (
	"fmt"
	"strings"
)

// Severity says whether a Diagnostic blocks sending.
type Severity int

const (
	// Error: the card is wrong (unknown element, missing required field, bad
	// colour or button style); commands refuse to send it.
	Error Severity = iota
	// Warning: the card is sent, but Zoom may show it differently from what
	// the author expects (unrendered Markdown, text over unverified limits).
	Warning
	// Note: the card is sent and Zoom shows what the author meant, but
	// something was left out on the way (a code block's language, a link's
	// title). Nothing to fix; `zoompose lint --strict` ignores notes.
	Note
)

// String returns "error", "warning" or "note".
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Note:
		return "note"
	}
	return "warning"
}

// Diagnostic is one problem in a card. Line and Col are 1-based positions in
// the source (Col counts runes); both are 0 when the card came from JSON and
// the problem has no source position, in which case Path names the spot
// (e.g. "body[2].items[0].style").
type Diagnostic struct {
	Line, Col int
	Severity  Severity
	Message   string
	Path      string
	// Literal is, for a warning that markdown is off, the Markdown as written
	// that Zoom will show literally ("**out**"), so that a form can name it.
	Literal string
}

// String formats the diagnostic as "line:col: severity: message", or
// "path: severity: message" when it has no position.
func (d Diagnostic) String() string {
	where := d.Path
	if d.Line > 0 {
		where = fmt.Sprintf("%d:%d", d.Line, d.Col)
	}
	if where == "" {
		return d.Severity.String() + ": " + d.Message
	}
	return where + ": " + d.Severity.String() + ": " + d.Message
}

// HasErrors reports whether any diagnostic is an Error.
func HasErrors(ds []Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// FormatDiagnostics renders one diagnostic per line, prefixed with name
// (typically the file name) as "name:line:col: severity: message".
func FormatDiagnostics(name string, ds []Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		if name != "" {
			b.WriteString(name)
			b.WriteByte(':')
			if d.Line == 0 && d.Path == "" {
				b.WriteByte(' ') // "card.md: error: …", as "card.md:3:1: error: …"
			}
		}
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// maxDiagnostics is how many diagnostics a card gets at most: hostile input
// (20,000 broken lines) must not flood the terminal or the composer.
const maxDiagnostics = 100

// capDiagnostics keeps the first maxDiagnostics-1 diagnostics and sums up the
// rest, and unkept more (unkeptErrors of them errors) that were only counted,
// in one diagnostic: an Error when any of them is.
func capDiagnostics(ds []Diagnostic, unkept, unkeptErrors int) []Diagnostic {
	if len(ds)+unkept <= maxDiagnostics {
		return ds
	}
	keep := min(len(ds), maxDiagnostics-1)
	kept, rest := ds[:keep:keep], ds[keep:]
	n, errs := len(rest)+unkept, unkeptErrors
	for _, d := range rest {
		if d.Severity == Error {
			errs++
		}
	}
	sum := Diagnostic{Severity: Warning, Message: fmt.Sprintf("%d more warnings not shown", n)}
	if errs > 0 {
		sum = Diagnostic{Severity: Error, Message: fmt.Sprintf("%d more problems not shown (%d of them errors): fix the ones above first", n, errs)}
	}
	return append(kept, sum)
}
