package detail

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/ui/widget"
)

// A broadcast group's detail: its copies with their states, edit all (the
// composer's edit draft for the group, then one confirmation with the diff
// and ops.EditGroup), delete all (ops.DeleteGroup), each copy's outcome as it
// settles, and enter to open one copy and act on it alone with the single
// message actions; esc from that copy comes back to the group.

// groupView is the group shown.
type groupView struct {
	id       string
	copies   []history.Message
	waiting  []history.Scheduled // copies still scheduled, not sent: no group operation reaches them
	loc      *time.Location      // where due times are shown
	labels   map[string]string   // JID -> label
	loaded   bool
	problem  string
	selected int
	outcomes map[int]ops.CopyOutcome // the last group operation's, by copy position
	stream   *common.CopyStream      // the running operation's progress
}

// groupLoadedMsg is a group read from the history.
type groupLoadedMsg struct {
	seq     int
	id      string
	copies  []history.Message
	waiting []history.Scheduled
	labels  map[string]string
	err     error
}

// groupDoneMsg is a group edit's or delete's result; it lands through the dialog.
type groupDoneMsg struct {
	res ops.GroupResult
	err error
}

const (
	actionEditGroup action = iota + 100
	actionDeleteGroup
)

// showGroup switches the screen to group id.
func (m *Model) showGroup(id string) tea.Cmd {
	if m.group == nil || m.group.id != id {
		m.group = &groupView{id: id, outcomes: map[int]ops.CopyOutcome{}, loc: m.common.Now().Location()}
	}
	m.parent = ""
	return m.loadGroup()
}

// loadGroup reads the group's copies and their recipients' labels.
func (m *Model) loadGroup() tea.Cmd {
	store := m.common.Deps.Store
	if store == nil || m.group == nil {
		return nil
	}
	m.loadSeq++
	seq, id := m.loadSeq, m.group.id
	return func() tea.Msg {
		g, err := (&ops.Ops{Store: store}).ReadGroup(id) // reading needs only the history
		res := groupLoadedMsg{seq: seq, id: id, copies: g.Messages, waiting: g.Waiting(), err: err, labels: map[string]string{}}
		if rs, err := store.Recipients(); err == nil {
			for _, r := range rs {
				if r.Label != "" {
					res.labels[r.JID] = r.Label
				}
			}
		}
		return res
	}
}

func (m *Model) receiveGroup(res groupLoadedMsg) {
	g := m.group
	if g == nil || res.seq != m.loadSeq || res.id != g.id {
		return
	}
	if res.err != nil {
		g.problem = "The broadcast could not be read from the history: " + res.err.Error()
		return
	}
	g.copies, g.waiting, g.labels, g.loaded, g.problem = res.copies, res.waiting, res.labels, true, ""
	g.selected = min(g.selected, max(len(g.copies)-1, 0))
}

// groupKey runs the group view's keys.
func (m *Model) groupKey(msg tea.KeyPressMsg) tea.Cmd {
	g, k := m.group, m.keys
	switch {
	case key.Matches(msg, k.Back):
		return func() tea.Msg { return common.BackMsg{} }
	case key.Matches(msg, k.Up):
		g.selected = max(g.selected-1, 0)
	case key.Matches(msg, k.Down):
		g.selected = min(g.selected+1, max(len(g.copies)-1, 0))
	case !g.loaded:
	case g.whyNoneOnZoom() != "" && (pressed(msg, k.Edit) || pressed(msg, k.Delete)):
		return common.Status(common.StatusWarn, "Nothing to edit or delete on Zoom: "+g.whyNoneOnZoom()+".")
	case len(g.copies) == 0:
	case key.Matches(msg, k.Open):
		return m.openCopy()
	case key.Matches(msg, k.Copy):
		return tea.Batch(tea.SetClipboard(g.id),
			common.Status(common.StatusInfo, "Copied "+g.id+" to the clipboard (shown here too: some terminals ignore clipboard requests)"))
	case key.Matches(msg, k.Edit):
		return m.editAll()
	case key.Matches(msg, k.Delete):
		return m.deleteAll()
	}
	return nil
}

