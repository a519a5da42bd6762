package history

import (
	"cmp"
	"slices"
	"time"
)

// Draft is the composer's unsent source, restored on the next start.
type Draft struct {
	Name      string    `json:"name"`
	Source    string    `json:"source"`
	UpdatedAt time.Time `json:"updated_at"`
}

// SaveDraft stores d under its name, replacing any draft of that name, and is
// durable on return (one small fsynced transaction, a few milliseconds: the
// caller debounces keystrokes). A zero UpdatedAt becomes now.
func (s *Store) SaveDraft(d Draft) error {
	if d.UpdatedAt.IsZero() {
		d.UpdatedAt = time.Now()
	}
	return s.putNamed(bucketDrafts, "draft", d.Name, d)
}

// Drafts returns every draft, most recently updated first, then by name.
// Damaged records are skipped and reported by Warnings.
func (s *Store) Drafts() ([]Draft, error) {
	drafts, err := allOf[Draft](s, bucketDrafts)
	slices.SortStableFunc(drafts, func(a, b Draft) int {
		return cmp.Or(b.UpdatedAt.Compare(a.UpdatedAt), cmp.Compare(a.Name, b.Name))
	})
	return drafts, err
}

// DeleteDraft removes the named draft; a NotFoundError (ErrNotFound) when
// there is none.
func (s *Store) DeleteDraft(name string) error {
	return s.deleteNamed(bucketDrafts, "draft", name)
}
