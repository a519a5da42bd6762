package ui

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/ui/composer"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// Finding 4: esc after the request was written must not claim the send was cancelled before
// Zoom answered, and must not keep a copy whose retry posts it again: the send is recorded
// as outcome unknown, and sending it again asks first.
func TestEscAfterTheRequestWentOutIsOutcomeUnknown(t *testing.T) {
	env := commontest.NewEnv(t)
	a := newFlowApp(t, env)
	composeAndOpenSendForm(a)
	a.typeText(zoomtest.ChannelGeneral)
	release := env.Server.HoldNext(1) // Zoom applies it and holds the answer back
	defer release()
	a.press("ctrl+s")
	a.waitFor("the simulator to hold the message", func() bool { return len(env.Server.Messages()) == 1 })
	a.press("esc")

	a.waitStatusKind(common.StatusError, "outcome unknown")
	if text := a.root.status.Text; strings.Contains(text, "cancelled before") {
		t.Errorf("status %q claims nothing went out", text)
	}
	rec := onlyMessage(t, env.Store)
	if rec.Status != history.StatusOutcomeUnknown || rec.Op == nil || rec.Op.State != history.OpUnknown {
		t.Fatalf("history record %+v, want outcome-unknown", rec)
	}
	a.press("ctrl+s") // the form is tied to the record: it asks before a possible duplicate
	a.waitText("may post a duplicate")
	if n := len(env.Server.Messages()); n != 1 {
		t.Fatalf("ctrl+s re-posted at once: %d messages on Zoom", n)
	}
	a.press("f4")
	a.waitScreen(common.ScreenOutbox)
	a.waitText("outcome unknown", "no answer came")
	a.press("r")
	a.waitText("may post a duplicate")
	a.press("n")
	if n := len(env.Server.Messages()); n != 1 {
		t.Fatalf("the outbox re-posted without a yes: %d messages on Zoom", n)
	}
}

// Finding 5: after a failed send the card stays in the composer tied to its outbox record,
// a new message starts empty, and sending the card from the outbox closes that one record:
// one message on Zoom, no entry left, no second post from a later retry.
func TestFailedSendIsOneRecordWhereverItIsSentFrom(t *testing.T) {
	env := commontest.NewEnv(t)
	a := newFlowApp(t, env)
	composeAndOpenSendForm(a)
	a.typeText(zoomtest.ChannelGeneral)
	env.Server.FailNext(1, 503)
	a.press("ctrl+s")
	a.waitStatusKind(common.StatusError, "kept in the outbox")
	entries, _ := env.Store.Outbox()
	if len(entries) != 1 {
		t.Fatalf("outbox = %+v, want the failed send", entries)
	}

	composerModel := a.root.screens[common.ScreenComposer].(*composer.Model)
	a.waitFor("the composer to tie the card to its record", func() bool {
		return composerModel.Title() == "Outbox send "+entries[0].ID
	})
	a.press("f2") // a new message: empty, never the failed card
	a.waitScreen(common.ScreenComposer)
	a.waitFor("an empty new message", func() bool {
		return composerModel.Title() == "New message" && composerModel.Source() == ""
	})

	a.press("f4")
	a.waitScreen(common.ScreenOutbox)
	a.waitText("failed", "tries 1")
	a.press("enter") // the card back in the composer, tied to its record
	a.waitScreen(common.ScreenComposer)
	a.waitText("Deploy finished at noon.")
	a.press("ctrl+s")
	a.waitScreen(common.ScreenSend)
	a.waitText(zoomtest.ChannelGeneral)
	a.press("ctrl+s")
	a.waitStatusKind(common.StatusOK, "Sent ")

	if n := len(env.Server.Messages()); n != 1 {
		t.Fatalf("%d messages on Zoom, want 1", n)
	}
	if left, _ := env.Store.Outbox(); len(left) != 0 {
		t.Fatalf("outbox after the send = %+v, want empty: the entry was a copy", left)
	}
	if rec := onlyMessage(t, env.Store); rec.Status != history.StatusSent || rec.Op != nil {
		t.Errorf("history record %+v, want the one record, sent", rec)
	}
	a.waitFor("the sent card to leave the composer", func() bool { return composerModel.Source() == "" })
}

