package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

func editWith(o editOptions) func(c *Common) error {
	return func(c *Common) error {
		o.Common = c
		return runEdit(context.Background(), &o)
	}
}

func TestEditAddsARevision(t *testing.T) {
	h := newHarness(t)
	id := h.send(h.writeFile("card.md", sampleCard))

	res := h.run("", editWith(editOptions{MessageID: id, cardInput: cardInput{File: h.writeFile("fixed.md", editedCard)}}))

	if res.code != 0 || strings.TrimSpace(res.stdout) != id {
		t.Fatalf("exit %d, stdout %q, stderr %s", res.code, res.stdout, res.stderr)
	}
	sent, _ := h.server.Message(id)
	if len(sent.Contents) != 2 || !strings.Contains(string(sent.Contents[1]), "1.4.1") {
		t.Fatalf("simulator revisions = %s", sent.Contents)
	}
	m, err := h.store().Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != history.StatusEdited || len(m.Revisions) != 2 {
		t.Fatalf("history = status %s with %d revisions", m.Status, len(m.Revisions))
	}
	if m.Revisions[0].Source != sampleCard || m.Revisions[1].Source != editedCard || !jsonEqual(t, m.Revisions[1].Content, sent.Contents[1]) {
		t.Errorf("revisions = %+v", m.Revisions)
	}
}

// A message sent by another tool (or with another history) gets a record on its first edit.
func TestEditOfAMessageTheHistoryDoesNotKnowCreatesARecord(t *testing.T) {
	h := newHarness(t)
	mainDB := h.env["ZOOMPOSE_DB"]
	h.env["ZOOMPOSE_DB"] = filepath.Join(h.dir, "elsewhere.db")
	id := h.send(h.writeFile("card.md", sampleCard))
	h.env["ZOOMPOSE_DB"] = mainDB

	res := h.run("", editWith(editOptions{MessageID: id, cardInput: cardInput{File: h.writeFile("fixed.md", editedCard)}}))

	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	m, err := h.store().Get(id)
	if err != nil || m.Status != history.StatusEdited || len(m.Revisions) != 1 || m.Live().Source != editedCard {
		t.Fatalf("history = %+v, %v", m, err)
	}
}

// --json prints the edited message: its id, where it went and who sent it.
func TestEditPrintsTheMessageAsJSON(t *testing.T) {
	h := newHarness(t)
	id := h.send(h.card())

	res := h.run("", editWith(editOptions{MessageID: id, JSON: true, cardInput: cardInput{File: h.writeFile("fixed.md", editedCard)}}))

	var out messageOutput
	if err := json.Unmarshal([]byte(res.stdout), &out); res.code != 0 || err != nil {
		t.Fatalf("exit %d, --json printed %q (%v); stderr %s", res.code, res.stdout, err, res.stderr)
	}
	if out.MessageID != id || out.ToJID != zoomtest.ChannelGeneral || out.RobotJID != zoomtest.RobotJID || out.UserJID != zoomtest.UserJID || out.SentTime == "" {
		t.Errorf("--json output = %+v", out)
	}
}

func TestEditErrors(t *testing.T) {
	cases := []struct {
		name      string
		id        string
		card      string
		code      int
		fragments []string
	}{
		{name: "unknown message id", id: "00000000-0000-0000-0000-000000000000", card: editedCard, code: ExitAPI, fragments: []string{"edit: Zoom said 404", "code 8001"}},
		{name: "empty message id", id: " ", card: editedCard, code: ExitUsage, fragments: []string{"MESSAGE_ID"}},
		{name: "card with an error", id: "any", card: "```fields wide\nx: y\n```\n", code: ExitUsage, fragments: []string{"fixed.md:1:"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			res := h.run("", editWith(editOptions{MessageID: tc.id, cardInput: cardInput{File: h.writeFile("fixed.md", tc.card)}}))
			assertOneErrorLine(t, res, tc.code, tc.fragments...)
			if tc.code == ExitUsage && h.apiRequests() != 0 {
				t.Errorf("%d requests reached the simulator", h.apiRequests())
			}
		})
	}
}

// The edit loads the configuration once: stderr names the profile once, with markdown kept
// from the history (a note) and without. With --sandbox each configuration load starts a
// simulator of its own and prints its profile line, so one line is one simulator.
func TestEditLoadsTheConfigurationOnce(t *testing.T) {
	h := newHarness(t)
	id := h.send(h.writeFile("card.md", sampleCard))
	fixed := h.writeFile("fixed.md", editedCard)
	for _, args := range [][]string{
		{"edit", id, fixed},
		{"edit", "--no-markdown", id, fixed},
		{"--sandbox", "edit", "--dry-run", "5DD614F4-DD19-4C39-8D03-93C4D0A0C839", fixed},
	} {
		res := h.exec("", args...)
		if res.code != 0 {
			t.Fatalf("%q: exit %d\n%s", args, res.code, res.stderr)
		}
		if n := strings.Count(res.stderr, "profile: "); n != 1 {
			t.Errorf("%q: stderr names the profile %d times, want once:\n%s", args, n, res.stderr)
		}
	}
}
