package ops

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// BenchmarkBroadcast prices a broadcast's copy against a single send: "broadcast-6" is one
// ops.Broadcast to the six recipients of the default fixture (one transaction records all
// six intents, then each copy is started, sent and settled: 1 + 2×6 fsyncs), "single-6"
// is six ops.Send calls to the same six (2×6 fsyncs), both with a history on this
// machine's disk and a simulator without rate limits. Each reports ns/copy.
//
//	go test -run XXX -bench Broadcast -count 6 ./ops/
func BenchmarkBroadcast(b *testing.B) {
	ctx := context.Background()
	start := func(b *testing.B) *Ops {
		fixture := zoomtest.DefaultFixture()
		fixture.PerSecond, fixture.Daily = 0, 0
		srv := zoomtest.NewServerWith(fixture)
		b.Cleanup(srv.Close)
		client := newClient(b, srv, nil)
		if _, err := client.Send(ctx, zoom.SendRequest{ToJID: zoomtest.ChannelGeneral, Content: card("warm-up").Content}); err != nil {
			b.Fatal(err)
		}
		return &Ops{Client: client, Store: openStore(b, filepath.Join(b.TempDir(), "history.db"))}
	}
	envs := envelopes(sixRecipients...)
	perCopy := func(b *testing.B, d time.Duration) {
		b.ReportMetric(float64(d.Nanoseconds())/float64(b.N*len(envs)), "ns/copy")
	}
	b.Run("broadcast-6", func(b *testing.B) {
		o := start(b)
		b.ResetTimer()
		began := time.Now()
		for i := range b.N {
			res, err := o.Broadcast(ctx, envs, card(fmt.Sprint("bench ", i)), nil)
			if err != nil || res.Failed() != 0 {
				b.Fatal(err, res.Failed())
			}
		}
		perCopy(b, time.Since(began))
	})
	b.Run("single-6", func(b *testing.B) {
		o := start(b)
		b.ResetTimer()
		began := time.Now()
		for i := range b.N {
			c := card(fmt.Sprint("bench ", i))
			for _, env := range envs {
				if _, err := o.Send(ctx, env, c); err != nil {
					b.Fatal(err)
				}
			}
		}
		perCopy(b, time.Since(began))
	})
}
