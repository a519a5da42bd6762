package zoom

import (
	"errors"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

func TestParseJID(t *testing.T) {
	long := strings.Repeat("a", MaxJIDLocalLen)
	tests := []struct {
		jid    string
		kind   JIDKind
		reason string // a fragment of the error; "" means valid
	}{
		// The shapes Zoom mints (facts §6) and the simulator's fixtures.
		{"kdykjnimt4kpd8kkdqt9fq@xmpp.zoom.us", JIDUser, ""},
		{"v1pky3tyBBB5pl8q@xmpp.zoom.us", JIDUser, ""},
		{"Wk9PTV9ST0JPVF9KSUQ@xmpp.zoom.us", JIDUser, ""},
		{"825c9e31f1064c73b394c5e4557d3447@conference.xmpp.zoom.us", JIDChannel, ""},
		{zoomtest.RobotJID, JIDUser, ""},
		{zoomtest.UserJID, JIDUser, ""},
		{zoomtest.UserAlice, JIDUser, ""},
		{zoomtest.ChannelGeneral, JIDChannel, ""},
		{"v1m0yn1imztuogsxjje8fdew@XMPP.Zoom.US", JIDUser, ""},
		{"a.b-c_d@Conference.XMPP.zoom.us", JIDChannel, ""},
		{"kdykjnimt4kpd8kkdqt9fq@xmpp.zoomgov.com", JIDUser, ""},
		{"825c9e31f1064c73b394c5e4557d3447@conference.xmpp.zoomgov.com", JIDChannel, ""},
		{long + "@xmpp.zoom.us", JIDUser, ""},

		{"", 0, "empty"},
		{"not-a-jid", 0, "no @"},
		{"a@b.com", 0, "not a Zoom chat domain"},
		{"a@zoom.us", 0, "not a Zoom chat domain"},
		{"a@xmpp.zoom.us.evil.com", 0, "not a Zoom chat domain"},
		{"a@xmpp.zoom.uſ", 0, "non-ASCII"}, // folds to "s" under strings.EqualFold
		{"@xmpp.zoom.us", 0, "before the @"},
		{"a@", 0, "not a Zoom chat domain"},
		{"a@@xmpp.zoom.us", 0, "2 @ signs"},
		{"a@xmpp.zoom.us b@xmpp.zoom.us", 0, "whitespace"},
		{"a@xmpp.zoom.usb@xmpp.zoom.us", 0, "2 @ signs"},
		{"a@xmpp.zoom.us\nb@xmpp.zoom.us", 0, "whitespace"},
		{"a@xmpp.zoom.us\n", 0, "whitespace"},
		{" a@xmpp.zoom.us", 0, "whitespace"},
		{"a\tb@xmpp.zoom.us", 0, "whitespace"},
		{"a\x1b[31m@xmpp.zoom.us", 0, "control character"},
		{"a\x00@xmpp.zoom.us", 0, "control character"},
		{"a\x7f@xmpp.zoom.us", 0, "control character"},
		{"a\u200b@xmpp.zoom.us", 0, "non-ASCII"},
		{"a\u202e@xmpp.zoom.us", 0, "non-ASCII"},
		{"ålice@xmpp.zoom.us", 0, "non-ASCII"},
		{"a+b@xmpp.zoom.us", 0, "'+'"},
		{"a/b@xmpp.zoom.us", 0, "'/'"},
		{"a@xmpp.zoom.us/robot_v1x@xmpp.zoom.us", 0, "2 @ signs"},
		{"a@xmpp.zoom.us/res", 0, `resource part ("/res")`},
		{"a@CONFERENCE.xmpp.zoom.us/", 0, `resource part ("/")`},
		{"a@b.com/res", 0, `"b.com" is not a Zoom chat domain`},
		{"a" + long + "@xmpp.zoom.us", 0, "at most"},
	}
	for _, tt := range tests {
		t.Run(tt.jid, func(t *testing.T) {
			kind, err := ParseJID(tt.jid)
			if tt.reason == "" {
				if err != nil || kind != tt.kind {
					t.Fatalf("ParseJID = %v, %v; want %v, nil", kind, err, tt.kind)
				}
				return
			}
			var jerr *JIDError
			if !errors.As(err, &jerr) {
				t.Fatalf("ParseJID = %v, %v; want a *JIDError", kind, err)
			}
			if !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("error %q does not say %q", err, tt.reason)
			}
			if strings.ContainsAny(err.Error(), "\n\r\x1b\x00") {
				t.Errorf("error %q carries a control character", err)
			}
		})
	}
}