// openCopy shows the selected copy alone; esc comes back to the group.
func (m *Model) openCopy() tea.Cmd {
	id, parent := m.group.copies[m.group.selected].ID, m.group.id
	m.group = nil
	m.show(id)
	m.parent = parent
	return m.load()
}

// live is the copies a group operation acts on: on Zoom (not deleted, with
// Zoom's id), with a card.
func (g *groupView) live() []history.Message {
	var out []history.Message
	for _, c := range g.copies {
		if c.OnZoom() && len(c.Revisions) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// whyNoneOnZoom says why edit all and delete all have nothing to act on, ""
// when a copy is on Zoom. A scheduled broadcast whose copies have not gone
// out says so, and where they are changed.
func (g *groupView) whyNoneOnZoom() string {
	switch {
	case len(g.live()) > 0:
		return ""
	case len(g.waiting) > 0:
		return fmt.Sprintf("no copy is sent yet (%s scheduled for %s); the history's Scheduled list (f3, tab) edits, reschedules or cancels them",
			ops.CopiesOf(len(g.waiting)), g.firstDue())
	case len(g.copies) == 0:
		return whyNoCopies
	}
	return "no copy is on Zoom: each is deleted or waits in the outbox (f4)"
}

// waitingNote says, when some copies are still scheduled, that a group
// operation leaves them as they are; "" when none is.
func (g *groupView) waitingNote() string {
	if len(g.waiting) == 0 {
		return ""
	}
	return fmt.Sprintf("%s still scheduled for %s, not sent: edit all and delete all leave them as they are; the history's Scheduled list (f3, tab) changes them",
		ops.CopiesOf(len(g.waiting)), g.firstDue())
}

// firstDue is when the first waiting copy is due.
func (g *groupView) firstDue() string {
	return ops.FirstDue(g.waiting).In(g.loc).Format(widget.DueLayout)
}

// pressed matches msg against b's keys whether or not b is enabled: edit all
// and delete all, off with no copy on Zoom, still say why when pressed.
func pressed(msg tea.KeyPressMsg, b key.Binding) bool {
	return slices.Contains(b.Keys(), msg.String())
}

// editAll opens the composer on the group's edit draft, starting from the
// first live copy's card: the composer keys it by the group id, and its
// submit comes back here (confirmEdit) for the group's confirmation.
func (m *Model) editAll() tea.Cmd {
	live := m.group.live()
	if len(live) == 0 {
		return common.Status(common.StatusWarn, "No copy of this broadcast can be edited: "+m.group.whyNoneOnZoom()+".")
	}
	base := live[0]
	draft := history.Message{ID: m.group.id, Group: m.group.id, ToJID: base.ToJID, Markdown: base.Markdown, Revisions: base.Revisions, Profile: base.Profile}
	source, err := sourceOf(base.ID, base.Live())
	if err != nil {
		return common.Status(common.StatusError, err.Error())
	}
	return func() tea.Msg { return common.ComposeMsg{Mode: common.ComposeEdit, Source: source, Message: &draft} }
}

// confirmGroupEdit asks once, with the diff of the first live copy against
// the new version, before editing every live copy.
func (m *Model) confirmGroupEdit(sub common.SubmitDraftMsg) tea.Cmd {
	id := sub.Message.ID
	cmd := tea.Cmd(nil)
	if m.group == nil || m.group.id != id {
		cmd = m.showGroup(id)
	}
	live := m.group.live()
	base := *sub.Message
	if len(live) > 0 {
		base = live[0]
	}
	all := "every live copy"
	if len(live) > 0 {
		all = fmt.Sprintf("all %d live copies", len(live))
	}
	question := fmt.Sprintf("Replace the card of %s of broadcast %s with the new version? Everyone in each chat sees the change; each copy gets its own revision. The diff is against copy %s.",
		all, id, termtext.Line(base.ID))
	question += sentence(m.group.waitingNote())
	m.openChange(confirmation{action: actionEditGroup, id: id, card: sub.Draft, live: base},
		"Edit all copies", question, base, side{name: "new version", rev: history.RevisionOf(sub.Draft, time.Time{})})
	return cmd
}

// deleteAll asks before deleting every live copy.
func (m *Model) deleteAll() tea.Cmd {
	g := m.group
	live := g.live()
	if len(live) == 0 {
		return common.Status(common.StatusWarn, "No copy of this broadcast can be deleted: "+g.whyNoneOnZoom()+".")
	}
	var body strings.Builder
	for _, c := range live {
		body.WriteString(termtext.Line(c.ID) + "  " + termtext.Line(g.name(c.ToJID)) + "\n")
	}
	m.open(confirmation{action: actionDeleteGroup, id: g.id}, "Delete all copies",
		fmt.Sprintf("Delete all %d live copies of broadcast %s? They disappear from each chat for everyone; zoompose keeps their records.%s", len(live), g.id, sentence(g.waitingNote())),
		m.common.Styles.Muted.Render(strings.TrimRight(body.String(), "\n")))
	return nil
}

// runGroup starts a confirmed group edit or delete, with its copies'
// outcomes coming back one by one.
func (m *Model) runGroup(o *ops.Ops) tea.Cmd {
	c := m.confirm
	id, card, act := c.id, c.card, c.action
	n := 1
	if m.group != nil {
		n = len(m.group.copies)
		m.group.outcomes = map[int]ops.CopyOutcome{}
	}
	stream := common.NewCopyStream(common.ScreenDetail, n)
	if m.group != nil {
		m.group.stream = stream
	}
	doing := "Editing every copy on Zoom…"
	if act == actionDeleteGroup {
		doing = "Deleting every copy on Zoom…"
	}
	run := c.dialog.Start(doing, func(ctx context.Context) tea.Msg {
		var res ops.GroupResult
		var err error
		if act == actionDeleteGroup {
			res, err = o.DeleteGroup(ctx, id, stream.Report)
		} else {
			res, err = o.EditGroup(ctx, id, card, stream.Report)
		}
		stream.Close()
		return groupDoneMsg{res: res, err: err}
	})
	return tea.Batch(run, stream.Next())
}

// onGroupCopy shows one copy's outcome in the running dialog.
func (m *Model) onGroupCopy(msg common.CopyMsg) tea.Cmd {
	g := m.group
	if g == nil || msg.Stream != g.stream {
		return nil
	}
	o := msg.Outcome
	g.outcomes[o.Index] = o
	if m.confirm != nil {
		m.confirm.dialog.SetBusyText(fmt.Sprintf("Copy %d of %d (%s): %s", o.Index+1, o.Of, termtext.Line(g.name(o.ToJID)), outcomeText(o)))
	}
	if o.Index+1 >= o.Of {
		return nil
	}
	return msg.Stream.Next()
}

// finishGroup reports a group edit or delete and shows every copy's outcome.
func (m *Model) finishGroup(res groupDoneMsg) tea.Cmd {
	c := m.confirm
	m.confirm = nil
	reload := func() tea.Msg { return common.HistoryChangedMsg{} }
	if res.err != nil {
		text := res.err.Error()
		if c.action == actionEditGroup {
			text += " The new version is still in the composer (f2)."
		}
		return tea.Batch(common.Status(common.StatusError, text), reload)
	}
	if m.group != nil && m.group.id == res.res.Group {
		m.group.stream = nil
		for _, o := range res.res.Copies {
			m.group.outcomes[o.Index] = o
		}
	}
	verb := "Edited"
	if c.action == actionDeleteGroup {
		verb = "Deleted"
	}
	done, skipped := 0, 0
	for _, o := range res.res.Copies {
		switch {
		case o.OK():
			done++
		case o.Skipped != "":
			skipped++
		}
	}
	text := fmt.Sprintf("%s %d of %d copies of %s", verb, done, len(res.res.Copies), c.id)
	if skipped > 0 {
		text += fmt.Sprintf(" (%d skipped)", skipped)
	}
	kind := common.StatusOK
	if failed := res.res.Failed(); failed > 0 {
		kind = common.StatusError
		text += fmt.Sprintf("; %d failed: they are in the outbox (f4), each with what to do", failed)
	}
	if n := len(res.res.Waiting); n > 0 {
		text += fmt.Sprintf("; %s still scheduled, not sent, left as they are (the history's Scheduled list, f3 then tab, changes them)", ops.CopiesOf(n))
	}
	cmds := []tea.Cmd{common.Status(kind, text+"."), reload, m.loadGroup()}
	if c.action == actionEditGroup { // the group's edit draft went out
		id := c.id
		cmds = append(cmds, func() tea.Msg { return common.DraftSentMsg{Mode: common.ComposeEdit, MessageID: id} })
	}
	return tea.Batch(cmds...)
}

// outcomeText says what happened to one copy.
func outcomeText(o ops.CopyOutcome) string {
	switch {
	case o.OK():
		return "done"
	case o.Skipped != "":
		return "skipped: " + termtext.Line(o.Skipped)
	}
	return "failed: " + termtext.Line(o.Err.Error())
}

// name is a recipient's label, or its JID.
func (g *groupView) name(jid string) string {
	if l := g.labels[jid]; l != "" {
		return l
	}
	return jid
}

// groupView draws the group: what it is, then a row per copy.
func (m *Model) viewGroup() []string {
	g, s := m.group, m.common.Styles
	switch {
	case g.problem != "":
		return []string{s.Error.Render(g.problem)}
	case !g.loaded:
		return []string{s.Muted.Render("Reading broadcast " + termtext.Line(g.id) + " from the history…")}
	}
	first := ""
	switch {
	case len(g.copies) > 0:
		first = widget.FirstLine(g.copies[0].Live().Content)
	case len(g.waiting) > 0:
		first = widget.FirstLine(g.waiting[0].Message.Live().Content)
	}
	count := fmt.Sprintf(" · %d copies", len(g.copies))
	if len(g.waiting) > 0 {
		count += fmt.Sprintf(" · %d scheduled, not sent", len(g.waiting))
	}
	lines := []string{
		s.Title.Render("Broadcast "+termtext.Line(g.id)) + s.Muted.Render(count),
		s.Text.Render(termtext.Line(first)),
	}
	width := max(m.common.Width, 20)
	if why := g.whyNoneOnZoom(); why != "" {
		lines = append(lines, wrapped(s.Warn, "Nothing to edit or delete on Zoom: "+why+".", width)...)
	} else {
		lines = append(lines, s.Muted.Render("enter opens a copy to act on it alone · e edits all · d deletes all"))
		if note := g.waitingNote(); note != "" {
			lines = append(lines, wrapped(s.Warn, capitalize(note)+".", width)...)
		}
	}
	lines = append(lines, "")
	for i, c := range g.copies {
		head := fmt.Sprintf("%d/%d  %-15s  %-36s  ", i+1, len(g.copies), c.Status, termtext.Line(c.ID))
		row := widget.StatusStyle(s, c.Status).Render(head) +
			widget.RecipientFit(c.ToJID, g.labels[c.ToJID], max(m.common.Width-len(head)-2, 12))
		if i == g.selected {
			row = s.Selected.Render("› ") + row
		} else {
			row = "  " + row
		}
		lines = append(lines, row)
		if o, ok := g.outcomes[i]; ok {
			style := s.OK
			if !o.OK() {
				style = s.Error
				if o.Skipped != "" {
					style = s.Warn
				}
			}
			lines = append(lines, "      "+style.Render(outcomeText(o)))
		}
	}
	for _, sc := range g.waiting {
		head := fmt.Sprintf("·    %-15s  %-36s  ", "scheduled "+sc.Due.In(g.loc).Format("15:04"), termtext.Line(sc.ID))
		lines = append(lines, "  "+s.Muted.Render(head)+
			widget.RecipientFit(sc.Message.ToJID, g.labels[sc.Message.ToJID], max(m.common.Width-len(head)-2, 12)))
	}
	return lines
}

// wrapped is text wrapped to width, each line in style.
func wrapped(style lipgloss.Style, text string, width int) []string {
	lines := strings.Split(ansi.Wrap(text, width, " "), "\n")
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return lines
}

// capitalize upper-cases the first letter of an ASCII sentence.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// sentence is " " and note as a sentence, or "" without a note.
func sentence(note string) string {
	if note == "" {
		return ""
	}
	return " " + capitalize(note) + "."
}
