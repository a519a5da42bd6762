package zoom

import (
	"fmt"
	"strings"
)

// JIDKind says what a JID names.
type JIDKind int

// The kinds of JID Zoom's chatbot API takes.
const (
	// JIDUser is a user or a bot: id@xmpp.zoom.us.
	JIDUser JIDKind = iota + 1
	// JIDChannel is a channel: id@conference.xmpp.zoom.us.
	JIDChannel
)

func (k JIDKind) String() string {
	switch k {
	case JIDUser:
		return "user"
	case JIDChannel:
		return "channel"
	}
	return "unknown"
}

// jidDomains are the chat domains a JID may end in, lower case, with the kind
// each names. Zoom mints user and bot JIDs at xmpp.zoom.us and channel JIDs at
// conference.xmpp.zoom.us (facts §6). Zoom for Government is the same service
// on zoomgov.com (api.zoomgov.com, zoomgov.com/oauth/token), so its chat
// domains are taken to be xmpp.zoomgov.com and conference.xmpp.zoomgov.com:
// that is inferred, not documented in our sources, and accepted so that a
// government account is not locked out by a local check.
var jidDomains = []struct {
	domain string
	kind   JIDKind
}{
	{"xmpp.zoom.us", JIDUser},
	{"conference.xmpp.zoom.us", JIDChannel},
	{"xmpp.zoomgov.com", JIDUser},
	{"conference.xmpp.zoomgov.com", JIDChannel},
}

// JIDDomains lists the chat domains CheckJID accepts, for help and errors.
func JIDDomains() []string {
	out := make([]string, len(jidDomains))
	for i, d := range jidDomains {
		out[i] = d.domain
	}
	return out
}

// MaxJIDLocalLen bounds the part of a JID before the @. Zoom's ids are 16 to
// 50 characters (user ids 22, channel ids 32, member ids about 50).
const MaxJIDLocalLen = 128

// MaxIDLen bounds the ids CheckID accepts (message, trigger and user ids).
// Zoom's are at most a few dozen characters.
const MaxIDLen = 256

// JIDError says why a value is not a Zoom JID. Its message quotes the value
// (clipped, with control characters escaped) so it is safe on a terminal.
type JIDError struct {
	JID    string
	Want   JIDKind // the kind that was needed, 0 for any
	Reason string
}

func (e *JIDError) Error() string {
	what := "Zoom JID"
	if e.Want != 0 {
		what = "Zoom " + e.Want.String() + " JID"
	}
	return fmt.Sprintf("%s is not a %s: %s", QuoteClipped(e.JID), what, e.Reason)
}

// CheckJID reports whether jid is shaped like a Zoom chat JID: exactly one @;
// before it, 1 to MaxJIDLocalLen letters, digits, '.', '-' or '_' (Zoom's ids
// are URL-safe base64 or hex); after it, one of the chat domains (see
// JIDDomains), in any case. Nothing else is allowed: no whitespace, control
// or non-ASCII character, no resource (/…), no second JID. It does no I/O
// and says nothing about whether the JID exists. The error is a *JIDError.
func CheckJID(jid string) error {
	_, err := ParseJID(jid)
	return err
}

// CheckUserJID is CheckJID for a value that must name a user (or a bot), not
// a channel: visible_to_user, the bot JID and the user JID.
func CheckUserJID(jid string) error {
	kind, err := ParseJID(jid)
	if err != nil {
		return err
	}
	if kind != JIDUser {
		return &JIDError{JID: jid, Want: JIDUser, Reason: "it names a channel (…@conference…), and a user JID (…@xmpp.zoom.us) is needed here"}
	}
	return nil
}

// ParseJID checks jid as CheckJID does and returns its kind.
func ParseJID(jid string) (JIDKind, error) {
	bad := func(format string, args ...any) (JIDKind, error) {
		return 0, &JIDError{JID: jid, Reason: fmt.Sprintf(format, args...)}
	}
	if jid == "" {
		return bad("it is empty; a JID looks like id@xmpp.zoom.us (a user) or id@conference.xmpp.zoom.us (a channel)")
	}
	if reason := badByte(jid); reason != "" {
		return bad("%s", reason)
	}
	switch n := strings.Count(jid, "@"); {
	case n == 0:
		return bad("it has no @; a JID looks like id@xmpp.zoom.us (a user) or id@conference.xmpp.zoom.us (a channel)")
	case n > 1:
		return bad("it has %d @ signs; give exactly one JID", n)
	}
	local, domain, _ := strings.Cut(jid, "@")
	switch {
	case local == "":
		return bad("nothing comes before the @")
	case len(local) > MaxJIDLocalLen:
		return bad("the part before the @ is %d characters long; Zoom's ids are at most %d", len(local), MaxJIDLocalLen)
	}
	for i := 0; i < len(local); i++ {
		if c := local[i]; !isIDChar(c) {
			return bad("the part before the @ holds %q; Zoom's ids are letters, digits, '.', '-' and '_'", c)
		}
	}
	// A resource part (…@xmpp.zoom.us/robot_…, as events carry) is named as such rather
	// than taken for part of an unknown domain.
	bare, resource, hasResource := strings.Cut(domain, "/")
	lower := strings.ToLower(bare) // ASCII only, checked above
	for _, d := range jidDomains {
		if lower != d.domain {
			continue
		}
		if hasResource {
			return bad("it has a resource part (%s) after the domain; a recipient JID has none: give %s", QuoteClipped("/"+resource), QuoteClipped(local+"@"+bare))
		}
		return d.kind, nil
	}
	return bad("%s is not a Zoom chat domain; use %s", QuoteClipped(bare), domainList())
}

// CheckID reports whether id is a plausible Zoom id (a message id, a trigger
// id, a user id): 1 to MaxIDLen printable ASCII characters, no whitespace.
// Zoom's ids are opaque (facts §6), so this only keeps out what no id holds:
// spaces, line breaks, control and non-ASCII characters. what names the value
// in the error, e.g. "a message id".
func CheckID(what, id string) error {
	switch {
	case id == "":
		return fmt.Errorf("%s is empty", what)
	case len(id) > MaxIDLen:
		return fmt.Errorf("%s %s is %d characters long; Zoom's are at most %d", what, QuoteClipped(id), len(id), MaxIDLen)
	}
	if reason := badByte(id); reason != "" {
		return fmt.Errorf("%s %s is not a Zoom id: %s", what, QuoteClipped(id), reason)
	}
	return nil
}

// badByte describes the first byte of s that no JID or id may hold: anything
// outside printable ASCII.
func badByte(s string) string {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			return fmt.Sprintf("it holds whitespace (%q at byte %d); give exactly one value, without spaces or line breaks", c, i)
		case c < 0x20 || c == 0x7f:
			return fmt.Sprintf("it holds a control character (%q at byte %d)", c, i)
		case c >= 0x80:
			return fmt.Sprintf("it holds a non-ASCII character (at byte %d); Zoom's JIDs and ids are plain ASCII", i)
		}
	}
	return ""
}

func isIDChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '_'
}

func domainList() string {
	return "xmpp.zoom.us (users and bots) or conference.xmpp.zoom.us (channels); for Zoom for Government, xmpp.zoomgov.com or conference.xmpp.zoomgov.com"
}

// maxQuoted is how much of a bad value an error shows.
const maxQuoted = 64

// QuoteClipped quotes s as Go does (control characters escaped), clipped to
// its first 64 bytes, so that a hostile value can neither drive the terminal
// nor flood it.
func QuoteClipped(s string) string {
	if len(s) <= maxQuoted {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q…(%d bytes)", s[:maxQuoted], len(s))
}