func TestCheckUserJIDRefusesChannels(t *testing.T) {
	if err := CheckUserJID(zoomtest.UserAlice); err != nil {
		t.Fatalf("a user: %v", err)
	}
	err := CheckUserJID(zoomtest.ChannelGeneral)
	if err == nil || !strings.Contains(err.Error(), "channel") {
		t.Fatalf("a channel: %v", err)
	}
	if err := CheckUserJID("nope"); err == nil {
		t.Fatal("a non-JID passed")
	}
}

func TestCheckID(t *testing.T) {
	for _, id := range []string{"DWQ2A82E-9220-4600-AFB2-A028852E377C", "201910tryyRFjM_main", "20190618205516496_ynICmz8_aw1", "Wk9PTV9NRVNTQUdFX0lE", "a/b+c=", "local-m3x1k2-9f2c11aa"} {
		if err := CheckID("a message id", id); err != nil {
			t.Errorf("%q: %v", id, err)
		}
	}
	for _, id := range []string{"", "a b", "a\nb", "a\x1b", "é", strings.Repeat("x", MaxIDLen+1)} {
		err := CheckID("a message id", id)
		if err == nil {
			t.Errorf("%q passed", id)
			continue
		}
		if !strings.Contains(err.Error(), "a message id") || strings.ContainsAny(err.Error(), "\n\x1b") {
			t.Errorf("%q: error %q", id, err)
		}
	}
}

func TestQuoteClippedBoundsTheOutput(t *testing.T) {
	got := QuoteClipped(strings.Repeat("\x1b", 10_000))
	if len(got) > 400 || strings.Contains(got, "\x1b") {
		t.Fatalf("QuoteClipped gave %d bytes: %q", len(got), got)
	}
}

// FuzzParseJID holds CheckJID to its promise: whatever it accepts is one
// JID of printable ASCII with exactly one @ and a Zoom chat domain, and
// whatever it refuses gets a one-line sentence.
func FuzzParseJID(f *testing.F) {
	for _, seed := range []string{zoomtest.ChannelGeneral, zoomtest.UserAlice, "a@b", "a@xmpp.zoom.us b@xmpp.zoom.us", "a\n@xmpp.zoom.us", "@", "x@CONFERENCE.xmpp.zoomgov.com", "x@xmpp.zoom.us/res"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, jid string) {
		kind, err := ParseJID(jid)
		if err != nil {
			if msg := err.Error(); strings.ContainsAny(msg, "\n\r\x1b") || msg == "" {
				t.Fatalf("error %q", msg)
			}
			return
		}
		if strings.Count(jid, "@") != 1 {
			t.Fatalf("accepted %q with %d @", jid, strings.Count(jid, "@"))
		}
		for i := 0; i < len(jid); i++ {
			if jid[i] <= ' ' || jid[i] >= 0x7f {
				t.Fatalf("accepted %q with byte %#x", jid, jid[i])
			}
		}
		local, domain, _ := strings.Cut(jid, "@")
		if local == "" || len(local) > MaxJIDLocalLen {
			t.Fatalf("accepted local part %q", local)
		}
		domain = strings.ToLower(domain)
		switch kind {
		case JIDUser:
			if domain != "xmpp.zoom.us" && domain != "xmpp.zoomgov.com" {
				t.Fatalf("user JID %q", jid)
			}
		case JIDChannel:
			if domain != "conference.xmpp.zoom.us" && domain != "conference.xmpp.zoomgov.com" {
				t.Fatalf("channel JID %q", jid)
			}
		default:
			t.Fatalf("kind %v", kind)
		}
	})
}
