package cli

import (
	"errors"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/compose"
)

// cardInput is where a command's card comes from: FILE (card source or a .json content
// object), "-" for stdin, "" for stdin when it is not a terminal; and --var values.
type cardInput struct {
	File string
	Vars []string
}

// addVarFlag registers --var on a command that reads a card.
func (in *cardInput) addVarFlag(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&in.Vars, "var", nil, "fill a template variable: --var name=value (repeatable)")
}

// card is a validated message card, ready for the wire and for the history, with its parsed
// form for the preview.
type card struct {
	compose.Card
	Parsed compose.Content
}

// forOps is the card as it is sent; noMarkdown (--no-markdown) overrides what the card itself
// would ask Zoom for.
func (c card) forOps(noMarkdown bool) compose.Card {
	out := c.Card
	out.Markdown = out.Markdown && !noMarkdown
	return out
}

// loadCard reads, expands, parses and validates a card with compose.BuildFile, the function the
// app's composer uses too. Problems are usage errors (exit 2), found before anything touches
// the network; diagnostics go to stderr one per line as file:line:col: severity: message.
func loadCard(in cardInput, s Streams) (card, error) {
	data, name, err := readInput(in.File, s)
	if err != nil {
		return card{}, err
	}
	text, err := expandVariables(name, string(data), in.Vars)
	if err != nil {
		return card{}, err
	}
	built, parsed, diags := compose.BuildFile(in.File, []byte(text))
	if err := printDiagnostics(name, diags, s.Err); err != nil {
		return card{}, err
	}
	return card{Card: built, Parsed: parsed}, nil
}

func readInput(file string, s Streams) ([]byte, string, error) {
	if file == "" && s.InTerminal {
		return nil, "", usagef("no card given: pass a FILE (card source or .json), or - to read it from stdin")
	}
	if file == "" || file == "-" {
		data, err := io.ReadAll(s.In)
		if err != nil {
			return nil, "", usagef("cannot read the card from stdin: %v", err)
		}
		return data, "stdin", nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, "", usagef("cannot read the card: %v", err)
	}
	return data, file, nil
}

// expandVariables fills {{.name}} placeholders from --var name=value. Every missing
// variable is named at once, so one retry is enough.
func expandVariables(name, source string, rawVars []string) (string, error) {
	vars, err := parseVars(rawVars)
	if err != nil {
		return "", err
	}
	expanded, err := compose.Expand(source, vars)
	var missing *compose.MissingVariablesError
	switch {
	case errors.As(err, &missing):
		return "", usagef("%s needs template variable %s: pass --var %s=VALUE",
			name, strings.Join(missing.Names, ", "), missing.Names[0])
	case err != nil:
		return "", usagef("%s: %v", name, err)
	}
	return expanded, nil
}

func parseVars(raw []string) (map[string]string, error) {
	vars := make(map[string]string, len(raw))
	for _, kv := range raw {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usagef("--var wants name=value, got %q", kv)
		}
		vars[k] = v
	}
	return vars, nil
}

// printDiagnostics writes each diagnostic as file:line:col: severity: message and fails
// (exit 2, already reported) when any is an error.
func printDiagnostics(name string, diags []compose.Diagnostic, stderr io.Writer) error {
	io.WriteString(stderr, compose.FormatDiagnostics(name, diags))
	if !compose.HasErrors(diags) {
		return nil
	}
	return &reportedError{code: ExitUsage, msg: name + " has errors"}
}
