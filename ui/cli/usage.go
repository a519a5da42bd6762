package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/zoom"
)

// completionShells are the shells cobra's completion command writes scripts for.
var completionShells = []string{"bash", "zsh", "fish", "powershell"}

// strictCompletion adds cobra's default completion command to root now, rather than at
// Execute, and makes a missing or unknown shell a usage error (exit 2) naming the shells it
// supports: cobra's own command prints its help and exits 0 for `completion tcsh`.
func strictCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, cmd := range root.Commands() {
		if cmd.Name() != "completion" {
			continue
		}
		shells := strings.Join(completionShells, ", ")
		cmd.Long = fmt.Sprintf(`Print the shell completion script for zoompose: completion SHELL, where SHELL is one
of %s. See each shell's --help for where the script goes.`, shells)
		cmd.Args = cobra.ArbitraryArgs
		cmd.RunE = func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return fmt.Errorf("completion needs a shell: one of %s", shells)
			}
			return fmt.Errorf("completion does not support the shell %s; use one of %s", zoom.QuoteClipped(args[0]), shells)
		}
	}
}

// strictHelp replaces cobra's help command, which prints the root's help and exits 0 for a
// topic it does not know, with one that makes that a usage error (exit 2).
func strictHelp(root *cobra.Command) {
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help about any command: zoompose help COMMAND [SUBCOMMAND] is zoompose COMMAND [SUBCOMMAND] --help.",
		Args:  cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := c.Root().Find(args)
			if err != nil || target == nil || len(rest) > 0 {
				return fmt.Errorf("there is no help topic %s; the commands are listed by zoompose --help", zoom.QuoteClipped(strings.Join(args, " ")))
			}
			return target.Help()
		},
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			parent, _, err := c.Root().Find(args)
			if err != nil || parent == nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []string
			for _, sub := range parent.Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
					names = append(names, sub.Name())
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
	})
}
