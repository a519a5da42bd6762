package history

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Named recipients: a label names one recipient JID, a list names several.
// Both are names the admin types where a JID goes (--to ops, --to eng), and
// one namespace: matched case-insensitively, a label names one JID and never
// a list, and neither looks like a JID (a name has no "@", every JID has).
// history cannot check JIDs (it does not import zoom): anything with an "@"
// is taken as a JID here, and the front ends check it (zoom.CheckJID) before
// it is stored or sent.

// bucketLists holds the named lists: name -> JSON listRecord. It is created by
// the first list saved; a history without it has no lists.
var bucketLists = []byte("recipient_lists")

// RecipientList is a named list of recipient JIDs, in the order given.
type RecipientList struct {
	Name    string   `json:"name"`
	Members []string `json:"members"`
}

type listRecord struct {
	Members []string `json:"members"`
}

// ResolvedRecipient is one JID a name stood for: Via is the label or list
// that named it, "" when the JID itself was given.
type ResolvedRecipient struct {
	JID string `json:"jid"`
	Via string `json:"via,omitempty"`
}

// UnknownNamesError lists every name that is neither a JID, a label nor a
// list, in the order given.
type UnknownNamesError struct{ Names []string }

// Error names them all.
func (e *UnknownNamesError) Error() string {
	quoted := make([]string, len(e.Names))
	for i, n := range e.Names {
		quoted[i] = fmt.Sprintf("%q", n)
	}
	noun := "name"
	if len(quoted) > 1 {
		noun = "names"
	}
	return fmt.Sprintf("unknown recipient %s %s: not a JID, a label or a list", noun, strings.Join(quoted, ", "))
}

// NameError is a label or list name refused by the naming rules (see the top
// of names.go): it says what is wrong with it.
type NameError struct {
	Name   string
	Reason string
}

// Error says which name and why.
func (e *NameError) Error() string { return fmt.Sprintf("the name %q %s", e.Name, e.Reason) }

// IsJIDLike reports whether s is taken as a JID rather than a name.
func IsJIDLike(s string) bool { return strings.Contains(s, "@") }

// sameName is the namespace's comparison.
func sameName(a, b string) bool { return strings.EqualFold(a, b) }

// checkName refuses a name that could not be told from a JID or from
// another name. owner is the JID (for a label) or list name (for a list)
// that may keep the name it already has.
func (s *Store) checkName(tx *bolt.Tx, name, ownerJID, ownerList string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return &NameError{Name: name, Reason: "is empty"}
	case name != strings.TrimSpace(name):
		return &NameError{Name: name, Reason: "starts or ends with a space"}
	case IsJIDLike(name):
		return &NameError{Name: name, Reason: "has an @, so it would be taken for a JID"}
	case len(name) > 100:
		return &NameError{Name: name, Reason: "is longer than 100 bytes"}
	}
	if jid := s.labelOwner(tx, name); jid != "" && jid != ownerJID {
		return &NameError{Name: name, Reason: "is already the label of " + jid}
	}
	if list, ok := findList(tx, name); ok && list != ownerList {
		return &NameError{Name: name, Reason: "is already the name of a list"}
	}
	return nil
}

// labelOwner is the JID labelled name (case-insensitively), or "".
func (s *Store) labelOwner(tx *bolt.Tx, name string) string {
	owner := ""
	_ = s.eachRecipient(tx, func(r Recipient) error {
		if owner == "" && r.Label != "" && sameName(r.Label, name) {
			owner = r.JID
		}
		return nil
	})
	return owner
}

// findList is the stored name of the list called name (case-insensitively).
func findList(tx *bolt.Tx, name string) (string, bool) {
	b := tx.Bucket(bucketLists)
	if b == nil {
		return "", false
	}
	if b.Get([]byte(name)) != nil {
		return name, true
	}
	found := ""
	_ = b.ForEach(func(k, _ []byte) error {
		if found == "" && sameName(string(k), name) {
			found = string(k)
		}
		return nil
	})
	return found, found != ""
}

// LabelRecipient names jid label, creating the recipient with no uses if it
// is new. The label must follow the naming rules (a *NameError otherwise):
// no other recipient or list has it. The caller checks the JID.
func (s *Store) LabelRecipient(jid, label string) error {
	if !IsJIDLike(jid) {
		return fmt.Errorf("%q is not a JID", jid)
	}
	return s.update(func(tx *bolt.Tx) error {
		if err := s.checkName(tx, label, jid, ""); err != nil {
			return err
		}
		return s.changeRecipientTx(tx, jid, func(r *recipientRecord) { r.Label = label })
	})
}

// Rename gives the label or list called old (case-insensitively) the name
// new, which must follow the naming rules. Lists keep their members: they
// hold JIDs, not labels.
func (s *Store) Rename(old, new string) error {
	return s.update(func(tx *bolt.Tx) error {
		if jid := s.labelOwner(tx, old); jid != "" {
			if err := s.checkName(tx, new, jid, ""); err != nil {
				return err
			}
			return s.changeRecipientTx(tx, jid, func(r *recipientRecord) { r.Label = new })
		}
		list, ok := findList(tx, old)
		if !ok {
			return &NotFoundError{Kind: "label or list", ID: old}
		}
		if err := s.checkName(tx, new, "", list); err != nil {
			return err
		}
		b := tx.Bucket(bucketLists)
		data := b.Get([]byte(list))
		if err := b.Delete([]byte(list)); err != nil {
			return err
		}
		return b.Put([]byte(new), data)
	})
}

