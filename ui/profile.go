package ui

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// The profile switch (f6) lists the config file's profiles and moves the
// app to the one picked, as if it had been started with --profile NAME:
// a new Zoom client, its history file when the profile names another one,
// its event subscription, its scheduled-send lateness. The screens keep
// their state — the composer its draft — because they read the shared Deps,
// which the switch changes in one Update. It is refused while a request is
// on its way to Zoom: its answer must settle the record it began.

// ProfileChoice is one profile of the config file, as the picker lists it.
type ProfileChoice struct {
	Name string
	Kind string // "dev", "prod" or "" (dev)
}

// Profiles are the config file's profiles, for the in-app switch. The
// command line provides them; nil when there is no config file to pick from.
type Profiles struct {
	// List reads the profiles, in the order to show them.
	List func() ([]ProfileChoice, error)
	// Load resolves profile name as the command line does for --profile
	// name: the app options of that profile (Zoom nil and ConfigHint set when
	// its credentials are incomplete). Theme and Sandbox are not used.
	Load func(name string) (RunOptions, error)
}

// profileSwitcher does the switch's I/O, in commands: it reads the profiles,
// builds the client, opens a history file and moves the event listener.
// New makes one from Options; Run gives it the app's client builder (rate
// limit reports reach the program) and event slot.
type profileSwitcher struct {
	profiles  *Profiles
	newClient func(zoom.Config) (*zoom.Client, error)
	events    *eventsSlot

	mu    sync.Mutex
	owned *history.Store // a history this switcher opened, closed when replaced or by closeOwned
}

func newProfileSwitcher(opts Options) *profileSwitcher {
	sw := &profileSwitcher{profiles: opts.Profiles, newClient: opts.newClient, events: opts.events}
	if sw.newClient == nil {
		sw.newClient = zoom.New
	}
	if sw.events == nil {
		sw.events = &eventsSlot{}
	}
	return sw
}

// eventsSlot holds the one event listener of the app, so that a switch (or
// the sandbox) replaces it rather than adding a second.
type eventsSlot struct {
	listen func(*zoom.Client, *history.Store, zoom.EventsConfig) (stop func())
	mu     sync.Mutex
	stopFn func()
}

// start stops the listener running, if any, then listens with client and
// store when cfg is set.
func (e *eventsSlot) start(client *zoom.Client, store *history.Store, cfg *zoom.EventsConfig) {
	e.stop()
	if cfg == nil || client == nil || e.listen == nil {
		return
	}
	stop := e.listen(client, store, *cfg)
	e.mu.Lock()
	e.stopFn = stop
	e.mu.Unlock()
}

func (e *eventsSlot) stop() {
	e.mu.Lock()
	stop := e.stopFn
	e.stopFn = nil
	e.mu.Unlock()
	if stop != nil {
		stop()
	}
}

// picker is the profile picker on show; nil when closed.
type picker struct {
	choices []ProfileChoice
	cursor  int
}

// profilesListedMsg opens the picker with the profiles read.
type profilesListedMsg struct {
	choices []ProfileChoice
	err     error
}

// profileSwitchedMsg is a switch whose I/O is done: the root swaps Deps.
type profileSwitchedMsg struct {
	name    string
	client  *zoom.Client // nil: the profile's credentials are incomplete
	hint    string       // why client is nil
	store   *history.Store
	profile common.Profile
	maxLate time.Duration // of scheduled sends (zero: the default)
	err     error
}

// openPicker reads the profiles in a command; the picker opens when they come.
func (m *Model) openPicker() tea.Cmd {
	if m.switcher == nil || m.switcher.profiles == nil {
		return common.Status(common.StatusWarn, "No profiles to switch to: the app was started without a config file (or with --sandbox); profiles are [profiles.NAME] tables of config.toml (README, Configuration)")
	}
	list := m.switcher.profiles.List
	return func() tea.Msg {
		choices, err := list()
		return profilesListedMsg{choices: choices, err: err}
	}
}

