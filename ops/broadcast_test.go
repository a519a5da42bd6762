package ops

import (
	"context"
	"errors"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// sixRecipients are every channel and user of the simulator's default fixture.
var sixRecipients = []string{
	zoomtest.ChannelGeneral, zoomtest.ChannelAnnouncements, zoomtest.ChannelRandom,
	zoomtest.UserAlice, zoomtest.UserBob, zoomtest.UserJID,
}

func envelopes(jids ...string) []Envelope {
	envs := make([]Envelope, len(jids))
	for i, jid := range jids {
		envs[i] = Envelope{ToJID: jid}
	}
	return envs
}

// A broadcast to six with the fourth copy failing (a 503): five sent, one in the outbox,
// every record in the group, progress heard once per copy in order.
func TestBroadcastSixWithOneFailing(t *testing.T) {
	o, srv := setup(t)
	var heard []int
	res, err := o.Broadcast(context.Background(), envelopes(sixRecipients...), card("six"), func(c CopyOutcome) {
		heard = append(heard, c.Index)
		if c.Index == 2 {
			srv.FailNext(1, 503) // the next request is copy 4's
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(heard) != 6 || heard[5] != 5 || res.Failed() != 1 {
		t.Fatalf("heard %v, failed %d", heard, res.Failed())
	}
	var kept *OutboxError
	if !errors.As(res.Copies[3].Err, &kept) {
		t.Fatalf("copy 4 error = %v, want an *OutboxError", res.Copies[3].Err)
	}
	if posts(srv) != 6 || len(srv.Messages()) != 5 {
		t.Fatalf("%d posts, %d messages on Zoom; want 6 and 5", posts(srv), len(srv.Messages()))
	}
	onlyEntry(t, o, res.Copies[3].Message.ID)
	members, err := o.Store.Group(res.Group)
	if err != nil || len(members) != 6 {
		t.Fatalf("group holds %d (%v), want 6", len(members), err)
	}
	for i, m := range members {
		if m.Group != res.Group || m.ToJID != sixRecipients[i] {
			t.Errorf("copy %d: group %q to %s", i+1, m.Group, m.ToJID)
		}
		wantSent := i != 3
		if (m.Status == history.StatusSent) != wantSent {
			t.Errorf("copy %d status %s", i+1, m.Status)
		}
	}
}

// A copy whose rate limit outlasts the client's waits stops the broadcast: the copies
// after it are not sent, and wait in the outbox where sending them is safe.
func TestBroadcastStopsAfterARateLimit(t *testing.T) {
	o, srv := setup(t)
	res, err := o.Broadcast(context.Background(), envelopes(sixRecipients[:4]...), card("limited"), func(c CopyOutcome) {
		if c.Index == 0 {
			srv.RateLimitNext(1, "1") // one try per request (MaxAttempts 1): the limit outlasts it
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if posts(srv) != 2 {
		t.Fatalf("%d posts, want 2: the broadcast went on after the rate limit", posts(srv))
	}
	if res.Failed() != 3 || res.Copies[2].Skipped == "" || res.Copies[3].Skipped == "" {
		t.Fatalf("outcomes %+v", res.Copies)
	}
	if n := len(outbox(t, o)); n != 3 {
		t.Fatalf("outbox holds %d, want copy 2 and the two never sent", n)
	}
	// The ones never sent go from the outbox like any failed send.
	if _, err := o.Retry(context.Background(), res.Copies[3].Message.ID, nil, false); err != nil {
		t.Fatal(err)
	}
	if m := get(t, o, res.Copies[3].Message.ID); m.Status != history.StatusSent || m.Group != res.Group {
		t.Fatalf("retried copy = %s in %q", m.Status, m.Group)
	}
}

// A malformed envelope refuses the whole broadcast before anything is recorded or sent.
func TestBroadcastChecksEveryEnvelopeFirst(t *testing.T) {
	o, srv := setup(t)
	_, err := o.Broadcast(context.Background(), envelopes(zoomtest.ChannelGeneral, "not-a-jid"), card("x"), nil)
	if err == nil || allAPICalls(srv) != 0 || len(outbox(t, o)) != 0 {
		t.Fatalf("err %v, %d calls", err, allAPICalls(srv))
	}
}

// Group edit and delete act on every live copy, one revision per copy; a copy that fails
// waits in the outbox, a deleted copy is skipped with a note.
func TestGroupEditAndDeleteWithAPartialFailure(t *testing.T) {
	o, srv := setup(t)
	ctx := context.Background()
	res, err := o.Broadcast(ctx, envelopes(sixRecipients[:4]...), card("v1"), nil)
	if err != nil || res.Failed() != 0 {
		t.Fatal(err, res.Failed())
	}
	if _, err := o.Delete(ctx, res.Copies[0].Message.ID); err != nil {
		t.Fatal(err)
	}
	edit, err := o.EditGroup(ctx, res.Group, card("v2"), func(c CopyOutcome) {
		if c.Index == 1 {
			srv.FailNext(1, 500) // copy 3's edit
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if edit.Copies[0].Skipped != "already deleted" || !edit.Copies[1].OK() || edit.Copies[2].OK() || !edit.Copies[3].OK() || edit.Failed() != 1 {
		t.Fatalf("edit outcomes %+v", edit.Copies)
	}
	for i, want := range []int{1, 2, 1, 2} {
		m := get(t, o, res.Copies[i].Message.ID)
		if len(m.Revisions) != want {
			t.Errorf("copy %d has %d revisions, want %d", i+1, len(m.Revisions), want)
		}
	}
	onlyEntry(t, o, res.Copies[2].Message.ID)
	for _, z := range []int{1, 3} {
		if m, _ := srv.Message(res.Copies[z].Message.ID); headText(m.Contents[len(m.Contents)-1]) != "v2" {
			t.Errorf("copy %d on Zoom is not v2", z+1)
		}
	}

	del, err := o.DeleteGroup(ctx, res.Group, func(c CopyOutcome) {
		if c.Index == 1 {
			srv.FailNext(1, 502) // copy 3's delete
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if del.Failed() != 1 || del.Copies[0].Skipped == "" || !del.Copies[1].OK() || !del.Copies[3].OK() {
		t.Fatalf("delete outcomes %+v", del.Copies)
	}
	if m := get(t, o, res.Copies[3].Message.ID); m.Status != history.StatusDeleted {
		t.Fatalf("copy 4 = %s", m.Status)
	}
	if _, err := o.EditGroup(ctx, "grp-none", card("x"), nil); !errors.Is(err, history.ErrNotFound) {
		t.Fatalf("EditGroup(unknown) = %v", err)
	}
}
