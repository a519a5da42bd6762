package cli

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// A send that failed for a reason worth retrying is kept as a failed record, which the app's
// Outbox screen (ops.Retry) can send again: the same record, so its entry closes.
func TestSendFailuresWorthRetryingAreKeptForTheApp(t *testing.T) {
	cases := []struct {
		name     string
		fail     func(h *harness)
		fragment string
	}{
		{"server error", func(h *harness) { h.server.FailNext(1, http.StatusServiceUnavailable) }, "503"},
		{"rate limited for longer than the client waits", func(h *harness) { h.server.RateLimitNext(1, "3600") }, "429"},
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
			entry := onlyOutboxEntry(t, h, history.OpFailed)
			sent, err := h.appOps().Retry(context.Background(), entry.ID, nil, false)
			if err != nil {
				t.Fatalf("the app cannot retry the entry the CLI kept: %v", err)
			}
			posted, _ := h.server.Message(sent.ID)
			if posted.ToJID != zoomtest.ChannelGeneral || posted.ReplyTo != parent || !posted.Markdown {
				t.Errorf("the retry posted to=%q reply_to=%q markdown=%v", posted.ToJID, posted.ReplyTo, posted.Markdown)
			}
			if m, err := h.store().Get(sent.ID); err != nil || m.Live().Source != sampleCard || m.Status != history.StatusSent {
				t.Errorf("the retried send was not recorded with its card source: %+v, %v", m, err)
			}
			if left, _ := h.store().Outbox(); len(left) != 0 {
				t.Errorf("outbox after the retry = %+v, want empty", left)
			}
		})
	}
}

// A send whose answer never came is recorded as outcome unknown: history --status lists it,
// the app's retry refuses to post it again without the admin's yes, and history resolve
// settles it.
func TestSendWithUnknownOutcomeIsRecordedAndResolved(t *testing.T) {
	h := newHarness(t)
	h.send(h.card())
	h.server.DropNext(1)

	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.card())

	assertOneErrorLine(t, res, ExitAPI, "may or may not", "outcome unknown", "history resolve")
	entry := onlyOutboxEntry(t, h, history.OpUnknown)
	if _, err := h.appOps().Retry(context.Background(), entry.ID, nil, false); !errors.Is(err, ops.ErrMayDuplicate) {
		t.Errorf("retry without asking = %v, want ErrMayDuplicate", err)
	}
	h.closeStore()
	listed := h.exec("", "history", "--status", "outcome-unknown")
	if listed.code != 0 || !strings.Contains(listed.stdout, entry.ID) {
		t.Errorf("history --status outcome-unknown = %d %q, want the record %s", listed.code, listed.stdout, entry.ID)
	}
	zoomID := h.server.Messages()[len(h.server.Messages())-1].ID
	resolved := h.exec("", "history", "resolve", entry.ID, "--arrived", "--message-id", zoomID)
	if resolved.code != 0 || !strings.Contains(resolved.stdout, zoomID+"\tsent") {
		t.Fatalf("resolve = %d %q %q", resolved.code, resolved.stdout, resolved.stderr)
	}
	if m, err := h.store().Get(entry.ID); err != nil || m.ID != zoomID || m.Status != history.StatusSent {
		t.Errorf("after resolve, %s = %+v, %v; want message %s, sent", entry.ID, m, err, zoomID)
	}
	if got := len(h.server.Messages()); got != 2 {
		t.Errorf("the simulator holds %d messages, want 2: nothing was posted twice", got)
	}
}

// onlyOutboxEntry returns the one outbox entry, in state.
func onlyOutboxEntry(t *testing.T, h *harness, state history.OpState) history.OutboxEntry {
	t.Helper()
	entries, err := h.store().Outbox()
	if err != nil || len(entries) != 1 {
		t.Fatalf("outbox = %+v, %v; want one entry", entries, err)
	}
	e := entries[0]
	if e.State != state || e.Profile != EnvProfileName || e.Attempts != 1 || e.Err == "" {
		t.Errorf("outbox entry = %+v, want one %s", e, state)
	}
	if e.Kind == history.OpSend && e.Card.Source != sampleCard {
		t.Errorf("outbox entry card = %q, want the sample card", e.Card.Source)
	}
	return e
}

