package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	bolt "go.etcd.io/bbolt"
)

// maxImportLine is the longest line Import reads: a message with many large
// revisions is one line.
const maxImportLine = 64 << 20

// ImportSummary counts what Import did with the records it read.
type ImportSummary struct {
	Added   int // new here
	Updated int // here already, and the imported copy only adds to it (more revisions, deleted since, a label)
	Present int // here already, the same or the local copy kept (see Import)
	Skipped int // not imported: Notes say why
	Notes   []string
}

// ImportLineError is one line of an export that cannot be read.
type ImportLineError struct {
	Line int
	Err  string
}

// ImportError refuses a whole import: some of its lines cannot be read, so
// nothing was imported (an import never half-applies).
type ImportError struct {
	Lines []ImportLineError // at most maxReportedLines of them
	Total int               // how many lines are damaged
}

const maxReportedLines = 20

// Error names the damaged lines.
func (e *ImportError) Error() string {
	var parts []string
	for _, l := range e.Lines {
		parts = append(parts, fmt.Sprintf("line %d: %s", l.Line, l.Err))
	}
	more := ""
	if e.Total > len(e.Lines) {
		more = fmt.Sprintf("; and %d more", e.Total-len(e.Lines))
	}
	return fmt.Sprintf("nothing was imported: %d line(s) of the file cannot be read (%s%s)", e.Total, strings.Join(parts, "; "), more)
}

// importRecord is one readable line of an export.
type importRecord struct {
	line      int
	kind      string
	message   Message
	unfurl    Unfurl
	draft     Draft
	recipient Recipient
	template  Template
	list      RecipientList
}

// Import merges the JSON lines of an Export into this history, in one
// transaction after every line has been read: a damaged line refuses the
// whole import with an *ImportError naming it, and nothing is written.
// Records are identified as Export identifies them (a message by its id, an
// unfurl by its id and time, drafts and templates by name, recipients by
// JID), so importing the same file twice adds nothing. A local record is
// never lost: a message here is replaced only when the imported copy holds
// every one of its revisions and adds to them (a later edit, or its
// deletion); otherwise the local copy is kept. Local drafts, templates and
// named lists win over imported ones of the same name, and a list whose name
// is a local label is left out (with a note); a recipient gets an imported
// label only when it has none. A record with an unsettled operation is not
// imported (it belongs to the outbox of the history that exported it), nor
// is a kind this version does not know. Records are decoded into their
// types, so a field that is not part of them (a secret someone added to the
// file, say) is never stored.
//
// checkJID is the caller's JID check (the front ends pass zoom.CheckJID;
// history cannot import zoom): a recipient whose JID it refuses, or a list
// with a member it refuses, is skipped with a note naming the line and why,
// and the rest is imported, so a malformed JID is never stored as a
// recipient. A label or list name holding a control character is skipped
// the same way. nil checks only that a JID has an "@".
func (s *Store) Import(r io.Reader, checkJID func(string) error) (ImportSummary, error) {
	records, err := readImport(r)
	if err != nil {
		return ImportSummary{}, err
	}
	if checkJID == nil {
		checkJID = func(jid string) error {
			if !IsJIDLike(jid) {
				return fmt.Errorf("%q is not a JID", jid)
			}
			return nil
		}
	}
	var sum ImportSummary
	err = s.update(func(tx *bolt.Tx) error {
		sum = ImportSummary{}
		for _, rec := range records {
			if note := refusedImport(rec, checkJID); note != "" {
				sum.skip(fmt.Sprintf("line %d: %s", rec.line, note))
				continue
			}
			if err := s.importOne(tx, rec, &sum); err != nil {
				return fmt.Errorf("line %d: %w", rec.line, err)
			}
		}
		return nil
	})
	return sum, err
}

// readImport reads and checks every line, collecting the damaged ones.
func readImport(r io.Reader) ([]importRecord, error) {
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 0, 64<<10), maxImportLine)
	var records []importRecord
	damaged := &ImportError{}
	n := 0
	for scanner.Scan() {
		n++
		line := bytes.TrimSpace(scanner.Bytes())
		if len(line) == 0 {
			continue
		}
		rec, err := decodeImportLine(line)
		if err != nil {
			damaged.Total++
			if len(damaged.Lines) < maxReportedLines {
				damaged.Lines = append(damaged.Lines, ImportLineError{Line: n, Err: err.Error()})
			}
			continue
		}
		rec.line = n
		records = append(records, rec)
	}
	if err := scanner.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("line %d is longer than %d MiB", n+1, maxImportLine>>20)
		}
		return nil, fmt.Errorf("nothing was imported: could not read the file: %w", err)
	}
	if damaged.Total > 0 {
		return nil, damaged
	}
	return records, nil
}

