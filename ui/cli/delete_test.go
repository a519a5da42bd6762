package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
)

func deleteWith(o deleteOptions, terminal bool) func(c *Common) error {
	return func(c *Common) error {
		o.Common = c
		c.InTerminal = terminal
		return runDelete(context.Background(), &o)
	}
}

func TestDeleteMarksTheRecordAndKeepsItsContent(t *testing.T) {
	h := newHarness(t)
	id := h.send(h.writeFile("card.md", sampleCard))

	res := h.run("", deleteWith(deleteOptions{MessageID: id, Yes: true}, false))

	if res.code != 0 || res.stdout != "deleted "+id+"\n" {
		t.Fatalf("exit %d, stdout %q, stderr %s", res.code, res.stdout, res.stderr)
	}
	if sent, _ := h.server.Message(id); !sent.Deleted {
		t.Error("the simulator still has the message")
	}
	m, err := h.store().Get(id)
	if err != nil || m.Status != history.StatusDeleted || m.DeletedAt.IsZero() || m.Live().Source != sampleCard {
		t.Fatalf("history = %+v, %v", m, err)
	}
}

func TestDeleteAsksInATerminal(t *testing.T) {
	cases := []struct {
		answer  string
		deleted bool
	}{
		{answer: "y\n", deleted: true},
		{answer: "YES\n", deleted: true},
		{answer: "n\n", deleted: false},
		{answer: "\n", deleted: false},
		{answer: "", deleted: false}, // stdin closed
	}
	for _, tc := range cases {
		t.Run(strings.TrimSpace(tc.answer), func(t *testing.T) {
			h := newHarness(t)
			id := h.send(h.writeFile("card.md", sampleCard))
			before := h.apiRequests()

			res := h.run(tc.answer, deleteWith(deleteOptions{MessageID: id}, true))

			if !strings.Contains(res.stderr, "Delete message "+id) || !strings.Contains(res.stderr, "[y/N]") {
				t.Errorf("no question on stderr:\n%s", res.stderr)
			}
			sent, _ := h.server.Message(id)
			if sent.Deleted != tc.deleted {
				t.Fatalf("deleted = %v, want %v (exit %d, stderr %s)", sent.Deleted, tc.deleted, res.code, res.stderr)
			}
			if !tc.deleted && (res.code != ExitUsage || h.apiRequests() != before || !strings.Contains(res.stderr, "not deleted")) {
				t.Errorf("declined: exit %d, %d new requests, stderr %s", res.code, h.apiRequests()-before, res.stderr)
			}
		})
	}
}

func TestDeleteErrors(t *testing.T) {
	cases := []struct {
		name      string
		opts      deleteOptions
		terminal  bool
		code      int
		fragments []string
	}{
		{name: "no --yes outside a terminal", opts: deleteOptions{MessageID: "ABC"}, code: ExitUsage, fragments: []string{"--yes"}},
		{name: "unknown message id", opts: deleteOptions{MessageID: "00000000-0000-0000-0000-000000000000", Yes: true}, code: ExitAPI, fragments: []string{"delete: Zoom said 404", "code 8001"}},
		{name: "empty message id", opts: deleteOptions{MessageID: "", Yes: true}, code: ExitUsage, fragments: []string{"MESSAGE_ID"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			res := h.run("", deleteWith(tc.opts, tc.terminal))
			assertOneErrorLine(t, res, tc.code, tc.fragments...)
			if tc.code == ExitUsage && h.apiRequests() != 0 {
				t.Errorf("%d requests reached the simulator", h.apiRequests())
			}
		})
	}
}

func TestDeleteTwiceIsRefusedBeforeTheNetwork(t *testing.T) {
	h := newHarness(t)
	id := h.send(h.writeFile("card.md", sampleCard))
	h.run("", deleteWith(deleteOptions{MessageID: id, Yes: true}, false))
	before := h.apiRequests()

	res := h.run("", deleteWith(deleteOptions{MessageID: id, Yes: true}, false))

	assertOneErrorLine(t, res, ExitAPI, id+" was deleted on", "nothing was sent")
	if h.apiRequests() != before {
		t.Errorf("the second delete reached Zoom")
	}
	if m, _ := h.store().Get(id); m.Status != history.StatusDeleted {
		t.Errorf("status = %s after a failed second delete", m.Status)
	}
}

// A message sent by another tool (or with another history) is deleted on Zoom; like every
// operation it is recorded first, so the history gains a record of it, deleted, and the note
// says so.
func TestDeleteOfAMessageTheHistoryDoesNotKnowSaysSo(t *testing.T) {
	h := newHarness(t)
	mainDB := h.env["ZOOMPOSE_DB"]
	h.env["ZOOMPOSE_DB"] = filepath.Join(h.dir, "elsewhere.db")
	id := h.send(h.card())
	h.env["ZOOMPOSE_DB"] = mainDB

	res := h.run("", deleteWith(deleteOptions{MessageID: id, Yes: true}, false))

	if res.code != 0 || res.stdout != "deleted "+id+"\n" {
		t.Fatalf("exit %d, stdout %q, stderr %s", res.code, res.stdout, res.stderr)
	}
	if want := "note: " + id + " was not in the local history; it is recorded there now, as deleted"; !strings.Contains(res.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, res.stderr)
	}
	if sent, _ := h.server.Message(id); !sent.Deleted {
		t.Error("the simulator still has the message")
	}
	if m, err := h.store().Get(id); err != nil || m.Status != history.StatusDeleted || len(m.Revisions) != 0 {
		t.Errorf("history Get = %+v, %v; want a deleted record with no content", m, err)
	}
}

// A message the history knows is deleted without the note.
func TestDeleteOfAKnownMessageHasNoNote(t *testing.T) {
	h := newHarness(t)
	id := h.send(h.card())

	res := h.run("", deleteWith(deleteOptions{MessageID: id, Yes: true}, false))

	if res.code != 0 || strings.Contains(res.stderr, "note:") {
		t.Errorf("exit %d, stderr:\n%s", res.code, res.stderr)
	}
}
