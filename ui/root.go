// Package ui is zoompose's interactive app. The root model in this file only
// routes: it holds one model per screen (ui/composer, ui/sendform, …), sends
// key presses to the active screen and every other message to all of them,
// switches screens on the navigation messages of ui/common, and draws the
// chrome around the active screen: title bar, status bar and help footer.
package ui

import (
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/widget"
	"github.com/zoompose/zoompose/zoom"
)

// chromeRows is the height the root draws around the active screen: the
// title bar, the status bar and the help footer.
const chromeRows = 3

// statusTTL is how long an info or success status stays; errors stay until
// replaced, because the user must read them.
const statusTTL = 8 * time.Second

// Model is the root model.
type Model struct {
	common     common.Common
	screens    map[common.ScreenID]common.Screen
	active     common.ScreenID
	back       []common.ScreenID
	keys       globalKeys
	help       help.Model
	showHelp   bool
	helpTop    int // the help overlay's first shown line (helpoverlay.go)
	status     common.StatusMsg
	statusSeq  int
	log        messageLog       // every status of the session, opened with ctrl+g (msglog.go)
	now        func() time.Time // the clock the log's times come from
	outbox     int
	damaged    *history.DamagedError // the history file's damage once seen: sending is off
	eventConn  string                // the event connection's state for the status bar; "" when events are off
	themeFixed bool                  // a theme was chosen by flag/config: ignore the background reply

	notice          bool    // the offline notice is shown (no credentials; sandbox offered)
	sandbox         tea.Cmd // starts the sandbox: a common.SandboxReadyMsg; nil when not offered
	sandboxStarting bool

	sched scheduler // sends the scheduled sends that fall due while the app runs (scheduler.go)

	switcher      *profileSwitcher // the in-app profile switch (profile.go)
	picker        *picker          // the profile picker on show; nil when closed
	pendingSwitch string           // a switch waiting for the scheduler to be idle
	switching     bool             // a switch's I/O runs: no key and no scheduled send may start an operation
}

// Options configure the root model.
type Options struct {
	Theme      themes.Theme
	ThemeFixed bool // true when the user chose the theme; otherwise it follows the terminal background
	Deps       *common.Deps
	Screens    map[common.ScreenID]common.Screen
	Start      common.ScreenID
	// StartSandbox, when set, is offered to a user without credentials: it
	// starts the built-in simulator and answers a common.SandboxReadyMsg.
	StartSandbox tea.Cmd
	// ScheduleMaxLate is how late a scheduled send may go out by itself;
	// a later one asks. Zero: anything late asks (as for `schedule run`).
	ScheduleMaxLate time.Duration
	// Profiles, when set, are offered by the profile switch (f6).
	Profiles *Profiles
	// newClient and events are Run's (profile.go); tests leave them nil.
	newClient func(zoom.Config) (*zoom.Client, error)
	events    *eventsSlot
}

// New builds the root model around the given screens.
func New(opts Options) *Model {
	m := &Model{
		common:     common.NewCommon(opts.Theme, opts.Deps),
		screens:    opts.Screens,
		active:     opts.Start,
		keys:       newGlobalKeys(),
		help:       help.New(),
		themeFixed: opts.ThemeFixed,
		sandbox:    opts.StartSandbox,
		sched:      newScheduler(opts.ScheduleMaxLate),
		log:        newMessageLog(),
		now:        time.Now,
		switcher:   newProfileSwitcher(opts),
	}
	m.notice = opts.Deps.Client == nil && opts.StartSandbox != nil
	m.applyCommon()
	return m
}

// Init asks the terminal for its background colour (the reply may never come:
// the default theme stays) and starts every screen.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.countOutbox(), m.checkDue()}
	if m.common.Deps.Client == nil && !m.notice {
		cmds = append(cmds, common.Status(common.StatusWarn, "Offline: "+m.common.Deps.NotConfigured()))
	}
	for _, id := range m.order() {
		cmds = append(cmds, m.screens[id].Init())
	}
	return tea.Batch(cmds...)
}

