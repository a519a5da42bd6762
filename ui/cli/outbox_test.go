package cli

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/ops"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// A send that failed for a reason worth retrying is kept in the outbox by ui/ops, in the
// envelope the app reads: the app's Outbox screen (ops.RetryOutbox) can send it again.
func TestSendFailuresWorthRetryingAreKeptForTheApp(t *testing.T) {
	cases := []struct {
		name     string
		fail     func(h *harness)
		fragment string
	}{
		{"server error", func(h *harness) { h.server.FailNext(1, http.StatusServiceUnavailable) }, "503"},
		{"rate limited for longer than the client waits", func(h *harness) { h.server.RateLimitNext(1, "3600") }, "429"},
		{"connection dropped: outcome unknown", func(h *harness) { h.server.DropNext(1) }, "may or may not"},
		{"API unreachable", func(h *harness) { h.env["ZOOM_API_URL"] = closedURL(h.t) + "/v2" }, "could not reach Zoom"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			parent := h.send(h.card()) // also puts a token in play
			tc.fail(h)

			res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, "--reply-to", parent, h.card())

			assertOneErrorLine(t, res, ExitAPI, tc.fragment, "kept in the outbox", "open zoompose", "(f4)", "retry or discard")
			if res.stdout != "" {
				t.Errorf("stdout = %q, want nothing", res.stdout)
			}
			entry := onlyOutboxEntry(t, h)
			sent, err := h.appOps().RetryOutbox(context.Background(), entry)
			if err != nil {
				t.Fatalf("the app cannot retry the entry the CLI kept: %v", err)
			}
			posted, _ := h.server.Message(sent.ID)
			if posted.ToJID != zoomtest.ChannelGeneral || posted.ReplyTo != parent || !posted.Markdown {
				t.Errorf("the retry posted to=%q reply_to=%q markdown=%v", posted.ToJID, posted.ReplyTo, posted.Markdown)
			}
			if m, err := h.store().Get(sent.ID); err != nil || m.Live().Source != sampleCard {
				t.Errorf("the retried send was not recorded with its card source: %+v, %v", m, err)
			}
		})
	}
}

// onlyOutboxEntry returns the one outbox entry, a send of the sample card.
func onlyOutboxEntry(t *testing.T, h *harness) history.OutboxEntry {
	t.Helper()
	entries, err := h.store().Outbox()
	if err != nil || len(entries) != 1 {
		t.Fatalf("outbox = %+v, %v; want one entry", entries, err)
	}
	e := entries[0]
	if e.Op != "send" || e.Source != sampleCard || e.Profile != EnvProfileName || e.Attempts != 1 || e.Err == "" {
		t.Errorf("outbox entry = %+v", e)
	}
	return e
}

// appOps are the operations the app runs, over the harness's simulator and history.
func (h *harness) appOps() *ops.Ops {
	h.t.Helper()
	client, err := zoom.New(zoom.Config{
		ClientID: zoomtest.ClientID, ClientSecret: zoomtest.ClientSecret, AccountID: zoomtest.AccountID,
		RobotJID: zoomtest.RobotJID, UserJID: zoomtest.UserJID, APIURL: h.server.APIURL(), TokenURL: h.server.TokenURL(),
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return &ops.Ops{Client: client, Store: h.store(), Profile: EnvProfileName}
}

// Only sends are kept: the app's Outbox can retry nothing else, and ui/ops keeps no edit,
// delete or unfurl. When their outcome is unknown the command fails (exit 1) with the
// client's sentence, which already says to check before retrying; nothing is recorded as
// done and nothing lands in the outbox.
func TestEditDeleteAndUnfurlWithUnknownOutcomeAreReportedNotKept(t *testing.T) {
	cases := []struct {
		name string
		args func(h *harness, id string) []string
		// unchanged checks that the history does not record the operation as done.
		unchanged func(t *testing.T, h *harness, id string)
	}{
		{"edit", func(h *harness, id string) []string { return []string{"edit", id, h.writeFile("fixed.md", editedCard)} },
			func(t *testing.T, h *harness, id string) {
				if m, _ := h.store().Get(id); m.Status != history.StatusSent || len(m.Revisions) != 1 {
					t.Errorf("history = status %s with %d revisions, want the sent original", m.Status, len(m.Revisions))
				}
			}},
		{"delete", func(h *harness, id string) []string { return []string{"delete", "--yes", id} },
			func(t *testing.T, h *harness, id string) {
				if m, _ := h.store().Get(id); m.Status != history.StatusSent {
					t.Errorf("history status = %s, want sent", m.Status)
				}
			}},
		{"unfurl", func(h *harness, _ string) []string {
			return []string{"unfurl", "--user-id", shareUser, "--trigger-id", h.server.IssueTrigger(shareUser), h.card()}
		}, func(t *testing.T, h *harness, _ string) {
			if recorded, _ := h.store().Unfurls(10); len(recorded) != 0 {
				t.Errorf("history unfurls = %+v, want none", recorded)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			id := h.send(h.card()) // also puts a token in play
			args := tc.args(h, id)
			h.server.DropNext(1)

			res := h.exec("", args...)

			assertOneErrorLine(t, res, ExitAPI, tc.name+": ", "may or may not", "before retrying")
			if strings.Contains(res.stderr, "outbox") {
				t.Errorf("stderr mentions the outbox, where nothing was kept:\n%s", res.stderr)
			}
			if kept, _ := h.store().Outbox(); len(kept) != 0 {
				t.Errorf("outbox = %+v, want empty", kept)
			}
			tc.unchanged(t, h, id)
		})
	}
}
