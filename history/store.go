// Package history is zoompose's durable local record of what was sent: every
// message with all its revisions, unfurls, drafts, recipients, an outbox of
// requests not yet confirmed, and templates. It is one bbolt file; every write
// is fsynced before the call returns, so a record the caller was told about
// survives a crash. The file never holds a secret: no type here has a field
// for one.
package history

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// LockTimeout is how long Open waits for another process to release the file
// before it gives up with a LockedError.
const LockTimeout = time.Second

// Store is an open history file. Its methods are safe for concurrent use;
// bbolt serialises writers and lets readers run alongside them.
type Store struct {
	db   *bolt.DB
	path string

	mu       sync.Mutex
	warnings []string
	warned   map[string]bool

	// checkMu guards listChecked: bbolt's list of free pages was found
	// consistent before this Store's first write (see writable).
	checkMu     sync.Mutex
	listChecked bool

	// broken is the damage that stops every later write of this Store: a
	// write transaction that panicked (see update) or a damaged list of free
	// pages (see writable). locked says bbolt did not close the transaction
	// that panicked, so it still holds its writer lock: Close leaves the
	// file to the process's exit rather than wait for it for ever.
	broken atomic.Pointer[DamagedError]
	locked atomic.Bool

	// writes counts committed write transactions, each one fsync; the tests
	// hold operations to the number of fsyncs they promise.
	writes atomic.Int64

	// damaged is the first damage the file showed, to a read or a write
	// (noteDamage); nil while none was seen. Front ends read it (Damaged) to
	// stop offering operations whose intent cannot be written.
	damaged atomic.Pointer[DamagedError]
}

// DefaultPathFrom returns $ZOOMPOSE_DB if set, else
// $XDG_DATA_HOME/zoompose/history.db, reading the environment through getenv:
// the command line's resolves XDG_DATA_HOME with adrg/xdg (the platform's
// default when the variable is unset), and its tests pass their own, so they
// never land on the user's real history. An environment without either gives
// "", which Open refuses. It never creates anything.
func DefaultPathFrom(getenv func(string) string) string {
	if p := getenv("ZOOMPOSE_DB"); p != "" {
		return p
	}
	if dir := getenv("XDG_DATA_HOME"); dir != "" {
		return filepath.Join(dir, "zoompose", "history.db")
	}
	return ""
}

// Open opens the history at path, creating its folder (0700) and the file
// (0600) if needed, and migrating an older layout in one transaction. It
// fails within LockTimeout with a LockedError when the file is held, with a
// NotHistoryError when the file is something else, and with a
// NewerSchemaError when a newer zoompose wrote it. Records that cannot be
// decoded during migration are reported by Warnings.
func Open(path string) (*Store, error) { return OpenWithin(path, LockTimeout) }

// OpenWithin is Open waiting at most timeout for another process to release
// the file: a receiver that must answer quickly (Zoom's webhook, 3 s) cannot
// spend LockTimeout on every event while the app holds the history.
func OpenWithin(path string, timeout time.Duration) (*Store, error) {
	if path == "" {
		return nil, errors.New("no history file path was given; set ZOOMPOSE_DB or pass a path")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("could not create the folder for the history file %s: %w", path, err)
	}
	db, err := openBolt(path, os.OpenFile, timeout)
	if err != nil {
		return nil, err
	}
	return newStore(db, path)
}

// OpenExisting opens the history at path as Open does, but never creates
// anything: no folder, no file, no history in an empty file. It fails with a
// *NoHistoryError (errors.Is ErrNoHistory) when path does not exist, and
// with a *NotHistoryError when it is not a regular file, is empty (0 bytes),
// or is an empty bbolt database. Commands that only read the history, or
// settle what is already in it, use it, so that a mistyped path is reported
// rather than turned into a new, empty history.
func OpenExisting(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("no history file path was given; set ZOOMPOSE_DB or pass a path")
	}
	if err := checkExisting(path); err != nil {
		return nil, err
	}
	db, err := openBolt(path, openExistingFile, LockTimeout)
	if err != nil {
		return nil, err
	}
	err = (&Store{db: db, path: path}).view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta) == nil && !hasAnyBucket(tx) {
			return &NotHistoryError{Path: path, Reason: "it is an empty bbolt database, not a history"}
		}
		return nil
	})
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return newStore(db, path)
}

