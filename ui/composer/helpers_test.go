package composer

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
)

// fixedNow is the clock of every test, so views and records are stable.
var fixedNow = time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)

// newTestModel is a composer of w×h cells in theme t, with store (may be
// nil) and debounce pauses short enough to run their commands inline.
func newTestModel(t *testing.T, w, h int, theme themes.Theme, store *history.Store) *Model {
	t.Helper()
	c := common.NewCommon(theme, &common.Deps{Store: store, Now: func() time.Time { return fixedNow }})
	c.SetSize(w, h)
	m := New(c)
	m.pipeline.delay = time.Millisecond
	m.drafts.delay, m.drafts.maxWait = time.Millisecond, time.Hour
	return m
}

// openStore opens a real history file in a temporary folder.
func openStore(t *testing.T) (*history.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "history.db")
	st, err := history.Open(path)
	if err != nil {
		t.Fatalf("history.Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

// keyPress builds the key press a terminal reports for a key name.
func keyPress(name string) tea.KeyPressMsg {
	switch name {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "alt+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModAlt}
	case "alt+w":
		return tea.KeyPressMsg{Code: 'w', Mod: tea.ModAlt}
	case "alt+v":
		return tea.KeyPressMsg{Code: 'v', Mod: tea.ModAlt}
	case "alt+e":
		return tea.KeyPressMsg{Code: 'e', Mod: tea.ModAlt}
	}
	if len(name) == len("ctrl+x") && name[:5] == "ctrl+" {
		return tea.KeyPressMsg{Code: rune(name[5]), Mod: tea.ModCtrl}
	}
	panic("key: unknown key name " + name)
}

// typeText types s one key press per rune and returns the commands.
func typeText(m *Model, s string) []tea.Cmd {
	var cmds []tea.Cmd
	for _, r := range s {
		var k tea.KeyPressMsg
		if r == '\n' {
			k = keyPress("enter")
		} else {
			k = tea.KeyPressMsg{Code: r, Text: string(r)}
		}
		_, cmd := m.Update(k)
		cmds = append(cmds, cmd)
	}
	return cmds
}

// press sends one key and returns its command.
func press(m *Model, name string) tea.Cmd {
	_, cmd := m.Update(keyPress(name))
	return cmd
}

// settle runs cmds as the program would, feeding the composer's own
// messages back into Update until none is left, and returns the messages
// meant for the root (status, submit, …) in the order they came.
func settle(t *testing.T, m *Model, cmds ...tea.Cmd) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	queue := cmds
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			t.Fatal("settle: the composer keeps producing commands")
		}
		cmd := queue[0]
		queue = queue[1:]
		if cmd == nil {
			continue
		}
		switch msg := cmd().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case common.StatusMsg, common.SubmitDraftMsg:
			out = append(out, msg)
		default:
			if isOwnMsg(msg) {
				_, next := m.Update(msg)
				queue = append(queue, next)
			} else {
				out = append(out, msg)
			}
		}
	}
	return out
}

func isOwnMsg(msg tea.Msg) bool {
	switch msg.(type) {
	case previewTickMsg, previewResultMsg, autosaveTickMsg, draftsReadMsg, needVarsMsg,
		submitCheckedMsg, templatesLoadedMsg, templatePreviewMsg, externalFileMsg, externalDoneMsg:
		return true
	}
	return false
}

// statuses returns the texts of the status messages among msgs.
func statuses(msgs []tea.Msg) []common.StatusMsg {
	var out []common.StatusMsg
	for _, msg := range msgs {
		if s, ok := msg.(common.StatusMsg); ok {
			out = append(out, s)
		}
	}
	return out
}

func splitLines(s string) []string { return strings.Split(s, "\n") }
