package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// BenchmarkSendCommand prices a copy at the command line, where every `zoompose send`
// also loads the configuration, opens the history and fetches a token: "broadcast-6" is one
// `send` with --to six times, "single-6" six `send` commands to the same six. Both run
// in-process (Execute, as the binary does after start-up) against one simulator, with a
// history on this machine's disk, and report ns/copy. The simulator has no rate limit here:
// with Zoom's 20 a second, a broadcast's copies wait out 429s as they must.
//
//	go test -run XXX -bench SendCommand -count 6 ./ui/cli/
func BenchmarkSendCommand(b *testing.B) {
	fixture := zoomtest.DefaultFixture()
	fixture.PerSecond, fixture.Daily = 0, 0 // the loops must not be throttled
	srv := zoomtest.NewServerWith(fixture)
	defer srv.Close()
	dir := b.TempDir()
	card := filepath.Join(dir, "card.md")
	if err := os.WriteFile(card, []byte(sampleCard), 0o600); err != nil {
		b.Fatal(err)
	}
	env := map[string]string{
		"ZOOM_CLIENT_ID": zoomtest.ClientID, "ZOOM_CLIENT_SECRET": zoomtest.ClientSecret,
		"ZOOM_ACCOUNT_ID": zoomtest.AccountID, "ZOOM_BOT_JID": zoomtest.RobotJID, "ZOOM_USER_JID": zoomtest.UserJID,
		"ZOOM_API_URL": srv.APIURL(), "ZOOM_TOKEN_URL": srv.TokenURL(),
		"ZOOMPOSE_DB": filepath.Join(dir, "history.db"), "XDG_CONFIG_HOME": filepath.Join(dir, "config"), "HOME": dir,
	}
	exec := func(b *testing.B, args ...string) {
		var out, errOut bytes.Buffer
		s := Streams{In: strings.NewReader(""), Out: &out, Err: &errOut, Getenv: func(k string) string { return env[k] }}
		if code := Execute(context.Background(), append(args, card), s); code != 0 {
			b.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
	}
	perCopy := func(b *testing.B, d time.Duration) {
		b.ReportMetric(float64(d.Nanoseconds())/float64(b.N*len(sixRecipients)), "ns/copy")
	}
	b.Run("broadcast-6", func(b *testing.B) {
		began := time.Now()
		for range b.N {
			exec(b, append([]string{"send"}, toFlags(sixRecipients...)...)...)
		}
		perCopy(b, time.Since(began))
	})
	b.Run("single-6", func(b *testing.B) {
		began := time.Now()
		for range b.N {
			for _, jid := range sixRecipients {
				exec(b, "send", "--to", jid)
			}
		}
		perCopy(b, time.Since(began))
	})
}