// updateProfile handles the switch's messages; ok is false for any other.
func (m *Model) updateProfile(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case profilesListedMsg:
		if msg.err != nil {
			return common.Status(common.StatusError, "The profiles could not be read: "+msg.err.Error()), true
		}
		if len(msg.choices) == 0 {
			return common.Status(common.StatusWarn, "The config file has no profiles to switch to: add [profiles.NAME] tables (README, Configuration)"), true
		}
		m.picker = &picker{choices: msg.choices}
		for i, c := range msg.choices {
			if c.Name == m.currentProfile() {
				m.picker.cursor = i
			}
		}
		return nil, true
	case profileSwitchedMsg:
		return m.profileSwitched(msg), true
	}
	return nil, false
}

// currentProfile is the name of the profile in use, "" in the sandbox.
func (m *Model) currentProfile() string {
	if p := m.common.Deps.Profile; !p.Sandbox {
		return p.Name
	}
	return ""
}

func (m *Model) picking() bool { return m.picker != nil }

// pickerKey moves in the picker, switches on enter, closes on esc or f6.
func (m *Model) pickerKey(msg tea.KeyPressMsg) tea.Cmd {
	p := m.picker
	switch msg.String() {
	case "up", "k":
		p.cursor = max(p.cursor-1, 0)
	case "down", "j":
		p.cursor = min(p.cursor+1, len(p.choices)-1)
	case "esc", "f6":
		m.picker = nil
	case "enter":
		choice := p.choices[p.cursor]
		m.picker = nil
		return m.switchProfile(choice.Name)
	}
	return nil
}

// switchProfile refuses while something is on its way to Zoom, else saves
// the draft where it belongs and does the switch's I/O in a command.
func (m *Model) switchProfile(name string) tea.Cmd {
	if name == m.currentProfile() {
		return common.Status(common.StatusInfo, "Already on profile "+name)
	}
	if m.sched.running || m.sched.busy != "" {
		// The check may be sending a due send through this profile: the
		// switch follows it (resumeSwitch).
		m.pendingSwitch = name
		return common.Status(common.StatusInfo, "Switching to profile "+name+" once the scheduled sends are checked…")
	}
	m.pendingSwitch = ""
	m.switching = true
	deps, sw := m.common.Deps, m.switcher
	current := deps.Store
	return tea.Sequence(append(m.flushes(), func() tea.Msg {
		return sw.switchTo(name, current)
	})...)
}

// resumeSwitch makes the switch that waited for the scheduler, once it is idle.
func (m *Model) resumeSwitch() tea.Cmd {
	if m.pendingSwitch == "" || m.sched.running || m.sched.busy != "" {
		return nil
	}
	return m.switchProfile(m.pendingSwitch)
}

// switchTo does the switch's I/O: it refuses while current has a request in
// flight, then loads the profile, builds its client, opens its history when
// it is another file and moves the event listener to it. On error nothing
// changed.
func (sw *profileSwitcher) switchTo(name string, current *history.Store) tea.Msg {
	if current != nil {
		inFlight, err := current.InFlight()
		if err != nil {
			return profileSwitchedMsg{name: name, err: err}
		}
		if len(inFlight) > 0 {
			return profileSwitchedMsg{name: name, err: &busyError{kinds: inFlight}}
		}
	}
	run, err := sw.profiles.Load(name)
	if err != nil {
		return profileSwitchedMsg{name: name, err: err}
	}
	msg := profileSwitchedMsg{name: name, hint: run.ConfigHint, profile: run.Profile, maxLate: run.ScheduleMaxLate}
	if run.Zoom != nil {
		if msg.client, err = sw.newClient(*run.Zoom); err != nil {
			return profileSwitchedMsg{name: name, err: err}
		}
	}
	msg.store = current
	if current == nil || !samePath(current.Path(), run.DBPath) {
		if msg.store, err = history.Open(run.DBPath); err != nil {
			return profileSwitchedMsg{name: name, err: err}
		}
	}
	sw.events.start(msg.client, msg.store, run.Events)
	return msg
}

// samePath reports whether two history paths name the same file.
func samePath(a, b string) bool {
	if a == b {
		return true
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// busyError says what is in flight.
type busyError struct{ kinds map[history.OpKind]int }

func (e *busyError) Error() string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(e.kinds)) {
		parts = append(parts, fmt.Sprintf("%d %s", e.kinds[k], k))
	}
	return "a request is on its way to Zoom (" + strings.Join(parts, ", ") + "); its answer must settle its record in this profile's history: switch when it has landed"
}

