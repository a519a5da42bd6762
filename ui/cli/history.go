package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// historyOptions are the inputs of `zoompose history`.
type historyOptions struct {
	*Common
	JSON    bool
	Limit   int
	To      string
	Status  string
	Search  string
	Group   string // only the copies of this broadcast (group.go)
	Unfurls bool   // list the recorded unfurls instead of the messages
	Events  bool   // list the kept events instead (history_events.go)
}

func newHistoryCmd(common *Common, code *int) *cobra.Command {
	o := &historyOptions{Common: common}
	cmd := &cobra.Command{
		Use:   "history [--unfurls] [--json] [--limit N] [--to JID] [--status S] [--search TEXT]",
		Short: "List the messages (or unfurls) zoompose sent, newest first",
		Long: `List the messages zoompose sent, newest first: id, time, recipient, status and the
first line of the card; or one JSON object per line with --json.

With --unfurls, list the unfurls zoompose sent instead: time, user id, trigger id and the
first line of the card. --search then keeps the unfurls whose user id, trigger id or first
line hold every word of it; --to and --status select messages only.

history, history export and history resolve read the history that ZOOMPOSE_DB or --db
names and never create one: a missing path, an empty file or a file that is not a
zoompose history is exit 1. Sending starts a history.`,
		Example: `  zoompose history --status edited --search release
  zoompose history --json --limit 500 | jq .id
  zoompose history --unfurls --search KdYKjnimT4KPd8KKdQt9FQ
  zoompose history export > backup.jsonl`,
		Args: cobra.NoArgs,
		RunE: runner(common, code, func(context.Context) error { return runHistory(o) }),
	}
	f := cmd.Flags()
	f.BoolVar(&o.JSON, "json", false, "print one JSON object per message")
	f.IntVar(&o.Limit, "limit", 20, "how many messages to show")
	f.StringVar(&o.To, "to", "", "only messages to this recipient: a JID (checked: a malformed one is exit 2) or a label")
	f.StringVar(&o.Group, "group", "", "only the copies of this broadcast group (grp-…), in the order they were sent")
	completeRecipients(cmd, common)
	_ = cmd.RegisterFlagCompletionFunc("group", withCompletionStore(common, func(s *history.Store, prefix string) []cobra.Completion {
		return groupCompletions(s, prefix)
	}))
	f.StringVar(&o.Status, "status", "", "only messages with this status: "+statusList())
	f.StringVar(&o.Search, "search", "", "only messages whose card contains this text (case-insensitive); with --unfurls, every word in the user id, trigger id or first line")
	f.BoolVar(&o.Unfurls, "unfurls", false, "list the recorded unfurls instead of the messages")
	f.BoolVar(&o.Events, "events", false, "list the kept Zoom events instead, oldest first (with --json: as `zoompose events --json` prints them)")
	cmd.AddCommand(newHistoryExportCmd(common, code), newHistoryResolveCmd(common, code), newHistoryImportCmd(common, code))
	return cmd
}

func newHistoryExportCmd(common *Common, code *int) *cobra.Command {
	o := &historyOptions{Common: common}
	return &cobra.Command{
		Use:   "export",
		Short: "Write every history record as JSON lines",
		Long: `Write every record of the history (messages with their revisions and any unsettled
operation, unfurls, drafts, recipients, templates) as JSON lines: {"kind":…,"record":{…}}.`,
		Args: cobra.NoArgs,
		RunE: runner(common, code, func(context.Context) error { return runHistoryExport(o) }),
	}
}

func runHistory(o *historyOptions) error {
	if o.Events {
		return runHistoryEvents(o)
	}
	if err := o.validate(); err != nil {
		return err
	}
	store, done, err := o.openStore()
	if errors.Is(err, history.ErrNoHistory) && o.To != "" && !history.IsJIDLike(o.To) {
		return unknownNamesError("--to", []string{o.To}, "there is no history yet, so no labels")
	}
	if err != nil {
		return err
	}
	defer done()
	if o.Unfurls {
		return o.listUnfurls(store)
	}
	if err := o.resolveTo(store); err != nil {
		return err
	}
	if o.Group != "" {
		return o.listGroup(store)
	}
	q := history.Query{Limit: o.Limit, To: o.To, Status: history.Status(o.Status), Text: o.Search}
	if o.JSON {
		return o.streamJSON(store, q)
	}
	page, err := store.List(q)
	if err != nil {
		return err
	}
	defer printWarnings(o.Err, store)
	if len(page.Messages) == 0 {
		fmt.Fprintln(o.Err, "no messages match")
		return nil
	}
	if err := writeTable(o.Out, page.Messages, recipientLabels(store)); err != nil {
		return err
	}
	if page.Next != "" {
		fmt.Fprintf(o.Err, "showing the newest %d; pass --limit to see more\n", o.Limit)
	}
	return nil
}