// RemoveRecipient forgets the recipient named by its JID or its label: its
// label, use count and last use go (a later send counts it again). Lists that
// hold it keep it. It returns the JID removed.
func (s *Store) RemoveRecipient(nameOrJID string) (string, error) {
	jid := ""
	err := s.update(func(tx *bolt.Tx) error {
		jid = nameOrJID
		if !IsJIDLike(nameOrJID) {
			jid = s.labelOwner(tx, nameOrJID)
		}
		b := tx.Bucket(bucketRecipients)
		if jid == "" || b.Get([]byte(jid)) == nil {
			return &NotFoundError{Kind: "recipient", ID: nameOrJID}
		}
		return b.Delete([]byte(jid))
	})
	return jid, err
}

// PutList saves the list name with members, each a JID, a label or another
// list, resolved to JIDs now (ResolveRecipients): the list holds JIDs, so
// renaming or removing a label later does not change it. An unknown member is
// an *UnknownNamesError and nothing is saved; an existing list of that name
// is replaced. The caller checks the JIDs.
func (s *Store) PutList(name string, members []string) (RecipientList, error) {
	var list RecipientList
	err := s.update(func(tx *bolt.Tx) error {
		stored, exists := findList(tx, name)
		if !exists {
			stored = name
		}
		if err := s.checkName(tx, name, "", stored); err != nil {
			return err
		}
		resolved, err := s.resolve(tx, members)
		if err != nil {
			return err
		}
		if len(resolved) == 0 {
			return fmt.Errorf("the list %q needs at least one member", name)
		}
		list = RecipientList{Name: name}
		for _, r := range resolved {
			list.Members = append(list.Members, r.JID)
		}
		b, err := tx.CreateBucketIfNotExists(bucketLists)
		if err != nil {
			return fmt.Errorf("could not create the %s bucket: %w", bucketLists, err)
		}
		if err := b.Delete([]byte(stored)); err != nil {
			return err
		}
		return putJSON(tx, bucketLists, []byte(name), listRecord{Members: list.Members})
	})
	return list, err
}

// RemoveList deletes the list called name (case-insensitively).
func (s *Store) RemoveList(name string) error {
	return s.update(func(tx *bolt.Tx) error {
		list, ok := findList(tx, name)
		if !ok {
			return &NotFoundError{Kind: "list", ID: name}
		}
		return tx.Bucket(bucketLists).Delete([]byte(list))
	})
}

// Lists returns every named list, by name. Damaged ones are skipped and
// reported by Warnings.
func (s *Store) Lists() ([]RecipientList, error) {
	var out []RecipientList
	err := s.view(func(tx *bolt.Tx) error {
		return s.eachList(tx, func(l RecipientList) error {
			out = append(out, l)
			return nil
		})
	})
	slices.SortFunc(out, func(a, b RecipientList) int { return cmp.Compare(a.Name, b.Name) })
	return out, err
}

func (s *Store) eachList(tx *bolt.Tx, fn func(RecipientList) error) error {
	b := tx.Bucket(bucketLists)
	if b == nil {
		return nil
	}
	return b.ForEach(func(k, v []byte) error {
		var rec listRecord
		if err := decodeJSON(bucketLists, k, v, &rec); err != nil {
			s.warn(err)
			return nil
		}
		return fn(RecipientList{Name: string(k), Members: rec.Members})
	})
}

// ResolveRecipients turns what the admin typed into JIDs: each name is a JID
// (anything with an "@", passed through for the caller to check), a label
// (case-insensitive) or a list, which stands for its members. The result
// holds each JID once, in the order first named. Every unknown name is
// reported at once in an *UnknownNamesError.
func (s *Store) ResolveRecipients(names []string) ([]ResolvedRecipient, error) {
	var out []ResolvedRecipient
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = s.resolve(tx, names)
		return err
	})
	return out, err
}

func (s *Store) resolve(tx *bolt.Tx, names []string) ([]ResolvedRecipient, error) {
	labels := map[string]string{} // lower-cased label -> JID
	_ = s.eachRecipient(tx, func(r Recipient) error {
		if r.Label != "" {
			labels[strings.ToLower(r.Label)] = r.JID
		}
		return nil
	})
	var out []ResolvedRecipient
	seen := map[string]bool{}
	add := func(jid, via string) {
		if !seen[jid] {
			seen[jid] = true
			out = append(out, ResolvedRecipient{JID: jid, Via: via})
		}
	}
	var unknown []string
	for _, name := range names {
		if IsJIDLike(name) {
			add(name, "")
			continue
		}
		if jid, ok := labels[strings.ToLower(name)]; ok {
			add(jid, name)
			continue
		}
		members, ok := s.listMembers(tx, name)
		if !ok {
			unknown = append(unknown, name)
			continue
		}
		for _, jid := range members {
			add(jid, name)
		}
	}
	if len(unknown) > 0 {
		return nil, &UnknownNamesError{Names: unknown}
	}
	return out, nil
}

// listMembers are the JIDs of the list called name, if there is one.
func (s *Store) listMembers(tx *bolt.Tx, name string) ([]string, bool) {
	stored, ok := findList(tx, name)
	if !ok {
		return nil, false
	}
	var rec listRecord
	if err := decodeJSON(bucketLists, []byte(stored), tx.Bucket(bucketLists).Get([]byte(stored)), &rec); err != nil {
		s.warn(err)
		return nil, false
	}
	return rec.Members, true
}
