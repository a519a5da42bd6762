package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/ui/termtext"
	"github.com/zoompose/zoompose/zoom"
)

// runHistoryEvents is `zoompose history --events [--json]`: every kept event, oldest first,
// streamed one record at a time. --json prints each as `zoompose events --json` does.
func runHistoryEvents(o *historyOptions) error {
	for flag, set := range map[string]bool{"--unfurls": o.Unfurls, "--to": o.To != "", "--status": o.Status != "", "--search": o.Search != ""} {
		if set {
			return usagef("--events lists the kept events and cannot be combined with %s", flag)
		}
	}
	store, done, err := o.openStore()
	if err != nil {
		return err
	}
	defer done()
	defer printWarnings(o.Err, store)
	out := bufio.NewWriter(o.Out)
	n := 0
	err = store.EachEvent(func(e history.Event) error {
		n++
		if o.JSON {
			return writeEventJSON(out, ops.ZoomEvent(e))
		}
		_, err := fmt.Fprintln(out, eventLine(e, "2006-01-02 15:04:05"))
		return err
	})
	if err != nil {
		return err
	}
	if n == 0 && !o.JSON {
		fmt.Fprintln(o.Err, "no events kept yet: `zoompose events` (or the app's Events screen) receives them")
	}
	return out.Flush()
}

// writeEventJSON writes the event as Zoom sent it plus received_at and source, on one line,
// with every character a terminal would act on escaped (it stays the same JSON value).
func writeEventJSON(w io.Writer, e zoom.Event) error {
	_, err := w.Write(append(termtext.JSON(e.JSON()), '\n'))
	return err
}

// eventLine is one event for a person: time, event, who, where, what. Every field is
// outside text and goes through termtext.Line.
func eventLine(e history.Event, layout string) string {
	where := e.Where
	if where != "" && where != "direct message" {
		where = "#" + where
	}
	fields := []string{
		e.ReceivedAt.Local().Format(layout),
		pad(clipRunes(termtext.Line(e.Name), 36), 36),
		pad(clipRunes(termtext.Line(e.Who), 24), 24),
		pad(clipRunes(termtext.Line(where), 20), 20),
		clipRunes(termtext.Line(e.What), 120),
	}
	return strings.TrimRight(strings.Join(fields, "  "), " ")
}

// clipRunes shortens s to n runes with an ellipsis.
func clipRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func pad(s string, n int) string {
	if k := len([]rune(s)); k < n {
		return s + strings.Repeat(" ", n-k)
	}
	return s
}
