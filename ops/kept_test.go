package ops

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// When the history fails between a send's intent and Zoom's answer (here its
// pages are overwritten while Zoom holds the answer, as a failing disk
// would), the message was posted and its record cannot be settled: the
// answer is kept, fsynced, as a JSON line in the file beside the history,
// the error names that file, and so does the damaged sentence of every later
// read of the history, so what was sent is never only in a file the user is
// told to move away.
func TestAnswerTheHistoryCannotRecordIsKeptBesideIt(t *testing.T) {
	o, srv := setup(t)
	for range 3 {
		if _, err := o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("Before")); err != nil {
			t.Fatal(err)
		}
	}
	path := o.Store.Path()
	release := srv.HoldNext(1)
	defer release()
	done := async(func() (Sent, error) {
		return o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("Lost answer"))
	})
	waitFor(t, "the simulator holds the message", func() bool { return len(srv.Messages()) == 4 })
	overwriteFrom(t, path, 2)
	release()
	res := <-done

	var rec *RecordError
	if !errors.As(res.err, &rec) {
		t.Fatalf("Send = %v, want a *RecordError: Zoom applied it and the history could not record it", res.err)
	}
	kept := history.KeptPath(path)
	if rec.Kept != kept || !strings.Contains(rec.Error(), kept) {
		t.Errorf("RecordError kept in %q and says %q; want %s named", rec.Kept, rec.Error(), kept)
	}
	data, err := os.ReadFile(kept)
	if err != nil {
		t.Fatal(err)
	}
	var k history.Kept
	if err := json.Unmarshal(bytes.TrimSpace(data), &k); err != nil || bytes.Count(data, []byte("\n")) != 1 {
		t.Fatalf("%s holds %q (%v), want one JSON line", kept, data, err)
	}
	sent := srv.Messages()[3]
	if k.Op != history.OpSend || k.MessageID != sent.ID || k.ToJID != zoomtest.ChannelGeneral || !history.IsLocalID(k.RecordID) || k.Err == "" {
		t.Errorf("kept %+v, want the send of %s to %s under its local record id, with why", k, sent.ID, zoomtest.ChannelGeneral)
	}

	// Reading the damaged history now points to the kept answer; writing
	// stops before the network.
	if _, err := o.Store.List(history.Query{}); err == nil || !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), kept) {
		t.Errorf("List after: %v; want the damaged sentence naming %s", err, kept)
	}
	_, err = o.Send(context.Background(), Envelope{ToJID: zoomtest.ChannelGeneral}, card("After"))
	var unrecordable *HistoryError
	if !errors.As(err, &unrecordable) || len(srv.Messages()) != 4 {
		t.Errorf("a send after: %v, %d messages in Zoom; want a *HistoryError and nothing sent", err, len(srv.Messages()))
	}
}

// overwriteFrom fills every 4 KiB page of the file from page first on with a
// pattern bbolt cannot take for a page, keeping the meta pages.
func overwriteFrom(t *testing.T, path string, first int) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	garbage := make([]byte, int(info.Size())-first*4096)
	for i := range garbage {
		garbage[i] = byte(i*7 + 13)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(garbage, int64(first)*4096); err != nil {
		t.Fatal(err)
	}
}
