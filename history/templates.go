package history

import (
	"cmp"
	"slices"
	"time"
)

// Template is a reusable card source, possibly with {{.name}} variables.
type Template struct {
	Name      string    `json:"name"`
	Source    string    `json:"source"`
	UpdatedAt time.Time `json:"updated_at"`
}

// SaveTemplate stores t under its name, replacing any template of that name,
// and is durable on return. A zero UpdatedAt becomes now.
func (s *Store) SaveTemplate(t Template) error {
	if t.UpdatedAt.IsZero() {
		t.UpdatedAt = time.Now()
	}
	return s.putNamed(bucketTemplates, "template", t.Name, t)
}

// Templates returns every template sorted by name. Damaged records are
// skipped and reported by Warnings.
func (s *Store) Templates() ([]Template, error) {
	templates, err := allOf[Template](s, bucketTemplates)
	slices.SortStableFunc(templates, func(a, b Template) int { return cmp.Compare(a.Name, b.Name) })
	return templates, err
}

// DeleteTemplate removes the named template; a NotFoundError (ErrNotFound)
// when there is none.
func (s *Store) DeleteTemplate(name string) error {
	return s.deleteNamed(bucketTemplates, "template", name)
}
