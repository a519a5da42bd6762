// Package composetest holds what tests of several packages need about card
// sources: the examples of the card source documentation, so that compose's
// parser and the preview are both checked against every one of them.
package composetest

import (
	"os"
	"strings"
)

// DocExamples returns the card sources in the Markdown file at path (the
// repository's docs/card-source.md): the bodies of blocks fenced with four or
// five backticks and no info string.
func DocExamples(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var examples []string
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		fence := lines[i]
		if fence != "````" && fence != "`````" {
			continue
		}
		end := i + 1
		for end < len(lines) && lines[end] != fence {
			end++
		}
		examples = append(examples, strings.Join(lines[i+1:end], "\n"))
		i = end
	}
	return examples, nil
}
