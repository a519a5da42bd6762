package zoom

import (
	"net/url"
	"strings"
)

// UnfurlIDs returns the user id and trigger id to unfurl a team_chat.link_shared event
// with. The event's response_url is used only when it points at the configured API host
// (the bearer token never goes anywhere else) and has the unfurl path
// …/im/chat/users/{userId}/unfurls/{triggerId}; otherwise the event's own ids
// (payload.operator_id, object.trigger_id) are used. Either way the unfurl is posted
// to the configured API.
func (c *Client) UnfurlIDs(s EventSummary) (userID, triggerID string) {
	if user, trigger, ok := c.unfurlPath(s.ResponseURL); ok {
		return user, trigger
	}
	return s.UserID, s.TriggerID
}

func (c *Client) unfurlPath(responseURL string) (user, trigger string, ok bool) {
	if responseURL == "" {
		return "", "", false
	}
	u, err := url.Parse(responseURL)
	api, apiErr := url.Parse(c.cfg.APIURL)
	if err != nil || apiErr != nil || u.Scheme != api.Scheme || !strings.EqualFold(u.Host, api.Host) || u.User != nil {
		return "", "", false
	}
	rest, found := strings.CutPrefix(u.EscapedPath(), strings.TrimRight(api.EscapedPath(), "/")+"/im/chat/users/")
	parts := strings.Split(rest, "/")
	if !found || len(parts) != 3 || parts[1] != "unfurls" || parts[0] == "" || parts[2] == "" {
		return "", "", false
	}
	user, errU := url.PathUnescape(parts[0])
	trigger, errT := url.PathUnescape(parts[2])
	if errU != nil || errT != nil {
		return "", "", false
	}
	return user, trigger, true
}
