package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/zoompose/zoompose/ui"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// The app's profile switch lists the config file's profiles by name with their kind,
// and loads one as --profile NAME would: its own settings and history file, while a flag
// still wins over the file.
func TestAppProfilesListAndLoadLikeTheProfileFlag(t *testing.T) {
	h := newHarness(t)
	for _, k := range []string{"ZOOM_API_URL", "ZOOM_TOKEN_URL", "ZOOMPOSE_DB"} {
		delete(h.env, k)
	}
	path := h.writeFile("config.toml", `default_profile = "staging"

[profiles.staging]
api_url = "https://staging.example.com/v2"
db = "`+filepath.Join(h.dir, "staging.db")+`"

[profiles.acme-prod]
kind = "prod"
api_url = "https://api.zoom.us/v2"
event_subscription_id = "sub-1"
schedule_max_late = "30m"
db = "`+filepath.Join(h.dir, "prod.db")+`"
`)
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	h.env["ZOOMPOSE_CONFIG"] = path
	s, _, _ := h.streams("")
	c := &Common{Streams: s, Flags: ConfigFlags{UserJID: zoomtest.UserJID}}
	started, err := LoadConfig(c.Flags, c.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	profiles := appProfiles(c, started)
	if profiles == nil {
		t.Fatal("no profiles offered with a config file")
	}
	choices, err := profiles.List()
	if want := []ui.ProfileChoice{{Name: "acme-prod", Kind: "prod"}, {Name: "staging"}}; err != nil || !reflect.DeepEqual(choices, want) {
		t.Fatalf("List = %+v, %v; want %+v", choices, err, want)
	}
	run, err := profiles.Load("acme-prod")
	if err != nil {
		t.Fatal(err)
	}
	if run.Zoom == nil || run.Zoom.APIURL != "https://api.zoom.us/v2" || run.Zoom.UserJID != zoomtest.UserJID ||
		run.DBPath != filepath.Join(h.dir, "prod.db") || run.Profile.Name != "acme-prod" || run.Profile.Kind != "prod" ||
		run.Events == nil || run.Events.SubscriptionID != "sub-1" || run.ScheduleMaxLate.Minutes() != 30 || run.Sandbox != nil {
		t.Fatalf("Load(acme-prod) = %+v", run)
	}
	if _, err := profiles.Load("nope"); err == nil {
		t.Fatal("Load of a profile the file does not have succeeded")
	}

	c.Sandbox = true
	if appProfiles(c, started) != nil {
		t.Error("--sandbox offers profiles")
	}
	c.Sandbox = false
	if appProfiles(c, Config{Profile: EnvProfileName}) != nil {
		t.Error("a configuration without a file offers profiles")
	}
}