// streamJSON writes the messages of q as JSON lines while the store reads
// them, so --limit 100000 holds one message at a time, not a page of them,
// and copies each stored record rather than decoding and encoding it again
// (history.Store.WalkJSON gives the same bytes).
func (o *historyOptions) streamJSON(store *history.Store, q history.Query) error {
	defer printWarnings(o.Err, store)
	lines := newJSONLines(o.Out)
	_, err := store.WalkJSON(q, lines.WriteRaw)
	if err != nil {
		return err
	}
	return lines.Close()
}

// validate rejects flags that cannot be met before the history is opened.
func (o *historyOptions) validate() error {
	if o.Unfurls {
		var messageOnly []string
		if o.To != "" {
			messageOnly = append(messageOnly, "--to")
		}
		if o.Status != "" {
			messageOnly = append(messageOnly, "--status")
		}
		switch len(messageOnly) {
		case 1:
			return usagef("%s selects messages and does not apply to --unfurls; use --search to find unfurls by user id, trigger id or text", messageOnly[0])
		case 2:
			return usagef("--to and --status select messages and do not apply to --unfurls; use --search to find unfurls by user id, trigger id or text")
		}
	}
	if history.IsJIDLike(o.To) {
		if err := zoom.CheckJID(o.To); err != nil {
			return usagef("--to %v", err)
		}
	}
	if o.Group != "" && (o.Unfurls || o.To != "" || o.Status != "" || o.Search != "") {
		return usagef("--group lists one broadcast's copies and goes with no other filter")
	}
	if o.Status != "" && !history.Status(o.Status).Valid() {
		return usagef("--status %q is not a status; use %s", o.Status, statusList())
	}
	if o.Limit <= 0 {
		return usagef("--limit must be at least 1, got %d", o.Limit)
	}
	return nil
}

// listUnfurls prints the newest recorded unfurls that --search keeps.
func (o *historyOptions) listUnfurls(store *history.Store) error {
	unfurls, more, err := o.readUnfurls(store)
	if err != nil {
		return err
	}
	defer printWarnings(o.Err, store)
	if o.JSON {
		return writeJSONLines(o.Out, unfurls)
	}
	if len(unfurls) == 0 {
		fmt.Fprintln(o.Err, "no unfurls match")
		return nil
	}
	if err := writeUnfurlTable(o.Out, unfurls); err != nil {
		return err
	}
	if more {
		fmt.Fprintf(o.Err, "showing the newest %d; pass --limit to see more\n", o.Limit)
	}
	return nil
}

// readUnfurls returns at most --limit of the newest unfurls that --search keeps, and
// whether older ones were left out. The store has no query or cursor for unfurls, only a
// limit, so --search is applied here and, with it, every unfurl is read.
func (o *historyOptions) readUnfurls(store *history.Store) ([]history.Unfurl, bool, error) {
	read := math.MaxInt
	if o.Search == "" && o.Limit < math.MaxInt {
		read = o.Limit + 1 // one more than shown says whether older ones exist
	}
	all, err := store.Unfurls(read)
	if err != nil {
		return nil, false, err
	}
	words := strings.Fields(strings.ToLower(o.Search))
	var kept []history.Unfurl
	for _, u := range all {
		if unfurlHasWords(u, words) {
			kept = append(kept, u)
		}
	}
	return kept[:min(len(kept), o.Limit)], len(kept) > o.Limit, nil
}