func decodeImportLine(line []byte) (importRecord, error) {
	var head struct {
		Kind   string          `json:"kind"`
		Record json.RawMessage `json:"record"`
	}
	if err := json.Unmarshal(line, &head); err != nil {
		return importRecord{}, fmt.Errorf("not a line of zoompose history export (%v)", err)
	}
	if head.Kind == "" || len(head.Record) == 0 || head.Record[0] != '{' {
		return importRecord{}, errors.New(`not a line of zoompose history export: it needs "kind" and a "record" object`)
	}
	rec := importRecord{kind: head.Kind}
	var err error
	switch head.Kind {
	case KindMessage:
		if err = json.Unmarshal(head.Record, &rec.message); err == nil {
			err = checkImportedMessage(&rec.message)
		}
	case KindUnfurl:
		if err = json.Unmarshal(head.Record, &rec.unfurl); err == nil && (rec.unfurl.ID == "" || rec.unfurl.At.IsZero() || !json.Valid(rec.unfurl.Content)) {
			err = errors.New("an unfurl needs an id, a time and JSON content")
		}
	case KindDraft:
		if err = json.Unmarshal(head.Record, &rec.draft); err == nil && rec.draft.Name == "" {
			err = errors.New("a draft needs a name")
		}
	case KindRecipient:
		if err = json.Unmarshal(head.Record, &rec.recipient); err == nil && rec.recipient.JID == "" {
			err = errors.New("a recipient needs a jid")
		}
	case KindTemplate:
		if err = json.Unmarshal(head.Record, &rec.template); err == nil && rec.template.Name == "" {
			err = errors.New("a template needs a name")
		}
	case KindList:
		if err = json.Unmarshal(head.Record, &rec.list); err == nil && (rec.list.Name == "" || len(rec.list.Members) == 0) {
			err = errors.New("a list needs a name and at least one member")
		}
	}
	if err != nil {
		return importRecord{}, fmt.Errorf("a %s record that cannot be read (%v)", head.Kind, err)
	}
	return rec, nil
}

func checkImportedMessage(m *Message) error {
	if m.ID == "" || m.SentAt.IsZero() || len(m.Revisions) == 0 {
		return errors.New("a message needs an id, sent_at and at least one revision")
	}
	return normalise(m)
}

func (s *Store) importOne(tx *bolt.Tx, rec importRecord, sum *ImportSummary) error {
	switch rec.kind {
	case KindMessage:
		return s.importMessage(tx, rec.message, sum)
	case KindUnfurl:
		return importUnfurl(tx, rec.unfurl, sum)
	case KindDraft:
		return importNamed(tx, bucketDrafts, rec.draft.Name, rec.draft, sum)
	case KindTemplate:
		return importNamed(tx, bucketTemplates, rec.template.Name, rec.template, sum)
	case KindRecipient:
		return s.importRecipient(tx, rec.recipient, sum)
	case KindList:
		return s.importList(tx, rec.list, sum)
	}
	sum.skip(fmt.Sprintf("line %d: a %q record, which this zoompose does not know", rec.line, rec.kind))
	return nil
}

func (sum *ImportSummary) skip(note string) {
	sum.Skipped++
	if len(sum.Notes) < maxReportedLines {
		sum.Notes = append(sum.Notes, note)
	}
}

func (s *Store) importMessage(tx *bolt.Tx, m Message, sum *ImportSummary) error {
	if m.Op != nil {
		sum.skip(fmt.Sprintf("message %s: its %s is unsettled (%s) in the history that exported it; settle it there and export again", m.ID, m.Op.Kind, m.Op.State))
		return nil
	}
	local, err := loadMessage(tx, m.ID)
	switch {
	case isNotFound(err):
		sum.Added++
		return writeMessage(tx, m)
	case err != nil:
		return err
	case local.Op == nil && extends(m, local):
		sum.Updated++
		m.ID = local.ID // an imported local id that is an alias here lands on the Zoom id
		return s.rewrite(tx, m)
	}
	sum.Present++
	return nil
}