// order returns screen ids in a fixed order so that broadcasting is
// deterministic.
func (m *Model) order() []common.ScreenID {
	ids := make([]common.ScreenID, 0, len(m.screens))
	for id := common.ScreenComposer; id <= common.ScreenEvents; id++ {
		if _, ok := m.screens[id]; ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// Active returns the screen id on show (for tests).
func (m *Model) Active() common.ScreenID { return m.active }

// Update routes msg: keys and pastes to the active screen, results and
// requests to the one screen they are for (see addressee), notifications to
// every screen.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	model, cmd := m.update(msg)
	return model, tea.Batch(cmd, m.noticeDamage())
}

// noticeDamage says once, as soon as the history file showed damage (a read
// at start, or the first write that failed), that nothing will be sent, and
// tells the screens to turn their sending keys off.
func (m *Model) noticeDamage() tea.Cmd {
	store := m.common.Deps.Store
	if m.damaged != nil || store == nil || store.Damaged() == nil {
		return nil
	}
	m.damaged = store.Damaged()
	text := "The history at " + m.damaged.Path + " is damaged, so nothing will be sent: sending is off. Move the file away and start zoompose again."
	return tea.Batch(common.Status(common.StatusError, text), func() tea.Msg { return common.HistoryDamagedMsg{} })
}

func (m *Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.common.SetSize(msg.Width, msg.Height)
		m.applyCommon()
		// The screens have their size through SetCommon; the message itself
		// lets one start work for it, such as the composer's preview render
		// for the new width (off the Update path), which would otherwise wait
		// for the next key.
		return m, m.broadcast(msg)
	case tea.BackgroundColorMsg:
		if !m.themeFixed && !m.common.Theme.Plain {
			m.common.SetTheme(themes.Default(msg.IsDark()))
			m.applyCommon()
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.PasteMsg, tea.PasteStartMsg, tea.PasteEndMsg:
		// Pasted text is typing: it goes where the keys go, not to every
		// screen with a focused input.
		if m.notice || m.showHelp || m.log.open || m.asking() || m.picking() {
			return m, nil
		}
		return m, m.updateScreen(m.active, msg)
	case common.StatusMsg:
		return m, m.setStatus(msg)
	case clearStatusMsg:
		if msg.seq == m.statusSeq {
			m.status = common.StatusMsg{}
		}
		return m, nil
	case outboxCountMsg:
		m.outbox = int(msg)
		return m, nil
	case common.SandboxReadyMsg:
		return m, m.sandboxReady(msg)
	}
	if cmd, ok := m.updateScheduler(msg); ok {
		return m, tea.Batch(cmd, m.resumeSwitch())
	}
	if cmd, ok := m.updateProfile(msg); ok {
		return m, cmd
	}
	if rel, ok := msg.(common.RecordReleasedMsg); ok {
		// Both screens that may hold a card tied to the record learn it.
		return m, tea.Batch(m.updateScreen(common.ScreenComposer, rel), m.updateScreen(common.ScreenSend, rel))
	}
	nav := m.navigate(msg)
	if to, ok := m.addressee(msg); ok {
		return m, tea.Batch(nav, m.updateScreen(to, msg))
	}
	return m, tea.Batch(nav, m.broadcast(msg), m.afterChange(msg))
}

// addressee is the one screen a result or a request is for: an operation's
// result goes back to the screen that started it, a submitted draft to the
// screen that sends it, and the composer's own messages to the composer.
// Notifications (the history changed, a rate-limit wait, spinner ticks) go
// to every screen.
func (m *Model) addressee(msg tea.Msg) (common.ScreenID, bool) {
	switch msg := msg.(type) {
	case widget.Landed:
		return msg.Screen, true
	case common.CopyMsg:
		return msg.Screen, true
	case common.SubmitDraftMsg:
		return submitTarget(msg.Mode), true
	case common.ComposeMsg, common.DraftSentMsg, common.DraftKeptMsg:
		return common.ScreenComposer, true
	case common.ShowDetailMsg:
		return common.ScreenDetail, true
	}
	return 0, false
}

// submitTarget is the screen that takes a draft submitted in mode.
func submitTarget(mode common.ComposeMode) common.ScreenID {
	switch mode {
	case common.ComposeEdit:
		return common.ScreenDetail
	case common.ComposeUnfurl:
		return common.ScreenUnfurl
	case common.ComposeScheduled:
		return common.ScreenHistory
	}
	return common.ScreenSend
}

// handleKey takes the global keys and hands every other key to the active
// screen.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	typing := m.screens[m.active].Typing()
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.quit()
	case m.switching:
		// An operation started now would record in the history the switch
		// is about to leave (and close): the keys wait the moment it takes.
		return common.Status(common.StatusInfo, "Switching profile…")
	case m.log.open:
		m.log.update(msg)
		return nil
	case key.Matches(msg, m.keys.Log):
		m.log.show()
		return nil
	case m.notice:
		return m.noticeKey(msg)
	case m.asking():
		return m.lateKey(msg)
	case m.picking():
		return m.pickerKey(msg)
	case key.Matches(msg, m.keys.Profile):
		return m.openPicker()
	case m.showHelp && (msg.String() == "esc" || key.Matches(msg, m.keys.Help)):
		m.showHelp = false
		return nil
	case msg.String() == "f1" || (!typing && key.Matches(msg, m.keys.Help)):
		m.showHelp, m.helpTop = true, 0
		return nil
	case !typing && key.Matches(msg, m.keys.QuitLetter):
		return m.quit()
	case key.Matches(msg, m.keys.Compose) && (!typing || msg.String() != "c"):
		// The compose keys always lead to the new-message draft, whatever
		// the composer showed last (an edit, an unfurl card).
		compose := common.ComposeMsg{Mode: common.ComposeNew}
		return tea.Batch(m.show(common.ScreenComposer), m.updateScreen(common.ScreenComposer, compose))
	case key.Matches(msg, m.keys.History):
		return m.show(common.ScreenHistory)
	case key.Matches(msg, m.keys.Outbox):
		return m.show(common.ScreenOutbox)
	case key.Matches(msg, m.keys.Events):
		return m.show(common.ScreenEvents)
	}
	if m.showHelp {
		m.scrollHelp(msg)
		return nil
	}
	return m.updateScreen(m.active, msg)
}

