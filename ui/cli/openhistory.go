package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
)

// openHistory opens the history the configuration names for writing, creating it and its
// folder if need be (a label, an import or an event can come before the first send). The
// commands that write open it before anything else they do, so a history held by another
// zoompose, a file that is not a history or a damaged one stops them first: the error names
// the file and where its path came from, then says notDone ("nothing was imported"), if any.
func openHistory(cfg Config, notDone string) (*history.Store, error) {
	store, err := history.Open(cfg.DB)
	if err != nil {
		return nil, &historyError{cfg: cfg, err: err, notDone: notDone}
	}
	return store, nil
}

// historyError is a history that cannot be opened, or cannot record an operation
// (ops.HistoryError): the command did nothing.
type historyError struct {
	cfg     Config
	err     error
	notDone string
}

func (e *historyError) Error() string {
	var unrecordable *ops.HistoryError
	if errors.As(e.err, &unrecordable) { // its sentence already names the file and says nothing was sent
		return fmt.Sprintf("%s (ZOOMPOSE_DB from %s). Fix or move the file; in an emergency, --no-history sends without recording it",
			strings.TrimRight(e.err.Error(), ". "), e.cfg.Origin("ZOOMPOSE_DB"))
	}
	msg := strings.TrimRight(e.err.Error(), ". ")
	if strings.Contains(msg, e.cfg.DB) { // history's sentences name the file: say it once
		msg += fmt.Sprintf(" (ZOOMPOSE_DB from %s)", e.cfg.Origin("ZOOMPOSE_DB"))
	} else {
		msg += fmt.Sprintf(" (the history is %s, from %s)", e.cfg.DB, e.cfg.Origin("ZOOMPOSE_DB"))
	}
	if e.notDone != "" {
		msg += "; " + e.notDone
	}
	return msg
}

func (e *historyError) Unwrap() error { return e.err }
