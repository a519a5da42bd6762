package history

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// OpKind names a Zoom operation.
type OpKind string

// The Zoom operations zoompose records.
const (
	OpSend   OpKind = "send"
	OpEdit   OpKind = "edit"
	OpDelete OpKind = "delete"
	OpUnfurl OpKind = "unfurl"
)

// OpState says where an unsettled operation stands.
type OpState string

// The states of an unsettled operation. A settled one has no Operation.
const (
	// OpInFlight: the intent is on disk and the request is on the network.
	// Open turns every in-flight operation it finds into OpUnknown: only a
	// process that died leaves one behind, as the file lock keeps a second
	// process out while the first is sending.
	OpInFlight OpState = "in-flight"
	// OpUnknown: the request may have reached Zoom, but no answer came. It
	// is never repeated without asking the admin.
	OpUnknown OpState = "outcome-unknown"
	// OpFailed: Zoom certainly did not apply it (the network, a 5xx, a
	// rate limit that outlasted the waits, or the admin said it did not
	// arrive); repeating it is safe.
	OpFailed OpState = "failed"
)

// Operation is the write-ahead record of a Zoom operation on a message or an
// unfurl: stored, durably, before its request goes out, and kept until Zoom's
// answer or the admin settles it. A record's Op is nil once it is settled.
type Operation struct {
	Kind  OpKind  `json:"kind"`
	State OpState `json:"state"`
	// Prior is the record's status before an edit or delete, restored when
	// the operation did not happen. "" means the record did not exist before
	// (an edit or delete of a message zoompose did not send), so it goes
	// again when the operation did not happen.
	Prior    Status    `json:"prior,omitempty"`
	Revision *Revision `json:"revision,omitempty"` // edit: the new card
	At       time.Time `json:"at"`                 // when the intent was recorded; the request followed it
	Err      string    `json:"err,omitempty"`      // what was seen instead of an answer
	// Attempts counts the times the operation was started: the first and
	// each retry from the outbox.
	Attempts int `json:"attempts"`
	// Tries counts the requests those attempts put on the network, as the
	// Zoom client reported them when each attempt settled. nil in a record
	// written before requests were counted (see Counted).
	Tries *Tries `json:"tries,omitempty"`
}

// Tries counts the requests an operation put on the network, over all its
// attempts: with the client's own repeats after a 429 or a token refresh,
// three tries may be one press of send.
type Tries struct {
	Requests    int `json:"requests"`
	RateLimited int `json:"rate_limited,omitempty"` // of them, answered 429
}

// add counts the tries of one more attempt.
func (op *Operation) add(t Tries) {
	if op.Tries == nil {
		op.Tries = &Tries{}
	}
	op.Tries.Requests += t.Requests
	op.Tries.RateLimited += t.RateLimited
}

// Counted is the requests the operation made so far. A record written
// before requests were counted says only how often it was started, which is
// what "tries" meant then: that is the count it gives.
func (op *Operation) Counted() Tries {
	if op.Tries == nil {
		return Tries{Requests: op.Attempts}
	}
	return *op.Tries
}

// newOperation is an operation of kind in flight from at, counting its
// tries from zero.
func newOperation(kind OpKind, at time.Time) *Operation {
	return &Operation{Kind: kind, State: OpInFlight, At: at, Attempts: 1, Tries: &Tries{}}
}

// NeedsAction reports whether the operation waits for the admin: it failed,
// or its outcome is unknown.
func (op *Operation) NeedsAction() bool {
	return op != nil && (op.State == OpFailed || op.State == OpUnknown)
}

// diedInFlight is the Err of an operation whose process ended before Zoom
// answered.
const diedInFlight = "zoompose stopped (crashed or was killed) after recording the request and before Zoom's answer arrived"

// Answer is what Zoom said when it applied a send, edit or delete.
type Answer struct {
	MessageID string // send: the new message's id
	RobotJID  string
	ToJID     string
	UserJID   string
	SentTime  string    // as Zoom sent it
	At        time.Time // local clock; now when zero
	Tries     Tries     // the requests this attempt made
}

// BeginSend records the intent to send m, under a new local id, before its
// request goes out: status "sending" with an in-flight send operation. The
// returned record is what is on disk; Applied, NotApplied or Unknown settles
// it with Zoom's answer. m needs its ToJID and one revision (the card).
func (s *Store) BeginSend(m Message, at time.Time) (Message, error) {
	if m.ToJID == "" || len(m.Revisions) != 1 {
		return Message{}, fmt.Errorf("a send needs a recipient and one card before it can be recorded")
	}
	m.ID, m.SentAt, m.Status = NewLocalID(), at, StatusSending
	m.Revisions[0].At = at
	m.Op = newOperation(OpSend, at)
	if err := normalise(&m); err != nil {
		return Message{}, err
	}
	err := s.update(func(tx *bolt.Tx) error { return writeMessage(tx, m) })
	return m, err
}

