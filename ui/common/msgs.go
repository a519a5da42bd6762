package common

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
)

// ScreenID names a screen for navigation.
type ScreenID int

// The app's screens.
const (
	ScreenComposer ScreenID = iota
	ScreenSend
	ScreenHistory
	ScreenDetail
	ScreenUnfurl
	ScreenOutbox
)

// ComposeMode says what the composer's draft is for.
type ComposeMode int

// Composer modes.
const (
	ComposeNew       ComposeMode = iota // a new message: ctrl+s opens the send form
	ComposeEdit                         // an edit of a sent message: ctrl+s asks to confirm the PUT
	ComposeUnfurl                       // an unfurl card: ctrl+s opens the unfurl form
	ComposeScheduled                    // the card of a scheduled send: ctrl+s saves it (the history screen)
)

// NavigateMsg asks the root to show a screen. Back returns to the previous one.
// Unfurls asks the History screen to show its Unfurls list (after an unfurl
// was posted, the new row is what the author wants to see).
type NavigateMsg struct {
	To      ScreenID
	Unfurls bool
}

// BackMsg asks the root to return to the previous screen.
type BackMsg struct{}

// ComposeMsg opens the composer with a source: empty for a new message, a
// sent message's source for an edit or a resend.
type ComposeMsg struct {
	Mode    ComposeMode
	Source  string
	Message *history.Message // the message being edited (ComposeEdit); the scheduled send's (ComposeScheduled)
	// Record is the outbox record this card settles when sent (a failed or
	// unknown send opened from the outbox, or kept after a failed send):
	// sending it from the composer closes that entry instead of making a
	// new message.
	Record string
	// Trigger is the shared link an unfurl card is for (ComposeUnfurl, from
	// a link_shared event): each trigger has a draft of its own. Nil for an
	// unfurl card whose trigger is typed in the unfurl form.
	Trigger *UnfurlEventMsg
}

// SubmitDraftMsg is sent by the composer when the author asks to send the
// draft; the root routes it by mode to the send form, the edit confirmation
// or the unfurl form.
type SubmitDraftMsg struct {
	Mode    ComposeMode
	Draft   compose.Card
	Message *history.Message // ComposeEdit: the message to update
	Record  string           // see ComposeMsg.Record
	// Scheduled is the scheduled send whose card this is (ComposeScheduled).
	Scheduled string
	// Trigger is the shared link an unfurl draft is for (see ComposeMsg).
	Trigger *UnfurlEventMsg
}

// ShowDetailMsg opens the detail screen of a history record.
type ShowDetailMsg struct{ ID string }

// HistoryChangedMsg tells every screen that history records changed (a send,
// edit, delete or unfurl landed) so lists can reload. The root reads the
// recipients again once, for all screens: a RecipientsMsg follows.
type HistoryChangedMsg struct{ ID string }

// DraftSentMsg tells the composer a draft went out and may be cleared: the
// draft of the target named by Mode and MessageID (the current one when both
// are zero), or, when Record is set, any draft tied to that outbox record.
type DraftSentMsg struct {
	Mode      ComposeMode
	MessageID string // ComposeEdit: the message that was edited; ComposeScheduled: the scheduled send
	Record    string // the outbox record that was settled
}

// DraftKeptMsg tells the composer that the draft it submitted failed and is
// kept as outbox record Record: the draft now settles that record, and a new
// message starts empty.
type DraftKeptMsg struct{ Record string }

// RecordReleasedMsg tells the composer and the send form that outbox record
// Record was settled without its card being sent: discarded, or resolved.
// A draft tied to it becomes a new message again (its text kept), unless the
// record still waits in the outbox (Waiting: resolved as not arrived, so it
// is failed and sending the card settles it).
type RecordReleasedMsg struct {
	Record  string
	How     string // what happened to it, for a sentence: "was discarded"
	Waiting bool
}

// HistoryDamagedMsg tells every screen that the history file is damaged
// (Deps.SendingOff says so from now on): the keys that start an operation
// turn off, with the reason in the help.
type HistoryDamagedMsg struct{}

// StatusKind is the tone of a status line.
type StatusKind int

// Status tones.
const (
	StatusInfo StatusKind = iota
	StatusOK
	StatusWarn
	StatusError
)

// StatusMsg sets the status line under the screen. An error status should say
// what happened and what to do next.
type StatusMsg struct {
	Kind StatusKind
	Text string
}

// Status returns a command that sets the status line.
func Status(kind StatusKind, text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Kind: kind, Text: text} }
}

// RateLimitMsg reports that Zoom rate-limited a request and the client is
// waiting before it tries again; screens show it as a countdown.
type RateLimitMsg struct {
	Op      string
	Attempt int
	Until   time.Time
}

// SandboxReadyMsg says the built-in sandbox started (or why not): the app
// now sends to its simulator and records into its throw-away history.
type SandboxReadyMsg struct {
	Client  *zoom.Client
	Store   *history.Store
	Profile Profile
	Err     error
}
