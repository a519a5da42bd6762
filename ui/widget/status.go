package widget

import (
	"charm.land/lipgloss/v2"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
)

// StatusStyle is the colour of a message status: sent green, edited in the
// accent colour, deleted and failed red, outcome-unknown and sending amber.
func StatusStyle(s themes.Styles, st history.Status) lipgloss.Style {
	switch st {
	case history.StatusSent:
		return s.OK
	case history.StatusEdited:
		return s.Title
	case history.StatusDeleted, history.StatusFailed:
		return s.Error
	case history.StatusOutcomeUnknown, history.StatusSending:
		return s.Warn
	}
	return s.Text
}