// profileSwitched points the app at the new profile: every screen reads the
// shared Deps, so the change is seen everywhere at once; lists, recipients
// and the outbox count reload through HistoryChangedMsg. The history the
// app left is closed when it is another file.
func (m *Model) profileSwitched(msg profileSwitchedMsg) tea.Cmd {
	m.switching = false
	if msg.err != nil {
		return tea.Batch(common.Status(common.StatusError, "Profile not switched to "+msg.name+": "+msg.err.Error()), m.checkDue())
	}
	deps := m.common.Deps
	old := deps.Store
	deps.Client, deps.Store, deps.Profile, deps.ConfigHint = msg.client, msg.store, msg.profile, msg.hint
	// The scheduler's timer and questions carry on; only its lateness is the
	// profile's. The new listener, if the profile has events, reports its state.
	m.sched.maxLate = newScheduler(msg.maxLate).maxLate
	m.eventConn = ""
	cmds := []tea.Cmd{
		m.switchedStatus(msg),
		func() tea.Msg { return common.HistoryChangedMsg{} },
		m.checkDue(), // the new profile's due sends, and any check the switch held back
	}
	if old != nil && old != msg.store {
		cmds = append(cmds, m.switcher.replaceOwned(old, msg.store))
	}
	return tea.Batch(cmds...)
}

// switchedStatus says where the app now sends; a prod profile says so in
// the warning colour, as its badge does.
func (m *Model) switchedStatus(msg profileSwitchedMsg) tea.Cmd {
	name := termtext.Line(msg.name)
	switch {
	case msg.client == nil:
		return common.Status(common.StatusWarn, "Profile "+name+": offline — "+msg.hint)
	case msg.profile.Kind == "prod":
		return common.Status(common.StatusWarn, "Profile "+name+" is PRODUCTION: sends, edits and deletes reach real people (each asks first)")
	}
	return common.Status(common.StatusOK, "Profile "+name+": sends go to bot "+termtext.Line(msg.profile.RobotJID))
}

// replaceOwned closes old (the history the app left), in a command, and
// remembers next as the one to close at exit.
func (sw *profileSwitcher) replaceOwned(old, next *history.Store) tea.Cmd {
	sw.mu.Lock()
	sw.owned = next
	sw.mu.Unlock()
	return func() tea.Msg {
		if err := old.Close(); err != nil {
			return common.StatusMsg{Kind: common.StatusError, Text: err.Error()}
		}
		return nil
	}
}

// closeOwned closes the history a switch opened, when the app ends.
func (sw *profileSwitcher) closeOwned() {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	if sw.owned != nil {
		sw.owned.Close()
		sw.owned = nil
	}
}

// pickerView lists the profiles: the current one marked, prod in its colour.
func (m *Model) pickerView() string {
	s := m.common.Styles
	lines := []string{s.Title.Render("Switch profile") + s.Muted.Render("  · enter switches · esc closes"), ""}
	width := 0
	for _, c := range m.picker.choices {
		width = max(width, len(termtext.Line(c.Name)))
	}
	for i, c := range m.picker.choices {
		kind := c.Kind
		if kind == "" {
			kind = "dev"
		}
		badge := s.BadgeDev
		if kind == "prod" {
			badge = s.BadgeProd
		}
		row := fmt.Sprintf("%-*s  ", width, termtext.Line(c.Name)) + badge.Render(strings.ToUpper(termtext.Line(kind)))
		if c.Name == m.currentProfile() {
			row += s.Muted.Render("  (current)")
		}
		if i == m.picker.cursor {
			lines = append(lines, s.Selected.Render("› ")+row)
			continue
		}
		lines = append(lines, "  "+row)
	}
	note := ansi.Wrap("The draft stays in the composer. A switch waits for any request on its way to Zoom.", max(m.common.Width, 1), " ")
	lines = append(lines, "")
	for _, l := range strings.Split(note, "\n") {
		lines = append(lines, s.Muted.Render(l))
	}
	return strings.Join(lines, "\n")
}

// pickerBindings are the picker's keys for the footer.
func pickerBindings() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "choose")),
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "switch")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}
}