// closeStore releases the history the test opened, so that the next command can open it.
func (h *harness) closeStore() {
	if h.opened != nil {
		h.opened.Close()
		h.opened = nil
	}
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

// An edit, delete or unfurl whose answer never came is recorded as outcome unknown, with the
// card it sent, and history resolve settles it as the admin saw it in Zoom.
func TestEditDeleteAndUnfurlWithUnknownOutcomeAreRecorded(t *testing.T) {
	cases := []struct {
		name string
		args func(h *harness, id string) []string
		// settled checks the record after it was resolved as arrived.
		settled func(t *testing.T, h *harness, id string)
	}{
		{"edit", func(h *harness, id string) []string { return []string{"edit", id, h.writeFile("fixed.md", editedCard)} },
			func(t *testing.T, h *harness, id string) {
				if m, _ := h.store().Get(id); m.Status != history.StatusEdited || len(m.Revisions) != 2 || m.Live().Source != editedCard {
					t.Errorf("history = status %s with %d revisions, want the edit live", m.Status, len(m.Revisions))
				}
			}},
		{"delete", func(h *harness, id string) []string { return []string{"delete", "--yes", id} },
			func(t *testing.T, h *harness, id string) {
				if m, _ := h.store().Get(id); m.Status != history.StatusDeleted {
					t.Errorf("history status = %s, want deleted", m.Status)
				}
			}},
		{"unfurl", func(h *harness, _ string) []string {
			return []string{"unfurl", "--user-id", shareUser, "--trigger-id", h.server.IssueTrigger(shareUser), h.card()}
		}, func(t *testing.T, h *harness, _ string) {
			if recorded, _ := h.store().Unfurls(10); len(recorded) != 1 || !recorded[0].Posted() {
				t.Errorf("history unfurls = %+v, want one, posted", recorded)
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

			assertOneErrorLine(t, res, ExitAPI, tc.name+": ", "may or may not", "outcome unknown")
			entry := onlyOutboxEntry(t, h, history.OpUnknown)
			if tc.name == "edit" && entry.Card.Source != editedCard {
				t.Errorf("the unknown edit keeps card %q, want the new one", entry.Card.Source)
			}
			h.closeStore()
			if res := h.exec("", "history", "resolve", entry.ID, "--arrived"); res.code != 0 {
				t.Fatalf("resolve = %d: %s", res.code, res.stderr)
			}
			tc.settled(t, h, entry.ID)
		})
	}
}

// Resolving a send as arrived with a message id another record already has
// is refused (exit 2, naming that record) and changes nothing: it used to
// replace that record with this one's card.
func TestResolveRefusesAMessageIDTakenByAnotherRecord(t *testing.T) {
	h := newHarness(t)
	sentID := h.send(h.card())
	h.server.DropNext(1)
	h.exec("", "send", "--to", zoomtest.ChannelGeneral, h.card())
	entry := onlyOutboxEntry(t, h, history.OpUnknown)
	sentBefore, err := h.store().Get(sentID)
	if err != nil {
		t.Fatal(err)
	}
	h.closeStore()

	res := h.exec("", "history", "resolve", entry.ID, "--arrived", "--message-id", sentID)

	assertOneErrorLine(t, res, ExitUsage, sentID, "already belongs", entry.ID+" was not changed")
	sentAfter, err := h.store().Get(sentID)
	if err != nil || sentAfter.ID != sentID || sentAfter.Status != history.StatusSent || !sentAfter.SentAt.Equal(sentBefore.SentAt) {
		t.Errorf("after the refused resolve, %s = %+v, %v; want it as it was", sentID, sentAfter, err)
	}
	if u, err := h.store().Get(entry.ID); err != nil || u.ID != entry.ID || u.Op == nil || u.Op.State != history.OpUnknown {
		t.Errorf("after the refused resolve, %s = %+v, %v; want it still of unknown outcome", entry.ID, u, err)
	}
}
