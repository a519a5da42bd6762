package ops

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

const (
	broadcastCrashHistoryEnv = "ZOOMPOSE_OPS_BROADCAST_CRASH_HISTORY"
	broadcastCrashSimEnv     = "ZOOMPOSE_OPS_BROADCAST_CRASH_SIM"
)

// TestBroadcastCrashChild broadcasts to the six recipients, printing "settled N" after
// each copy; after copy 3 it waits for a line on stdin, so the parent can hold copy 4's
// answer before it goes. It is killed while copy 4 is in flight.
func TestBroadcastCrashChild(t *testing.T) {
	path := os.Getenv(broadcastCrashHistoryEnv)
	if path == "" {
		t.Skip("runs only as the child process of TestBroadcastKilledMidwayLeavesEveryCopyAccountedFor")
	}
	o, fail := crashChildOps("broadcast crash child", path, os.Getenv(broadcastCrashSimEnv))
	stdin := bufio.NewReader(os.Stdin)
	_, err := o.Broadcast(context.Background(), envelopes(sixRecipients...), card("crash broadcast"), func(c CopyOutcome) {
		fmt.Printf("settled %d\n", c.Index+1)
		if c.Index == 2 {
			_, _ = stdin.ReadString('\n')
		}
	})
	if err != nil {
		fail(err)
	}
	os.Exit(0)
}

// A process killed (SIGKILL) while copy 4 of 6 is on the network: after the next open,
// copies 1-3 are sent, copy 4 is outcome-unknown (Zoom applied it; the admin resolves it),
// copies 5 and 6 wait in the outbox as never sent, and all six are in the group.
func TestBroadcastKilledMidwayLeavesEveryCopyAccountedFor(t *testing.T) {
	srv := zoomtest.NewServer()
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "history.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestBroadcastCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), broadcastCrashHistoryEnv+"="+path, broadcastCrashSimEnv+"="+srv.URL)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	awaitLine(t, cmd, &stderr, lineFrom(stdout, "settled 3"), 20*time.Second, "copy 3 settled")
	release := srv.HoldNext(1)
	defer release()
	fmt.Fprintln(stdin, "go")
	waitFor(t, "copy 4 reaches Zoom", func() bool { return len(srv.Messages()) == 4 })
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	release()

	store := openStore(t, path) // recovers what the child left in flight
	entries := outbox(t, store0(store))
	if len(entries) != 3 {
		t.Fatalf("outbox holds %d entries, want copy 4 (unknown) and copies 5 and 6 (never sent): %+v", len(entries), entries)
	}
	page, err := store.List(history.Query{})
	if err != nil || len(page.Messages) != 6 {
		t.Fatalf("history holds %d records (%v), want 6", len(page.Messages), err)
	}
	group := page.Messages[0].Group
	members, err := store.Group(group)
	if err != nil || len(members) != 6 {
		t.Fatalf("group %q holds %d (%v)", group, len(members), err)
	}
	for i, m := range members {
		switch {
		case i < 3 && m.Status != history.StatusSent:
			t.Errorf("copy %d is %s, want sent", i+1, m.Status)
		case i == 3 && (m.Status != history.StatusOutcomeUnknown || m.Op == nil || m.Op.State != history.OpUnknown):
			t.Errorf("copy 4 is %s (%+v), want outcome-unknown", m.Status, m.Op)
		case i > 3 && (m.Status != history.StatusFailed || m.Op == nil || m.Op.Attempts != 0 || m.Op.Err != history.QueuedReason(group)):
			t.Errorf("copy %d is %s (%+v), want failed, never attempted", i+1, m.Status, m.Op)
		}
		if i < 3 {
			if _, ok := srv.Message(m.ID); !ok {
				t.Errorf("copy %d is recorded sent as %s, which Zoom does not hold", i+1, m.ID)
			}
		}
	}
}

// store0 wraps a store in Ops for the outbox helper.
func store0(s *history.Store) *Ops { return &Ops{Store: s} }
