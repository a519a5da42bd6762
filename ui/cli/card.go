package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/ui/termtext"
)

// cardInput is where a command's card comes from: FILE (card source or a .json content
// object), "-" for stdin, "" for stdin when it is not a terminal, or --template NAME; and
// --var values.
type cardInput struct {
	File     string
	Vars     []string
	Template string
	// NoMarkdown (--no-markdown) builds the card with markdown off: every text exactly as
	// written, is_markdown_support false, and a warning where Markdown will show literally.
	NoMarkdown bool
	// Markdown (--markdown, on edit) builds the card with markdown on, whatever the message
	// it replaces was sent with.
	Markdown bool
	// kept is the markdown mode an edit keeps from the message it replaces (nil: none
	// known, or not an edit).
	kept *compose.MarkdownMode
	// findTemplate looks a template up by name (set by addTemplateFlag).
	findTemplate func(name string) (source string, err error)
}

// fileOrTemplate accepts one FILE|- argument, or none with --template (a FILE with it is
// reported when the card is read).
func fileOrTemplate(in *cardInput, usage string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) > 1 || (len(args) == 0 && in.Template == "") {
			return fmt.Errorf("wrong number of arguments; usage: %s", usage)
		}
		return nil
	}
}

// addTemplateFlag registers --template on a command that reads a card.
func (in *cardInput) addTemplateFlag(cmd *cobra.Command, common *Common) {
	cmd.Flags().StringVar(&in.Template, "template", "", "start from a template instead of FILE: one saved in the app, or a shipped starter (zoompose templates lists them)")
	in.findTemplate = common.findTemplate
	_ = cmd.RegisterFlagCompletionFunc("template", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return common.templateCompletions(), cobra.ShellCompDirectiveNoFileComp
	})
}

// addVarFlag registers --var on a command that reads a card.
func (in *cardInput) addVarFlag(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&in.Vars, "var", nil, "fill a template variable: --var name=value (repeatable)")
}

// noMarkdownUsage is the --no-markdown flag's help, the same on every command that reads a card.
const noMarkdownUsage = "markdown off: send every text exactly as written, with is_markdown_support=false (Zoom shows *, _ and [links](…) as typed)"

// addNoMarkdownFlag registers --no-markdown on a command that reads a card.
func (in *cardInput) addNoMarkdownFlag(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&in.NoMarkdown, "no-markdown", false, noMarkdownUsage)
}

// markdownMode is the mode the card is built in: off with --no-markdown, on with
// --markdown, for an edit what its message was sent with, else what the card asks for.
func (in cardInput) markdownMode() compose.MarkdownMode {
	switch {
	case in.NoMarkdown:
		return compose.MarkdownOff
	case in.Markdown:
		return compose.MarkdownOn
	case in.kept != nil:
		return *in.kept
	}
	return compose.MarkdownAuto
}

// card is a validated message card, ready for the wire and for the history, with its parsed
// form for the preview.
type card struct {
	compose.Card
	Parsed compose.Content
}

// loadCard reads, expands, parses and validates a card with compose.BuildFileAs, in the
// markdown mode --no-markdown says, as the app's composer and send form build it. Problems are usage errors (exit 2), found before anything touches
// the network; diagnostics go to stderr one per line as file:line:col: severity: message.
func loadCard(in cardInput, s Streams) (card, error) {
	data, name, err := in.read(s)
	if err != nil {
		return card{}, err
	}
	text, err := expandVariables(name, string(data), in.Vars)
	if err != nil {
		return card{}, err
	}
	built, parsed, diags := compose.BuildFileAs(in.File, []byte(text), in.markdownMode())
	if err := printDiagnostics(name, diags, s.Err); err != nil {
		return card{}, err
	}
	return card{Card: built, Parsed: parsed}, nil
}

// maxReadBytes bounds what is read of a card (`send /dev/zero`, an endless pipe). It is far
// above compose.MaxInputBytes, so compose names the size of anything short of absurd.
const maxReadBytes = 64 << 20

// read returns the card's bytes and the name diagnostics give it.
func (in cardInput) read(s Streams) ([]byte, string, error) {
	if in.Template == "" {
		return readInput(in.File, s)
	}
	if in.File != "" {
		return nil, "", usagef("give a FILE or --template %s, not both", termtext.Line(in.Template))
	}
	source, err := in.findTemplate(in.Template)
	return []byte(source), "template " + termtext.Line(in.Template), err
}

func readInput(file string, s Streams) ([]byte, string, error) {
	if file == "" && s.InTerminal {
		return nil, "", usagef("no card given: pass a FILE (card source or .json), or - to read it from stdin")
	}
	name, in := file, s.In
	if file == "" || file == "-" {
		name = "stdin"
	} else {
		f, err := os.Open(file)
		if err != nil {
			return nil, "", usagef("cannot read the card: %v", err)
		}
		defer f.Close()
		in = f
	}
	data, err := io.ReadAll(io.LimitReader(in, maxReadBytes+1))
	if err != nil {
		return nil, "", usagef("cannot read the card from %s: %v", name, err)
	}
	if len(data) > maxReadBytes {
		return nil, "", usagef("%s holds more than %d MB: that is not a card (zoompose sends at most %d KB of content JSON)",
			name, maxReadBytes>>20, compose.MaxContentBytes>>10)
	}
	return data, name, nil
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
		flags := make([]string, len(missing.Names))
		for i, n := range missing.Names {
			flags[i] = "--var " + n + "=VALUE"
		}
		noun := "variable"
		if len(flags) > 1 {
			noun = "variables"
		}
		return "", usagef("%s needs template %s %s: pass %s", name, noun, strings.Join(missing.Names, ", "), strings.Join(flags, " "))
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

// printDiagnostics writes each diagnostic as file:line:col: severity: message, one line
// each with control characters shown (a message may quote the card), and fails (exit 2,
// already reported) when any is an error.
func printDiagnostics(name string, diags []compose.Diagnostic, stderr io.Writer) error {
	for i := range diags {
		line := strings.TrimSuffix(compose.FormatDiagnostics(name, diags[i:i+1]), "\n")
		io.WriteString(stderr, termtext.Line(line)+"\n")
	}
	if !compose.HasErrors(diags) {
		return nil
	}
	return &reportedError{code: ExitUsage, msg: name + " has errors"}
}