// BeginRetry records a new attempt of the unsettled operation on record id
// (failed, or of unknown outcome) before its request goes out. card, when
// not nil, replaces the card it sends (the admin changed it before sending
// again). It refuses a settled record or one already in flight; the caller
// (ops) asks the admin before retrying an unknown outcome.
func (s *Store) BeginRetry(id string, card *Revision, at time.Time) (Message, error) {
	return s.settle(id, func(tx *bolt.Tx, m *Message) error {
		if m.Op.State == OpInFlight {
			return &BusyError{ID: m.ID, Op: m.Op}
		}
		if card != nil {
			card.At = at
			if m.Op.Kind == OpSend {
				m.Revisions[0], m.Markdown = *card, card.Markdown
			} else if m.Op.Kind == OpEdit {
				m.Op.Revision = card
			}
		}
		m.Op.State, m.Op.At, m.Op.Err = OpInFlight, at, ""
		m.Op.Attempts++
		if m.Op.Kind == OpSend {
			// This attempt is the one that may post it: the history orders it
			// by now, not by the first try.
			m.Status, m.SentAt, m.Revisions[0].At = StatusSending, at, at
		} else {
			m.Status = m.Op.restored()
		}
		return s.rewrite(tx, *m)
	})
}

// BeginChange records the intent to edit (rev not nil) or delete message id
// before its request goes out. A message zoompose did not send gets a record
// of its own, which goes again if the change does not happen.
func (s *Store) BeginChange(id string, kind OpKind, rev *Revision, at time.Time) (Message, error) {
	if kind != OpEdit && kind != OpDelete {
		return Message{}, fmt.Errorf("BeginChange takes an edit or a delete, not %q", kind)
	}
	if kind == OpEdit && rev == nil {
		return Message{}, fmt.Errorf("an edit of message %s needs the new card", id)
	}
	if rev != nil {
		rev.At = at
		if err := validContent(id, rev.Content); err != nil {
			return Message{}, err
		}
	}
	var m Message
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		m, err = loadMessage(tx, id)
		switch {
		case err == nil:
		case isNotFound(err):
			if sc, err := loadScheduled(tx, id); err == nil {
				return &UnsentScheduledError{ID: id, State: sc.State, Due: sc.Due}
			}
			m = Message{ID: id, SentAt: at}
		default:
			return err
		}
		prior, attempts := m.Status, 1
		if m.Op != nil {
			// Only a change Zoom certainly did not apply may be superseded.
			if m.Op.State != OpFailed || m.Op.Kind == OpSend {
				return &BusyError{ID: m.ID, Op: m.Op}
			}
			prior, attempts = m.Op.Prior, m.Op.Attempts+1
		}
		if m.Status == StatusDeleted {
			return &DeletedError{ID: m.ID, At: m.DeletedAt}
		}
		if IsLocalID(m.ID) {
			return &NoZoomIDError{ID: m.ID}
		}
		tries := &Tries{}
		if m.Op != nil {
			tries = m.Op.Tries // a failed change superseded: its tries count on
		}
		m.Op = &Operation{Kind: kind, State: OpInFlight, Prior: prior, Revision: rev, At: at, Attempts: attempts, Tries: tries}
		if m.Status == "" {
			m.Status = StatusOutcomeUnknown // nothing is known of it until Zoom answers
		}
		return s.rewrite(tx, m)
	})
	return m, err
}

// Applied settles the operation on record id with Zoom's answer, in one
// transaction: a send moves to Zoom's message id (the local id stays as an
// alias of it) with status "sent" and counts a use of its recipient; an edit
// adds its revision; a delete marks the message deleted, keeping its content.
func (s *Store) Applied(id string, a Answer) (Message, error) {
	if a.At.IsZero() {
		a.At = time.Now()
	}
	return s.settle(id, func(tx *bolt.Tx, m *Message) error {
		m.fillFrom(a)
		m.Op.add(a.Tries)
		m.LastTries = *m.Op.Tries
		switch m.Op.Kind {
		case OpSend:
			return s.settleSent(tx, m, a)
		case OpEdit:
			m.Revisions = append(m.Revisions, *m.Op.Revision)
			m.Status = StatusEdited
		case OpDelete:
			m.Status, m.DeletedAt = StatusDeleted, a.At
		}
		m.Op = nil
		return s.rewrite(tx, *m)
	})
}

// settle changes the unsettled operation on message id, and what goes with
// it, in one transaction; a record with no unsettled operation is a
// *SettledError.
func (s *Store) settle(id string, change func(*bolt.Tx, *Message) error) (Message, error) {
	var m Message
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		if m, err = loadMessage(tx, id); err != nil {
			return err
		}
		if m.Op == nil {
			return &SettledError{ID: id, Status: m.Status}
		}
		return change(tx, &m)
	})
	return m, err
}

