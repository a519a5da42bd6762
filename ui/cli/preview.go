package cli

import (
	"context"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/preview"
)

// previewOptions are the inputs of `zoompose preview`.
type previewOptions struct {
	*Common
	cardInput
	Width int
	Theme string
}

func newPreviewCmd(common *Common, code *int) *cobra.Command {
	o := &previewOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "preview [--width N] [--theme T] FILE|-",
		Short: "Draw a card in the terminal as Zoom shows it",
		Long: `Draw a card (card source or a .json content object) as Zoom shows it. Problems are
printed as file:line:col; if any is an error nothing is drawn and the exit code is 2.
Colours are dropped when stdout is not a terminal or NO_COLOR is set.`,
		Example: `  zoompose preview --width 40 announcement.md
  zoompose preview --theme high-contrast - < card.json`,
		Args: argRange(1, 1, "zoompose preview [--width N] [--theme T] FILE|-"),
	}
	cmd.RunE = func(c *cobra.Command, args []string) error {
		o.File = args[0]
		return runner(common, code, func(context.Context) error { return runPreview(o) })(c, args)
	}
	cmd.Flags().IntVar(&o.Width, "width", 0, "columns to draw in (default $COLUMNS, else 80; Zoom's mobile view is about 40)")
	cmd.Flags().StringVar(&o.Theme, "theme", "auto", "colour theme: auto or one of "+themeNames())
	o.addVarFlag(cmd)
	return cmd
}

func runPreview(o *previewOptions) error {
	width, err := previewWidth(o.Width, o.Getenv)
	if err != nil {
		return err
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
	_, err = lipgloss.Fprintln(o.Out, preview.New(theme).Render(c.Parsed, width))
	return err
}

func previewWidth(flag int, getenv func(string) string) (int, error) {
	switch {
	case flag < 0 || (flag > 0 && flag < 10):
		return 0, usagef("--width must be at least 10 columns, got %d", flag)
	case flag > 0:
		return flag, nil
	}
	if cols, err := strconv.Atoi(getenv("COLUMNS")); err == nil && cols >= 10 {
		return cols, nil
	}
	return 80, nil
}

func themeNames() string {
	return strings.Join(themes.Names(), ", ")
}
