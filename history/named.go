package history

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Drafts and templates are small named records; these helpers hold what the
// two have in common.

func (s *Store) putNamed(bucket []byte, kind, name string, v any) error {
	if name == "" {
		return fmt.Errorf("a %s needs a name", kind)
	}
	return s.update(func(tx *bolt.Tx) error {
		return putJSON(tx, bucket, []byte(name), v)
	})
}

func (s *Store) deleteNamed(bucket []byte, kind, name string) error {
	return s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucket)
		if b.Get([]byte(name)) == nil {
			return &NotFoundError{Kind: kind, ID: name}
		}
		return b.Delete([]byte(name))
	})
}

// allOf decodes every record of a bucket, skipping damaged ones with a warning.
func allOf[T any](s *Store, bucket []byte) ([]T, error) {
	var out []T
	err := s.view(func(tx *bolt.Tx) error {
		return eachJSON(s, tx, bucket, func(v T) error {
			out = append(out, v)
			return nil
		})
	})
	return out, err
}
