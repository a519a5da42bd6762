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
	aliceMsg := h.run("", sendWith(sendOptions{To: []string{"kdykjnimt4kpd8kkdqt9fq@xmpp.zoom.us"}, cardInput: cardInput{File: h.writeFile("d.md", "To Alice\n")}}))
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
		return runSend(context.Background(), &sendOptions{Common: c, To: []string{"x@xmpp.zoom.us"}, cardInput: cardInput{File: h.writeFile("card.md", sampleCard)}})
	})
	assertOneErrorLine(t, send, ExitAPI, "in use by another zoompose process", "nothing was sent")
	if len(h.server.Messages()) != 0 {
		t.Error("a send went out although its history could not be opened")
	}
}

// unfurlFixture unfurls three cards through `zoompose unfurl`, two for shareUser and one for
// another user, and returns their trigger ids oldest first.
func unfurlFixture(t *testing.T, h *harness) (alpha, beta, gamma string) {
	t.Helper()
	cards := []struct{ user, name, card string }{
		{shareUser, "a.md", "---\nhead: Alpha preview\n---\nfirst\n"},
		{"R7QmZx2Lw0SbEnHv5Tj3UA", "b.json", `{"body":[{"type":"message","text":"Beta from JSON"}]}`},
		{shareUser, "c.md", "Gamma paragraph only\n"},
	}
	triggers := make([]string, len(cards))
	for i, c := range cards {
		triggers[i] = h.server.IssueTrigger(c.user)
		res := h.run("", unfurlWith(unfurlOptions{UserID: c.user, TriggerID: triggers[i], cardInput: cardInput{File: h.writeFile(c.name, c.card)}}))
		if res.code != 0 {
			t.Fatalf("unfurl %s failed with %d: %s", c.name, res.code, res.stderr)
		}
	}
	return triggers[0], triggers[1], triggers[2]
}

func TestHistoryUnfurlsTable(t *testing.T) {
	h := newHarness(t)
	alpha, beta, gamma := unfurlFixture(t, h)
	h.send(h.writeFile("msg.md", "A message, not an unfurl\n"))

	res := h.run("", historyWith(historyOptions{Limit: 20, Unfurls: true}))

	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	lines := strings.Split(strings.TrimRight(res.stdout, "\n"), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "TIME") || !strings.Contains(lines[0], "USER ID") ||
		!strings.Contains(lines[0], "TRIGGER ID") || !strings.HasSuffix(lines[0], "FIRST LINE") {
		t.Fatalf("table:\n%s", res.stdout)
	}
	rows := []struct{ user, trigger, text string }{ // newest first
		{shareUser, gamma, "Gamma paragraph only"},
		{"R7QmZx2Lw0SbEnHv5Tj3UA", beta, "Beta from JSON"},
		{shareUser, alpha, "Alpha preview"},
	}
	for i, want := range rows {
		row := lines[i+1]
		if !strings.Contains(row, " "+want.user+" ") || !strings.Contains(row, " "+want.trigger+" ") || !strings.HasSuffix(row, want.text) {
			t.Errorf("row %d = %q, want user %s, trigger %s, text %q", i+1, row, want.user, want.trigger, want.text)
		}
	}
}

func TestHistoryUnfurlsJSONLines(t *testing.T) {
	h := newHarness(t)
	alpha, beta, gamma := unfurlFixture(t, h)
	cases := []struct {
		name string
		opts historyOptions
		want []string
	}{
		{name: "all, newest first", opts: historyOptions{Limit: 20}, want: []string{gamma, beta, alpha}},
		{name: "limit", opts: historyOptions{Limit: 2}, want: []string{gamma, beta}},
		{name: "search by user id, any case", opts: historyOptions{Limit: 20, Search: strings.ToLower(shareUser)}, want: []string{gamma, alpha}},
		{name: "search by trigger id", opts: historyOptions{Limit: 20, Search: beta}, want: []string{beta}},
		{name: "search every word of the first line", opts: historyOptions{Limit: 20, Search: "PREVIEW alpha"}, want: []string{alpha}},
		{name: "search with a limit", opts: historyOptions{Limit: 1, Search: shareUser}, want: []string{gamma}},
		{name: "search matching nothing", opts: historyOptions{Limit: 20, Search: "delta"}, want: nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.JSON, tc.opts.Unfurls = true, true
			res := h.run("", historyWith(tc.opts))
			if res.code != 0 {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			var got []string
			for line := range strings.Lines(res.stdout) {
				var u history.Unfurl
				if err := json.Unmarshal([]byte(line), &u); err != nil {
					t.Fatalf("not a JSON line %q: %v", line, err)
				}
				if u.UserID == "" || len(u.Content) == 0 || u.At.IsZero() {
					t.Errorf("incomplete unfurl record: %s", line)
				}
				got = append(got, u.TriggerID)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("triggers = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestHistoryUnfurlsSaysWhatIsLeftOut(t *testing.T) {
	h := newHarness(t)
	unfurlFixture(t, h)
	cases := []struct {
		name   string
		opts   historyOptions
		rows   int
		stderr string
	}{
		{name: "more than the limit", opts: historyOptions{Limit: 2}, rows: 2, stderr: "showing the newest 2; pass --limit to see more"},
		{name: "exactly the limit", opts: historyOptions{Limit: 3}, rows: 3},
		{name: "no match", opts: historyOptions{Limit: 5, Search: "nothing like this"}, stderr: "no unfurls match"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Unfurls = true
			res := h.run("", historyWith(tc.opts))
			if res.code != 0 {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			rows := max(strings.Count(res.stdout, "\n")-1, 0) // less the header
			if rows != tc.rows {
				t.Errorf("%d rows, want %d:\n%s", rows, tc.rows, res.stdout)
			}
			if got := strings.Join(errorLines(res.stderr), "\n"); got != tc.stderr {
				t.Errorf("stderr = %q, want %q", got, tc.stderr)
			}
		})
	}
}

func TestHistoryUnfurlsRejectsMessageFilters(t *testing.T) {
	cases := []struct {
		name      string
		args      []string
		fragments []string
	}{
		{"to", []string{"--to", "x@xmpp.zoom.us"}, []string{"--to selects messages", "does not apply to --unfurls"}},
		{"status", []string{"--status", "sent"}, []string{"--status selects messages", "--search"}},
		{"both", []string{"--status", "sent", "--to", "x@xmpp.zoom.us"}, []string{"--to and --status select messages"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			res := h.exec("", append([]string{"history", "--unfurls"}, tc.args...)...)
			assertOneErrorLine(t, res, ExitUsage, tc.fragments...)
			if res.code != 2 {
				t.Errorf("exit code %d, want 2", res.code)
			}
		})
	}
}