// quit saves whatever a screen must not lose, then quits.
func (m *Model) quit() tea.Cmd {
	return tea.Sequence(append(m.flushes(), tea.Quit)...)
}

// flushes are the commands that save what screens must not lose (the draft).
func (m *Model) flushes() []tea.Cmd {
	var cmds []tea.Cmd
	for _, id := range m.order() {
		if f, ok := m.screens[id].(interface{ Flush() tea.Cmd }); ok {
			cmds = append(cmds, f.Flush())
		}
	}
	return cmds
}

// navigate switches screens for the navigation messages; the message itself
// is still broadcast, so the target screen can load what it names.
func (m *Model) navigate(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.NavigateMsg:
		return m.show(msg.To)
	case common.BackMsg:
		return m.goBack()
	case common.ComposeMsg:
		return m.show(common.ScreenComposer)
	case common.ShowDetailMsg:
		return m.show(common.ScreenDetail)
	case common.SubmitDraftMsg:
		if m.common.Deps.Client == nil && m.sandbox != nil {
			m.notice = true // sending needs credentials: say how, and offer the sandbox again
		}
		return m.show(submitTarget(msg.Mode))
	}
	return nil
}

// afterChange refreshes what the root shows when the history changed, and
// reads the recipients once for every screen that shows them.
func (m *Model) afterChange(msg tea.Msg) tea.Cmd {
	if c, ok := msg.(common.EventConnMsg); ok {
		m.eventConn = string(c.State.Phase)
		if c.State.Phase == zoom.PhaseReconnecting {
			m.eventConn += " in " + c.State.Wait.Round(time.Second).String()
		}
	}
	if _, ok := msg.(common.HistoryChangedMsg); ok {
		return tea.Batch(m.countOutbox(), common.LoadRecipients(m.common.Deps.Store), m.checkDue())
	}
	return nil
}

func (m *Model) show(id common.ScreenID) tea.Cmd {
	if _, ok := m.screens[id]; !ok || id == m.active {
		return nil
	}
	m.back = append(m.back, m.active)
	m.active = id
	m.showHelp = false
	return m.screens[id].Init()
}

func (m *Model) goBack() tea.Cmd {
	if len(m.back) == 0 {
		if m.active == common.ScreenComposer {
			return nil
		}
		m.active = common.ScreenComposer
		return nil
	}
	m.active = m.back[len(m.back)-1]
	m.back = m.back[:len(m.back)-1]
	return nil
}

func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, id := range m.order() {
		cmds = append(cmds, m.updateScreen(id, msg))
	}
	return tea.Batch(cmds...)
}

func (m *Model) updateScreen(id common.ScreenID, msg tea.Msg) tea.Cmd {
	screen, cmd := m.screens[id].Update(msg)
	m.screens[id] = screen
	return cmd
}

// applyCommon hands every screen the space left inside the chrome.
func (m *Model) applyCommon() {
	inner := m.common
	inner.SetSize(m.common.Width, m.common.Height-chromeRows)
	for _, id := range m.order() {
		m.screens[id].SetCommon(inner)
	}
	m.help.SetWidth(m.common.Width)
	m.help.Styles = helpStyles(m.common.Styles)
	m.log.setCommon(inner.Width, inner.Height, m.common.Styles)
}

type clearStatusMsg struct{ seq int }

func (m *Model) setStatus(s common.StatusMsg) tea.Cmd {
	m.status = s
	m.log.add(m.now(), s.Kind, s.Text)
	m.statusSeq++
	if s.Kind == common.StatusError || s.Kind == common.StatusWarn {
		return nil
	}
	seq := m.statusSeq
	return tea.Tick(statusTTL, func(time.Time) tea.Msg { return clearStatusMsg{seq: seq} })
}

type outboxCountMsg int

// countOutbox reads the outbox size for the status bar, off the Update path.
func (m *Model) countOutbox() tea.Cmd {
	store := m.common.Deps.Store
	if store == nil {
		return nil
	}
	return func() tea.Msg {
		entries, err := store.Outbox()
		if err != nil {
			return common.StatusMsg{Kind: common.StatusError, Text: "could not read the outbox: " + err.Error()}
		}
		return outboxCountMsg(len(entries))
	}
}
