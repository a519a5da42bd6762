package ops

import (
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom"
)

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
