package cli

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
)

func historyWith(o historyOptions) func(c *Common) error {
	return func(c *Common) error {
		o.Common = c
		return runHistory(&o)
	}
}

// sentFixture sends three cards to the general channel, edits the second, deletes the third.
func sentFixture(t *testing.T, h *harness) (sent, edited, deleted string) {
	t.Helper()
	sent = h.send(h.writeFile("a.md", "---\nhead: Alpha notes\n---\nfirst\n"))
	edited = h.send(h.writeFile("b.md", "Beta paragraph only\n"))
	deleted = h.send(h.writeFile("c.json", `{"body":[{"type":"message","text":"Gamma from JSON"}]}`))
	h.run("", editWith(editOptions{MessageID: edited, cardInput: cardInput{File: h.writeFile("b2.md", "Beta corrected\n")}}))
	h.run("", deleteWith(deleteOptions{MessageID: deleted, Yes: true}, false))
	return sent, edited, deleted
}

func TestHistoryTable(t *testing.T) {
	h := newHarness(t)
	sent, edited, deleted := sentFixture(t, h)

	res := h.run("", historyWith(historyOptions{Limit: 20}))

	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	lines := strings.Split(strings.TrimRight(res.stdout, "\n"), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[0], "FIRST LINE") {
		t.Fatalf("table:\n%s", res.stdout)
	}
	// Newest first: deleted, edited, sent.
	rows := []struct{ id, status, text string }{
		{deleted, "deleted", "Gamma from JSON"},
		{edited, "edited", "Beta corrected"},
		{sent, "sent", "Alpha notes"},
	}
	for i, want := range rows {
		row := lines[i+1]
		if !strings.HasPrefix(row, want.id) || !strings.Contains(row, " "+want.status+" ") || !strings.HasSuffix(row, want.text) {
			t.Errorf("row %d = %q, want id %s, status %s, text %q", i+1, row, want.id, want.status, want.text)
		}
	}
}

func TestHistoryFilters(t *testing.T) {
	h := newHarness(t)
	sent, edited, deleted := sentFixture(t, h)
	aliceMsg := h.run("", sendWith(sendOptions{To: "kdykjnimt4kpd8kkdqt9fq@xmpp.zoom.us", cardInput: cardInput{File: h.writeFile("d.md", "To Alice\n")}}))
	alice := strings.TrimSpace(aliceMsg.stdout)

	cases := []struct {
		name string
		opts historyOptions
		want []string
	}{
		{name: "status", opts: historyOptions{Status: "edited"}, want: []string{edited}},
		{name: "recipient", opts: historyOptions{To: "kdykjnimt4kpd8kkdqt9fq@xmpp.zoom.us"}, want: []string{alice}},
		{name: "search is case-insensitive", opts: historyOptions{Search: "gamma"}, want: []string{deleted}},
		{name: "limit", opts: historyOptions{Limit: 2}, want: []string{alice, deleted}},
		{name: "all", opts: historyOptions{}, want: []string{alice, deleted, edited, sent}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.JSON = true
			if tc.opts.Limit == 0 {
				tc.opts.Limit = 20
			}
			res := h.run("", historyWith(tc.opts))
			if res.code != 0 {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			var got []string
			for line := range strings.Lines(res.stdout) {
				var m history.Message
				if err := json.Unmarshal([]byte(line), &m); err != nil {
					t.Fatalf("not a JSON line %q: %v", line, err)
				}
				got = append(got, m.ID)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("ids = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestHistoryRejectsBadFilters(t *testing.T) {
	h := newHarness(t)
	for _, o := range []historyOptions{{Status: "gone", Limit: 5}, {Limit: 0}} {
		res := h.run("", historyWith(o))
		assertOneErrorLine(t, res, ExitUsage)
	}
}

func TestHistoryExportWritesEveryRecord(t *testing.T) {
	h := newHarness(t)
	sentFixture(t, h)

	res := h.exec("", "history", "export")

	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	kinds := map[string]int{}
	for line := range strings.Lines(res.stdout) {
		var rec struct{ Kind string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON line %q: %v", line, err)
		}
		kinds[rec.Kind]++
	}
	if kinds[history.KindMessage] != 3 || kinds[history.KindRecipient] != 1 {
		t.Errorf("export kinds = %v, want 3 messages and 1 recipient", kinds)
	}
}

func TestHistoryOfAHeldFileSaysSo(t *testing.T) {
	t.Parallel() // it waits out the lock timeout twice
	h := newHarness(t)
	h.store() // hold the lock as the app would

	res := h.run("", historyWith(historyOptions{Limit: 5}))

	assertOneErrorLine(t, res, ExitAPI, "in use by another zoompose process")
	send := h.run("", func(c *Common) error {
		return runSend(context.Background(), &sendOptions{Common: c, To: "x@xmpp.zoom.us", cardInput: cardInput{File: h.writeFile("card.md", sampleCard)}})
	})
	assertOneErrorLine(t, send, ExitAPI, "in use by another zoompose process", "nothing was sent")
	if len(h.server.Messages()) != 0 {
		t.Error("a send went out although its history could not be opened")
	}
}
