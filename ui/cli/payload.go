package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/ui/termtext"
)

// payloadOptions are the inputs of `zoompose payload`.
type payloadOptions struct {
	*Common
	cardInput
	Compact bool
}

func newPayloadCmd(common *Common, code *int) *cobra.Command {
	o := &payloadOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "payload [--no-markdown] FILE|-|--template NAME",
		Short: "Print the content JSON a card sends",
		Long: `Print the content object that send, edit and unfurl would put on the wire for this
card, in Zoom's markdown dialect (with --no-markdown, as send --no-markdown sends it: every
text exactly as written). Problems are printed as file:line:col; if any is an
error nothing is printed on stdout and the exit code is 2.`,
		Example: `  zoompose payload announcement.md | jq .body`,
		Args:    fileOrTemplate(&o.cardInput, "zoompose payload [--no-markdown] FILE|-|--template NAME"),
	}
	cmd.RunE = func(c *cobra.Command, args []string) error {
		o.File = firstArg(args)
		return runner(common, code, func(context.Context) error { return runPayload(o) })(c, args)
	}
	cmd.Flags().BoolVar(&o.Compact, "compact", false, "print the exact bytes sent, on one line (DEL and C1 control characters \\u-escaped)")
	o.addVarFlag(cmd)
	o.addNoMarkdownFlag(cmd)
	o.addTemplateFlag(cmd, common)
	return cmd
}

func runPayload(o *payloadOptions) error {
	c, err := loadCard(o.cardInput, o.Streams)
	if err != nil {
		return err
	}
	// termtext.JSON leaves the bytes as they are unless the card holds DEL or a C1 control,
	// which encoding/json writes raw; then they are \u-escaped: the same JSON value, safe on
	// a terminal.
	if o.Compact {
		_, err = fmt.Fprintf(o.Out, "%s\n", termtext.JSON(c.Content))
		return err
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, c.Content, "", "  "); err != nil {
		return err
	}
	_, err = fmt.Fprintf(o.Out, "%s\n", termtext.JSON(pretty.Bytes()))
	return err
}
