package zoomtest

import "time"

// Sandbox identities: the defaults of `zoompose sandbox`, `zoompose --sandbox` and every test.
// None of them is a real Zoom credential.
const (
	ClientID     = "sandbox-client-id"
	ClientSecret = "sandbox-client-secret"
	AccountID    = "SANDBOXACCT01"
	RobotJID     = "v1sandboxbot0000000000@xmpp.zoom.us"
	UserJID      = "sandboxadmin@xmpp.zoom.us"
)

// Channel and user JIDs of DefaultFixture, shaped like Zoom's (facts §6): channels are a
// 32-hex id at conference.xmpp.zoom.us, users a lower-cased user id at xmpp.zoom.us.
const (
	ChannelGeneral       = "5a1d0c2e9b7f4e61a3c8d2f0b4e6a901@conference.xmpp.zoom.us"
	ChannelAnnouncements = "8e3f1b7c2d9a4f05b6e1c7d3a2f8e412@conference.xmpp.zoom.us"
	ChannelRandom        = "c4b2a9e8f1d74c3ea5b0d6f2e9c1a723@conference.xmpp.zoom.us"
	UserAlice            = "kdykjnimt4kpd8kkdqt9fq@xmpp.zoom.us"
	UserBob              = "r7qmzx2lw0sbenhv5tj3ua@xmpp.zoom.us"
)

// Demo link-shared events of DefaultFixture: a user id (the event's operator_id) and a
// trigger id (its object.trigger_id) that unfurls accept, as if Alice had just shared a link,
// so that the sandbox can unfurl without a webhook. Triggers stay valid after use.
const (
	DemoUnfurlUserID    = "KdYKjnimT4KPd8KKdQt9FQ"
	DemoUnfurlTriggerID = "sbx-link-shared-0001"
)

// Default limits of DefaultFixture: Zoom's Medium rate-limit label on a Pro plan
// (20 requests per second) with the Free plan's daily cap (facts §4.2).
const (
	DefaultPerSecond = 20
	DefaultDaily     = 2000
	DefaultTokenTTL  = time.Hour
)

// Fixture is the world the simulator knows: one account with one chatbot, the channels and
// users messages may be sent to, and the account's rate limits.
type Fixture struct {
	ClientID, ClientSecret, AccountID, RobotJID, UserJID string
	// Channels maps channel JIDs to names; a to_jid must be a channel or a user.
	Channels map[string]string
	// Users maps user JIDs to display names; a to_jid must be a channel or a user.
	Users map[string]string
	// PerSecond is the account's requests-per-second limit (0 = unlimited).
	PerSecond int
	// Daily is the account's requests-per-UTC-day limit (0 = unlimited).
	Daily int
	// TokenTTL is the expires_in the token endpoint advertises; 0 means one hour.
	TokenTTL time.Duration
	// Triggers maps trigger ids to the user id they were issued for, as link_shared
	// events would have delivered them; unfurls for those pairs are accepted.
	Triggers map[string]string
}

// DefaultFixture returns the sandbox identities, three channels (general, announcements,
// random), three users (the sandbox admin, Alice, Bob) and the default limits.
func DefaultFixture() Fixture {
	return Fixture{
		ClientID:     ClientID,
		ClientSecret: ClientSecret,
		AccountID:    AccountID,
		RobotJID:     RobotJID,
		UserJID:      UserJID,
		Channels: map[string]string{
			ChannelGeneral:       "general",
			ChannelAnnouncements: "announcements",
			ChannelRandom:        "random",
		},
		Users: map[string]string{
			UserJID:   "Sandbox Admin",
			UserAlice: "Alice Example",
			UserBob:   "Bob Example",
		},
		PerSecond: DefaultPerSecond,
		Daily:     DefaultDaily,
		TokenTTL:  DefaultTokenTTL,
		Triggers:  map[string]string{DemoUnfurlTriggerID: DemoUnfurlUserID},
	}
}

// knowsRecipient reports whether jid is a channel or user of the fixture.
func (f Fixture) knowsRecipient(jid string) bool {
	_, channel := f.Channels[jid]
	_, user := f.Users[jid]
	return channel || user
}

// withDefaults fills the zero TokenTTL and copies the maps so callers cannot change them later.
func (f Fixture) withDefaults() Fixture {
	if f.TokenTTL <= 0 {
		f.TokenTTL = DefaultTokenTTL
	}
	f.Channels = copyMap(f.Channels)
	f.Users = copyMap(f.Users)
	f.Triggers = copyMap(f.Triggers)
	return f
}

func copyMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
