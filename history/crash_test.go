package history

import (
	"context"
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

// crashSender sends to the simulator in a loop, recording each intent before
// its request and Zoom's answer after it, and only then prints "SENT <id>":
// the promise the parent checks after killing it. It stops by itself after
// 20 s in case the parent is gone.
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

// sendAndRecord is what `zoompose send` does (through ops): record the
// intent, send, record Zoom's answer, and only then report success.
func sendAndRecord(ctx context.Context, client *zoom.Client, s *Store, i int) (string, error) {
	content := card(fmt.Sprintf("Crash test %d", i), "sent in a loop until killed")
	intent, err := s.BeginSend(Message{
		AccountID: zoomtest.AccountID, ToJID: zoomtest.ChannelGeneral,
		Revisions: []Revision{{Content: content, Source: "# Crash test"}},
	}, time.Now())
	if err != nil {
		return "", err
	}
	sent, err := client.Send(ctx, zoom.SendRequest{ToJID: zoomtest.ChannelGeneral, Content: content})
	if err != nil {
		return "", err
	}
	m, err := s.Applied(intent.ID, answerOf(sent))
	return m.ID, err
}

// TestCrashKeepsEveryReportedSend is issue 4's crash test: a child sending in
// a loop is SIGKILLed at random moments; every id it reported is in the
// history afterwards, the file is consistent, and the send it was killed in
// the middle of (if any) is an outcome-unknown record, never a lost one.
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
		assertRecorded(t, path, reported, round+1, srv)
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

func assertRecorded(t *testing.T, path string, reported []string, rounds int, srv *zoomtest.Server) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("the history does not open after SIGKILL: %v", err)
	}
	defer s.Close()
	if err := checkConsistent(s); err != nil {
		t.Fatal(err)
	}
	for _, id := range reported {
		m, err := s.Get(id)
		if err != nil {
			t.Errorf("reported id %s: %v", id, err)
			continue
		}
		if _, ok := srv.Message(id); !ok || m.ToJID != zoomtest.ChannelGeneral {
			t.Errorf("recorded %s (to %s) does not match what the simulator received", id, m.ToJID)
		}
	}
	if page, _ := s.List(Query{Status: StatusSending}); len(page.Messages) > 0 {
		t.Errorf("sends still in flight after Open: %v", ids(page.Messages))
	}
	// One send at most was between its intent and its answer at each kill.
	unknown, _ := s.List(Query{Status: StatusOutcomeUnknown})
	if len(unknown.Messages) > rounds {
		t.Errorf("%d outcome-unknown records after %d kills, want at most one per kill", len(unknown.Messages), rounds)
	}
	for _, m := range unknown.Messages {
		if m.Op == nil || m.Op.Kind != OpSend || m.Op.Err != diedInFlight || m.ToJID != zoomtest.ChannelGeneral {
			t.Errorf("the send cut short is not an unknown outcome that says why: %+v", m)
		}
	}
	if w := s.Warnings(); len(w) > 0 {
		t.Errorf("warnings after a crash: %q", w)
	}
}
