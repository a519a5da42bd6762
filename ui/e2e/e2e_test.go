// Package e2e drives the real zoompose binary in a real terminal (tmux)
// against the Zoom simulator, typing as a person does, and asserts both on
// the screen and on the requests the simulator received.
package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// terminal is a tmux server of its own (its own socket) running one app.
type terminal struct {
	t      *testing.T
	socket string
}

// buildBinary builds zoompose into a temp dir, once per test.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "zoompose")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/zoompose/zoompose")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// start runs command in a detached 120x40 tmux session with env.
func start(t *testing.T, env []string, command string) *terminal {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; .ci/run installs it (apt-get install tmux)")
	}
	term := &terminal{t: t, socket: fmt.Sprintf("zoompose-e2e-%d", time.Now().UnixNano())}
	args := []string{"new-session", "-d", "-s", "app", "-x", "120", "-y", "40"}
	for _, e := range env {
		args = append(args, "-e", e)
	}
	term.tmux(append(args, command)...)
	t.Cleanup(func() { exec.Command("tmux", "-L", term.socket, "kill-server").Run() })
	return term
}

func (term *terminal) tmux(args ...string) string {
	term.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", term.socket}, args...)...).CombinedOutput()
	if err != nil {
		term.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// typeText types text literally, as a person would.
func (term *terminal) typeText(text string) { term.tmux("send-keys", "-t", "app", "-l", "--", text) }

// press sends tmux key names: Enter, Escape, Tab, C-s, F3, End…
func (term *terminal) press(keys ...string) {
	for _, k := range keys {
		term.tmux("send-keys", "-t", "app", k)
	}
}

func (term *terminal) screen() string { return term.tmux("capture-pane", "-p", "-t", "app") }

// waitFor polls the screen until it shows every one of texts.
func (term *terminal) waitFor(texts ...string) string {
	term.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		screen := term.screen()
		missing := ""
		for _, text := range texts {
			if !strings.Contains(screen, text) {
				missing = text
				break
			}
		}
		if missing == "" {
			return screen
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("the screen never showed %q; it shows:\n%s", missing, screen)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitUntil polls cond until it holds.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// simulatorEnv is the environment of an app that talks to srv as its Zoom, keeps its
// history in db and its configuration under dir (so the user's own is never read), plus
// any extra VAR=value.
func simulatorEnv(srv *zoomtest.Server, dir, db string, extra ...string) []string {
	env := []string{
		"ZOOM_CLIENT_ID=" + zoomtest.ClientID, "ZOOM_CLIENT_SECRET=" + zoomtest.ClientSecret,
		"ZOOM_ACCOUNT_ID=" + zoomtest.AccountID, "ZOOM_BOT_JID=" + zoomtest.RobotJID,
		"ZOOM_USER_JID=" + zoomtest.UserJID, "ZOOM_API_URL=" + srv.APIURL(), "ZOOM_TOKEN_URL=" + srv.TokenURL(),
		"ZOOMPOSE_DB=" + db, "XDG_CONFIG_HOME=" + dir, "HOME=" + dir, "TERM=xterm-256color",
	}
	return append(env, extra...)
}

// openHistory opens the history file db (the app must have released it); the caller
// closes it.
func openHistory(t *testing.T, db string) *history.Store {
	t.Helper()
	store, err := history.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	return store
}

// labelRecipient gives a JID a label in the history, as a user who sent to
// it before and named it would have.
func labelRecipient(t *testing.T, db, jid, label string) {
	t.Helper()
	store := openHistory(t, db)
	defer store.Close()
	if err := store.TouchRecipient(jid, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := store.SetRecipientLabel(jid, label); err != nil {
		t.Fatal(err)
	}
}

func requests(srv *zoomtest.Server, method, pathPrefix string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && strings.HasPrefix(r.Path, pathPrefix) && r.Status < 300 {
			n++
		}
	}
	return n
}

// TestComposeSendEditDeleteUnfurl is the whole life of a message, typed into
// the real binary: compose a card, send it, find it in the history, edit it,
// delete it, and unfurl a link with it.
func TestComposeSendEditDeleteUnfurl(t *testing.T) {
	bin := buildBinary(t)
	srv := zoomtest.NewServer()
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "history.db")
	env := simulatorEnv(srv, dir, db)
	labelRecipient(t, db, zoomtest.ChannelGeneral, "general")
	term := start(t, env, bin+" 2>"+filepath.Join(dir, "stderr"))
	term.waitFor("New message", "Preview")

	// Compose: the preview follows the typing.
	term.typeText("Deploy **finished** in all regions.")
	term.press("Enter", "Enter")
	term.typeText("```actions")
	term.press("Enter")
	term.typeText("- [Looks good](ok) primary")
	term.press("Enter")
	term.typeText("```")
	term.waitFor("Deploy finished in all regions.", "Looks good")

	// Send to #general, picked by label from the recipient list.
	term.press("C-s")
	term.waitFor("Send the card", "To")
	term.typeText("general")
	term.press("Tab", "C-s")
	screen := term.waitFor("Sent ")
	waitUntil(t, "the simulator has the message", func() bool { return len(srv.Messages()) == 1 })
	sent := srv.Messages()[0]
	if sent.ToJID != zoomtest.ChannelGeneral || !sent.Markdown {
		t.Fatalf("simulator got %+v", sent)
	}
	var card map[string]any
	if err := json.Unmarshal(sent.Contents[0], &card); err != nil || !strings.Contains(string(sent.Contents[0]), "*finished*") {
		t.Fatalf("content on the wire: %s (%v)", sent.Contents[0], err)
	}
	if !strings.Contains(screen, sent.ID[:8]) {
		t.Fatalf("the screen does not name message %s:\n%s", sent.ID, screen)
	}

	// Find it in the history by text, open it.
	term.press("F3")
	term.waitFor("History")
	term.press("/")
	term.typeText("deploy")
	term.press("Enter")
	term.waitFor("general", "Deploy")
	term.press("Enter")
	term.waitFor("zoompose › Message", "id         "+sent.ID) // not the history, whose status line names the id too

	// Edit: the composer loads the source; the PUT waits for confirmation.
	term.press("e")
	term.waitFor("Editing")
	term.press("C-Home")
	term.typeText("Update: ")
	term.press("C-s")
	// The dialog's title, not the new text: the preview shows that before the dialog opens,
	// and a y pressed then would go into the editor.
	term.waitFor("Send this edit", "Update: Deploy")
	term.press("y")
	waitUntil(t, "the edit reached the simulator", func() bool {
		m, _ := srv.Message(sent.ID)
		return len(m.Contents) == 2
	})
	term.waitFor("2 revisions")

	// Delete, after a dialog naming the recipient.
	term.press("d")
	term.waitFor("Delete message", "sent to general") // the dialog, which the detail's own "general" is not
	term.press("y")
	waitUntil(t, "the delete reached the simulator", func() bool {
		m, _ := srv.Message(sent.ID)
		return m.Deleted
	})
	term.waitFor("deleted")

	// Unfurl a shared link with this card.
	trigger := srv.IssueTrigger("alice")
	term.press("u")
	term.waitFor("Unfurl")
	term.press("C-s")
	term.waitFor("User id", "Trigger id")
	term.typeText("alice")
	term.press("Tab")
	term.typeText(trigger)
	term.press("C-s")
	waitUntil(t, "the unfurl reached the simulator", func() bool { return len(srv.Unfurls()) == 1 })
	term.waitFor("Unfurl posted")

	// Quit, then check what the history file kept.
	term.press("C-c")
	waitForExit(t, db)
	store := openHistory(t, db)
	defer store.Close()
	rec, err := store.Get(sent.ID)
	if err != nil || rec.Status != history.StatusDeleted || len(rec.Revisions) != 2 {
		t.Fatalf("history record %+v, %v", rec, err)
	}
	if unfurls, _ := store.Unfurls(5); len(unfurls) != 1 || unfurls[0].TriggerID != trigger {
		t.Fatalf("history unfurls %+v", unfurls)
	}
	if data, _ := os.ReadFile(db); strings.Contains(string(data), zoomtest.ClientSecret) {
		t.Fatal("the client secret reached the history file")
	}
	if n := requests(srv, "POST", "/oauth/token"); n != 1 {
		t.Errorf("%d token requests for one session; the token must be reused", n)
	}
}
