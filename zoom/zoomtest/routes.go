package zoomtest

import (
	"slices"
	"strings"
)

const tokenPath = "/oauth/token"

const (
	routeMessages = "messages" // /v2/im/chat/messages
	routeMessage  = "message"  // /v2/im/chat/messages/{message_id}
	routeUnfurl   = "unfurl"   // /v2/im/chat/users/{userId}/unfurls/{triggerId}
)

// route is a matched API path: its name, the methods it allows and its path parameters.
type route struct {
	name    string
	methods []string
	params  []string
}

func (rt route) allows(method string) bool { return slices.Contains(rt.methods, method) }

// matchRoute matches the chatbot API paths exactly: no trailing slash, no empty segment.
func matchRoute(path string) (route, bool) {
	rest, ok := strings.CutPrefix(path, "/v2/im/chat/")
	if !ok {
		return route{}, false
	}
	seg := strings.Split(rest, "/")
	if slices.Contains(seg, "") {
		return route{}, false
	}
	switch {
	case len(seg) == 1 && seg[0] == "messages":
		return route{name: routeMessages, methods: []string{"POST"}}, true
	case len(seg) == 2 && seg[0] == "messages":
		return route{name: routeMessage, methods: []string{"PUT", "DELETE"}, params: seg[1:]}, true
	case len(seg) == 4 && seg[0] == "users" && seg[2] == "unfurls":
		return route{name: routeUnfurl, methods: []string{"POST"}, params: []string{seg[1], seg[3]}}, true
	}
	return route{}, false
}