// settleSent moves a sent message from its local id to Zoom's.
func (s *Store) settleSent(tx *bolt.Tx, m *Message, a Answer) error {
	localID := m.ID
	if err := idFree(tx, a.MessageID, localID); err != nil {
		return err
	}
	if err := s.removeMessage(tx, localID); err != nil {
		return err
	}
	if a.MessageID != "" && a.MessageID != localID {
		m.ID = a.MessageID
		if err := tx.Bucket(bucketAliases).Put([]byte(localID), []byte(m.ID)); err != nil {
			return err
		}
	}
	m.Status, m.Op = StatusSent, nil
	if err := s.rewrite(tx, *m); err != nil {
		return err
	}
	return s.touchRecipient(tx, m.ToJID, a.At)
}

// idFree refuses to give record localID the message id zoomID when another
// record already has it (as its id, or as the local id it had before it was
// sent): moving there would overwrite that record.
func idFree(tx *bolt.Tx, zoomID, localID string) error {
	if zoomID == "" || zoomID == localID {
		return nil
	}
	owner := zoomID
	if tx.Bucket(bucketMessages).Get([]byte(zoomID)) == nil {
		alias := tx.Bucket(bucketAliases).Get([]byte(zoomID))
		if alias == nil || string(alias) == localID {
			return nil
		}
		owner = string(alias)
	}
	return &IDTakenError{ID: localID, MessageID: zoomID, Owner: owner}
}

// NotApplied settles an operation Zoom certainly did not apply, counting
// the tries of its last attempt. With keep (a failure worth retrying) the
// record stays, failed, for the admin to retry or discard; without it the
// operation is forgotten: a send's record goes, an edit or delete leaves the
// message as it was.
func (s *Store) NotApplied(id, reason string, keep bool, tries Tries) (Message, error) {
	if keep {
		return s.setState(id, OpFailed, reason, tries)
	}
	return s.forget(id, nil)
}

// Unknown settles an operation whose answer never came, counting the tries
// of its last attempt: the record says "outcome-unknown" until the admin
// resolves it.
func (s *Store) Unknown(id, reason string, tries Tries) (Message, error) {
	return s.setState(id, OpUnknown, reason, tries)
}

// Discard forgets a failed operation: a send's record goes (its message never
// reached Zoom), an edit or delete leaves the message as it was. An unknown
// outcome cannot be discarded: the admin says first whether it arrived.
func (s *Store) Discard(id string) (Message, error) {
	if _, _, isUnfurl, err := s.pendingState(id); err == nil && isUnfurl {
		_, err := s.modifyUnfurl(id, func(u *Unfurl) (bool, error) {
			return true, discardable(id, u.Op)
		})
		return Message{}, err
	}
	return s.forget(id, func(m *Message) error { return discardable(id, m.Op) })
}

func discardable(id string, op *Operation) error {
	if op.State != OpFailed {
		return fmt.Errorf("%s is not a failed operation; only those can be discarded (resolve an unknown outcome first: it arrived, or it did not)", id)
	}
	return nil
}

func (s *Store) setState(id string, state OpState, reason string, tries Tries) (Message, error) {
	return s.settle(id, func(tx *bolt.Tx, m *Message) error {
		m.Op.State, m.Op.Err = state, reason
		m.Op.add(tries)
		switch {
		case state == OpUnknown:
			m.Status = StatusOutcomeUnknown
		case m.Op.Kind == OpSend:
			m.Status = StatusFailed
		default:
			m.Status = m.Op.restored()
		}
		return s.rewrite(tx, *m)
	})
}

// restored is the status a message goes back to while its change is not
// applied: the status it had, or, for a message zoompose did not send (no
// prior status), outcome-unknown as BeginChange recorded it.
func (op *Operation) restored() Status {
	if op.Prior == "" {
		return StatusOutcomeUnknown
	}
	return op.Prior
}

// forget drops the unsettled operation on message id, after check (when not
// nil) agrees inside the same transaction.
func (s *Store) forget(id string, check func(*Message) error) (Message, error) {
	return s.settle(id, func(tx *bolt.Tx, m *Message) error {
		if check != nil {
			if err := check(m); err != nil {
				return err
			}
		}
		if m.Op.Kind == OpSend || m.Op.Prior == "" {
			return s.removeMessage(tx, m.ID)
		}
		m.Status, m.Op = m.Op.Prior, nil
		return s.rewrite(tx, *m)
	})
}

// fillFrom takes what Zoom's answer says about the message.
func (m *Message) fillFrom(a Answer) {
	for _, f := range []struct {
		dst *string
		v   string
	}{
		{&m.RobotJID, a.RobotJID}, {&m.ToJID, a.ToJID}, {&m.UserJID, a.UserJID},
	} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	if m.Op.Kind == OpSend && a.SentTime != "" {
		m.ZoomSentTime = a.SentTime
	}
}

