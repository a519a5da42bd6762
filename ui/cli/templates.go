package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/compose/starters"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// templatesOptions are the inputs of `zoompose templates`.
type templatesOptions struct {
	*Common
	JSON bool
}

func newTemplatesCmd(common *Common, code *int) *cobra.Command {
	o := &templatesOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "templates [--json]",
		Short: "List the card templates: the shipped starters and the ones saved in the app",
		Long: `List the card templates --template takes: the starters shipped with zoompose (release
notes, incident, maintenance window, welcome, poll) and the templates saved in the app
(alt+s in the composer). A saved template with a starter's name is the one used.
Each {{.name}} placeholder is filled with --var name=VALUE.`,
		Example: `  zoompose templates
  zoompose preview --template incident --var title="Login errors" --var severity=2 …
  zoompose send --to ops --template maintenance --var service=VPN --var window="Sat 08:00–10:00" …`,
		Args: cobra.NoArgs,
	}
	cmd.RunE = runner(common, code, func(context.Context) error { return runTemplates(o) })
	cmd.Flags().BoolVar(&o.JSON, "json", false, "one JSON object per template: name, from, variables, description, source")
	return cmd
}

// templateEntry is one template as `zoompose templates` lists it.
type templateEntry struct {
	Name        string   `json:"name"`
	From        string   `json:"from"` // "saved" or "starter"
	Variables   []string `json:"variables"`
	Description string   `json:"description"`
	Source      string   `json:"source"`
}

func runTemplates(o *templatesOptions) error {
	saved, err := o.savedTemplates()
	if err != nil {
		return err
	}
	entries := listTemplates(saved)
	if o.JSON {
		return writeJSONLines(o.Out, entries)
	}
	w := tabwriter.NewWriter(o.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tFROM\tVARIABLES\tDESCRIPTION")
	for _, e := range entries {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", termtext.Line(e.Name), e.From,
			termtext.Line(strings.Join(e.Variables, " ")), termtext.Line(e.Description))
	}
	return w.Flush()
}

// listTemplates is the saved templates, then the starters no saved one shadows.
func listTemplates(saved []history.Template) []templateEntry {
	var out []templateEntry
	names := map[string]bool{}
	for _, t := range saved {
		names[t.Name] = true
		out = append(out, templateEntry{Name: t.Name, From: "saved", Variables: nonNil(compose.Variables(t.Source)),
			Description: firstTextLine(t.Source), Source: t.Source})
	}
	for _, s := range starters.All() {
		if !names[s.Name] {
			out = append(out, templateEntry{Name: s.Name, From: "starter", Variables: s.Variables, Description: s.Description, Source: s.Source})
		}
	}
	return out
}

// savedTemplates reads the templates saved in the history the configuration names; there are
// none when that history does not exist yet (or with --sandbox, whose history is new).
func (c *Common) savedTemplates() ([]history.Template, error) {
	if c.Sandbox {
		return nil, nil
	}
	cfg, err := LoadConfig(c.Flags, c.Getenv)
	if err != nil {
		return nil, err
	}
	store, err := history.OpenExisting(cfg.DB)
	if errors.Is(err, history.ErrNoHistory) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w (the history file comes from %s)", err, cfg.Origin("ZOOMPOSE_DB"))
	}
	defer store.Close()
	return store.Templates()
}

// templateCompletions are the template names with their descriptions, for shell completion.
func (c *Common) templateCompletions() []string {
	saved, _ := c.savedTemplates() // a history that cannot be read completes the starters
	var out []string
	for _, t := range listTemplates(saved) {
		out = append(out, completion(t.Name, t.Description))
	}
	return out
}

// findTemplate returns the source of the template --template names: a saved one first (the
// admin's own version wins), then a shipped starter.
func (c *Common) findTemplate(name string) (string, error) {
	saved, err := c.savedTemplates()
	if err != nil {
		return "", err
	}
	for _, t := range listTemplates(saved) {
		if t.Name == name {
			return t.Source, nil
		}
	}
	return "", usagef("there is no template %s: zoompose templates lists them (the starters are %s)",
		zoom.QuoteClipped(name), strings.Join(starters.Names(), ", "))
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
