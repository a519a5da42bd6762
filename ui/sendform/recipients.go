package sendform

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/zoom"
)

// The To field takes several recipients, comma-separated: JIDs, labels and
// list names, in any mix ("eng, ops, 5a1d…@conference.xmpp.zoom.us"). A
// comma, not a space, separates them, so a pasted line with a newline or a
// space in a JID is still refused as one bad JID rather than split. The
// completion works on the name being typed (after the last comma): lists,
// labels and JIDs from the history, matched fuzzily; enter takes the
// highlighted one.

// suggestion is one name the completion offers.
type suggestion struct {
	JID     string // the recipient's JID; "" for a list
	Label   string // the recipient's label, if any
	List    string // the list's name, for a list
	Members int    // a list's size
}

// text is what picking the suggestion puts in the field: the name when it
// has one (the field reads "eng, ops"), else the JID.
func (s suggestion) text() string {
	switch {
	case s.List != "":
		return s.List
	case s.Label != "":
		return s.Label
	}
	return s.JID
}

// listsMsg carries the named lists of the history.
type listsMsg struct {
	lists []history.RecipientList
	err   error
}

// loadLists reads the named lists in a command.
func loadLists(store *history.Store) tea.Cmd {
	if store == nil {
		return nil
	}
	return func() tea.Msg {
		lists, err := store.Lists()
		return listsMsg{lists: lists, err: err}
	}
}

// splitRecipients is the names in the To field, in order, empty ones left out.
func splitRecipients(value string) []string {
	var out []string
	for _, part := range strings.Split(value, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// typedName is the name being typed: what follows the last comma.
func typedName(value string) string {
	return strings.TrimSpace(value[strings.LastIndex(value, ",")+1:])
}

// pickSuggestion puts the highlighted suggestion in place of the name being
// typed and leaves ", " after it for the next one.
func (m *Model) pickSuggestion() {
	value := m.fields.Value(fieldTo)
	head := value[:strings.LastIndex(value, ",")+1]
	if head != "" {
		head += " "
	}
	m.fields.SetValue(fieldTo, head+m.matches[m.pick].text()+", ")
	m.refreshMatches()
}

// refreshMatches offers the lists, labels and JIDs that match the name being
// typed, best first: a name that starts with it, then one that holds it,
// then one that holds its letters in order (fuzzy). Names already in the
// field are not offered again. With nothing typed at all, the most recent
// recipients are offered; after a comma, nothing until a letter is typed, so
// enter moves on.
func (m *Model) refreshMatches() {
	value := m.fields.Value(fieldTo)
	typed := strings.ToLower(typedName(value))
	m.matches = m.matches[:0]
	if typed == "" && value != "" {
		m.pick = 0
		return
	}
	given := map[string]bool{}
	for _, n := range splitRecipients(value) {
		given[strings.ToLower(n)] = true
	}
	var ranked [3][]suggestion
	consider := func(s suggestion, names ...string) {
		if given[strings.ToLower(s.text())] && !strings.EqualFold(s.text(), typed) {
			return
		}
		best := -1
		for _, name := range names {
			if r := matchRank(strings.ToLower(name), typed); r >= 0 && (best < 0 || r < best) {
				best = r
			}
		}
		if best >= 0 {
			ranked[best] = append(ranked[best], s)
		}
	}
	for _, l := range m.lists {
		consider(suggestion{List: l.Name, Members: len(l.Members)}, l.Name)
	}
	for _, r := range m.recipients {
		if zoom.CheckJID(r.JID) != nil { // one stored before JIDs were checked is never offered
			continue
		}
		consider(suggestion{JID: r.JID, Label: r.Label}, r.JID, r.Label)
	}
	for _, rank := range ranked {
		for _, s := range rank {
			if len(m.matches) < maxMatches && !(strings.EqualFold(s.text(), typed) && typed != "") {
				m.matches = append(m.matches, s)
			}
		}
	}
	m.pick = min(m.pick, max(len(m.matches)-1, 0))
}

// matchRank is 0 when name starts with typed, 1 when it holds it, 2 when it
// holds its letters in order, and -1 when it does not match.
func matchRank(name, typed string) int {
	switch {
	case name == "":
		return -1
	case strings.HasPrefix(name, typed):
		return 0
	case strings.Contains(name, typed):
		return 1
	}
	rest := name
	for _, r := range typed {
		i := strings.IndexRune(rest, r)
		if i < 0 {
			return -1
		}
		rest = rest[i+len(string(r)):]
	}
	return 2
}

// onLists takes the named lists in.
func (m *Model) onLists(msg listsMsg) tea.Cmd {
	if msg.err != nil {
		return common.Status(common.StatusError, "could not read the recipient lists: "+msg.err.Error())
	}
	m.lists = msg.lists
	m.refreshMatches()
	return nil
}
