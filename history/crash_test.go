package history

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

const childAPIEnv = "ZOOMPOSE_HISTORY_TEST_SIMULATOR"

func init() { childRoles["crash-sender"] = crashSender }

// crashSender sends to the simulator in a loop, records each message and
// only then prints "SENT <id>": the promise the parent checks after killing
// it. It stops by itself after 20 s in case the parent is gone.
func crashSender() int {
	s, err := Open(os.Getenv(childPathEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	client, err := zoom.New(simulatorConfig(os.Getenv(childAPIEnv)))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ctx := context.Background()
	stop := time.Now().Add(20 * time.Second)
	for i := 0; time.Now().Before(stop); i++ {
		m, err := sendAndRecord(ctx, client, s, i)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Println("SENT " + m)
	}
	return 0
}

func simulatorConfig(url string) zoom.Config {
	return zoom.Config{
		ClientID: zoomtest.ClientID, ClientSecret: zoomtest.ClientSecret, AccountID: zoomtest.AccountID,
		RobotJID: zoomtest.RobotJID, UserJID: zoomtest.UserJID,
		APIURL: url + "/v2", TokenURL: url + "/oauth/token",
	}
}

// sendAndRecord is what `zoompose send` does: send, then write the history
// before reporting success.
func sendAndRecord(ctx context.Context, client *zoom.Client, s *Store, i int) (string, error) {
	content := card(fmt.Sprintf("Crash test %d", i), "sent in a loop until killed")
	sent, err := client.Send(ctx, zoom.SendRequest{ToJID: zoomtest.ChannelGeneral, Content: content})
	if err != nil {
		return "", err
	}
	return sent.MessageID, s.PutMessage(fromZoom(sent, content, "# Crash test"))
}

func fromZoom(sent *zoom.Message, content json.RawMessage, source string) Message {
	return Message{
		ID: sent.MessageID, AccountID: zoomtest.AccountID, RobotJID: sent.RobotJID, ToJID: sent.ToJID,
		UserJID: sent.UserJID, ZoomSentTime: sent.SentTime, SentAt: time.Now(), Status: StatusSent,
		Revisions: []Revision{{Content: content, Source: source}},
	}
}

// TestCrashKeepsEveryReportedSend is issue 4's crash test: a child sending in
// a loop is SIGKILLed at random moments; every id it reported is in the
// history afterwards and the file is consistent.
func TestCrashKeepsEveryReportedSend(t *testing.T) {
	fixture := zoomtest.DefaultFixture()
	fixture.PerSecond, fixture.Daily = 0, 0 // the loop must not be throttled
	srv := zoomtest.NewServerWith(fixture)
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "history.db")
	rounds := 4
	if testing.Short() {
		rounds = 2
	}
	var reported []string
	for round := range rounds {
		ids := killSenderAtRandom(t, path, srv.URL)
		t.Logf("round %d: the child reported %d sends before SIGKILL", round+1, len(ids))
		reported = append(reported, ids...)
		assertRecorded(t, path, reported, srv)
	}
}

// killSenderAtRandom starts the sender, waits for its first report, kills it
// 0–250 ms later and returns every id it printed.
func killSenderAtRandom(t *testing.T, path, url string) []string {
	t.Helper()
	child, out := startChild(t, "crash-sender", childPathEnv+"="+path, childAPIEnv+"="+url)
	lines := make(chan string)
	go func() {
		defer close(lines)
		for out.Scan() {
			lines <- out.Text()
		}
	}()
	var ids []string
	collect := func(line string) {
		if id, ok := strings.CutPrefix(line, "SENT "); ok {
			ids = append(ids, id)
		}
	}
	select {
	case line, ok := <-lines:
		if !ok {
			t.Fatal("the sender exited before sending anything")
		}
		collect(line)
	case <-time.After(10 * time.Second):
		t.Fatal("the sender reported nothing within 10 s")
	}
	deadline := time.After(time.Duration(rand.IntN(250)) * time.Millisecond)
	for killed := false; !killed; {
		select {
		case line := <-lines:
			collect(line)
		case <-deadline:
			if err := child.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	for line := range lines { // lines already in the pipe were promised too
		collect(line)
	}
	_ = child.Wait()
	return ids
}

func assertRecorded(t *testing.T, path string, ids []string, srv *zoomtest.Server) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("the history does not open after SIGKILL: %v", err)
	}
	defer s.Close()
	if err := checkConsistent(s); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		m, err := s.Get(id)
		if err != nil {
			t.Errorf("reported id %s: %v", id, err)
			continue
		}
		if _, ok := srv.Message(id); !ok || m.ToJID != zoomtest.ChannelGeneral {
			t.Errorf("recorded %s (to %s) does not match what the simulator received", id, m.ToJID)
		}
	}
	if w := s.Warnings(); len(w) > 0 {
		t.Errorf("warnings after a crash: %q", w)
	}
}
