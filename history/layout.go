package history

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// errNeedsWrite tells prepare that the read-only look found work to do.
var errNeedsWrite = errors.New("layout needs initialising or migrating")

// prepare makes sure the file is a current zoompose history and that no
// operation is left in flight. It looks first in a read transaction so that
// opening an up-to-date, settled file costs no fsync, and only then
// initialises, migrates or recovers, in one write transaction.
func (s *Store) prepare() error {
	err := s.view(func(tx *bolt.Tx) error {
		v, err := s.layoutVersion(tx)
		if err == nil && (v != SchemaVersion || len(pendingRefs(tx, OpInFlight)) > 0) {
			return errNeedsWrite
		}
		return err
	})
	if !errors.Is(err, errNeedsWrite) {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		v, err := s.layoutVersion(tx)
		switch {
		case err != nil && !errors.Is(err, errNeedsWrite):
			return err
		case v == 0:
			return initLayout(tx)
		case v == 1:
			err = s.migrateV1(tx)
		}
		if err == nil && v < 3 {
			err = s.migrateV2(tx)
		}
		if err == nil && v < 4 {
			err = migrateV3(tx)
		}
		if err != nil {
			return err
		}
		// The file lock keeps every other process out: an operation still in
		// flight belongs to a process that died before Zoom answered.
		return s.recoverInFlight(tx, pendingRefs(tx, OpInFlight))
	})
}

// layoutVersion reads the schema version: 0 with errNeedsWrite for an empty
// bbolt file, an error for a foreign or newer file.
func (s *Store) layoutVersion(tx *bolt.Tx) (uint64, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		if hasAnyBucket(tx) {
			return 0, &NotHistoryError{Path: s.path, Reason: "it is a bbolt database without the zoompose marker"}
		}
		return 0, errNeedsWrite
	}
	if string(meta.Get(keyMagic)) != Marker {
		return 0, &NotHistoryError{Path: s.path, Reason: "its meta bucket lacks the zoompose marker"}
	}
	v, err := decodeVersion(meta.Get(keySchema))
	switch {
	case err != nil || v == 0:
		return 0, &NotHistoryError{Path: s.path, Reason: fmt.Sprintf("its layout version %q is unreadable", meta.Get(keySchema))}
	case v > SchemaVersion:
		return v, &NewerSchemaError{Path: s.path, Version: v}
	}
	return v, nil
}

func hasAnyBucket(tx *bolt.Tx) bool {
	k, _ := tx.Cursor().First()
	return k != nil
}

// initLayout writes an empty current-version history.
func initLayout(tx *bolt.Tx) error {
	if err := createBuckets(tx, bucketsV4); err != nil {
		return err
	}
	meta := tx.Bucket(bucketMeta)
	if err := meta.Put(keyMagic, []byte(Marker)); err != nil {
		return err
	}
	return meta.Put(keySchema, encodeVersion(SchemaVersion))
}

func createBuckets(tx *bolt.Tx, names [][]byte) error {
	for _, name := range names {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("could not create the %s bucket: %w", name, err)
		}
	}
	return nil
}
