package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/zoompose/zoompose/ui/termtext"
)

// Exit codes shared by every subcommand.
const (
	ExitOK    = 0 // success
	ExitAPI   = 1 // Zoom or the network said no, or a local file could not be used
	ExitUsage = 2 // bad usage or invalid input, found before any network call
)

// usageError is bad usage or invalid input: exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// reportedError has already been written to stderr (e.g. diagnostics, one per line); only
// its exit code is left to give.
type reportedError struct {
	code int
	msg  string
}

func (e *reportedError) Error() string { return e.msg }

// report writes err as one line to stderr and returns the exit code it stands for.
func report(err error, stderr io.Writer) int {
	if err == nil {
		return ExitOK
	}
	var reported *reportedError
	if errors.As(err, &reported) {
		return reported.code
	}
	fmt.Fprintln(stderr, "error: "+oneLine(err.Error()))
	var usage *usageError
	if errors.As(err, &usage) {
		return ExitUsage
	}
	return ExitAPI
}

// oneLine keeps an error on one line of stderr whatever its source put in it, with every
// control character and escape sequence shown, never interpreted: error texts quote Zoom's
// answers, ids and card text (see termtext).
func oneLine(s string) string {
	return termtext.Line(strings.Join(strings.Fields(s), " "))
}
