package cli

import (
	"slices"
	"strings"

	"github.com/zoompose/zoompose/ui"
)

// appProfiles are the config file's profiles for the app's profile switch (f6): each is
// loaded as --profile NAME would load it, with the same flags and environment, so flags
// and variables still win over the file. nil with --sandbox or without a config file.
func appProfiles(c *Common, started Config) *ui.Profiles {
	if c.Sandbox || started.Path == "" {
		return nil
	}
	flags, getenv := c.Flags, c.Getenv
	return &ui.Profiles{
		List: func() ([]ui.ProfileChoice, error) { return listProfiles(flags, getenv) },
		Load: func(name string) (ui.RunOptions, error) {
			f := flags
			f.Profile = name
			cfg, err := LoadConfig(f, getenv)
			if err != nil {
				return ui.RunOptions{}, err
			}
			maxLate, err := cfg.scheduleMaxLate()
			if err != nil {
				return ui.RunOptions{}, err
			}
			run := appRunOptions(cfg, false)
			run.ScheduleMaxLate, run.Sandbox = maxLate, nil
			return run, nil
		},
	}
}

// listProfiles reads the config file's profiles, by name, with their kind. The file is
// read again each time, so a profile added while the app runs is offered.
func listProfiles(flags ConfigFlags, getenv func(string) string) ([]ui.ProfileChoice, error) {
	path, explicit := configPath(flags, getenv)
	file, _, err := readConfigFile(path, explicit)
	if err != nil {
		return nil, err
	}
	var choices []ui.ProfileChoice
	for name, keys := range file.Profiles {
		choices = append(choices, ui.ProfileChoice{Name: name, Kind: keys["kind"]})
	}
	slices.SortFunc(choices, func(a, b ui.ProfileChoice) int { return strings.Compare(a.Name, b.Name) })
	return choices, nil
}
