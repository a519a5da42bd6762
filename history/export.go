package history

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	bolt "go.etcd.io/bbolt"
)

// Export kinds, the "kind" field of each line Export writes.
const (
	KindMessage   = "message"
	KindUnfurl    = "unfurl"
	KindDraft     = "draft"
	KindRecipient = "recipient"
	KindTemplate  = "template"
	KindList      = "list"
)

// exportLine is one line of Export's output.
type exportLine struct {
	Kind   string `json:"kind"`
	Record any    `json:"record"`
}

// Export writes every record as JSON lines, {"kind":…,"record":{…}}, from one
// consistent snapshot: messages oldest first, then unfurls oldest first, then
// drafts, recipients, named lists and templates in key order. A record with an unsettled
// operation carries it ("op"): the outbox is a view of those. Records are
// streamed, never all held in memory. Damaged records are skipped and
// reported by Warnings; an error means w failed or the file is unreadable.
func (s *Store) Export(w io.Writer) error {
	out := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	emit := func(kind string) func(any) error {
		return func(rec any) error { return enc.Encode(exportLine{Kind: kind, Record: rec}) }
	}
	err := s.view(func(tx *bolt.Tx) error {
		steps := []func() error{
			func() error { return s.exportMessages(tx, emit(KindMessage), rawLine(out, KindMessage)) },
			func() error { return eachJSON(s, tx, bucketUnfurls, typed[Unfurl](emit(KindUnfurl))) },
			func() error { return eachJSON(s, tx, bucketDrafts, typed[Draft](emit(KindDraft))) },
			func() error { return s.eachRecipient(tx, typed[Recipient](emit(KindRecipient))) },
			func() error { return s.eachList(tx, typed[RecipientList](emit(KindList))) },
			func() error { return eachJSON(s, tx, bucketTemplates, typed[Template](emit(KindTemplate))) },
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		return fmt.Errorf("could not export the history: %w", err)
	}
	return nil
}

func typed[T any](emit func(any) error) func(T) error {
	return func(v T) error { return emit(v) }
}

// rawLine writes a line of Export for a record given as its stored JSON:
// the bytes the encoder writes for exportLine{kind, record}.
func rawLine(out *bufio.Writer, kind string) func([]byte) error {
	head := fmt.Sprintf(`{"kind":%q,"record":`, kind)
	return func(record []byte) error {
		_, _ = out.WriteString(head)
		_, _ = out.Write(record)
		_, err := out.WriteString("}\n")
		return err
	}
}

// exportMessages walks the time index so messages come out in the order they
// were sent. It copies each stored record that copyableRecord passes, which
// is what decoding and encoding it would write (see WalkJSON), and gives back
// the file pages it has read as it goes (see releaseMapped), so exporting a
// large history takes no more memory than a small one.
func (s *Store) exportMessages(tx *bolt.Tx, emit func(any) error, emitRaw func([]byte) error) error {
	pages := &pageBudget{release: s.releaseMapped(tx)}
	defer pages.done()
	messages := tx.Bucket(bucketMessages)
	return tx.Bucket(bucketByTime).ForEach(func(k, v []byte) error {
		raw := messages.Get([]byte(idOf(k)))
		pages.addIndex(len(k) + len(v))
		pages.add(len(raw))
		if copyableRecord(raw) {
			return emitRaw(raw)
		}
		m, err := loadMessage(tx, idOf(k))
		if err != nil {
			s.warn(err)
			return nil
		}
		return emit(m)
	})
}
