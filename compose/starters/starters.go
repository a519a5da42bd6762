// Package starters holds the card templates shipped with zoompose: the messages bot admins
// post most (release notes, an incident, a maintenance window, a welcome, a poll), written in
// card source with {{.placeholders}} for what changes each time. The app's template picker
// (ctrl+t) and `zoompose templates` list them beside the templates a user saved;
// `zoompose send --template NAME --var k=v` sends one.
package starters

import (
	"embed"
	"slices"
	"strings"

	"github.com/zoompose/zoompose/compose"
)

//go:embed *.md
var files embed.FS

// Starter is one shipped template.
type Starter struct {
	Name        string   // the file name without .md, e.g. "release-notes"
	Description string   // one line for lists
	Source      string   // card source with {{.placeholders}}
	Variables   []string // the placeholders, in order of first use
}

// descriptions are the one-line summaries, by name; a starter without one fails the tests.
var descriptions = map[string]string{
	"release-notes": "A release is out: version, owner, highlight, changelog link",
	"incident":      "An incident is open: severity, impact, lead, status page",
	"maintenance":   "A planned maintenance window, with a warning",
	"welcome":       "Welcome someone to a channel, with its purpose and guide",
	"poll":          "A three-option poll with buttons",
}

// All returns the starters sorted by name.
func All() []Starter {
	entries, _ := files.ReadDir(".") // the embedded directory always reads
	out := make([]Starter, 0, len(entries))
	for _, e := range entries {
		data, _ := files.ReadFile(e.Name())
		name := strings.TrimSuffix(e.Name(), ".md")
		source := string(data)
		out = append(out, Starter{Name: name, Description: descriptions[name], Source: source, Variables: compose.Variables(source)})
	}
	slices.SortFunc(out, func(a, b Starter) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Find returns the starter with that name.
func Find(name string) (Starter, bool) {
	i := slices.IndexFunc(All(), func(s Starter) bool { return s.Name == name })
	if i < 0 {
		return Starter{}, false
	}
	return All()[i], true
}

// Names lists the starters' names, for messages and shell completion.
func Names() []string {
	var names []string
	for _, s := range All() {
		names = append(names, s.Name)
	}
	return names
}
