package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/preview"
	"github.com/zoompose/zoompose/zoom"
)

// previewOptions are the inputs of `zoompose preview`.
type previewOptions struct {
	*Common
	cardInput
	Width    int
	WidthSet bool // --width was given: 0 is then a mistake, not "the default"
	Theme    string
}

func newPreviewCmd(common *Common, code *int) *cobra.Command {
	o := &previewOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "preview [--width N] [--theme T] [--no-markdown] FILE|-|--template NAME",
		Short: "Draw a card in the terminal as Zoom shows it",
		Long: `Draw a card (card source or a .json content object) as Zoom shows it: the payload's
text in Zoom's markdown dialect, read with the is_markdown_support that send would set.
--no-markdown draws the card as send --no-markdown sends it: the text exactly as written,
every * and [link](…) shown as typed, with a warning for each kind of Markdown that will
show so. Problems are printed as
file:line:col; if any is an error nothing is drawn and the exit code is 2. Colours are
dropped when stdout is not a terminal or NO_COLOR is set.`,
		Example: `  zoompose preview --width 40 announcement.md
  zoompose preview --theme high-contrast - < card.json`,
		Args: fileOrTemplate(&o.cardInput, "zoompose preview [--width N] [--theme T] [--no-markdown] FILE|-|--template NAME"),
	}
	cmd.RunE = func(c *cobra.Command, args []string) error {
		o.File, o.WidthSet = firstArg(args), c.Flags().Changed("width")
		return runner(common, code, func(context.Context) error { return runPreview(o) })(c, args)
	}
	cmd.Flags().IntVar(&o.Width, "width", 0, fmt.Sprintf("columns to draw in, %d to %d (default $COLUMNS, else 80; Zoom's mobile view is about 40)", minPreviewWidth, maxPreviewWidth))
	cmd.Flags().StringVar(&o.Theme, "theme", "auto", "colour theme: auto or one of "+themeNames()+" (checked even under NO_COLOR)")
	o.addNoMarkdownFlag(cmd)
	o.addVarFlag(cmd)
	o.addTemplateFlag(cmd, common)
	return cmd
}

func runPreview(o *previewOptions) error {
	width, err := previewWidth(o.Width, o.WidthSet, o.Getenv)
	if err != nil {
		return err
	}
	// NO_COLOR picks the plain theme whatever --theme says, so the name is checked here:
	// a misspelt theme is a mistake with or without colour.
	if _, known := themes.Get(o.Theme); !known && o.Theme != "" && o.Theme != "auto" {
		return usagef("--theme %s is not a theme: use auto or one of %s", zoom.QuoteClipped(o.Theme), themeNames())
	}
	theme, err := themes.Select(o.Theme, themes.DarkBackground(o.Getenv), o.Getenv("NO_COLOR") != "")
	if err != nil {
		return usagef("%v", err)
	}
	c, err := loadCard(o.cardInput, o.Streams)
	if err != nil {
		return err
	}
	// lipgloss.Fprintln drops colours the output cannot show (a pipe, a file, a dumb terminal).
	_, err = lipgloss.Fprintln(o.Out, preview.New(theme).RenderPayload(c.Parsed, c.Markdown, width))
	return err
}

// The widths preview draws in: narrower than a phone cannot show a card, and wider than any
// terminal only makes output (every line is padded to the width).
const (
	minPreviewWidth = 10
	maxPreviewWidth = 1000
)

// previewWidth is --width when set (one message for every value out of range, 0 included),
// else $COLUMNS capped at the maximum, else 80.
func previewWidth(flag int, set bool, getenv func(string) string) (int, error) {
	if set || flag != 0 {
		if flag < minPreviewWidth || flag > maxPreviewWidth {
			return 0, usagef("--width must be from %d to %d columns, got %d; leave it out to use $COLUMNS (else 80)", minPreviewWidth, maxPreviewWidth, flag)
		}
		return flag, nil
	}
	if cols, err := strconv.Atoi(getenv("COLUMNS")); err == nil && cols >= minPreviewWidth {
		return min(cols, maxPreviewWidth), nil
	}
	return 80, nil
}

func themeNames() string {
	return strings.Join(themes.Names(), ", ")
}