// rewrite replaces a message record and its index entries, and keeps the
// pending index in step with its operation.
func (s *Store) rewrite(tx *bolt.Tx, m Message) error {
	if err := s.unindex(tx, m.ID); err != nil {
		return err
	}
	return writeMessage(tx, m)
}

// removeMessage deletes a message record, its index entries and its pending
// entry.
func (s *Store) removeMessage(tx *bolt.Tx, id string) error {
	if err := s.unindex(tx, id); err != nil {
		return err
	}
	if err := tx.Bucket(bucketPending).Delete([]byte(id)); err != nil {
		return err
	}
	return tx.Bucket(bucketMessages).Delete([]byte(id))
}

// recoverInFlight turns the operations a dead process left in flight into
// unknown outcomes. It runs inside Open's write transaction.
func (s *Store) recoverInFlight(tx *bolt.Tx, ids []pendingRef) error {
	for _, ref := range ids {
		if err := s.markDiedInFlight(tx, ref); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) markDiedInFlight(tx *bolt.Tx, ref pendingRef) error {
	// A damaged record stays indexed, as unknown, so that the outbox keeps
	// reporting it and the next Open has nothing to recover; an entry whose
	// record is gone or settled goes.
	damaged := func(err error) error {
		if err == nil || isNotFound(err) {
			return tx.Bucket(bucketPending).Delete([]byte(ref.id))
		}
		s.warn(err)
		return indexPending(tx, ref.id, &Operation{State: OpUnknown}, ref.unfurlKey)
	}
	if ref.unfurlKey != nil {
		u, err := loadUnfurl(tx, ref.unfurlKey)
		if err != nil || u.Op == nil {
			return damaged(err)
		}
		u.Op.State, u.Op.Err, u.Status = OpUnknown, diedInFlight, StatusOutcomeUnknown
		return writeUnfurl(tx, u)
	}
	m, err := loadMessage(tx, ref.id)
	if err != nil || m.Op == nil {
		return damaged(err)
	}
	m.Op.State, m.Op.Err, m.Status = OpUnknown, diedInFlight, StatusOutcomeUnknown
	return s.rewrite(tx, m)
}

func isNotFound(err error) bool {
	_, ok := err.(*NotFoundError)
	return ok
}

// Resolution is the admin's word on an unknown outcome, after looking in Zoom.
type Resolution struct {
	Arrived   bool
	MessageID string // a send that arrived: the id Zoom gave it, when the admin found it ("" keeps the local id)
}

// Resolved says what a resolution left: the record's id (a send that arrived
// with its Zoom id moves to it), its kind and its status.
type Resolved struct {
	ID     string
	Kind   OpKind
	Status Status
}

// Resolve settles the unknown outcome of record id (a message or an unfurl)
// as the admin says: it arrived, so it is recorded as applied; or it did
// not, so it is failed, for the admin to retry or discard safely.
func (s *Store) Resolve(id string, r Resolution) (Resolved, error) {
	state, kind, isUnfurl, err := s.pendingState(id)
	if err != nil {
		return Resolved{}, err
	}
	if state != OpUnknown {
		return Resolved{}, fmt.Errorf("%s is %s, not of unknown outcome: there is nothing to resolve", id, state)
	}
	if isUnfurl {
		newState := OpState("")
		if !r.Arrived {
			newState = OpFailed
		}
		u, err := s.SettleUnfurl(id, newState, "the admin said it did not arrive", false, Tries{})
		return Resolved{ID: u.ID, Kind: OpUnfurl, Status: u.Status}, err
	}
	var m Message
	if r.Arrived {
		m, err = s.Applied(id, Answer{MessageID: r.MessageID})
	} else {
		m, err = s.NotApplied(id, "the admin said it did not arrive", true, Tries{})
	}
	return Resolved{ID: m.ID, Kind: kind, Status: m.Status}, err
}

// pendingState returns the state and kind of record id's unsettled
// operation, or a SettledError for a message that has none.
func (s *Store) pendingState(id string) (state OpState, kind OpKind, isUnfurl bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		ref, ok := decodePending([]byte(id), tx.Bucket(bucketPending).Get([]byte(id)))
		if ok && ref.unfurlKey != nil {
			state, kind, isUnfurl = ref.state, OpUnfurl, true
			return nil
		}
		m, err := loadMessage(tx, id)
		switch {
		case err != nil:
			return err
		case m.Op == nil:
			return &SettledError{ID: id, Status: m.Status}
		}
		state, kind = m.Op.State, m.Op.Kind
		return nil
	})
	return state, kind, isUnfurl, err
}
