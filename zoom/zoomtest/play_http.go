package zoomtest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// PlayPath is the prefix of the sandbox's "play the user" endpoints, so that the admin can
// make events from a second terminal with curl (values as a form or query):
//
//	POST /sandbox/share-link   link=URL [channel=NAME|JID] [contact=JID] [user=JID]
//	POST /sandbox/click        message_id=ID button=TEXT|VALUE [user=JID]
//	POST /sandbox/pick         message_id=ID item=TEXT|VALUE [user=JID]
//	POST /sandbox/message-bot  text=TEXT [channel=NAME|JID] [user=JID]
//	POST /sandbox/webhook      url=URL [secret=TOKEN]   (also deliver every event there, signed)
//
// Each answers 200 with the event it emitted, or 400 with {"message": why}. They are not
// part of Zoom's API and only exist on the simulator.
const PlayPath = "/sandbox/"

// serveEventSide answers the requests that are not Zoom's REST API: the event WebSocket and
// the sandbox's play endpoints. It reports whether it answered.
func (h *Handler) serveEventSide(w http.ResponseWriter, r *http.Request) bool {
	switch {
	case r.URL.Path == EventsPath:
		h.serveEvents(w, r)
	case strings.HasPrefix(r.URL.Path, PlayPath):
		h.servePlay(w, r)
	default:
		return false
	}
	return true
}

func (h *Handler) servePlay(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		playAnswer(w, http.StatusMethodNotAllowed, nil, "use POST")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	v := r.FormValue
	var event []byte
	var err error
	switch strings.TrimPrefix(r.URL.Path, PlayPath) {
	case "share-link":
		event, _, err = h.ShareLink(LinkShare{Link: v("link"), ChannelJID: v("channel"), ContactJID: v("contact"), UserJID: v("user")})
	case "click":
		event, err = h.ClickButton(v("message_id"), v("button"), v("user"))
	case "pick":
		event, err = h.PickItem(v("message_id"), v("item"), v("user"))
	case "message-bot":
		event, err = h.MessageBot(v("text"), v("channel"), v("user"))
	case "webhook":
		h.serveAddWebhook(w, v("url"), v("secret"))
		return
	default:
		playAnswer(w, http.StatusNotFound, nil, "unknown sandbox action; use share-link, click, pick, message-bot or webhook")
		return
	}
	if err != nil {
		playAnswer(w, http.StatusBadRequest, nil, err.Error())
		return
	}
	h.logf("POST %s 200 (emitted an event)", r.URL.EscapedPath())
	playAnswer(w, http.StatusOK, event, "")
}

func playAnswer(w http.ResponseWriter, status int, event []byte, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if event != nil {
		_, _ = w.Write(append(event, '\n'))
		return
	}
	out, _ := json.Marshal(map[string]string{"message": message})
	_, _ = w.Write(append(out, '\n'))
}

// serveAddWebhook makes the simulator POST every event to target too, signed with secret
// (default WebhookSecretToken), as for `zoompose events --listen`.
func (h *Handler) serveAddWebhook(w http.ResponseWriter, target, secret string) {
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		playAnswer(w, http.StatusBadRequest, nil, "url must be an http(s) URL, e.g. http://127.0.0.1:8080/zoom")
		return
	}
	if secret == "" {
		secret = WebhookSecretToken
	}
	h.AddWebhook(target, secret)
	playAnswer(w, http.StatusOK, nil, "every event is now also POSTed to "+target)
}