// extends reports whether imported holds every revision of local, in order,
// and adds to it: more revisions, or a deletion local has not seen.
func extends(imported, local Message) bool {
	if len(imported.Revisions) < len(local.Revisions) {
		return false
	}
	for i, rev := range local.Revisions {
		if !sameRevision(rev, imported.Revisions[i]) {
			return false
		}
	}
	return len(imported.Revisions) > len(local.Revisions) ||
		(imported.Status == StatusDeleted && local.Status != StatusDeleted)
}

func sameRevision(a, b Revision) bool {
	var ca, cb bytes.Buffer
	return json.Compact(&ca, a.Content) == nil && json.Compact(&cb, b.Content) == nil &&
		bytes.Equal(ca.Bytes(), cb.Bytes()) && a.Source == b.Source && a.Markdown == b.Markdown
}

func importUnfurl(tx *bolt.Tx, u Unfurl, sum *ImportSummary) error {
	if u.Op != nil {
		sum.skip(fmt.Sprintf("unfurl %s: it is unsettled in the history that exported it", u.ID))
		return nil
	}
	if tx.Bucket(bucketUnfurls).Get(orderedKey(u.At, u.ID)) != nil {
		sum.Present++
		return nil
	}
	sum.Added++
	return writeUnfurl(tx, u)
}

func importNamed(tx *bolt.Tx, bucket []byte, name string, v any, sum *ImportSummary) error {
	if tx.Bucket(bucket).Get([]byte(name)) != nil {
		sum.Present++ // the local one wins
		return nil
	}
	sum.Added++
	return putJSON(tx, bucket, []byte(name), v)
}

// refusedImport says why a recipient or list record must not be stored
// ("" when it may): a JID checkJID refuses (the recipient's, or any list
// member's), or a label or list name holding a control character, which
// would reach every terminal that lists it.
func refusedImport(rec importRecord, checkJID func(string) error) string {
	switch rec.kind {
	case KindRecipient:
		if err := checkJID(rec.recipient.JID); err != nil {
			return fmt.Sprintf("a recipient not imported: %v", err)
		}
		if hasControl(rec.recipient.Label) {
			return fmt.Sprintf("the recipient %s not imported: its label %q holds a control character", rec.recipient.JID, rec.recipient.Label)
		}
	case KindList:
		if hasControl(rec.list.Name) {
			return fmt.Sprintf("a list not imported: its name %q holds a control character", rec.list.Name)
		}
		for _, m := range rec.list.Members {
			if err := checkJID(m); err != nil {
				return fmt.Sprintf("list %q not imported: a member: %v", rec.list.Name, err)
			}
		}
	}
	return ""
}

// hasControl reports whether s holds a C0 or C1 control character or DEL.
func hasControl(s string) bool {
	return strings.ContainsFunc(s, unicode.IsControl)
}

// importList adds a named list the history does not have. A local list of
// that name wins; a name the naming rules refuse here (a local label has
// it) leaves the list out, with a note.
func (s *Store) importList(tx *bolt.Tx, l RecipientList, sum *ImportSummary) error {
	if _, exists := findList(tx, l.Name); exists {
		sum.Present++
		return nil
	}
	var refused *NameError
	if err := s.checkName(tx, l.Name, "", ""); errors.As(err, &refused) {
		sum.skip(fmt.Sprintf("list %q: not imported, its name %s", l.Name, refused.Reason))
		return nil
	} else if err != nil {
		return err
	}
	if _, err := tx.CreateBucketIfNotExists(bucketLists); err != nil {
		return fmt.Errorf("could not create the %s bucket: %w", bucketLists, err)
	}
	sum.Added++
	return putJSON(tx, bucketLists, []byte(l.Name), listRecord{Members: l.Members})
}

func (s *Store) importRecipient(tx *bolt.Tx, r Recipient, sum *ImportSummary) error {
	if tx.Bucket(bucketRecipients).Get([]byte(r.JID)) == nil {
		sum.Added++
		return putJSON(tx, bucketRecipients, []byte(r.JID), recipientRecord{Label: r.Label, LastUsed: r.LastUsed, Uses: r.Uses})
	}
	changed := false
	err := s.changeRecipientTx(tx, r.JID, func(local *recipientRecord) {
		if local.Label == "" && r.Label != "" {
			local.Label, changed = r.Label, true
		}
		if r.LastUsed.After(local.LastUsed) {
			local.LastUsed, changed = r.LastUsed, true
		}
	})
	if changed {
		sum.Updated++
	} else {
		sum.Present++
	}
	return err
}
