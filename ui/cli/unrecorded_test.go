package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// Write-ahead: when the history cannot record the operation first, nothing goes on the
// network. The command fails (exit 1), names the file, says nothing was sent and how to send
// anyway; Zoom's copy is as it was.
func TestCommandsSendNothingWhenTheHistoryCannotBeWritten(t *testing.T) {
	ctx := context.Background()
	sendOne := func(h *harness) string { return h.send(h.card()) }
	cases := []struct {
		name      string
		target    func(h *harness) string // the message id or trigger acted on; nil for send
		run       func(c *Common, s *session, store *history.Store, cd card, target string) error
		untouched func(h *harness, target string) bool
	}{
		{"send", nil,
			func(c *Common, s *session, store *history.Store, cd card, _ string) error {
				return deliverSend(ctx, &sendOptions{Common: c, To: []string{zoomtest.ChannelGeneral}}, s, store, cd)
			},
			func(h *harness, _ string) bool { return len(h.server.Messages()) == 0 }},
		{"edit", sendOne,
			func(c *Common, s *session, store *history.Store, cd card, id string) error {
				return applyEdit(ctx, &editOptions{Common: c, MessageID: id}, s, store, cd.Card)
			},
			func(h *harness, id string) bool { m, _ := h.server.Message(id); return len(m.Contents) == 1 }},
		{"delete", sendOne,
			func(c *Common, s *session, store *history.Store, _ card, id string) error {
				return confirmAndDelete(ctx, &deleteOptions{Common: c, MessageID: id, Yes: true}, s, store)
			},
			func(h *harness, id string) bool { m, _ := h.server.Message(id); return !m.Deleted }},
		{"unfurl", func(h *harness) string { return h.server.IssueTrigger(shareUser) },
			func(c *Common, s *session, store *history.Store, cd card, trigger string) error {
				return postUnfurl(ctx, &unfurlOptions{Common: c, UserID: shareUser, TriggerID: trigger}, s, store, cd.Card)
			},
			func(h *harness, _ string) bool { return len(h.server.Unfurls()) == 0 }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			target := ""
			if tc.target != nil {
				target = tc.target(h)
			}
			streams, out, errOut := h.streams("")
			c := &Common{Streams: streams}
			s, err := c.openSession()
			if err != nil {
				t.Fatal(err)
			}
			defer s.cleanup()
			cd, err := loadCard(cardInput{File: h.card()}, streams)
			if err != nil {
				t.Fatal(err)
			}
			store := h.store()
			store.Close() // a real store that can no longer write

			err = tc.run(c, s, store, cd, target)

			res := result{code: report(err, errOut), stdout: out.String(), stderr: errOut.String()}
			h.assertNoSecret(res)
			assertOneErrorLine(t, res, ExitAPI, "nothing was sent", h.env["ZOOMPOSE_DB"], "--no-history")
			if res.stdout != "" || !tc.untouched(h, target) {
				t.Fatalf("stdout %q, or Zoom's copy changed: the request went out without a record", res.stdout)
			}
		})
	}
}

// --no-history sends anyway, for emergencies, and says on stderr what it does not record.
func TestNoHistorySendsWithoutARecordAndSaysSo(t *testing.T) {
	h := newHarness(t)

	res := h.exec("", "send", "--no-history", "--to", zoomtest.ChannelGeneral, h.card())

	id := strings.TrimSpace(res.stdout)
	if _, ok := h.server.Message(id); res.code != 0 || !ok {
		t.Fatalf("exit %d, stdout %q, stderr %s: want it sent", res.code, res.stdout, res.stderr)
	}
	if !strings.Contains(res.stderr, "--no-history: this operation is not recorded") {
		t.Errorf("stderr does not say what is not recorded:\n%s", res.stderr)
	}
	if page, _ := h.store().List(history.Query{}); len(page.Messages) != 0 {
		t.Errorf("the history holds %d messages, want none", len(page.Messages))
	}
}
