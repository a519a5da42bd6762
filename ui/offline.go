package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/ui/common"
)

// The offline notice greets a user who has no Zoom credentials configured:
// it says what to set and offers the built-in sandbox right away, so that a
// first run is never a dead end. Dismissed, the app composes and previews
// offline and sending says how to configure.

// noticeKey handles a key while the notice is shown: s starts the sandbox,
// esc or enter continues offline.
func (m *Model) noticeKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "s":
		if m.sandboxStarting {
			return nil
		}
		m.sandboxStarting = true
		// Save the draft into the user's own history first: the sandbox
		// brings a throw-away one.
		return tea.Sequence(append(m.flushes(), m.sandbox)...)
	case "esc", "enter":
		m.notice = false
		return common.Status(common.StatusWarn, "Offline: compose and preview work; sending needs credentials (f1 for keys)")
	}
	return nil
}

// sandboxReady points the app at the sandbox the starter brought up. Every
// screen reads its dependencies through the shared Deps, so swapping them
// here is seen everywhere; lists and recipients reload through
// HistoryChangedMsg.
func (m *Model) sandboxReady(msg common.SandboxReadyMsg) tea.Cmd {
	m.sandboxStarting = false
	if msg.Err != nil {
		return common.Status(common.StatusError, "The sandbox could not start: "+msg.Err.Error())
	}
	m.notice = false
	deps := m.common.Deps
	deps.Client, deps.Store, deps.Profile = msg.Client, msg.Store, msg.Profile
	return tea.Batch(
		common.Status(common.StatusOK, "Sandbox: a built-in Zoom simulator with a throw-away history; nothing reaches Zoom"),
		func() tea.Msg { return common.HistoryChangedMsg{} },
	)
}

func (m *Model) noticeView() string {
	s := m.common.Styles
	hint := m.common.Deps.NotConfigured()
	lines := []string{
		s.Title.Render("No Zoom credentials yet"),
		"",
		s.Text.Render(hint),
		"",
		s.Text.Render("Without them you can compose and preview, but not send."),
		"",
		s.HelpKey.Render("s") + "    " + s.HelpDesc.Render("try it now in the sandbox: a built-in Zoom simulator, a throw-away history"),
		s.HelpKey.Render("esc") + "  " + s.HelpDesc.Render("continue offline"),
	}
	if m.sandboxStarting {
		lines = append(lines, "", s.Muted.Render("Starting the sandbox…"))
	}
	box := s.Border.Width(max(min(m.common.Width-4, 90), 20)).Padding(0, 1)
	return box.Render(strings.Join(lines, "\n"))
}
