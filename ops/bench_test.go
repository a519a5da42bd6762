package ops

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// BenchmarkSend prices the write-ahead: "recorded" is ops.Send with a
// history on this machine's disk (b.TempDir; the intent and the answer are
// one fsynced bbolt transaction each), "client-only" is zoom.Client.Send
// alone against the same kind of simulator. The difference is the cost of
// recording per send.
//
//	go test -run XXX -bench Send -count 6 ./ops/
//
// fsyncs per send, counted by the kernel rather than estimated:
//
//	go test -c -o /tmp/ops.test ./ops/
//	strace -f -c -e trace=fdatasync,fsync /tmp/ops.test -test.run XXX -test.bench 'Send/recorded' -test.benchtime 1000x
//	strace -f -c -e trace=fdatasync,fsync /tmp/ops.test -test.run XXX -test.bench 'Send/recorded' -test.benchtime 2000x
//
// The calls of the second run minus those of the first, divided by 1000, are
// the fsyncs of one send (the difference removes the opening of the file and
// the benchmark's own N=1 round). "client-only" makes none.
func BenchmarkSend(b *testing.B) {
	ctx := context.Background()
	// start gives each round a fresh simulator without rate limits (its
	// request log would otherwise fill up and slow it down) and a client
	// that already holds a token.
	start := func(b *testing.B) *zoom.Client {
		fixture := zoomtest.DefaultFixture()
		fixture.PerSecond, fixture.Daily = 0, 0
		srv := zoomtest.NewServerWith(fixture)
		b.Cleanup(srv.Close)
		client := newClient(b, srv, nil)
		if _, err := client.Send(ctx, zoom.SendRequest{ToJID: zoomtest.ChannelGeneral, Content: card("warm-up").Content}); err != nil {
			b.Fatal(err)
		}
		return client
	}
	b.Run("recorded", func(b *testing.B) {
		client := start(b)
		o := &Ops{Client: client, Store: openStore(b, filepath.Join(b.TempDir(), "history.db"))}
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			if _, err := o.Send(ctx, Envelope{ToJID: zoomtest.ChannelGeneral}, card(fmt.Sprint("bench ", i))); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("client-only", func(b *testing.B) {
		client := start(b)
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			c := card(fmt.Sprint("bench ", i))
			if _, err := client.Send(ctx, zoom.SendRequest{ToJID: zoomtest.ChannelGeneral, Content: c.Content}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
