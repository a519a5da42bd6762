package composer

import (
	"cmp"
	"strings"

	"github.com/zoompose/zoompose/ui/common"
)

// target is what a draft is for: the new message, the edit of one sent
// message, the unfurl card, or a send kept in the outbox (a new message
// whose sending settles that outbox record). Each target has one draft.
type target struct {
	mode common.ComposeMode
	// id is the edited message's id (ComposeEdit), the scheduled send's
	// (ComposeScheduled); for ComposeNew, the outbox record a second new
	// message was kept from when its record was settled elsewhere.
	// For ComposeUnfurl, id is the trigger ("USER_ID TRIGGER_ID") of the
	// shared link the card unfurls, "" for a card whose trigger is typed in
	// the unfurl form; link is that shared link, when known.
	id     string
	record string // the outbox record the card settles (ComposeNew)
	link   string
}

// unfurlTarget is the draft of an unfurl for trigger (nil: typed in the form).
func unfurlTarget(trigger *common.UnfurlEventMsg) target {
	if trigger == nil || trigger.UserID+trigger.TriggerID == "" {
		return target{mode: common.ComposeUnfurl}
	}
	return target{mode: common.ComposeUnfurl, id: trigger.UserID + " " + trigger.TriggerID, link: trigger.Link}
}

// trigger is the unfurl target's trigger, nil when it has none.
func (t target) trigger() *common.UnfurlEventMsg {
	user, trigger, ok := strings.Cut(t.id, " ")
	if t.mode != common.ComposeUnfurl || !ok {
		return nil
	}
	return &common.UnfurlEventMsg{UserID: user, TriggerID: trigger, Link: t.link}
}

// newMessage is the target f2/ctrl+n go to and the app starts on.
var newMessage = target{mode: common.ComposeNew}

// Draft names in the history file's drafts bucket.
const (
	draftCurrent      = "current" // the new message
	draftUnfurl       = "unfurl"
	draftUnfurlPrefix = "unfurl "    // + "USER_ID TRIGGER_ID LINK"
	draftEditPrefix   = "edit "      // + the message id
	draftRecordPrefix = "outbox "    // + the outbox record id
	draftSchedPrefix  = "scheduled " // + the scheduled send's id
	draftLoosePrefix  = "new "       // + the outbox record it was kept from
)

// name is the draft's name in the history file.
func (t target) name() string {
	switch {
	case t.mode == common.ComposeEdit:
		return draftEditPrefix + t.id
	case t.mode == common.ComposeUnfurl && t.id != "":
		return draftUnfurlPrefix + t.id + " " + t.link
	case t.mode == common.ComposeUnfurl:
		return draftUnfurl
	case t.mode == common.ComposeScheduled:
		return draftSchedPrefix + t.id
	case t.record != "":
		return draftRecordPrefix + t.record
	case t.id != "":
		return draftLoosePrefix + t.id
	}
	return draftCurrent
}

// targetOf reads a draft name back; false for names it does not know, such
// as an edit that names no message.
func targetOf(name string) (target, bool) {
	if id, ok := strings.CutPrefix(name, draftEditPrefix); ok && id != "" {
		return target{mode: common.ComposeEdit, id: id}, true
	}
	if rest, ok := strings.CutPrefix(name, draftUnfurlPrefix); ok {
		user, rest, _ := strings.Cut(rest, " ")
		trigger, link, _ := strings.Cut(rest, " ")
		if user+trigger != "" {
			return target{mode: common.ComposeUnfurl, id: user + " " + trigger, link: link}, true
		}
	}
	if id, ok := strings.CutPrefix(name, draftSchedPrefix); ok && id != "" {
		return target{mode: common.ComposeScheduled, id: id}, true
	}
	if rec, ok := strings.CutPrefix(name, draftRecordPrefix); ok && rec != "" {
		return target{mode: common.ComposeNew, record: rec}, true
	}
	if rec, ok := strings.CutPrefix(name, draftLoosePrefix); ok && rec != "" {
		return target{mode: common.ComposeNew, id: rec}, true
	}
	switch name {
	case draftCurrent:
		return newMessage, true
	case draftUnfurl:
		return target{mode: common.ComposeUnfurl}, true
	}
	return target{}, false
}

// label names the target in titles and the drafts list.
func (t target) label() string {
	switch {
	case t.mode == common.ComposeEdit:
		return "Edit of " + t.id
	case t.mode == common.ComposeUnfurl && t.link != "":
		return "Unfurl of " + shortLink(t.link)
	case t.mode == common.ComposeUnfurl && t.id != "":
		return "Unfurl for trigger " + t.trigger().TriggerID
	case t.mode == common.ComposeUnfurl:
		return "Unfurl card"
	case t.mode == common.ComposeScheduled:
		return "Scheduled send " + t.id
	case t.record != "":
		return "Outbox send " + t.record
	case t.id != "":
		return "New message (card of " + t.id + ")"
	}
	return "New message"
}

// what names the target inside a sentence.
func (t target) what() string {
	switch {
	case t.mode == common.ComposeEdit:
		return "your edit of " + t.id
	case t.mode == common.ComposeUnfurl && t.id != "":
		return "your unfurl card for " + cmp.Or(t.link, "trigger "+t.trigger().TriggerID)
	case t.mode == common.ComposeUnfurl:
		return "your unfurl card"
	case t.mode == common.ComposeScheduled:
		return "your card of scheduled send " + t.id
	case t.record != "":
		return "your card of outbox send " + t.record
	case t.id != "":
		return "your new message with the card of " + t.id
	}
	return "your new message"
}

// shortLink is a link without its scheme: the part that tells links apart
// in a narrow column.
func shortLink(link string) string {
	for _, scheme := range []string{"https://", "http://"} {
		if rest, ok := strings.CutPrefix(link, scheme); ok && rest != "" {
			return rest
		}
	}
	return link
}
