package cli

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/ui/termtext"
)

// The prod guard: with a profile of kind = "prod", send, edit and delete ask before they change
// what people see in Zoom. They ask on a terminal and proceed without one (scripts and cron
// jobs), unless the profile says confirm = "always": then a script must pass --yes. --yes
// never asks. Dry runs change nothing and never ask.

// addYesFlag registers --yes on a command the prod guard may ask about.
func addYesFlag(cmd *cobra.Command, yes *bool) {
	cmd.Flags().BoolVarP(yes, "yes", "y", false, `do not ask, even with a kind = "prod" profile`)
}

// confirmProd asks whether to go ahead with action (e.g. "send this card to #ops") when cfg
// is a prod profile. A declined or impossible question is a usage error: nothing was done.
func confirmProd(cfg Config, s Streams, yes bool, action string) error {
	if cfg.Kind != "prod" || yes {
		return nil
	}
	if !s.InTerminal {
		if cfg.Confirm == "always" {
			return usagef("profile %s is prod and its config says confirm = \"always\", but stdin is not a terminal to ask on: pass --yes to %s",
				termtext.Line(cfg.Profile), action)
		}
		return nil
	}
	fmt.Fprintf(s.Err, "Profile %s is PROD. %s? [y/N] ", termtext.Line(cfg.Profile), capitalize(termtext.Line(action)))
	if !answeredYes(s) {
		return usagef("nothing was done: the answer was not yes")
	}
	return nil
}

// answeredYes reads one line from stdin: y or yes (any case) is yes, anything else no.
func answeredYes(s Streams) bool {
	answer, err := bufio.NewReader(s.In).ReadString('\n')
	if err != nil {
		fmt.Fprintln(s.Err) // stdin ended without a newline: end the question's line
	}
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "y", "yes":
		return true
	}
	return false
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
