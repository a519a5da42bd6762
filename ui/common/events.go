package common

import (
	"github.com/zoompose/zoompose/zoom"
)

// ScreenEvents is the live feed of the bot's Zoom events (ui/events). It comes after
// ScreenOutbox so that the ids of the other screens stay as they were.
const ScreenEvents = ScreenOutbox + 1

// EventMsg is an event Zoom delivered while the app runs; it was kept in the history
// before this message was sent (Kept is false for a duplicate delivery, which the feed
// does not show twice).
type EventMsg struct {
	Event zoom.Event
	Kept  bool
}

// EventConnMsg is a change of the event connection, for the Events screen and the
// status bar.
type EventConnMsg struct{ State zoom.ConnState }

// UnfurlEventMsg prefills the unfurl form from a team_chat.link_shared event: the ids to
// unfurl with (zoom.Client.UnfurlIDs) and the shared link.
type UnfurlEventMsg struct {
	UserID, TriggerID, Link string
}

// ReplyToMsg prefills the send form's recipient: the channel or user a bot_notification
// came from.
type ReplyToMsg struct{ To string }
