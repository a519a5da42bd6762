package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/history"
)

// Shell completion for profiles and scheduled sends. Completion reads the config file and
// the history, never writes either: a history that does not exist stays so (OpenExisting),
// and a file that cannot be read completes nothing. Every candidate and description is
// outside text, shown through termtext.

// registerProfileCompletion completes --profile with the config file's profiles.
func registerProfileCompletion(root *cobra.Command, common *Common) {
	_ = root.RegisterFlagCompletionFunc("profile", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return common.profileCompletions(), cobra.ShellCompDirectiveNoFileComp
	})
}

// profileCompletions are the profiles of the config file --config (or the environment)
// names, each with its kind, its API host and whether it is the default.
func (c *Common) profileCompletions() []string {
	path, explicit := configPath(c.Flags, c.Getenv)
	file, found, err := readConfigFile(path, explicit)
	if err != nil || !found {
		return nil
	}
	var out []string
	for name, profile := range file.Profiles {
		var about []string
		if kind := profile["kind"]; kind != "" {
			about = append(about, kind)
		}
		if api := profile["api_url"]; api != "" {
			about = append(about, api)
		}
		if name == file.DefaultProfile {
			about = append(about, "default")
		}
		out = append(out, completion(name, strings.Join(about, ", ")))
	}
	slices.Sort(out)
	return out
}

// completeScheduleIDs completes the first argument with the waiting scheduled sends,
// earliest due first, each described by its due time, recipient and first line.
func (c *Common) completeScheduleIDs(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	cfg, err := LoadConfig(c.Flags, c.Getenv)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	store, err := history.OpenExisting(cfg.DB)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer store.Close()
	list, _ := store.ScheduledSends(false)
	out := make([]string, 0, len(list))
	for _, sc := range list {
		// The card's line before the recipient: completion clips a description to 60 columns.
		out = append(out, completion(sc.ID, fmt.Sprintf("%s %s (to %s)", sc.Due.Local().Format("2006-01-02 15:04"),
			firstLine(sc.Message.Live()), sc.Message.ToJID)))
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
}
