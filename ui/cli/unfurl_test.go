package cli

import (
	"context"
	"testing"
)

const shareUser = "KdYKjnimT4KPd8KKdQt9FQ"

func unfurlWith(o unfurlOptions) func(c *Common) error {
	return func(c *Common) error {
		o.Common = c
		return runUnfurl(context.Background(), &o)
	}
}

func TestUnfurlPostsAndRecordsTheCard(t *testing.T) {
	h := newHarness(t)
	trigger := h.server.IssueTrigger(shareUser)

	res := h.run("", unfurlWith(unfurlOptions{UserID: shareUser, TriggerID: trigger, cardInput: cardInput{File: h.writeFile("card.md", sampleCard)}}))

	if res.code != 0 || res.stdout != "unfurled "+trigger+"\n" {
		t.Fatalf("exit %d, stdout %q, stderr %s", res.code, res.stdout, res.stderr)
	}
	posted := h.server.Unfurls()
	if len(posted) != 1 || posted[0].TriggerID != trigger || posted[0].UserID != shareUser {
		t.Fatalf("simulator unfurls = %+v", posted)
	}
	recorded, err := h.store().Unfurls(10)
	if err != nil || len(recorded) != 1 {
		t.Fatalf("history unfurls = %+v, %v", recorded, err)
	}
	u := recorded[0]
	if u.TriggerID != trigger || u.UserID != shareUser || u.Source != sampleCard || u.Profile != EnvProfileName || !jsonEqual(t, u.Content, posted[0].Content) {
		t.Errorf("history unfurl = %+v, simulator content %s", u, posted[0].Content)
	}
}

func TestUnfurlErrors(t *testing.T) {
	cases := []struct {
		name      string
		opts      unfurlOptions
		code      int
		fragments []string
	}{
		{name: "missing trigger id", opts: unfurlOptions{UserID: shareUser}, code: ExitUsage, fragments: []string{"--trigger-id"}},
		{name: "missing user id", opts: unfurlOptions{TriggerID: "T1"}, code: ExitUsage, fragments: []string{"--user-id"}},
		{name: "trigger Zoom never issued", opts: unfurlOptions{UserID: shareUser, TriggerID: "never-issued"}, code: ExitAPI, fragments: []string{"unfurl: Zoom said", "code 8002"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			tc.opts.File = h.writeFile("card.md", sampleCard)
			res := h.run("", unfurlWith(tc.opts))
			assertOneErrorLine(t, res, tc.code, tc.fragments...)
			if tc.code == ExitUsage && h.apiRequests() != 0 {
				t.Errorf("%d requests reached the simulator", h.apiRequests())
			}
			if recorded, _ := h.store().Unfurls(10); len(recorded) != 0 {
				t.Errorf("a failed unfurl was recorded: %+v", recorded)
			}
		})
	}
}
