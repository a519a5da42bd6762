package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/ui/termtext"
)

// lintOptions are the inputs of `zoompose lint`.
type lintOptions struct {
	*Common
	cardInput
	Strict bool // warnings fail the check (exit 1)
	JSON   bool // one JSON array instead of lines
}

// exitLintWarnings is lint --strict's answer to a card with warnings and no errors.
const exitLintWarnings = 1

func newLintCmd(common *Common, code *int) *cobra.Command {
	o := &lintOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "lint [--strict] [--json] [--no-markdown] FILE|-",
		Short: "Print a card's problems, and nothing else",
		Long: `Check a card (card source or a .json content object) exactly as send, payload and preview
do, and print only its diagnostics on stdout, one per line as FILE:LINE:COL: severity: message
(severity is error, warning or note). Nothing goes on the network and no configuration is read.

Exit code: 0 when the card is clean or has only warnings and notes, 1 with --strict when it has
warnings, 2 when it has errors (or the file cannot be read). --json prints one JSON array of
{"line", "col", "severity", "message"} objects ("path" instead of a position for a .json card),
[] when there is nothing to say. --no-markdown checks the card as send --no-markdown sends it.`,
		Example: `  zoompose lint announcement.md
  zoompose lint --strict --json - < card.md | jq '.[].message'`,
		Args: argRange(1, 1, "zoompose lint [--strict] [--json] [--no-markdown] FILE|-"),
	}
	cmd.RunE = func(c *cobra.Command, args []string) error {
		o.File = args[0]
		return runner(common, code, func(context.Context) error { return runLint(o) })(c, args)
	}
	cmd.Flags().BoolVar(&o.Strict, "strict", false, "exit 1 when the card has warnings (notes never fail)")
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the diagnostics as one JSON array, for editors and CI")
	o.addVarFlag(cmd)
	o.addNoMarkdownFlag(cmd)
	return cmd
}

func runLint(o *lintOptions) error {
	data, name, err := readInput(o.File, o.Streams)
	if err != nil {
		return err
	}
	text, err := expandVariables(name, string(data), o.Vars)
	if err != nil {
		return err
	}
	_, _, diags := compose.BuildFileAs(o.File, []byte(text), o.markdownMode())
	if o.JSON {
		err = writeDiagnosticsJSON(o.Out, diags)
	} else {
		err = writeDiagnosticLines(o.Out, name, diags)
	}
	switch {
	case err != nil:
		return err
	case compose.HasErrors(diags):
		return &reportedError{code: ExitUsage, msg: name + " has errors"}
	case o.Strict && hasWarnings(diags):
		return &reportedError{code: exitLintWarnings, msg: name + " has warnings"}
	}
	return nil
}

// writeDiagnosticLines writes FILE:LINE:COL: severity: message lines, each one line with
// control characters shown, never obeyed (a message may quote the card).
func writeDiagnosticLines(w io.Writer, name string, diags []compose.Diagnostic) error {
	var b strings.Builder
	for i := range diags {
		line := strings.TrimSuffix(compose.FormatDiagnostics(name, diags[i:i+1]), "\n")
		b.WriteString(termtext.Line(line))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// lintDiagnostic is one diagnostic in lint --json.
type lintDiagnostic struct {
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Path     string `json:"path,omitempty"` // where in a .json card, which has no lines
}

// writeDiagnosticsJSON writes the diagnostics as one JSON array on one line: exact JSON
// (no HTML escaping), with the characters a terminal would act on \u-escaped.
func writeDiagnosticsJSON(w io.Writer, diags []compose.Diagnostic) error {
	list := make([]lintDiagnostic, 0, len(diags))
	for _, d := range diags {
		ld := lintDiagnostic{Line: d.Line, Col: d.Col, Severity: d.Severity.String(), Message: d.Message}
		if d.Line == 0 {
			ld.Path = d.Path
		}
		list = append(list, ld)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(list); err != nil {
		return err
	}
	_, err := w.Write(termtext.JSON(buf.Bytes()))
	return err
}

func hasWarnings(diags []compose.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == compose.Warning {
			return true
		}
	}
	return false
}
