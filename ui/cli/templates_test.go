package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// TestTemplatesListsStartersAndSaved: the shipped starters are listed with their variables;
// a saved template is listed too, and one with a starter's name replaces it.
func TestTemplatesListsStartersAndSaved(t *testing.T) {
	h := newHarness(t)
	res := h.exec("", "templates")
	if res.code != 0 {
		t.Fatalf("templates without a history: %d %s", res.code, res.stderr)
	}
	for _, want := range []string{"release-notes", "incident", "maintenance", "welcome", "poll", "starter", "question closes option_a"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("templates lacks %q:\n%s", want, res.stdout)
		}
	}

	store := h.store()
	for _, tpl := range []history.Template{{Name: "standup", Source: "Standup at {{.time}}\n"}, {Name: "poll", Source: "My own poll: {{.q}}\n"}} {
		if err := store.SaveTemplate(tpl); err != nil {
			t.Fatal(err)
		}
	}
	store.Close()
	res = h.exec("", "templates", "--json")
	var entries []templateEntry
	for line := range strings.Lines(res.stdout) {
		var e templateEntry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		entries = append(entries, e)
	}
	from := map[string]string{}
	for _, e := range entries {
		from[e.Name] = e.From + " " + strings.Join(e.Variables, ",")
	}
	if from["standup"] != "saved time" || from["poll"] != "saved q" || from["incident"] == "" || len(entries) != 6 {
		t.Errorf("entries %v", from)
	}
}

// TestSendFromTemplate: --template sends a starter with its --var values; every missing value
// is named with its flag; an unknown name or a FILE beside --template is a usage error, and
// nothing reaches Zoom.
func TestSendFromTemplate(t *testing.T) {
	h := newHarness(t)
	res := h.exec("", "send", "--to", zoomtest.ChannelGeneral, "--template", "poll", "--var", "question=Lunch?")
	assertOneErrorLine(t, res, ExitUsage, "variables closes, option_a, option_b, option_c", "--var closes=VALUE --var option_a=VALUE --var option_b=VALUE --var option_c=VALUE")
	res = h.exec("", "send", "--to", zoomtest.ChannelGeneral, "--template", "nope")
	assertOneErrorLine(t, res, ExitUsage, `no template "nope"`, "release-notes")
	res = h.exec("", "payload", h.writeFile("card.md", "hi"), "--template", "poll")
	assertOneErrorLine(t, res, ExitUsage, "not both")
	if n := h.apiRequests(); n != 0 {
		t.Fatalf("%d requests reached Zoom", n)
	}

	res = h.exec("", "send", "--to", zoomtest.ChannelGeneral, "--template", "poll", "--var", "question=Lunch?",
		"--var", "closes=noon", "--var", "option_a=Pizza", "--var", "option_b=Sushi", "--var", "option_c=Salad")
	if res.code != 0 {
		t.Fatalf("send --template: %d %s", res.code, res.stderr)
	}
	sent := h.server.Messages()
	if len(sent) != 1 || !strings.Contains(string(sent[0].Contents[0]), `"Poll: Lunch?"`) || !strings.Contains(string(sent[0].Contents[0]), `"Pizza"`) {
		t.Errorf("the simulator holds %+v", sent)
	}
}

// TestPreviewFromTemplate: preview and payload take --template instead of FILE.
func TestPreviewFromTemplate(t *testing.T) {
	h := newHarness(t)
	res := h.exec("", "preview", "--width", "60", "--template", "maintenance", "--var", "service=VPN",
		"--var", "window=Sat 08:00", "--var", "details=Reconnect after.", "--var", "contact=@ops")
	if res.code != 0 || !strings.Contains(res.stdout, "Planned maintenance: VPN") {
		t.Errorf("preview --template: %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if res := h.exec("", "preview"); res.code != ExitUsage {
		t.Errorf("preview with neither FILE nor --template exited %d", res.code)
	}
}

// TestTemplateCompletion: the shell completes --template with every template and its line.
func TestTemplateCompletion(t *testing.T) {
	h := newHarness(t)
	res := h.exec("", "__complete", "send", "--template", "")
	for _, want := range []string{"incident\tAn incident is open", "poll\t", "welcome\t"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("completion lacks %q:\n%s", want, res.stdout)
		}
	}
}