// newStore prepares the layout of the opened db (see prepare) and wraps it.
func newStore(db *bolt.DB, path string) (*Store, error) {
	s := &Store{db: db, path: path, warned: map[string]bool{}}
	if err := s.prepare(); err != nil {
		_ = db.Close()
		return nil, err
	}
	if kept := keptSentence(path); kept != "" {
		s.warn(errors.New(kept))
	}
	return s, nil
}

// checkExisting says why path cannot be an existing history, before bbolt
// gets to it.
func checkExisting(path string) error {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return &NoHistoryError{Path: path}
	case err != nil:
		return fmt.Errorf("could not open the history file %s: %w", path, err)
	case info.IsDir():
		return &NotHistoryError{Path: path, Reason: "it is a folder"}
	case !info.Mode().IsRegular():
		return &NotHistoryError{Path: path, Reason: "it is not a regular file"}
	case info.Size() == 0:
		return &NotHistoryError{Path: path, Reason: "it is empty: 0 bytes"}
	}
	return nil
}

// errEmptyFile is openExistingFile's refusal of an empty file, which bbolt
// would otherwise initialise as a new database.
var errEmptyFile = errors.New("the file is empty")

// openExistingFile is bbolt's file opener for OpenExisting: without O_CREATE,
// and refusing a file that is empty by the time it is opened.
func openExistingFile(name string, flag int, perm os.FileMode) (*os.File, error) {
	f, err := os.OpenFile(name, flag&^os.O_CREATE, perm)
	if err != nil {
		return nil, err
	}
	if info, err := f.Stat(); err != nil || info.Size() == 0 {
		_ = f.Close()
		if err == nil {
			err = errEmptyFile
		}
		return nil, err
	}
	return f, nil
}

// openBolt opens the file with bbolt through openFile, turning its panics on
// a damaged freelist or meta page, and memory faults reading one, into the
// damaged error like every other damage.
func openBolt(path string, openFile func(string, int, os.FileMode) (*os.File, error), timeout time.Duration) (db *bolt.DB, err error) {
	return openBoltWith(path, bolt.Options{Timeout: timeout, OpenFile: openFile})
}

// openBoltWith is openBolt with bbolt's options given whole.
func openBoltWith(path string, opts bolt.Options) (db *bolt.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, damagedError(path, r)
		}
	}()
	defer panicOnFault()()
	db, err = bolt.Open(path, 0o600, &opts)
	if err != nil {
		return nil, openError(path, err)
	}
	return db, nil
}

// openError turns bbolt's open failures into sentences about the file.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return &NoHistoryError{Path: path}
	case errors.Is(err, errEmptyFile):
		return &NotHistoryError{Path: path, Reason: "it is empty: 0 bytes"}
	case errors.Is(err, berrors.ErrTimeout):
		return &LockedError{Path: path}
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
		errors.Is(err, berrors.ErrVersionMismatch):
		return &NotHistoryError{Path: path, Reason: "it is not a bbolt database: " + err.Error()}
	}
	return fmt.Errorf("could not open the history file %s: %w", path, err)
}

// Path returns the file this Store was opened from.
func (s *Store) Path() string { return s.path }

// Close releases the file and its lock. Every write already returned is on
// disk; Close adds no durability, it only lets another process open the file.
func (s *Store) Close() error {
	if s.locked.Load() {
		return nil // bbolt's close would wait for the writer lock for ever; the lock goes with the process
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("could not close the history file %s: %w", s.path, err)
	}
	return nil
}

// Warnings returns one sentence per damaged record skipped so far by this
// Store (each reported once), oldest first. The slice is a copy.
func (s *Store) Warnings() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.warnings...)
}

// warn records a damaged record once.
func (s *Store) warn(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	msg := err.Error()
	if s.warned[msg] {
		return
	}
	s.warned[msg] = true
	s.warnings = append(s.warnings, msg)
}

