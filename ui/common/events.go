package common

import (
	"github.com/zoompose/zoompose/history"
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

// KeptEvent is the history record of an event, with the summary a person reads; card
// answers carry the message id they are indexed by.
func KeptEvent(e zoom.Event) history.Event {
	s := e.Summary()
	h := history.Event{
		Name: e.Name, TS: e.TS, ReceivedAt: e.ReceivedAt, Source: e.Source, Raw: e.Raw,
		Who: s.Who, Where: s.Where, What: s.What,
	}
	if e.IsInteraction() {
		h.MessageID = s.MessageID
	}
	return h
}

// ZoomEvent is a kept event as the zoom package knows it (for its summary and JSON form).
func ZoomEvent(h history.Event) zoom.Event {
	return zoom.Event{Raw: h.Raw, Name: h.Name, TS: h.TS, ReceivedAt: h.ReceivedAt, Source: h.Source}
}
