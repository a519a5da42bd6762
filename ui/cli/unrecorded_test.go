package cli

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// When Zoom applied the request but the history cannot take it, the command still reports
// what was done, warns on stderr and exits 0: the change exists in Zoom, and a failing exit
// code would make scripts repeat it.
func TestCommandsReportWhatZoomDidWhenTheHistoryCannotBeWritten(t *testing.T) {
	ctx := context.Background()
	sendOne := func(h *harness) string { return h.send(h.card()) }
	cases := []struct {
		name    string
		target  func(h *harness) string // the message id or trigger acted on; nil for send
		run     func(c *Common, s *session, store *history.Store, cd card, target string) error
		applied func(h *harness, target string) bool
		stdout  string // %s is the target (for send, the id it printed)
		warning string
	}{
		{"send", nil,
			func(c *Common, s *session, store *history.Store, cd card, _ string) error {
				return deliverSend(ctx, &sendOptions{Common: c, To: zoomtest.ChannelGeneral}, s, store, cd)
			},
			func(h *harness, id string) bool { _, ok := h.server.Message(id); return ok },
			"%s\n", "warning: message %s was sent, but the history could not be written"},
		{"edit", sendOne,
			func(c *Common, s *session, store *history.Store, cd card, id string) error {
				return applyEdit(ctx, &editOptions{Common: c, MessageID: id}, s, store, cd.forOps(false))
			},
			func(h *harness, id string) bool { m, _ := h.server.Message(id); return len(m.Contents) == 2 },
			"%s\n", "warning: message %s was edited, but the history could not be written"},
		{"delete", sendOne,
			func(c *Common, s *session, store *history.Store, _ card, id string) error {
				return confirmAndDelete(ctx, &deleteOptions{Common: c, MessageID: id, Yes: true}, s, store)
			},
			func(h *harness, id string) bool { m, _ := h.server.Message(id); return m.Deleted },
			"deleted %s\n", "warning: message %s was deleted, but the history could not be written"},
		{"unfurl", func(h *harness) string { return h.server.IssueTrigger(shareUser) },
			func(c *Common, s *session, store *history.Store, cd card, trigger string) error {
				return postUnfurl(ctx, &unfurlOptions{Common: c, UserID: shareUser, TriggerID: trigger}, s, store, cd.forOps(false))
			},
			func(h *harness, _ string) bool { return len(h.server.Unfurls()) == 1 },
			"unfurled %s\n", "warning: the unfurl for trigger %s was posted, but the history could not be written"},
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
			if target == "" {
				target = strings.TrimSpace(res.stdout)
			}
			if res.code != 0 || res.stdout != fmt.Sprintf(tc.stdout, target) || !tc.applied(h, target) {
				t.Fatalf("exit %d, stdout %q, stderr %s: want it reported as done", res.code, res.stdout, res.stderr)
			}
			if !strings.Contains(res.stderr, fmt.Sprintf(tc.warning, target)) {
				t.Errorf("stderr does not warn about the history:\n%s", res.stderr)
			}
		})
	}
}
