package historyview

import (
	"fmt"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// BenchmarkKeyAndFrame times what one key costs on the Messages list: j (g
// at the last row), and the frame after it, 120×40, with 1,000 rows loaded
// (the baseline) and with 100,000 (the history at its largest, all pages
// read). The rows are built in memory: this times the list, not bbolt
// (BenchmarkFirstPage times the read).
func BenchmarkKeyAndFrame(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("rows-%d", n), func(b *testing.B) {
			m := New(commontest.NewEnv(b).Common(themes.NoColor(), 120, 40))
			loadRows(m, benchRows(n))
			down, top := commontest.Key("j"), commontest.Key("g")
			for b.Loop() {
				key := down
				if atLastRow(m) {
					key = top
				}
				m.Update(key)
				_ = m.View()
			}
		})
	}
}

// benchRows are n messages to two recipients, newest first.
func benchRows(n int) []messageRow {
	rows := make([]messageRow, n)
	for i := range rows {
		to := zoomtest.ChannelGeneral
		if i%3 == 0 {
			to = zoomtest.UserAlice
		}
		rows[i] = messageRow{
			Message: history.Message{ID: fmt.Sprintf("m%06d", n-i), ToJID: to, Status: history.StatusSent,
				SentAt: commontest.Clock.Add(-time.Duration(i) * time.Minute)},
			summary: fmt.Sprintf("Release notes %d: the deploy finished", n-i),
		}
	}
	return rows
}