// failAndKeep sends releaseCard to #general with Zoom answering 503: the send
// form keeps the failure, and the composer's card is tied to its outbox
// record. It returns that record's id.
func failAndKeep(t *testing.T, a *app, env *commontest.Env, composerModel *composer.Model) string {
	t.Helper()
	composeAndOpenSendForm(a)
	a.typeText(zoomtest.ChannelGeneral)
	env.Server.FailNext(1, 503)
	a.press("ctrl+s")
	a.waitStatusKind(common.StatusError, "kept in the outbox")
	entries, _ := env.Store.Outbox()
	if len(entries) != 1 {
		t.Fatalf("outbox = %+v, want the failed send", entries)
	}
	a.waitFor("the composer to tie the card to its record", func() bool {
		return composerModel.Title() == "Outbox send "+entries[0].ID
	})
	return entries[0].ID
}

// A failed send discarded in the outbox no longer ties the card: the send
// form and the composer learn it, the card is the new message again (its
// text kept), and ctrl+s sends it as a new message. It used to stay tied:
// every ctrl+s said the record was not waiting in the outbox, and nothing
// could be sent.
func TestDiscardedSendUntiesItsCard(t *testing.T) {
	env := commontest.NewEnv(t)
	a := newFlowApp(t, env)
	composerModel := a.root.screens[common.ScreenComposer].(*composer.Model)
	failAndKeep(t, a, env, composerModel)

	a.press("f4")
	a.waitScreen(common.ScreenOutbox)
	a.waitText("failed", "tries 1")
	a.press("x")
	a.press("y")
	a.waitFor("the outbox to be empty", func() bool { left, _ := env.Store.Outbox(); return len(left) == 0 })
	a.waitFor("the composer to untie the card", func() bool {
		return composerModel.Title() == "New message" && composerModel.Source() == releaseCard
	})
	a.press("esc")
	a.waitScreen(common.ScreenSend)
	a.press("ctrl+s")
	a.waitStatusKind(common.StatusOK, "Sent ")

	if n := len(env.Server.Messages()); n != 1 {
		t.Fatalf("%d messages on Zoom, want 1", n)
	}
	if rec := onlyMessage(t, env.Store); rec.Status != history.StatusSent || rec.Op != nil {
		t.Errorf("history record %+v, want the new message, sent", rec)
	}
	a.waitFor("the sent card to leave the composer", func() bool { return composerModel.Source() == "" })
}

// When the new message already holds text, the card of a send recorded as
// arrived is kept as a draft of its own, listed and saved for the next
// start: nothing typed is lost, and the status line says where it went.
func TestResolvedSendKeepsItsCardBesideTheNewMessage(t *testing.T) {
	env := commontest.NewEnv(t)
	a := newFlowApp(t, env)
	composerModel := a.root.screens[common.ScreenComposer].(*composer.Model)
	env.Server.DropNext(1)
	composeAndOpenSendForm(a)
	a.typeText(zoomtest.ChannelGeneral)
	a.press("ctrl+s")
	a.waitStatusKind(common.StatusError, "outcome unknown")
	entries, _ := env.Store.Outbox()
	if len(entries) != 1 {
		t.Fatalf("outbox = %+v, want the unknown send", entries)
	}
	id := entries[0].ID
	a.waitFor("the composer to tie the card to its record", func() bool { return composerModel.Title() == "Outbox send "+id })
	a.press("f2")
	a.waitFor("an empty new message", func() bool { return composerModel.Title() == "New message" })
	a.typeText("Another card")

	a.press("f4")
	a.waitScreen(common.ScreenOutbox)
	a.waitText("outcome unknown")
	a.press("a")
	a.press("enter") // no message id
	a.waitFor("the record to be settled", func() bool { left, _ := env.Store.Outbox(); return len(left) == 0 })
	a.waitStatusKind(common.StatusInfo, "kept as the draft")
	a.press("f2")
	a.waitScreen(common.ScreenComposer)
	if composerModel.Title() != "New message" || composerModel.Source() != "Another card" {
		t.Fatalf("new message = %q %q, want the text typed in it", composerModel.Title(), composerModel.Source())
	}
	a.press("ctrl+l")
	a.waitText("New message (card of " + id + ")")
	a.waitFor("the kept card to be saved", func() bool {
		drafts, _ := env.Store.Drafts()
		for _, d := range drafts {
			if d.Name == "new "+id && d.Source == releaseCard {
				return true
			}
		}
		return false
	})
}
