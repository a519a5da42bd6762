package compose

import (
	"fmt"
	"strings"
)

// Template variables are written {{.name}} (spaces inside the braces are
// allowed: {{ .name }}). Names start with a letter or underscore and go on
// with letters, digits and underscores. Anything else between {{ and }} is
// left alone, so card text may still contain braces.

// placeholder is one {{.name}} occurrence: s[start:end] is the whole thing.
type placeholder struct {
	name       string
	start, end int
}

func placeholders(s string) []placeholder {
	var out []placeholder
	for i := 0; ; {
		open := strings.Index(s[i:], "{{")
		if open < 0 {
			return out
		}
		open += i
		end := strings.Index(s[open+2:], "}}")
		if end < 0 {
			return out
		}
		end += open + 2
		inner := strings.TrimSpace(s[open+2 : end])
		if name, ok := strings.CutPrefix(inner, "."); ok && isVarName(name) {
			out = append(out, placeholder{name, open, end + 2})
			i = end + 2
			continue
		}
		i = open + 1
	}
}

func isVarName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || isLetter(c) || (i > 0 && c >= '0' && c <= '9')) {
			return false
		}
	}
	return s != ""
}

// Variables lists the names of the {{.name}} placeholders in source, each
// once, in order of first appearance.
func Variables(source string) []string {
	var names []string
	seen := map[string]bool{}
	for _, p := range placeholders(source) {
		if !seen[p.name] {
			seen[p.name] = true
			names = append(names, p.name)
		}
	}
	return names
}

// MissingVariablesError names the placeholders Expand had no value for.
type MissingVariablesError struct{ Names []string }

// Error names the variables without a value and says to give each one.
func (e *MissingVariablesError) Error() string {
	return fmt.Sprintf("the card uses template variables with no value: %s; give a value for each (values are inserted as written)",
		strings.Join(e.Names, ", "))
}

// Expand replaces every {{.name}} with vars[name], verbatim. When a name has
// no value, it returns the source unchanged and a *MissingVariablesError
// naming every missing one.
func Expand(source string, vars map[string]string) (string, error) {
	var missing []string
	for _, name := range Variables(source) {
		if _, ok := vars[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return source, &MissingVariablesError{Names: missing}
	}
	return Fill(source, vars), nil
}

// Fill replaces the placeholders that have a value in vars and leaves the
// others as written, for a preview of a template whose values are only
// partly known. Expand is the strict form used to send.
func Fill(source string, vars map[string]string) string {
	if len(vars) == 0 {
		return source
	}
	var b strings.Builder
	last := 0
	for _, p := range placeholders(source) {
		value, ok := vars[p.name]
		if !ok {
			continue
		}
		b.WriteString(source[last:p.start])
		b.WriteString(value)
		last = p.end
	}
	b.WriteString(source[last:])
	return b.String()
}
