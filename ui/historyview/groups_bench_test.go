package historyview

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// BenchmarkFirstPage reads the history's first page as the screen does
// (firstPage, in its command): "plain" is a history of single sends, the
// baseline; "groups" the same number of messages sent as broadcasts of 6
// copies, whose rows read their group's copies too (withGroups).
func BenchmarkFirstPage(b *testing.B) {
	const messages, copies = 3000, 6
	for _, grouped := range []bool{false, true} {
		name := "plain"
		if grouped {
			name = "groups"
		}
		b.Run(name, func(b *testing.B) {
			store, err := history.Open(filepath.Join(b.TempDir(), "history.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer store.Close()
			card := commontest.Card(b, "---\nhead: Release 2.4\n---\n\nThe deploy finished.\n")
			at := commontest.Clock
			for i := 0; i < messages; i += copies {
				batch := make([]history.Message, copies)
				for j := range batch {
					batch[j] = history.Message{
						ToJID: fmt.Sprintf("c%02d@conference.xmpp.zoom.us", j), Markdown: card.Markdown,
						Revisions: []history.Revision{history.RevisionOf(card, at)},
					}
				}
				at = at.Add(time.Minute)
				if grouped {
					if _, _, err := store.BeginBroadcast(batch, at); err != nil {
						b.Fatal(err)
					}
					continue
				}
				for j, m := range batch {
					m.ID, m.SentAt, m.Status = fmt.Sprintf("MSG-%06d-%d", i, j), at, history.StatusSent
					if err := store.PutMessage(m); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ResetTimer()
			for b.Loop() {
				if msg := firstPage(store, filter{}, 1); msg.err != nil || len(msg.rows) == 0 {
					b.Fatal(msg.err)
				}
			}
		})
	}
}