// unfurlHasWords reports whether every word (lower case) is in the unfurl's user id,
// trigger id or first line, as the History screen's unfurl filter does.
func unfurlHasWords(u history.Unfurl, words []string) bool {
	text := strings.ToLower(u.UserID + " " + u.TriggerID + " " + cardFirstLine(u.Content, u.Source))
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

func runHistoryExport(o *historyOptions) error {
	store, done, err := o.openStore()
	if err != nil {
		return err
	}
	defer done()
	defer printWarnings(o.Err, store)
	buf := bufio.NewWriterSize(o.Out, 64<<10) // one write a 64 KiB, not one per escaped chunk
	out := termtext.NewJSONWriter(buf)
	if err := store.Export(out); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	return buf.Flush()
}

// openStore opens the history the configuration names, after saying which profile that is.
// done closes it (and the sandbox with --sandbox).
func (o *historyOptions) openStore() (store *history.Store, done func(), err error) {
	cfg, cleanup, err := o.loadConfig()
	if err != nil {
		return nil, nil, err
	}
	// A command that reads (or settles) the history never creates one: a mistyped path
	// is reported, not turned into a new, empty history.
	store, err = history.OpenExisting(cfg.DB)
	if errors.Is(err, history.ErrNoHistory) {
		cleanup()
		return nil, nil, fmt.Errorf("%w (the path comes from %s); point ZOOMPOSE_DB or --db at your history file, or send a message first to start one there", err, cfg.Origin("ZOOMPOSE_DB"))
	}
	if err != nil {
		cleanup()
		return nil, nil, fmt.Errorf("%w (the history file comes from %s)", err, cfg.Origin("ZOOMPOSE_DB"))
	}
	return store, func() { _ = store.Close(); cleanup() }, nil
}

// writeTable prints messages as a table. When any of them is a copy of a broadcast, a
// GROUP column names its group (and is left out otherwise, so the usual table stays as
// narrow as it was).
func writeTable(w io.Writer, messages []history.Message, labels map[string]string) error {
	grouped := slices.ContainsFunc(messages, func(m history.Message) bool { return m.Group != "" })
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if grouped {
		fmt.Fprintln(tw, "ID\tTIME\tRECIPIENT\tSTATUS\tGROUP\tFIRST LINE")
	} else {
		fmt.Fprintln(tw, "ID\tTIME\tRECIPIENT\tSTATUS\tFIRST LINE")
	}
	for _, m := range messages {
		recipient := m.ToJID
		if label := labels[m.ToJID]; label != "" {
			recipient = label
		}
		group := ""
		if grouped {
			group = cell(cmpOr(m.Group, "-")) + "\t"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s%s\n", cell(m.ID), m.SentAt.Local().Format("2006-01-02 15:04"),
			cell(recipient), cell(string(m.Status)), group, clip(cell(firstLine(m.Live())), 60))
	}
	return tw.Flush()
}

// resolveTo turns a label given to --to into its JID.
func (o *historyOptions) resolveTo(store *history.Store) error {
	if o.To == "" || history.IsJIDLike(o.To) {
		return nil
	}
	resolved, err := store.ResolveRecipients([]string{o.To})
	var unknown *history.UnknownNamesError
	switch {
	case errors.As(err, &unknown):
		return unknownNamesError("--to", unknown.Names, "")
	case err != nil:
		return err
	case len(resolved) != 1:
		return usagef("--to %s is a list; history --to takes one recipient (a JID or a label)", o.To)
	}
	o.To = resolved[0].JID
	return nil
}

// listGroup prints the copies of one broadcast sent so far, as a table or JSON lines;
// copies still scheduled are not messages yet, so a note on stderr counts them and says
// where they are listed.
func (o *historyOptions) listGroup(store *history.Store) error {
	g, err := (&ops.Ops{Store: store}).ReadGroup(o.Group)
	if err != nil {
		return groupError(o.Group, "list", err)
	}
	defer printWarnings(o.Err, store)
	if waiting := g.Waiting(); len(waiting) > 0 {
		fmt.Fprintf(o.Err, "note: %s of %s not sent yet (scheduled, the first due %s): zoompose schedule lists them\n",
			ops.CopiesOf(len(waiting)), termtext.Line(o.Group), ops.FirstDue(waiting).Local().Format("2006-01-02 15:04"))
	}
	if o.JSON {
		return writeJSONLines(o.Out, g.Messages)
	}
	return writeTable(o.Out, g.Messages, recipientLabels(store))
}

func writeUnfurlTable(w io.Writer, unfurls []history.Unfurl) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tUSER ID\tTRIGGER ID\tFIRST LINE")
	for _, u := range unfurls {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.At.Local().Format("2006-01-02 15:04"),
			cell(u.UserID), cell(u.TriggerID), clip(cell(cardFirstLine(u.Content, u.Source)), 60))
	}
	return tw.Flush()
}

// cell is outside text (an id, a JID, a label, a card's first line) as one table cell:
// control characters and escape sequences shown, never interpreted, and tabs and newlines
// as spaces, so they cannot break the table's columns either.
func cell(s string) string { return termtext.Line(s) }

// recipientLabels maps JIDs to the names the user gave them; without labels the JID shows.
func recipientLabels(store *history.Store) map[string]string {
	labels := map[string]string{}
	recipients, err := store.Recipients()
	if err != nil {
		return labels
	}
	for _, r := range recipients {
		labels[r.JID] = r.Label
	}
	return labels
}

// firstLine is what a person would call the card's first line: compose.Summary (the
// head, else the first text of the body, without markup), else the first line of its source.
func firstLine(rev history.Revision) string {
	return cardFirstLine(rev.Content, rev.Source)
}

// cardFirstLine is firstLine of a card given by its content JSON and its source.
func cardFirstLine(content json.RawMessage, source string) string {
	if line := compose.Summary(content); line != "" {
		return line
	}
	return firstTextLine(source)
}

func firstTextLine(s string) string {
	for line := range strings.Lines(s) {
		if t := strings.TrimSpace(line); t != "" && t != "---" {
			return t
		}
	}
	return ""
}

// clip shortens s to n runes with an ellipsis, so one long card does not widen the table.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func printWarnings(stderr io.Writer, store *history.Store) {
	for _, w := range store.Warnings() {
		fmt.Fprintln(stderr, "warning: "+oneLine(w))
	}
}

// statusList names every status for help and errors.
func statusList() string {
	names := make([]string, len(history.Statuses))
	for i, st := range history.Statuses {
		names[i] = string(st)
	}
	return strings.Join(names, ", ")
}