// view runs fn in a read transaction. A bbolt panic on a damaged page, or a
// memory fault reading one, comes back as an error so a broken file never
// takes the program down.
func (s *Store) view(fn func(*bolt.Tx) error) (err error) {
	defer s.recoverDamage(&err)
	defer panicOnFault()()
	return s.db.View(fn)
}

// update runs fn in a write transaction that is fsynced before it returns.
// Damage comes back as an error, as in view; so does a damaged list of free
// pages, before the first write (see writable). Both are noted (Damaged),
// and after either no write starts again (see broken): bbolt rolls back on
// a panic, but its rollback rereads the list of free pages, and on a
// damaged file can panic in turn and keep the writer lock, so the next
// write would wait for ever.
func (s *Store) update(fn func(*bolt.Tx) error) (err error) {
	if broken := s.broken.Load(); broken != nil {
		return broken
	}
	if err := s.writable(); err != nil {
		return err
	}
	var tx *bolt.Tx
	defer func() {
		if r := recover(); r != nil {
			d := s.noteDamage(damagedError(s.path, r))
			s.broken.Store(d)
			err = d
			s.locked.Store(tx != nil && tx.DB() != nil) // a closed transaction has no DB
		}
	}()
	defer panicOnFault()()
	if err = s.db.Update(func(t *bolt.Tx) error { tx = t; return fn(t) }); err == nil {
		s.writes.Add(1)
	}
	return err
}

// panicOnFault makes a memory fault in this goroutine a panic instead of a
// crash of the process, and returns the function that restores the previous
// setting. bbolt reads the file through a memory mapping and trusts the
// offsets it finds there: a flipped bit in a page can send it outside the
// mapping (SIGSEGV) or past the end of the file (SIGBUS), which Go otherwise
// treats as a fatal error no recover can catch. The setting belongs to the
// goroutine, so it is made in the one that runs the transaction; bbolt's
// managed transactions roll back on a panic, which releases a read's locks
// before recoverDamage turns it into the "damaged" error (a write's rollback
// may panic in turn: see update).
func panicOnFault() (restore func()) {
	old := debug.SetPanicOnFault(true)
	return func() { debug.SetPanicOnFault(old) }
}

func (s *Store) recoverDamage(err *error) {
	if r := recover(); r != nil {
		*err = s.noteDamage(damagedError(s.path, r))
	}
}

// noteDamage records d as damage the file showed (Damaged keeps the first)
// and returns it.
func (s *Store) noteDamage(d *DamagedError) *DamagedError {
	s.damaged.CompareAndSwap(nil, d)
	return d
}

func damagedError(path string, cause any) *DamagedError {
	return &DamagedError{Path: path, Cause: fmt.Sprint(cause), Kept: keptSentence(path)}
}

// Damaged returns the damage the file showed so far, or nil: once a read or
// a write met a bad page, nothing written to the file
// can be trusted to stay, so no operation should start.
func (s *Store) Damaged() *DamagedError {
	return s.damaged.Load()
}

// OpenReadOnly opens an existing current history for reading only, for
// callers that must never write nor wait long (shell completion): bbolt's
// read-only mode (a shared lock, no write transaction at all), nothing
// created, migrated or recovered. It fails within timeout with a
// LockedError while a writer holds the file, and with a NotHistoryError or a
// NewerSchemaError as Open does; a file of an older layout is a
// NotHistoryError (Open would migrate it). Writes through the Store fail.
func OpenReadOnly(path string, timeout time.Duration) (*Store, error) {
	if err := checkExisting(path); err != nil {
		return nil, err
	}
	db, err := openBoltWith(path, bolt.Options{ReadOnly: true, Timeout: timeout, OpenFile: openExistingFile})
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, warned: map[string]bool{}}
	err = s.view(func(tx *bolt.Tx) error {
		v, err := s.layoutVersion(tx)
		if err == nil && v != SchemaVersion {
			err = &NotHistoryError{Path: path, Reason: "its layout is older: open it once with zoompose to update it"}
		}
		return err
	})
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}
