package sendform

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/sahilm/fuzzy"

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
// typed, best first (rankSuggestions). Names already in the field are not
// offered again. With nothing typed at all, the most recent recipients are
// offered; after a comma, nothing until a letter is typed, so enter moves on.
func (m *Model) refreshMatches() {
	value := m.fields.Value(fieldTo)
	typed := typedName(value)
	m.matches = m.matches[:0]
	if typed == "" && value != "" {
		m.pick = 0
		return
	}
	given := map[string]bool{}
	for _, n := range splitRecipients(value) {
		given[strings.ToLower(n)] = true
	}
	for _, s := range rankSuggestions(typed, m.candidates()) {
		if len(m.matches) == maxMatches {
			break
		}
		if text := s.text(); !given[strings.ToLower(text)] && !strings.EqualFold(text, typed) {
			m.matches = append(m.matches, s)
		}
	}
	m.pick = min(m.pick, max(len(m.matches)-1, 0))
}

// candidate is a suggestion and the names it is found by.
type candidate struct {
	suggestion
	names []string
}

// candidates are the named lists, then the recipients of the history, most
// recent first; a recipient stored before JIDs were checked is never offered.
func (m *Model) candidates() []candidate {
	out := make([]candidate, 0, len(m.lists)+len(m.recipients))
	for _, l := range m.lists {
		out = append(out, candidate{suggestion{List: l.Name, Members: len(l.Members)}, []string{l.Name}})
	}
	for _, r := range m.recipients {
		if zoom.CheckJID(r.JID) == nil {
			out = append(out, candidate{suggestion{JID: r.JID, Label: r.Label}, []string{r.JID, r.Label}})
		}
	}
	return out
}

// rankSuggestions is the candidates one of whose names holds the letters of
// typed in order, best first as github.com/sahilm/fuzzy scores them (the
// scoring bubbles' list filter uses): a match at the start of the name, after
// a separator or in one run scores higher, a longer name lower, so "ops"
// puts "ops" before "dev-ops-archive". A candidate counts with its best name.
// With nothing typed, every candidate in its order.
func rankSuggestions(typed string, cands []candidate) []suggestion {
	out := make([]suggestion, 0, len(cands))
	if typed == "" {
		for _, c := range cands {
			out = append(out, c.suggestion)
		}
		return out
	}
	var names []string
	var owner []int // owner[i] is the candidate names[i] belongs to
	for i, c := range cands {
		for _, n := range c.names {
			if n != "" {
				names, owner = append(names, n), append(owner, i)
			}
		}
	}
	seen := make([]bool, len(cands))
	for _, match := range fuzzy.Find(typed, names) { // best first, ties in order
		if c := owner[match.Index]; !seen[c] {
			seen[c] = true
			out = append(out, cands[c].suggestion)
		}
	}
	return out
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
