package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
)

// historyImportOptions are the inputs of `zoompose history import`.
type historyImportOptions struct {
	*Common
	File string // "-" reads stdin
}

func newHistoryImportCmd(common *Common, code *int) *cobra.Command {
	o := &historyImportOptions{Common: common}
	return &cobra.Command{
		Use:   "import FILE|-",
		Short: "Merge a history export into this history",
		Long: `Merge the JSON lines of zoompose history export (from another machine, or another admin)
into this history, which is created if there is none yet. Importing the same file twice adds
nothing: records are identified by their id (messages, unfurls), name (drafts, templates)
or JID (recipients).

A local record is never lost: a message here is replaced only when the imported copy holds
all of its revisions and adds to them (a later edit, or its deletion); otherwise the local
copy is kept. Local drafts and templates win over imported ones of the same name; a
recipient takes an imported label only when it has none. Records with an unsettled
operation (the other history's outbox), kinds this version does not know, recipients and
lists holding a JID that is not a Zoom JID, and labels or list names holding a control
character are skipped, each listed on stderr with its line and why.

Every line is read before anything is written: if any line cannot be read, the import is
refused (exit 2) naming the damaged lines, and nothing is imported. The merge is one
transaction. A summary goes to stdout: added, updated, already there, skipped.`,
		Example: `  ssh other-host zoompose history export > theirs.jsonl && zoompose history import theirs.jsonl
  zoompose --db other.db history export | zoompose history import -`,
		Args: argRange(1, 1, "zoompose history import FILE|-"),
		RunE: func(c *cobra.Command, args []string) error {
			o.File = args[0]
			return runner(common, code, func(context.Context) error { return runHistoryImport(o) })(c, args)
		},
	}
}

func runHistoryImport(o *historyImportOptions) error {
	in, closeIn, err := o.input()
	if err != nil {
		return err
	}
	defer closeIn()
	cfg, cleanup, err := o.loadConfig()
	if err != nil {
		return err
	}
	defer cleanup()
	store, err := openHistory(cfg, "nothing was imported")
	if err != nil {
		return err
	}
	defer store.Close()
	sum, err := store.Import(in, zoom.CheckJID)
	var damaged *history.ImportError
	if errors.As(err, &damaged) {
		return usagef("%s", err.Error())
	}
	if err != nil {
		return err
	}
	for _, note := range sum.Notes {
		fmt.Fprintln(o.Err, oneLine("skipped "+note))
	}
	fmt.Fprintf(o.Out, "imported: %d added, %d updated, %d already there, %d skipped\n", sum.Added, sum.Updated, sum.Present, sum.Skipped)
	return nil
}

// input opens FILE, or stdin for -.
func (o *historyImportOptions) input() (io.Reader, func(), error) {
	if o.File == "-" {
		return o.In, func() {}, nil
	}
	f, err := os.Open(o.File)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read the file to import: %w", err)
	}
	return f, func() { _ = f.Close() }, nil
}
